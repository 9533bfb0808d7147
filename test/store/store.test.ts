import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnalyzedDocument } from '../../src/document.js';
import { fromText } from '../../src/ingest/input.js';
import { analyze } from '../../src/pipeline.js';
import { toAnalyzedDocument } from '../../src/serialize.js';
import { Store } from '../../src/store/store.js';
import { fixture } from '../helpers.js';
import { BACKENDS } from './backends.js';

function analysed(name: string, published: string | null = null): AnalyzedDocument {
  return toAnalyzedDocument(analyze(fromText(fixture(name), name, { published })));
}

for (const b of BACKENDS) {
  describe(`store on ${b.name}`, { skip: b.skip }, () => {
    let store: Store;
    const seed = analysed('seed-article.txt');
    before(async () => {
      store = await Store.open(await b.fresh());
    });
    after(async () => store?.close());

    it('stores a document with its facts and provenance, once', async () => {
      const first = await store.save(seed);
      assert.equal(first.status, 'created');
      const again = await store.save(seed);
      assert.equal(again.status, 'unchanged');
      assert.equal(again.id, first.id);
      const s = await store.stats();
      assert.equal(s.documents, 1);
      assert.equal(s.entities > 0, seed.entities.length > 0);
      const d = await store.document(first.id);
      assert.equal(d?.analysis.text, seed.text);
      assert.equal(d?.pipeline_version, seed.pipeline.version);
    });

    it('replaces facts when the pipeline version changes and reports the differences', async () => {
      const changed: AnalyzedDocument = {
        ...seed,
        pipeline: { ...seed.pipeline, version: 'older' },
        times: [{ start: 0, end: 8, text: 'All news', type: 'DATE', value: '1999' }],
      };
      const id = (await store.save(seed)).id;
      const older = await store.save(changed);
      assert.equal(older.status, 'updated');
      assert.equal(older.id, id);
      assert.deepEqual(older.changes?.times.added, ['All news@0 = 1999']);
      const back = await store.save(seed);
      assert.equal(back.status, 'updated');
      assert.deepEqual(back.changes?.times.removed, ['All news@0 = 1999']);
      assert.equal((await store.stats()).documents, 1);
    });

    it('groups two other reports of the same happening into the seed story', async () => {
      const a = await store.save(analysed('treaty-report-a.txt', '2024-06-19'));
      const c = await store.save(analysed('treaty-report-b.txt', '2024-06-20'));
      const seedId = (await store.save(seed)).id;
      const seedStory = (await store.document(seedId))!.story_id;
      assert.ok(seedStory);
      assert.equal(a.storyId, seedStory, 'report A joins the seed story');
      assert.equal(c.storyId, seedStory, 'report B joins the seed story');
      const story = await store.story(seedStory!);
      assert.equal(story?.reports.length, 3);
      assert.equal(story?.independent_reports, 3);
    });

    it('marks a syndicated copy as a near-duplicate and counts independent reports', async () => {
      const copy = {
        ...seed,
        id: 'copy',
        text: seed.text.replace('All news', 'Top stories').replace('He stressed', 'He underlined'),
      };
      const out = await store.save(copy);
      assert.equal(out.status, 'created');
      assert.ok(out.nearDuplicateOf !== null, 'near-duplicate detected');
      const s = await store.stats();
      assert.equal(s.documents - s.independent_documents, 1);
    });

    it('searches with phrases, OR, NOT, prefixes and filters, with safe highlighted snippets and cursors', async () => {
      const r = await store.search({ q: '"military assistance"' });
      assert.ok(r.items.length >= 2);
      assert.match(
        r.items[0].snippet,
        /<mark>military<\/mark> <mark>assistance<\/mark>|<mark>military assistance<\/mark>/,
      );
      const none = await store.search({ q: 'treaty -Pyongyang' });
      assert.equal(none.items.length, 0);
      const pref = await store.search({ q: 'Tumann*' });
      assert.ok(pref.items.length >= 1);
      const either = await store.search({ q: 'Tumannaya OR Seoul' });
      assert.ok(either.items.length >= 2);
      const p1 = await store.search({ q: 'treaty', limit: 1 });
      assert.ok(p1.next);
      const p2 = await store.search({ q: 'treaty', limit: 1, cursor: p1.next! });
      assert.notEqual(p2.items[0].id, p1.items[0].id);
      const dated = await store.search({ q: 'treaty', from: '2024-06-20', to: '2024-06-20' });
      assert.deepEqual(
        dated.items.map((h) => h.published),
        ['2024-06-20'],
      );
      const f = await store.search({ q: 'treaty', facets: true });
      assert.ok(f.facets!.sources.length >= 1);
    });

    it('rejects a query of negations only with a clear message', async () => {
      await assert.rejects(store.search({ q: '-treaty' }), /not negated/);
    });
  });
}
