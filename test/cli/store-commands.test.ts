import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CLI, fixturePath } from '../helpers.js';

function cli(args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8' });
}

describe('ingest, stats, search, reprocess and export from the command line', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'newsgraph-cli-')), 'store.db');
  before(() => {
    const r = cli([
      'ingest',
      fixturePath('seed-article.txt'),
      fixturePath('treaty-report-a.txt'),
      fixturePath('treaty-report-b.txt'),
      '--db',
      db,
      '--workers',
      '0',
      '-q',
    ]);
    assert.equal(r.status, 0, r.stderr);
  });

  it('counts what was stored, and a second ingest changes nothing', () => {
    const again = cli(['ingest', fixturePath('seed-article.txt'), '--db', db, '--workers', '0', '--json']);
    assert.equal(JSON.parse(again.stdout).unchanged, 1);
    const s = JSON.parse(cli(['stats', '--db', db, '--json']).stdout);
    assert.equal(s.documents, 3);
    assert.ok(s.entities > 10);
    assert.ok(s.quotes >= 10);
  });

  it('searches from the command line', () => {
    const r = cli(['search', 'Tumannaya', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\*Tumannaya\*/);
  });

  it('reprocess has nothing to do when the pipeline has not changed', () => {
    const r = cli(['reprocess', '--db', db, '--json']);
    assert.equal(JSON.parse(r.stdout).reprocessed, 0);
  });

  it('exports JSONL documents, schema.org JSON-LD, ninjs, CSV and GDELT-style events', () => {
    const jsonl = cli(['export', 'jsonl', '--db', db])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(jsonl.length, 3);
    assert.ok(jsonl.every((d) => d.schema === 'newsgraph.document/1'));
    const ld = cli(['export', 'jsonld', '--db', db, '--q', 'Lobov'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(ld.length, 1);
    assert.equal(ld[0]['@type'], 'NewsArticle');
    assert.ok(ld[0].hasPart.some((q: { creator?: { name: string } }) => q.creator?.name === 'Roman Lobov'));
    const ninjs = JSON.parse(cli(['export', 'ninjs', '--db', db, '--q', 'Lobov']).stdout.trim());
    assert.equal(ninjs.type, 'text');
    assert.match(ninjs.body_text, /^The treaty on comprehensive strategic partnership/);
    const csv = cli(['export', 'csv', '--what', 'quotes', '--db', db]).stdout.split('\r\n');
    assert.equal(
      csv[0],
      'id,doc_id,published,kind,speaker_entity_id,speaker,speaker_text,cue,text,start,end',
    );
    assert.ok(csv.length > 10);
    const tsv = cli(['export', 'gdelt', '--db', db]).stdout.replace(/\n$/, '').split('\n');
    assert.equal(tsv[0].split('\t')[0], 'GLOBALEVENTID');
    assert.ok(tsv.length > 1);
    assert.ok(tsv.slice(1).every((l) => l.split('\t').length === tsv[0].split('\t').length));
    assert.ok(
      tsv.slice(1).every((l) => /^\d{14}$/.test(l.split('\t')[14])),
      'DATEADDED',
    );
  });

  it('explains usage errors', () => {
    assert.equal(cli(['export', 'pdf', '--db', db]).status, 2);
    assert.equal(cli(['ingest']).status, 2);
  });
});
