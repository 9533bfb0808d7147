import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSentences } from '../../src/nlp/sentences.js';
import { tokenize } from '../../src/nlp/tokenize.js';

describe('tokens and sentences', () => {
  it('keeps abbreviations, initials and hyphenated words whole and splits possessives', () => {
    const toks = tokenize('Gen. J. Smith of the U.S. said Moscow-Pyongyang ties, Russia’s too.').map(
      (t) => t.text,
    );
    assert.deepEqual(toks, [
      'Gen.',
      'J.',
      'Smith',
      'of',
      'the',
      'U.S.',
      'said',
      'Moscow-Pyongyang',
      'ties',
      ',',
      'Russia',
      '’s',
      'too',
      '.',
    ]);
  });

  it('splits sentences but not after titles, and keeps closing quotes with their sentence', () => {
    const text =
      '"It is needed," said Mr. Lobov. He added: "We agree." The U.S. Army disagreed.\n\nNew paragraph';
    const s = splitSentences(text, tokenize(text)).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(s, [
      '"It is needed," said Mr. Lobov.',
      'He added: "We agree."',
      'The U.S. Army disagreed.',
      'New paragraph',
    ]);
  });
});
