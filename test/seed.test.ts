import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fromText } from '../src/ingest/input.js';
import { analyze } from '../src/pipeline.js';
import { toAnalyzedDocument } from '../src/serialize.js';
import { Store } from '../src/store/store.js';
import { validateDocument } from '../src/validate.js';
import { fixture } from './helpers.js';

// The article that defines the job (DEVELOPERS.md): everything it asks of newsgraph, end to end, through the
// public pipeline with no date given.
describe('the seed article, end to end', () => {
  const doc = toAnalyzedDocument(analyze(fromText(fixture('seed-article.txt'), 'seed', {})));
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const name = (id: string | null) => (id ? byId.get(id)?.name : undefined);
  const iso = (id: string) => byId.get(id)?.ids.iso ?? byId.get(id)?.attributes.country;

  it('is a valid AnalyzedDocument', () => {
    assert.deepEqual(validateDocument(doc), []);
  });

  it('recovers headline, lede and the dateline with the inferred year', () => {
    assert.equal(
      doc.article.title?.text,
      'Moscow-Pyongyang strategic partnership treaty to counterbalance US’ actions — expert',
    );
    assert.match(doc.article.lede!.text, /^The document provides for immediate military assistance/);
    assert.deepEqual(
      [
        doc.article.dateline?.place,
        doc.article.dateline?.agency,
        doc.article.dateline?.date,
        doc.article.dateline?.dateInferred,
      ],
      ['Moscow', 'TASS', '2024-06-21', true],
    );
  });

  it('attributes all ten of Roman Lobov’s quotations to him, with his affiliation', () => {
    const lobov = doc.entities.find((e) => e.name === 'Roman Lobov');
    assert.ok(lobov);
    assert.equal(lobov.attributes.affiliation, 'Russian Institute for Strategic Studies');
    const his = doc.quotes.filter((q) => q.speaker?.entity === lobov.id);
    assert.equal(his.length, 10);
    const others = doc.quotes.filter((q) => q.speaker?.entity !== lobov.id);
    assert.ok(
      others.every((q) => name(q.speaker?.entity ?? null) === 'Kim Jong Un' && q.parent),
      'only a nested quote of Kim besides',
    );
  });

  it('finds the treaty signed by Putin and Kim in Pyongyang on 2024-06-19, with mutual military assistance', () => {
    const t = doc.agreements.find((a) => /treaty on comprehensive strategic partnership/i.test(a.name));
    assert.ok(t);
    assert.equal(t.date, '2024-06-19');
    assert.equal(name(t.place), 'Pyongyang');
    assert.deepEqual(t.parties.map(iso).sort(), ['KP', 'RU']);
    assert.deepEqual(t.signatories.map(name).sort(), ['Kim Jong Un', 'Vladimir Putin']);
    assert.ok(t.provisions.some((p) => /defen[cs]e|military/.test(p.kind)));
    assert.deepEqual(t.references.flatMap((r) => r.years).sort(), ['1961', '2000']);
  });

  it('finds the state visit of June 18–19 and Kim’s visit of September 2023', () => {
    const visits = doc.events.filter((v) => v.type === 'CONSULT');
    assert.ok(
      visits.some(
        (v) => v.source.map(iso).includes('RU') && v.date === '2024-06-18' && v.date_end === '2024-06-19',
      ),
    );
    assert.ok(
      visits.some(
        (v) => v.source.map(iso).includes('KP') && v.target.map(iso).includes('RU') && v.date === '2023-09',
      ),
    );
  });

  it('finds the medical and bridge agreements, and no violence', () => {
    assert.ok(doc.agreements.some((a) => /medic/i.test(a.name)));
    assert.ok(doc.agreements.some((a) => /bridge/i.test(a.name)));
    assert.ok(!doc.events.some((v) => v.type === 'ASSAULT' || v.type === 'THREATEN'));
  });

  it('once stored, shows the Russia–North Korea alliance with its evidence', async () => {
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), 'newsgraph-seed-')), 'store.db'));
    try {
      await store.save(doc);
      const rel = await store.relation('RU', 'KP');
      assert.equal(rel.alliance, true);
      assert.ok(rel.agreements.some((g) => /treaty/i.test(g.name) && g.alliance));
      const ev = await store.relationEvidence('RU', 'KP', { type: 'AGREE' });
      assert.ok(ev.some((e) => /signed by Russian President Vladimir Putin/.test(e.sentence)));
    } finally {
      await store.close();
    }
  });
});
