import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnnotatedDocument } from '../../src/document.js';
import { extractQuotes } from '../../src/extract/quotes/extract.js';
import { type FilterModel, filterModel, filterQuotes } from '../../src/extract/quotes/filter.js';
import { addRecall, type RecallModel, recallModel } from '../../src/extract/quotes/recall.js';
import { analyze } from '../../src/pipeline.js';

// The learned layers of the quotes stage (models/quotes-filter.json, models/quotes-recall.json).

function run(content: string): AnnotatedDocument {
  return analyze({ id: 't', origin: 't', url: null, format: 'text', content, published: null, title: null });
}

const TEXT =
  'Budget talks stalled again on Monday.\n\nThe governor asked whether the state could afford another bond issue this year.\n\n' +
  '"We will not raise taxes on families," Mayor Tom Reyes said.\n\nHe was told to leave the building.\n';

describe('quotes: learned layers', () => {
  test('the committed models load, once', () => {
    const f = filterModel();
    const r = recallModel();
    assert.ok(f && r);
    assert.ok(f.threshold > 0 && f.threshold < 1);
    assert.ok(r.threshold > 0 && r.threshold < 1 && r.words?.length);
    assert.equal(filterModel(), f);
  });

  test('recall adds a reported question the rules miss, with the words before the cue as speaker', () => {
    // a hand-made model, so that the test does not depend on the trained weights
    const toy: RecallModel = {
      threshold: 0.5,
      bias: -3,
      words: ['asked', 'told'],
      weights: { 'w=asked': 6, 'w=told': 6 },
    };
    const d = run(TEXT);
    const rules = extractQuotes(d, { learned: false });
    assert.ok(!rules.some((q) => q.cue?.text === 'asked'));
    const quotes = addRecall(d, rules, toy);
    const q = quotes.find((x) => x.cue?.text === 'asked');
    assert.ok(q, quotes.map((x) => x.text).join(' | '));
    assert.equal(q.text, 'whether the state could afford another bond issue this year');
    assert.equal(q.kind, 'indirect');
    assert.equal(q.speaker?.text, 'The governor');
    // a passive with an infinitive is never a cue
    assert.ok(!quotes.some((x) => x.cue?.text === 'told'));
  });

  test('a plain attributed direct quote is kept; ids stay in document order', () => {
    const d = run(TEXT);
    const direct = d.quotes.find((x) => x.kind === 'direct');
    assert.ok(direct);
    assert.equal(direct.speaker?.text, 'Tom Reyes');
    assert.deepEqual(
      d.quotes.map((q) => q.id),
      d.quotes.map((_, i) => `q${i + 1}`),
    );
    const starts = d.quotes.map((q) => q.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  test('a filter that rejects everything drops the quotes and their nested ones; no model changes nothing', () => {
    const d = run(TEXT);
    const rules = extractQuotes(d, { learned: false });
    const reject: FilterModel = { threshold: 0.5, bias: -10, weights: {} };
    assert.equal(filterQuotes(d, rules, reject).length, 0);
    assert.equal(filterQuotes(d, rules, null), rules);
    assert.equal(addRecall(d, rules, null), rules);
  });
});
