import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromText } from '../src/ingest/input.js';
import { analyze } from '../src/pipeline.js';
import { toAnalyzedDocument } from '../src/serialize.js';
import { validateDocument } from '../src/validate.js';
import { fixture } from './helpers.js';

describe('output contract', () => {
  it('the seed article validates against docs/schema/document.schema.json and its spans are exact', () => {
    const doc = toAnalyzedDocument(analyze(fromText(fixture('seed-article.txt'), 'seed', {})));
    assert.deepEqual(validateDocument(doc), []);
  });

  it('an HTML document validates too', () => {
    const html =
      '<html lang="en"><head><title>A headline</title></head><body><article><h1>A headline</h1><p>Paris and Berlin signed a deal on Monday, officials said.</p><p>More text follows here in a second paragraph.</p></article></body></html>';
    const doc = toAnalyzedDocument(analyze(fromText(html, 'page', {})));
    assert.deepEqual(validateDocument(doc), []);
  });

  it('reports a span whose text is not its slice', () => {
    const doc = toAnalyzedDocument(analyze(fromText(fixture('seed-article.txt'), 'seed', {})));
    doc.article.title = { start: 0, end: 3, text: 'xyz' };
    assert.match(validateDocument(doc)[0], /article\.title/);
  });
});
