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

  it('keeps numbers with units, hyphenated numbers, acronym compounds and numeric possessives', () => {
    const toks = tokenize('The 10-year-old U.S.-based firm paid $1.2bn, up 3.5% on 2023’s 1,200.').map(
      (t) => t.text,
    );
    assert.deepEqual(toks, [
      'The',
      '10-year-old',
      'U.S.-based',
      'firm',
      'paid',
      '$',
      '1.2bn',
      ',',
      'up',
      '3.5',
      '%',
      'on',
      '2023',
      '’s',
      '1,200',
      '.',
    ]);
  });

  it('keeps offsets exact over curly quotes, dashes and datelines', () => {
    const text = 'MOSCOW, June 21. /TASS/. “It is needed — now,” Lobov said.';
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
    const s = splitSentences(text, tokenize(text)).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(s, ['MOSCOW, June 21. /TASS/.', '“It is needed — now,” Lobov said.']);
  });

  it('does not end a sentence at an abbreviation before a number or a lower-case word', () => {
    const text =
      'The talks lasted until 11 p.m. on Jan. 5, 2024. No. 10 Downing St. responded at 9 a.m. The U.N. agreed.';
    const s = splitSentences(text, tokenize(text)).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(s, [
      'The talks lasted until 11 p.m. on Jan. 5, 2024.',
      'No. 10 Downing St. responded at 9 a.m.',
      'The U.N. agreed.',
    ]);
  });

  it('splits sentences inside a quotation that spans them, keeping the closing quote', () => {
    const text = 'She said: “It is over. We lost.” Then she left.';
    const s = splitSentences(text, tokenize(text)).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(s, ['She said: “It is over.', 'We lost.”', 'Then she left.']);
  });
});
