import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyLayout } from '../../src/article/layout.js';
import type { Mention } from '../../src/document.js';
import { evaluateNer } from '../../src/evaluate/ner.js';
import type { GoldDocument } from '../../src/nlp/ner/corpus.js';
import { loadGazetteerData, NER_MODEL_FILE, NerModel, readModelFile } from '../../src/nlp/ner/model.js';
import { cutAtPossessive, extendOrganisations } from '../../src/nlp/ner/refine.js';
import { nerStage, tagTokens } from '../../src/nlp/ner/stage.js';
import { LABELS, labelsToSpans, spansToLabels } from '../../src/nlp/ner/tagger.js';
import { conllClass, contractType } from '../../src/nlp/ner/types.js';
import { languageStage } from '../../src/nlp/stage.js';
import { tokenize } from '../../src/nlp/tokenize.js';
import { modelPath } from '../../src/paths.js';
import { emptyDocument } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';

function tagText(text: string): Mention[] {
  const doc = emptyDocument({ text, url: null, layout: emptyLayout() }, 't');
  const ctx = { now: new Date(0), referenceDate: null };
  return nerStage.run(languageStage.run(doc, ctx), ctx).mentions;
}

const has = (ms: Mention[], text: string, type: string) => ms.some((m) => m.text === text && m.type === type);

describe('NER model', () => {
  // Load time is measured in `npm run bench load`, not asserted here.
  it('loads from models/', () => {
    const model = new NerModel(readModelFile(modelPath(NER_MODEL_FILE)), loadGazetteerData());
    assert.ok(model.pass1.table.size > 10000);
  });

  it('finds the people, organisations, places and nationalities of the seed article', () => {
    const text = fixture('seed-article.txt');
    const ms = tagText(text);
    for (const m of ms) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.equal(m.kind, 'name');
      assert.ok(typeof m.score === 'number' && m.score >= 0 && m.score <= 1);
    }
    for (let i = 1; i < ms.length; i++) assert.ok(ms[i - 1].start <= ms[i].start, 'sorted by start');
    for (const p of ['Vladimir Putin', 'Kim Jong Un', 'Roman Lobov', 'Putin', 'Kim', 'Lobov'])
      assert.ok(has(ms, p, 'PERSON'), p);
    assert.ok(has(ms, 'TASS', 'ORG'));
    assert.ok(has(ms, 'Russian Institute for Strategic Studies', 'ORG'));
    assert.ok(
      ms.some((m) => m.text === 'US'),
      'the headline\'s "US’ actions" gives the name "US"',
    );
    for (const g of [
      'Russia',
      'North Korea',
      'United States',
      'South Korea',
      'Japan',
      'Soviet Union',
      'Pyongyang',
      'Moscow',
    ])
      assert.ok(has(ms, g, 'GPE'), g);
    assert.ok(has(ms, 'Korean Peninsula', 'LOC'));
    assert.ok(has(ms, 'River Tumannaya', 'LOC'));
    assert.ok(has(ms, 'Russian', 'NORP'));
    assert.ok(has(ms, 'North Korean', 'NORP'));
  });

  it('tags sentences of its own kind', () => {
    const s = 'German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Tuesday.';
    const ms = tagTokens(s, tokenize(s));
    assert.deepEqual(
      ms.map((m) => `${m.type}:${m.text}`),
      ['NORP:German', 'PERSON:Angela Merkel', 'NORP:French', 'PERSON:Emmanuel Macron', 'GPE:Berlin'],
    );
    const t = 'Ukrainian troops crossed the Dnieper River near Kherson, the Defence Ministry said.';
    assert.deepEqual(
      tagTokens(t, tokenize(t)).map((m) => `${m.type}:${m.text}`),
      ['NORP:Ukrainian', 'LOC:Dnieper River', 'GPE:Kherson', 'ORG:Defence Ministry'],
    );
  });

  it('tags curly-quoted possessives without swallowing the clitic, and a surname like its full name', () => {
    const text =
      'Kim Jong Un met Vladimir Putin. It was a return visit at Kim’s invitation, Putin’s aide said.';
    const ms = tagText(text);
    assert.ok(has(ms, 'Kim Jong Un', 'PERSON'));
    assert.ok(has(ms, 'Kim', 'PERSON'), 'the second pass carries "Kim" over from "Kim Jong Un"');
    assert.ok(has(ms, 'Putin', 'PERSON'));
    assert.ok(!ms.some((m) => m.text.includes('’')));
  });
});

describe('BILOU and types', () => {
  it('round-trips spans through BILOU labels', () => {
    const spans = [
      { start: 0, end: 2, cls: 'PER' as const },
      { start: 3, end: 4, cls: 'LOC' as const },
      { start: 5, end: 8, cls: 'ORG' as const },
    ];
    const labels = spansToLabels(9, spans);
    assert.deepEqual(
      [...labels].map((l) => LABELS[l]),
      ['B-PER', 'L-PER', 'O', 'U-LOC', 'O', 'B-ORG', 'I-ORG', 'L-ORG', 'O'],
    );
    assert.deepEqual(labelsToSpans(labels), spans);
  });

  it('maps CoNLL classes to contract types and back', () => {
    const lex = {
      places: new Set(['russia', 'north korea']),
      locationWords: new Set(['river', 'peninsula', 'sea']),
      demonyms: new Set(['russian', 'korean']),
    };
    assert.equal(contractType('LOC', ['russia'], lex), 'GPE');
    assert.equal(contractType('LOC', ['korean', 'peninsula'], lex), 'LOC');
    assert.equal(contractType('LOC', ['river', 'tumannaya'], lex), 'LOC');
    assert.equal(contractType('LOC', ['europe'], lex), 'LOC');
    assert.equal(contractType('LOC', ['springfield'], lex), 'GPE');
    assert.equal(contractType('MISC', ['russian'], lex), 'NORP');
    assert.equal(contractType('MISC', ['north', 'korean'], lex), 'NORP');
    assert.equal(contractType('MISC', ['olympics'], lex), 'MISC');
    assert.equal(conllClass('GPE'), 'LOC');
    assert.equal(conllClass('FAC'), 'LOC');
    assert.equal(conllClass('NORP'), 'MISC');
    assert.equal(conllClass('PERSON'), 'PER');
  });
});

describe('organisation spans', () => {
  const org = new Set(['institute', 'ministry']);
  const common = new Set(['the']);
  it('grows a partial ORG to the whole formal name, absorbing a nationality', () => {
    const words = 'He works for the Baltic Institute for Marine Studies .'.split(' ');
    const spans = [
      { start: 4, end: 5, cls: 'MISC' as const, score: 1 },
      { start: 7, end: 9, cls: 'ORG' as const, score: 1 },
    ];
    assert.deepEqual(extendOrganisations(words, spans, org, common), [
      { start: 4, end: 9, cls: 'ORG', score: 1 },
    ]);
  });
  it('keeps a nationality apart when there is no "of"/"for" name, and never absorbs a person', () => {
    const words = 'the Danish Foreign Ministry said'.split(' ');
    const spans = [
      { start: 1, end: 2, cls: 'MISC' as const, score: 1 },
      { start: 2, end: 4, cls: 'ORG' as const, score: 1 },
    ];
    assert.deepEqual(extendOrganisations(words, spans, org, common), spans);
    const w2 = 'Anna Berg Institute for Peace'.split(' ');
    const s2 = [
      { start: 0, end: 2, cls: 'PER' as const, score: 1 },
      { start: 2, end: 5, cls: 'ORG' as const, score: 1 },
    ];
    assert.deepEqual(extendOrganisations(w2, s2, org, common), s2);
  });
});

describe('possessives', () => {
  it('ends a name before a possessive followed by a common word, but keeps names that go on in capitals', () => {
    const s = (start: number, end: number) => ({ start, end, cls: 'MISC' as const, score: 1 });
    assert.deepEqual(cutAtPossessive(['UK', '’', 'plans'], [s(0, 3)]), [s(0, 1)]);
    assert.deepEqual(cutAtPossessive(['Queen', "'s", 'Park'], [s(0, 3)]), [s(0, 3)]);
    assert.deepEqual(cutAtPossessive(['Lord', "'s"], [s(0, 2)]), [s(0, 2)]);
  });
});

describe('evaluate ner', () => {
  it('scores exact spans and types, conlleval style', () => {
    const text = 'Angela Merkel visited Paris.\nThe talks in Berlin ended.';
    const doc: GoldDocument = {
      id: 'd1',
      text,
      scoredUntil: text.length,
      sentences: [
        {
          start: 0,
          end: 28,
          entities: [
            { start: 0, end: 13, type: 'PER' },
            { start: 22, end: 27, type: 'LOC' },
          ],
        },
        // A gold ORG the tagger will not find, to check recall.
        { start: 29, end: 55, entities: [{ start: 42, end: 48, type: 'ORG' }] },
      ],
    };
    const e = evaluateNer([doc], 'conll');
    assert.equal(e.perType.PER.tp, 1);
    assert.equal(e.perType.LOC.tp, 1);
    assert.equal(e.perType.LOC.fp, 1, 'Berlin is LOC, gold says ORG');
    assert.equal(e.perType.ORG.fn, 1);
    assert.equal(e.overall.tp, 2);
    assert.ok(Math.abs(e.overall.precision - 2 / 3) < 1e-9);
    assert.ok(Math.abs(e.overall.recall - 2 / 3) < 1e-9);
  });
});
