// Feed validators and the canonical-URL check behind `ingest --watch`, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fromText } from '../../src/ingest/input.js';
import { analyze, PIPELINE_VERSION } from '../../src/pipeline.js';
import { toAnalyzedDocument } from '../../src/serialize.js';
import { Store } from '../../src/store/store.js';
import { fixture } from '../helpers.js';
import { BACKENDS } from '../store/backends.js';

for (const b of BACKENDS) {
  describe(`feed state on ${b.name}`, { skip: b.skip }, () => {
    let store: Store;
    before(async () => {
      store = await Store.open(await b.fresh());
    });
    after(async () => store?.close());

    it('remembers ETag and Last-Modified per feed URL, replacing them on the next poll', async () => {
      const url = 'https://feeds.example.org/news.xml';
      assert.equal(await store.feedState(url), null);
      await store.saveFeedState(url, '"v1"', 'Tue, 14 May 2024 12:00:00 GMT');
      assert.deepEqual(
        { ...(await store.feedState(url)), checkedAt: undefined },
        { etag: '"v1"', lastModified: 'Tue, 14 May 2024 12:00:00 GMT', checkedAt: undefined },
      );
      await store.saveFeedState(url, '"v2"', null);
      const s = await store.feedState(url);
      assert.equal(s?.etag, '"v2"');
      assert.equal(s?.lastModified, null);
      assert.match(s?.checkedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
    });

    it('knows stored canonical URLs with this pipeline version', async () => {
      const url = 'https://news.example.org/treaty';
      const raw = fromText(fixture('treaty-report-a.txt'), 'a', { url });
      await store.save(toAnalyzedDocument(analyze(raw)), { canonicalUrl: url });
      assert.deepEqual(
        [...(await store.knownUrls([url, 'https://news.example.org/other'], PIPELINE_VERSION))],
        [url],
      );
      assert.equal((await store.knownUrls([url], 'another-version')).size, 0);
      assert.equal((await store.knownUrls([], PIPELINE_VERSION)).size, 0);
    });
  });
}
