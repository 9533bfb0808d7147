import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startServer } from '../../src/server/serve.js';
import { Store } from '../../src/store/store.js';
import { fixture } from '../helpers.js';
import { BACKENDS } from '../store/backends.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = Record<string, any>;

const TOKEN = 'test-token-123';

for (const b of BACKENDS) {
  describe(`HTTP API on ${b.name}`, { skip: b.skip }, () => {
    let store: Store;
    let base = '';
    let close: () => Promise<void>;
    const get = async (path: string, token?: string) => {
      const r = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: r.status, body: (await r.json()) as Json };
    };
    const post = async (path: string, body: unknown, token: string | null = TOKEN) => {
      const r = await fetch(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as Json };
    };

    before(async () => {
      store = await Store.open(await b.fresh());
      const s = await startServer(store, { host: '127.0.0.1', port: 0, token: TOKEN, maxBodyBytes: 200_000 });
      base = s.url;
      close = s.close;
    });
    after(async () => {
      await close?.();
      await store?.close();
    });

    it('refuses writes without the token, and with a wrong one', async () => {
      assert.equal((await post('/api/ingest', { text: 'x' }, null)).status, 401);
      const wrong = await post('/api/ingest', { text: 'x' }, 'nope');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'unauthorized');
    });

    it('ingests the seed article and two other reports, idempotently', async () => {
      const r = await post('/api/ingest', {
        records: [
          { id: 'seed', text: fixture('seed-article.txt') },
          { id: 'a', text: fixture('treaty-report-a.txt'), published: '2024-06-19' },
          { id: 'b', text: fixture('treaty-report-b.txt'), published: '2024-06-20' },
          { id: 'bad' },
        ],
      });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.results.map((x: { status?: string }) => x.status),
        ['created', 'created', 'created', undefined],
      );
      assert.match(r.body.results[3].error, /"text" or "html"/);
      const again = await post('/api/ingest', { id: 'seed', text: fixture('seed-article.txt') });
      assert.equal(again.body.results[0].status, 'unchanged');
      const stats = await get('/api/stats');
      assert.equal(stats.body.documents, 3);
      assert.equal(stats.body.stories, 1);
    });

    it('lists and fetches documents, entities, quotes, events, agreements and stories', async () => {
      const docs = await get('/api/documents?limit=2');
      assert.equal(docs.body.items.length, 2);
      assert.ok(docs.body.next);
      const rest = await get(`/api/documents?limit=2&cursor=${docs.body.next}`);
      assert.equal(rest.body.items.length, 1);
      const one = await get(`/api/documents/${docs.body.items[0].id}`);
      assert.equal(one.body.analysis.schema, 'newsgraph.document/1');
      assert.equal((await get('/api/documents/999999')).status, 404);
      assert.equal((await get('/api/documents/abc')).status, 400);
      const ents = await get('/api/entities?limit=500');
      assert.ok(Array.isArray(ents.body.items));
      for (const path of ['/api/quotes', '/api/events', '/api/agreements', '/api/stories']) {
        const r = await get(path);
        assert.equal(r.status, 200, path);
        assert.ok(Array.isArray(r.body.items), path);
      }
      const story = await get(`/api/stories/${docs.body.items[0].story_id}`);
      assert.equal(story.body.reports.length, 3);
    });

    it('searches with filters and facets, and explains a bad query', async () => {
      const r = await get('/api/search?q=%22strategic%20partnership%22&facets=true');
      assert.ok(r.body.items.length >= 2);
      assert.ok(r.body.facets.sources.length >= 1);
      const bad = await get('/api/search?q=-treaty');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'bad_query');
      assert.equal((await get('/api/search?from=yesterday')).status, 400);
    });

    it('shows the Russia–North Korea relation with its treaty and the sentences behind it', async () => {
      const rel = await get('/api/relations/RU/KP');
      assert.equal(rel.status, 200);
      assert.ok(rel.body.months.length >= 1, 'events between RU and KP');
      assert.ok(
        rel.body.agreements.some((g: { name: string }) => /treaty/i.test(g.name)),
        'the treaty is among the RU–KP agreements',
      );
      const month = rel.body.months[0].month;
      const ev = await get(`/api/relations/RU/KP/evidence?month=${month}`);
      assert.ok(ev.body.items.length >= 1);
      assert.ok(ev.body.items.every((e: { sentence: string }) => e.sentence.length > 10));
      assert.equal((await get('/api/relations/RUS/KP')).status, 400);
    });

    it('publishes a valid OpenAPI document', async () => {
      const doc = await get('/openapi.json');
      const v = new Validator();
      const res = await v.validate(doc.body);
      assert.equal(res.valid, true, JSON.stringify(res.errors));
      assert.ok(doc.body.paths['/api/relations/{a}/{b}']);
    });
    it('limits request size and answers unknown routes with JSON errors', async () => {
      const big = await post('/api/ingest', { text: 'x'.repeat(300_000) });
      assert.equal(big.status, 413);
      const nf = await get('/api/nothing');
      assert.equal(nf.status, 404);
      assert.equal(nf.body.error.code, 'not_found');
    });
  });
}

describe('serving beyond localhost', () => {
  it('refuses to start without a token', async () => {
    const store = await Store.open(await BACKENDS[0].fresh());
    await assert.rejects(startServer(store, { host: '0.0.0.0', port: 0 }), /without a token/);
    await store.close();
  });
});
