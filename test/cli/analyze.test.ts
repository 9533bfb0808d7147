import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { CLI, fixturePath } from '../helpers.js';

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [...CLI, ...args], { input, encoding: 'utf8' });
}

describe('newsgraph analyze', () => {
  it('analyses the seed article into an AnalyzedDocument', () => {
    const r = cli(['analyze', fixturePath('seed-article.txt')]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schema, 'newsgraph.document/1');
    assert.equal(doc.article.dateline.date, '2024-06-21');
    assert.equal(doc.article.body.start, 248);
    assert.match(doc.id, /^[0-9a-f]{16}$/);
  });

  it('keeps ids and order in --jsonl mode and reports a bad record without stopping', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'PARIS (AP) — France and Germany signed a deal on Monday.' }),
      '{not json',
      JSON.stringify({ id: 'c' }),
      JSON.stringify({
        id: 'd',
        html: '<html><body><h1>T</h1><p>Some words here.</p></body></html>',
        published: '2024-01-02',
      }),
    ].join('\n');
    const r = cli(['analyze', '--jsonl', '-'], input);
    assert.equal(r.status, 1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.id),
      ['a', null, 'c', 'd'],
    );
    assert.ok(lines[1].error.includes('not valid JSON'));
    assert.ok(lines[2].error.includes('"text" or "html"'));
    assert.equal(lines[3].article.published, '2024-01-02');
    assert.match(r.stderr, /stdin:2/);
  });

  it('reads standard input and honours --published', () => {
    const r = cli(
      ['analyze', '-', '--published', '2024-06-22'],
      'LONDON, Aug 29 (Reuters) - Sterling rose on Thursday.',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).article.dateline.date, '2023-08-29');
  });

  it('exits 2 on usage errors', () => {
    assert.equal(cli(['analyze']).status, 2);
    assert.equal(cli(['analyze', 'x', '--published', 'yesterday']).status, 2);
    assert.equal(cli(['frobnicate']).status, 2);
  });

  it('names a missing or empty input and exits 1', () => {
    const r = cli(['analyze', 'no/such/file.txt']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no\/such\/file\.txt/);
  });
});
