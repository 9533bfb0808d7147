// Feeds, sitemaps and OPML through a whole ingest run, against a loopback server started here (the only
// address the fetcher may reach; every other name fails to resolve without asking DNS).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FetchOptions, HostQueue, RobotsCache } from '../../src/ingest/fetch.js';
import { ingest } from '../../src/ingest/run.js';
import { Store } from '../../src/store/store.js';
import { type LoopbackServer, loopbackOnly, loopbackServer } from './loopback-server.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'feeds');

const noDns: FetchOptions['lookup'] = async (host) => {
  throw Object.assign(new Error(`no DNS in tests (${host})`), { code: 'ENOTFOUND' });
};
const fetchOpts = (): FetchOptions => ({
  addressPolicy: loopbackOnly,
  lookup: noDns,
  hostQueue: new HostQueue(0),
  robotsCache: new RobotsCache(),
  env: {},
});

const page = (title: string, place: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>
<p>${place.toUpperCase()}, May 14 (Loopback News) - ${body}</p>
<p>Officials in ${place} said further details would be published later in the week, and residents were invited to a public meeting on Thursday evening at the town hall.</p></article></body></html>`;

const LONG = `<p>OSLO, May 13 (Loopback News) - The city council approved a new cycling plan on Monday after a long debate, adding forty kilometres of protected lanes over four years, the mayor's office said.</p><p>Opponents said the plan would remove too many parking spaces in the centre, while shop owners asked for more loading zones. The first lanes are due to open in the autumn.</p>`;

function rss(origin: string, extra = ''): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Loopback News</title><link>${origin}/</link>
<item><title>Council approves cycling plan</title><link>${origin}/a/full</link><description>Cycling plan approved.</description>
<content:encoded><![CDATA[${LONG}]]></content:encoded><pubDate>Mon, 13 May 2024 18:00:00 +0200</pubDate></item>
<item><title>Harbour dredging starts</title><link>${origin}/a/one</link><description>Dredging begins.</description>
<pubDate>Tue, 14 May 2024 09:00:00 +0200</pubDate></item>${extra}
</channel></rss>`;
}

describe('feeds, sitemaps and OPML in an ingest run', () => {
  let srv: LoopbackServer;
  let dir: string;
  let store: Store;
  let feedVersion = 1;
  const statuses: Record<string, number[]> = {};
  const note = (path: string, status: number) => {
    statuses[path] ??= [];
    statuses[path].push(status);
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsgraph-feeds-'));
    store = await Store.open(join(dir, 'store.db'));
    srv = await loopbackServer({
      '/feed.xml': (req, res) => {
        const etag = `"feed-v${feedVersion}"`;
        res.setHeader('etag', etag);
        if (req.headers['if-none-match'] === etag) {
          res.statusCode = 304;
          note('/feed.xml', 304);
          res.end();
          return;
        }
        note('/feed.xml', 200);
        res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
        const extra =
          feedVersion > 1
            ? `<item><title>Ferry timetable changes</title><link>${srv.origin}/a/new</link><pubDate>Wed, 15 May 2024 07:00:00 +0200</pubDate></item>`
            : '';
        res.end(rss(srv.origin, extra));
      },
      '/sitemap.xml': (req, res) => {
        const lm = 'Tue, 14 May 2024 12:00:00 GMT';
        res.setHeader('last-modified', lm);
        if (req.headers['if-modified-since'] === lm) {
          res.statusCode = 304;
          note('/sitemap.xml', 304);
          res.end();
          return;
        }
        note('/sitemap.xml', 200);
        res.setHeader('content-type', 'application/xml');
        res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>${srv.origin}/a/two</loc><news:news><news:publication_date>2024-05-14</news:publication_date><news:title>Library reopens</news:title></news:news></url></urlset>`);
      },
      '/index.xml': (_req, res) => {
        res.setHeader('content-type', 'application/xml');
        res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${srv.origin}/sitemap-b.xml</loc></sitemap></sitemapindex>`);
      },
      '/sitemap-b.xml': (_req, res) => {
        res.setHeader('content-type', 'text/xml');
        res.end(
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${srv.origin}/a/three</loc></url></urlset>`,
        );
      },
      '/feed.json': (_req, res) => {
        res.setHeader('content-type', 'application/feed+json');
        res.end(
          JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'Loopback JSON',
            items: [{ id: 'x', url: `${srv.origin}/a/four`, title: 'Museum roof repaired' }],
          }),
        );
      },
      '/a/one': html(
        page(
          'Harbour dredging starts',
          'Bergen',
          'Dredging of the inner harbour began on Tuesday, the port said.',
        ),
      ),
      '/a/two': html(
        page(
          'Library reopens',
          'Tromso',
          'The central library reopened on Tuesday after a year of renovation.',
        ),
      ),
      '/a/three': html(
        page('Tram line extended', 'Trondheim', 'The tram line was extended by two stops on Tuesday.'),
      ),
      '/a/four': html(
        page('Museum roof repaired', 'Stavanger', 'The museum roof was repaired on Tuesday after a storm.'),
      ),
      '/a/new': html(
        page(
          'Ferry timetable changes',
          'Alesund',
          'The ferry company changed its summer timetable on Wednesday.',
        ),
      ),
    });
  });

  after(async () => {
    await store.close();
    await srv.close();
  });

  const run = (sources: string[]) =>
    ingest({ sources, store, workers: 0, fetch: fetchOpts(), published: null });

  it('reads a feed and a news sitemap over HTTP, then polls them with conditional GETs', async () => {
    const first = await run([`${srv.origin}/feed.xml`, `${srv.origin}/sitemap.xml`]);
    assert.deepEqual(first.failures, []);
    assert.equal(first.created, 3);
    assert.deepEqual(statuses['/feed.xml'], [200]);
    assert.equal(srv.paths.filter((p) => p === '/a/full').length, 0, 'full content is not fetched');
    const state = await store.feedState(`${srv.origin}/feed.xml`);
    assert.equal(state?.etag, '"feed-v1"');

    const second = await run([`${srv.origin}/feed.xml`, `${srv.origin}/sitemap.xml`]);
    assert.deepEqual(second.failures, []);
    assert.equal(second.total, 0, 'a 304 yields no items');
    assert.deepEqual(statuses['/feed.xml'], [200, 304]);
    assert.deepEqual(statuses['/sitemap.xml'], [200, 304]);

    feedVersion = 2;
    const third = await run([`${srv.origin}/feed.xml`]);
    assert.deepEqual(third.failures, []);
    assert.equal(third.created, 1);
    assert.equal(third.unchanged, 2);
    assert.equal(srv.paths.filter((p) => p === '/a/one').length, 1, 'a stored entry is not fetched again');
    assert.equal((await store.feedState(`${srv.origin}/feed.xml`))?.etag, '"feed-v2"');
  });

  it('follows a sitemap index, and OPML to its feeds', async () => {
    const opml = join(dir, 'list.opml');
    await writeFile(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="x"><outline xmlUrl="${srv.origin}/feed.json"/></outline></body></opml>`,
    );
    const s = await run([`${srv.origin}/index.xml`, opml]);
    assert.deepEqual(s.failures, []);
    assert.equal(s.created, 2);
    assert.ok(srv.paths.includes('/a/three') && srv.paths.includes('/a/four'));
  });

  it('reads every feed format from files; entries it cannot reach fail one by one', async () => {
    const files = ['rss2.xml', 'rss1.rdf', 'atom.xml', 'feed.json', 'news-sitemap.xml', 'malformed.xml'];
    const s = await run(files.map((f) => join(FIX, f)));
    // Full content from RSS 2.0, Atom and JSON Feed; every link fetch is refused (no DNS here).
    assert.equal(s.created, 3, JSON.stringify(s.failures));
    const keys = s.failures.map((f) => f.key);
    for (const k of [
      'https://news.example.org/2024/06/parking-fees',
      'https://rdf.example.org/bridge',
      'https://atom.example.org/library-hours',
      'https://json.example.org/market-day',
      'https://map.example.org/elections/turnout',
      'https://map.example.org/sports/final',
    ])
      assert.ok(keys.includes(k), `${k} in ${keys.join(', ')}`);
    const bad = s.failures.find((f) => f.key.endsWith('malformed.xml'));
    assert.match(bad?.message ?? '', /^malformed feed: not well-formed XML/);
    const stored = await store.documents({ limit: 100 });
    const urls = JSON.stringify(stored);
    assert.match(urls, /news\.example\.org\/2024\/06\/ferry-terminal/);
    assert.match(urls, /atom\.example\.org\/snow-pass/);
  });
});

function html(body: string) {
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(body);
  };
}
