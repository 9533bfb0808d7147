import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  aggregate,
  countPage,
  evaluateCommand,
  loadExtractionBenchmark,
  ours,
  readability,
  runExtractors,
  shingles,
  tokens,
} from '../../src/evaluate/extraction.js';
import { fixture } from '../helpers.js';

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

describe('extraction benchmark runner', () => {
  it('exits 2 with a message when the benchmark is absent', async () => {
    const write = process.stderr.write;
    let said = '';
    process.stderr.write = ((chunk: string) => {
      said += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      assert.equal(await evaluateCommand(['--gold', join(tmpdir(), 'newsgraph-no-such-benchmark')]), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.match(said, /gold data not found/);
  });

  it('loads gzipped pages with their truth and scores ours against Readability', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-extraction-'));
    try {
      mkdirSync(join(dir, 'html'));
      const html = fixture('html/harbour-treaty.html');
      writeFileSync(join(dir, 'html', 'p1.html.gz'), gzipSync(Buffer.from(html)));
      const truth = ours(html, null);
      writeFileSync(
        join(dir, 'ground-truth.json'),
        JSON.stringify({ p1: { articleBody: truth, url: null } }),
      );
      const pages = loadExtractionBenchmark(dir);
      assert.equal(pages.length, 1);
      const [mine, base] = runExtractors(pages, [
        { name: 'newsgraph', run: ours },
        { name: 'Readability.js', run: readability },
      ]);
      assert.equal(mine.scores.f1, 1);
      assert.ok(base.scores.precision < 1, 'Readability keeps some furniture of the fixture page');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
