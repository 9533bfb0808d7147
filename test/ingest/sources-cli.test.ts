// `newsgraph ingest` as a child process over mixed sources (issue 7): a malformed feed, a dead URL and a
// binary file are reported, everything else is stored, and the exit status is 1. Then `--watch` polls a
// loopback feed and gets a 304 on its second round.
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { fixturePath, runCli } from '../helpers.js';
import { type LoopbackServer, loopbackServer } from './loopback-server.js';

const FEEDS = join(import.meta.dirname, '..', 'fixtures', 'feeds');
const ENV = { NEWSGRAPH_FETCH_DELAY_MS: '0', NEWSGRAPH_FETCH_TIMEOUT_MS: '5000' };

const cli = (args: string[], until?: (stderr: string) => boolean) => runCli(args, { env: ENV, until });

/** A loopback port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Wind farm approved</title></head><body><article>
<h1>Wind farm approved off the coast</h1><p>AARHUS, May 20 (Loopback News) - Regulators approved an offshore wind farm on Monday that will power about 300,000 homes, the energy agency said.</p>
<p>Construction is due to start next year, and the first turbines should deliver power in 2027, the developer said.</p></article></body></html>`;

const FEED_FILE = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Courier</title><item><title>Night ferry returns</title><link>https://courier.example.org/ferry</link>
<description>The night ferry is back.</description><pubDate>Sun, 19 May 2024 21:00:00 +0200</pubDate>
<content:encoded><![CDATA[<p>KIEL, May 19 (Courier) - The night ferry to Oslo returned to service on Sunday after a month in dry dock, the operator said.</p><p>The ship had new engines fitted and will sail every evening through the summer, with extra departures at weekends in July and August.</p><p>Tickets bought for cancelled crossings in April will be refunded in full, and passengers can book cabins again from Monday, a spokeswoman said.</p>]]></content:encoded></item>
</channel></rss>`;

describe('ingest CLI over mixed sources', () => {
  let srv: LoopbackServer;
  let dir: string;
  let feedRequests: number[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsgraph-sources-cli-'));
    srv = await loopbackServer({
      '/article': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(ARTICLE);
      },
      '/feed.xml': (req, res) => {
        res.setHeader('etag', '"only"');
        if (req.headers['if-none-match'] === '"only"') {
          feedRequests.push(304);
          res.statusCode = 304;
          res.end();
          return;
        }
        feedRequests.push(200);
        res.setHeader('content-type', 'application/rss+xml');
        res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>
<item><title>Wind farm approved</title><link>${srv.origin}/article</link></item></channel></rss>`);
      },
    });
  });
  after(() => srv.close());

  it('reports a malformed feed, a dead URL and a binary file, and ingests the rest (exit 1)', async () => {
    const src = join(dir, 'mixed');
    await mkdir(src);
    await copyFile(join(FEEDS, 'malformed.xml'), join(src, 'broken-feed.xml'));
    await copyFile(fixturePath('treaty-report-a.txt'), join(src, 'report-a.txt'));
    await writeFile(
      join(src, 'photo.dat'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    // A feed file named like nothing, whose one entry carries its full text (so nothing is fetched).
    await writeFile(join(src, 'courier'), FEED_FILE);
    const dead = `http://127.0.0.1:${await deadPort()}/gone`;
    const db = join(dir, 'mixed.db');
    const r = await cli([
      'ingest',
      src,
      dead,
      `${srv.origin}/article`,
      '--db',
      db,
      '--workers',
      '0',
      '--allow-private',
      '--json',
    ]);
    assert.equal(r.status, 1, r.stderr);
    const s = JSON.parse(r.stdout);
    const keys = s.failures.map((f: { key: string }) => f.key);
    assert.equal(keys.length, 3, 'nothing else failed (and nothing was fetched beyond loopback)');
    assert.ok(
      keys.some((k: string) => k.endsWith('broken-feed.xml')),
      keys.join(', '),
    );
    assert.ok(keys.includes(dead), keys.join(', '));
    assert.ok(
      keys.some((k: string) => k.endsWith('photo.dat')),
      keys.join(', '),
    );
    const msg = (k: string) => s.failures.find((f: { key: string }) => f.key.endsWith(k))?.message ?? '';
    assert.match(msg('broken-feed.xml'), /malformed feed: not well-formed XML/);
    assert.match(msg('photo.dat'), /binary content/);
    assert.match(msg('/gone'), /cannot fetch|refused|ECONNREFUSED/i);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    const d = new Database(db, { readonly: true });
    const urls = d.prepare('SELECT url FROM documents ORDER BY id').all() as { url: string | null }[];
    d.close();
    // The text report, the feed entry with full content and the loopback article.
    assert.equal(urls.length, 3, JSON.stringify(s.failures));
    assert.ok(urls.some((u) => u.url === `${srv.origin}/article`));
    assert.ok(urls.some((u) => u.url === 'https://courier.example.org/ferry'));
  });

  it('--watch polls a feed with conditional GETs: 304 on the second round', async () => {
    feedRequests = [];
    const db = join(dir, 'watch.db');
    const r = await cli(
      ['ingest', `${srv.origin}/feed.xml`, '--db', db, '--workers', '0', '--allow-private', '--watch', '0.5'],
      (stderr) => (stderr.match(/^Done:/gm) ?? []).length >= 2,
    );
    assert.equal(r.status, 130, r.stderr);
    assert.deepEqual(feedRequests.slice(0, 2), [200, 304]);
    assert.match(r.stderr, /Done: 1 of 1 .* 1 new/);
    assert.match(r.stderr, /Done: 0 of 0 /);
    assert.equal(
      srv.paths.filter((p) => p === '/article').length,
      2,
      'once in each test, not again while polling',
    );
  });
});
