// Bad input end to end: `newsgraph analyze` run as a child process must name each bad input on standard
// error, keep going, and exit 1, without crashing. Network cases use loopback servers started here.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { HostQueue, RobotsCache } from '../../src/ingest/fetch.js';
import { readInput } from '../../src/ingest/input.js';
import { runCli } from '../helpers.js';
import { html, type LoopbackServer, loopbackOnly, loopbackServer } from './loopback-server.js';

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { NEWSGRAPH_FETCH_DELAY_MS: '0', ...env } });

const ARTICLE = `<!doctype html><html><head><meta charset="windows-1252"><title>Treaty signed</title></head>
<body><article><h1>Treaty signed in Pyongyang</h1>
<p>PYONGYANG, June 19 (Reuters) - Russia and North Korea signed a treaty on Wednesday, officials said.</p>
<p>The two leaders met for several hours and discussed “cooperation” in many fields.</p></article></body></html>`;

const noStackTrace = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');

describe('analyze with bad input', () => {
  let dir: string;
  const p = (name: string) => join(dir, name);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsgraph-bad-input-'));
    await writeFile(p('empty.html'), '');
    await writeFile(p('blank.txt'), '  \n\n  ');
    await writeFile(
      p('image.html'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    await writeFile(p('report.pdf'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    await writeFile(
      p('invalid-utf8.txt'),
      Buffer.concat([
        Buffer.from('PARIS (AP) — Ministers from Zürich and Genève met on Monday. '),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(' They agreed.\n'),
      ]),
    );
    await writeFile(
      p('good.txt'),
      'MOSCOW, June 21. /TASS/. Russia and North Korea signed a treaty, officials said.\n',
    );
    await writeFile(p('cp1252.html'), iconv.encode(ARTICLE, 'windows-1252'));
    await writeFile(
      p('no-article.html'),
      '<!doctype html><html><head><title>Menu</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><footer>© 2024</footer></body></html>',
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('names an empty file', async () => {
    for (const f of ['empty.html', 'blank.txt']) {
      const r = await cli(['analyze', p(f)]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`${f.replace('.', '\\.')}: empty input`));
      assert.equal(r.stdout, '');
      noStackTrace(r.stderr);
    }
  });

  it('refuses a binary file, saying what it looks like', async () => {
    const r = await cli(['analyze', p('image.html'), p('report.pdf')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /image\.html: binary content \(looks like a PNG image\), not text or HTML/);
    assert.match(r.stderr, /report\.pdf: binary content \(looks like a PDF document\)/);
    noStackTrace(r.stderr);
  });

  it('refuses a 60 MB page quickly, from its size, without reading it', async () => {
    const big = p('huge.html');
    const out = createWriteStream(big);
    const chunk = Buffer.from(
      `<p>${'All work and no play makes Jack a dull boy. '.repeat(23)}</p>\n`.repeat(1024),
    );
    out.write('<!doctype html><html><body>');
    for (let written = 0; written < 60 * 1024 * 1024; written += chunk.length) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end('</body></html>');
    await once(out, 'close');
    const r = await cli(['analyze', big]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /huge\.html: too large \(60\.\d MB; the limit is 20 MB\)/);
    assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
    await rm(big);
  });

  it('decodes invalid UTF-8 without crashing', async () => {
    const r = await cli(['analyze', p('invalid-utf8.txt')]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    // Mostly UTF-8 with a few damaged bytes: the accents survive, the damage becomes U+FFFD.
    assert.match(
      doc.text,
      /^PARIS \(AP\) — Ministers from Zürich and Genève met on Monday\. \uFFFD\(\uFFFD They agreed\.\n?$/,
    );
  });

  it('decodes a windows-1252 page from its <meta charset>', async () => {
    const r = await cli(['analyze', p('cp1252.html')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(JSON.parse(r.stdout).text, /“cooperation”/);
  });

  it('analyses a page with no article without crashing', async () => {
    const r = await cli(['analyze', p('no-article.html')]);
    noStackTrace(r.stderr);
    if (r.status === 0) {
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.schema, 'newsgraph.document/1');
      assert.ok(
        doc.article.body === null || doc.article.body.end - doc.article.body.start < 40,
        'no real body',
      );
    } else {
      assert.equal(r.status, 1);
      assert.match(r.stderr, /no-article\.html: /, 'a clear message naming the page');
    }
  });

  describe('over the network', () => {
    let srv: LoopbackServer;
    before(async () => {
      srv = await loopbackServer({
        '/story': html(iconv.encode(ARTICLE, 'windows-1252'), 'text/html; charset=windows-1252'),
        '/silent': () => {},
        '/to-private': (_req, res) => {
          res.statusCode = 302;
          res.setHeader('location', 'http://intranet.example/');
          res.end();
        },
      });
    });
    after(() => srv.close());

    it('refuses a URL to 127.0.0.1 without --allow-private, before connecting', async () => {
      const r = await cli(['analyze', `${srv.origin}/story`]);
      assert.equal(r.status, 1);
      assert.match(
        r.stderr,
        /127\.0\.0\.1:\d+\/story: refused: 127\.0\.0\.1, a loopback address \(fetching private addresses needs --allow-private\)/,
      );
      assert.equal(srv.connections, 0, 'nothing reached the server');
      noStackTrace(r.stderr);
    });

    it('fetches it with --allow-private, decoding the charset from the header', async () => {
      const r = await cli(['analyze', `${srv.origin}/story`, '--allow-private']);
      assert.equal(r.status, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.url, `${srv.origin}/story`);
      assert.match(doc.text, /“cooperation”/);
    });

    it('times out on a server that never answers', async () => {
      const r = await cli(['analyze', `${srv.origin}/silent`, '--allow-private'], {
        NEWSGRAPH_FETCH_TIMEOUT_MS: '400',
      });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /\/silent: timed out after 400 ms/);
      assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
      noStackTrace(r.stderr);
    });

    it('refuses a redirect to a private address before connecting to it', async () => {
      const connects: string[] = [];
      const lookups: string[] = [];
      await assert.rejects(
        readInput(`${srv.origin}/to-private`, {
          addressPolicy: loopbackOnly,
          lookup: async (host) => {
            lookups.push(host);
            return [{ address: '10.0.0.1', family: 4 }];
          },
          onConnect: (address, port) => connects.push(`${address}:${port}`),
          hostQueue: new HostQueue(0),
          robotsCache: new RobotsCache(),
          env: {},
        }),
        (e: Error & { code: string }) => {
          assert.equal(e.code, 'EPRIVATE');
          assert.match(
            e.message,
            /to-private: refused: intranet\.example resolves to 10\.0\.0\.1, a private address \(.*\) \(at http:\/\/intranet\.example\/\)/,
          );
          return true;
        },
      );
      assert.deepEqual(lookups, ['intranet.example']);
      // robots.txt and the redirecting page on the loopback server; never the private address.
      assert.deepEqual(connects, [`127.0.0.1:${srv.port}`, `127.0.0.1:${srv.port}`]);
    });

    it('keeps going through a batch: good inputs printed, bad ones named, exit 1', async () => {
      const before = srv.connections;
      const r = await cli([
        'analyze',
        p('good.txt'),
        p('empty.html'),
        p('image.html'),
        join(dir, 'no-such-file.html'),
        `${srv.origin}/story`,
        p('cp1252.html'),
      ]);
      assert.equal(r.status, 1);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      const docs = lines.map((l) => JSON.parse(l));
      assert.match(docs[0].text, /^MOSCOW, June 21/);
      assert.match(docs[1].text, /“cooperation”/);
      assert.match(r.stderr, /empty\.html: empty input/);
      assert.match(r.stderr, /image\.html: binary content/);
      assert.match(r.stderr, /no-such-file\.html: cannot read: ENOENT/);
      assert.match(r.stderr, /\/story: refused: 127\.0\.0\.1/);
      assert.equal(r.stderr.trim().split('\n').length, 4, r.stderr);
      assert.equal(srv.connections, before);
      noStackTrace(r.stderr);
    });
  });
});
