import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregate, countPage, shingles, tokens } from '../../src/evaluate/extraction.js';

describe('extraction benchmark metric', () => {
  it('tokens are runs of letters, digits and underscores, case kept', () => {
    assert.deepEqual(tokens("Don't panic: snake_case, Ünïcode 42!"), [
      'Don',
      't',
      'panic',
      'snake_case',
      'Ünïcode',
      '42',
    ]);
  });

  it('shingles are token 4-grams; short texts give one shorter shingle', () => {
    assert.equal(shingles('a b c d e').size, 2);
    assert.equal(shingles('a b').size, 1);
    assert.equal(shingles('').size, 0);
    assert.equal(
      [...shingles('x y x y x y x').values()].reduce((a, b) => a + b, 0),
      4,
    );
  });

  it('counts true and false positives over multisets', () => {
    assert.deepEqual(countPage('a b c d e', 'a b c d e'), { tp: 2, fp: 0, fn: 0 });
    assert.deepEqual(countPage('a b c d e f', 'a b c d e'), { tp: 2, fp: 1, fn: 0 });
    assert.deepEqual(countPage('', 'a b c d'), { tp: 0, fp: 0, fn: 1 });
  });

  it('averages precision over pages that predicted something and recall over pages with truth', () => {
    const s = aggregate([
      { tp: 1, fp: 1, fn: 0 },
      { tp: 0, fp: 0, fn: 4 },
    ]);
    assert.equal(s.precision, 0.5);
    assert.equal(s.recall, 0.5);
    assert.equal(s.f1, 0.5);
  });
});
