import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { type FetchOptions, fetchUrl, HostQueue, RobotsCache } from '../../src/ingest/fetch.js';
import { html, type LoopbackServer, loopbackOnly, loopbackServer } from './loopback-server.js';

// Every fetch here may reach 127.0.0.1 and nothing else, with its own queue and robots cache.
function opts(extra: FetchOptions = {}): FetchOptions {
  return {
    addressPolicy: loopbackOnly,
    hostQueue: new HostQueue(0),
    robotsCache: new RobotsCache(),
    env: {},
    ...extra,
  };
}

interface Coded {
  code: string;
  message: string;
}
function failsWith(code: string, pattern: RegExp) {
  return (e: Coded) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  };
}

const PAGE = '<!doctype html><html><head><title>T</title></head><body><p>Hello</p></body></html>';

describe('fetchUrl', () => {
  let srv: LoopbackServer;
  let connects: string[];
  const counting = (extra: FetchOptions = {}) =>
    opts({ onConnect: (a, p) => connects.push(`${a}:${p}`), ...extra });

  before(async () => {
    srv = await loopbackServer({
      '/page': (req, res) => {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('etag', '"v1"');
        res.setHeader('last-modified', 'Fri, 21 Jun 2024 10:00:00 GMT');
        if (req.headers['if-none-match'] === '"v1"') {
          res.statusCode = 304;
          res.end();
          return;
        }
        res.end(PAGE);
      },
      '/echo-headers': (req, res) => {
        res.setHeader('content-type', 'text/plain');
        res.end(JSON.stringify(req.headers));
      },
      '/latin1': (_req, res) => {
        res.setHeader('content-type', 'text/html; charset=ISO-8859-1');
        res.end(Buffer.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]));
      },
      '/sjis': (_req, res) => {
        res.setHeader('content-type', 'text/plain; charset="Shift_JIS"');
        res.end(iconv.encode('東京で会談', 'shift_jis'));
      },
      '/gzip': async (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-encoding', 'gzip');
        res.end(await promisify(zlib.gzip)(PAGE));
      },
      '/deflate': async (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-encoding', 'deflate');
        res.end(await promisify(zlib.deflate)(PAGE));
      },
      '/br': async (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-encoding', 'br');
        res.end(await promisify(zlib.brotliCompress)(PAGE));
      },
      '/bomb': async (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-encoding', 'gzip');
        res.end(await promisify(zlib.gzip)(Buffer.alloc(4 * 1024 * 1024, 0x61)));
      },
      '/endless': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      },
      '/declared-huge': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.setHeader('content-length', String(50 * 1024 * 1024));
        res.write('<p>');
      },
      '/image': html('\x89PNG', 'image/png'),
      '/pdf': html('%PDF-1.4', 'application/pdf'),
      '/octets': html('xx', 'application/octet-stream'),
      '/feed': html('<rss version="2.0"><channel></channel></rss>', 'application/rss+xml; charset=utf-8'),
      '/untyped': (_req, res) => {
        res.removeHeader('content-type');
        res.end('plain words');
      },
      '/missing': (_req, res) => {
        res.statusCode = 404;
        res.end('nope');
      },
      '/silent': () => {},
      '/stall-body': (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.write('<p>start');
      },
      '/to-page': (_req, res) => {
        res.statusCode = 301;
        res.setHeader('location', '/page');
        res.end();
      },
      '/to-ftp': (_req, res) => {
        res.statusCode = 302;
        res.setHeader('location', 'ftp://127.0.0.1/file');
        res.end();
      },
      '/to-intranet': (_req, res) => {
        res.statusCode = 302;
        res.setHeader('location', 'http://intranet.example/admin');
        res.end();
      },
      '/to-private-literal': (_req, res) => {
        res.statusCode = 307;
        res.setHeader('location', 'http://10.255.255.1/');
        res.end();
      },
      '/to-mapped': (_req, res) => {
        res.statusCode = 302;
        res.setHeader('location', 'http://[::ffff:192.168.1.1]/');
        res.end();
      },
      '*': (req, res) => {
        const m = /^\/loop\/(\d+)$/.exec(req.url ?? '');
        if (m) {
          res.statusCode = 302;
          res.setHeader('location', `/loop/${Number(m[1]) + 1}`);
          res.end();
          return;
        }
        res.statusCode = 404;
        res.end();
      },
    });
  });
  after(() => srv.close());

  it('fetches a page, with our User-Agent, Accept and Accept-Encoding, and reports its metadata', async () => {
    connects = [];
    const r = await fetchUrl(`${srv.origin}/page`, counting());
    assert.equal(Buffer.from(r.bytes).toString('utf8'), PAGE);
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'text/html');
    assert.equal(r.charset, 'utf-8');
    assert.equal(r.etag, '"v1"');
    assert.equal(r.lastModified, 'Fri, 21 Jun 2024 10:00:00 GMT');
    assert.equal(r.notModified, false);
    assert.equal(r.finalUrl, `${srv.origin}/page`);
    assert.deepEqual(
      connects,
      [`127.0.0.1:${srv.port}`, `127.0.0.1:${srv.port}`],
      'robots.txt, then the page',
    );

    const h = JSON.parse(
      Buffer.from((await fetchUrl(`${srv.origin}/echo-headers`, opts())).bytes).toString(),
    );
    assert.match(
      h['user-agent'],
      /^newsgraph\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/newsgraph\/newsgraph\)$/,
    );
    assert.match(h.accept, /^text\/html, application\/xhtml\+xml, text\/plain;q=0\.8/);
    assert.equal(h['accept-encoding'], 'gzip, deflate, br');
    const custom = await fetchUrl(`${srv.origin}/echo-headers`, opts({ userAgent: 'testbot/2.0' }));
    assert.equal(JSON.parse(Buffer.from(custom.bytes).toString())['user-agent'], 'testbot/2.0');
    const fromEnv = await fetchUrl(
      `${srv.origin}/echo-headers`,
      opts({ env: { NEWSGRAPH_USER_AGENT: 'envbot/1' } }),
    );
    assert.equal(JSON.parse(Buffer.from(fromEnv.bytes).toString())['user-agent'], 'envbot/1');
  });

  it('answers a conditional request with notModified and no bytes', async () => {
    const r = await fetchUrl(
      `${srv.origin}/page`,
      opts({ etag: '"v1"', lastModified: 'Fri, 21 Jun 2024 10:00:00 GMT' }),
    );
    assert.equal(r.status, 304);
    assert.equal(r.notModified, true);
    assert.equal(r.bytes.length, 0);
    assert.equal(r.etag, '"v1"');
    const req = srv.requests.at(-1)!;
    assert.equal(req.headers['if-none-match'], '"v1"');
    assert.equal(req.headers['if-modified-since'], 'Fri, 21 Jun 2024 10:00:00 GMT');
  });

  it('passes the header charset on for decoding', async () => {
    const r = await fetchUrl(`${srv.origin}/latin1`, opts());
    assert.equal(r.charset, 'iso-8859-1');
    const s = await fetchUrl(`${srv.origin}/sjis`, opts());
    assert.equal(s.charset, 'shift_jis');
    assert.equal(iconv.decode(Buffer.from(s.bytes), 'shift_jis'), '東京で会談');
  });

  it('undoes gzip, deflate and br', async () => {
    for (const p of ['/gzip', '/deflate', '/br']) {
      const r = await fetchUrl(`${srv.origin}${p}`, opts());
      assert.equal(Buffer.from(r.bytes).toString(), PAGE, p);
    }
  });

  it('refuses 127.0.0.1 by default, before connecting, and lets --allow-private through', async () => {
    const before = srv.connections;
    connects = [];
    await assert.rejects(
      fetchUrl(`${srv.origin}/page`, { ...counting(), addressPolicy: undefined }),
      failsWith('EPRIVATE', /^http:\/\/127\.0\.0\.1:\d+\/page: refused: 127\.0\.0\.1, a loopback address/),
    );
    assert.equal(srv.connections, before, 'no connection was opened');
    assert.deepEqual(connects, []);
    const ok = await fetchUrl(`${srv.origin}/page`, {
      ...opts(),
      addressPolicy: undefined,
      allowPrivate: true,
    });
    assert.equal(ok.status, 200);
  });

  it('refuses odd spellings of loopback and private addresses without connecting', async () => {
    connects = [];
    const lookup = async (host: string) => {
      assert.equal(host, 'localhost');
      return [{ address: '::1', family: 6 }];
    };
    for (const u of [
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
      'http://[::1]:8080/',
      'http://[fd00::1]/',
      'http://localhost/',
      'http://100.100.100.200/',
      'http://0.0.0.0/',
    ])
      await assert.rejects(
        fetchUrl(u, { ...counting({ lookup }), addressPolicy: undefined }),
        failsWith('EPRIVATE', /refused: /),
      );
    assert.deepEqual(connects, []);
  });

  it('refuses a name that resolves to a private address without connecting', async () => {
    connects = [];
    const lookup = async () => [{ address: '192.168.1.1', family: 4 }];
    await assert.rejects(
      fetchUrl('http://printer.example/status', counting({ lookup })),
      failsWith('EPRIVATE', /printer\.example resolves to 192\.168\.1\.1, a private address/),
    );
    assert.deepEqual(connects, []);
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    const lookup = async (host: string) => {
      assert.equal(host, 'intranet.example');
      return [{ address: '10.0.0.1', family: 4 }];
    };
    for (const [path, pattern] of [
      [
        '/to-intranet',
        /intranet\.example resolves to 10\.0\.0\.1, a private address.*\(at http:\/\/intranet\.example\/admin\)/,
      ],
      [
        '/to-private-literal',
        /refused: 10\.255\.255\.1, a private address.*\(at http:\/\/10\.255\.255\.1\/\)/,
      ],
      ['/to-mapped', /private \(IPv4-mapped\)/],
    ] as const) {
      connects = [];
      await assert.rejects(
        fetchUrl(`${srv.origin}${path}`, counting({ lookup, robots: false })),
        failsWith('EPRIVATE', pattern),
      );
      assert.deepEqual(
        connects,
        [`127.0.0.1:${srv.port}`],
        `${path}: only the loopback server was connected to`,
      );
    }
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    let asked = 0;
    // A rebinding resolver: public-looking first, private afterwards. Only one answer is ever used.
    const lookup = async () =>
      asked++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }];
    connects = [];
    const r = await fetchUrl(
      `http://rebind.example:${srv.port}/echo-headers`,
      counting({ lookup, robots: false }),
    );
    assert.equal(asked, 1);
    assert.deepEqual(connects, [`127.0.0.1:${srv.port}`]);
    assert.equal(JSON.parse(Buffer.from(r.bytes).toString()).host, `rebind.example:${srv.port}`);
  });

  it('follows redirects, re-checking each hop, up to the cap', async () => {
    const r = await fetchUrl(`${srv.origin}/to-page`, opts());
    assert.equal(r.finalUrl, `${srv.origin}/page`);
    assert.deepEqual(r.redirects, [`${srv.origin}/page`]);
    const seen = srv.paths.length;
    await assert.rejects(
      fetchUrl(`${srv.origin}/loop/0`, opts({ maxRedirects: 3, robots: false })),
      failsWith('EREDIRECTS', /loop\/0: more than 3 redirects \(at .*\/loop\/3\)/),
    );
    assert.equal(srv.paths.length - seen, 4, 'the first request and three redirects');
    await assert.rejects(fetchUrl(`${srv.origin}/to-ftp`, opts()), failsWith('EURL', /only http and https/));
  });

  it('refuses non-http schemes and credentials in URLs', async () => {
    await assert.rejects(fetchUrl('file:///etc/passwd', opts()), failsWith('EURL', /not file:/));
    await assert.rejects(
      fetchUrl(`http://user:pw@127.0.0.1:${srv.port}/page`, opts()),
      failsWith('EURL', /credentials/),
    );
  });

  it('stops reading at the size cap while streaming', async () => {
    const t0 = Date.now();
    await assert.rejects(
      fetchUrl(`${srv.origin}/endless`, opts({ maxBytes: 200_000 })),
      failsWith('ETOOBIG', /endless: response larger than the limit of 195\.3 KB/),
    );
    assert.ok(Date.now() - t0 < 3000);
    await assert.rejects(
      fetchUrl(`${srv.origin}/declared-huge`, opts()),
      failsWith('ETOOBIG', /response of 50 MB is larger than the limit of 10 MB/),
    );
    await assert.rejects(
      fetchUrl(`${srv.origin}/bomb`, opts({ maxBytes: 1024 * 1024 })),
      failsWith('ETOOBIG', /larger than the limit of 1 MB/),
    );
    await assert.rejects(
      fetchUrl(`${srv.origin}/endless`, opts({ env: { NEWSGRAPH_FETCH_MAX_BYTES: '100000' } })),
      failsWith('ETOOBIG', /limit of 97\.7 KB/),
    );
  });

  it('refuses images, PDF and binary types, and accepts feeds only when asked', async () => {
    await assert.rejects(
      fetchUrl(`${srv.origin}/image`, opts()),
      failsWith('ETYPE', /content type image\/png \(an image\) is not HTML or plain text/),
    );
    await assert.rejects(fetchUrl(`${srv.origin}/pdf`, opts()), failsWith('ETYPE', /a PDF document/));
    await assert.rejects(fetchUrl(`${srv.origin}/octets`, opts()), failsWith('ETYPE', /binary data/));
    await assert.rejects(fetchUrl(`${srv.origin}/feed`, opts()), failsWith('ETYPE', /application\/rss\+xml/));
    const feed = await fetchUrl(`${srv.origin}/feed`, opts({ accept: ['xml', 'json'] }));
    assert.equal(feed.contentType, 'application/rss+xml');
    const untyped = await fetchUrl(`${srv.origin}/untyped`, opts());
    assert.equal(untyped.contentType, null, 'no type: the decoder sniffs the bytes');
  });

  it('reports HTTP errors with the status', async () => {
    await assert.rejects(
      fetchUrl(`${srv.origin}/missing`, opts()),
      failsWith('EHTTP', /missing: HTTP 404 Not Found$/),
    );
  });

  it('times out on a server that never answers, and on one that stalls mid-body', async () => {
    let t0 = Date.now();
    await assert.rejects(
      fetchUrl(`${srv.origin}/silent`, opts({ timeoutMs: 300, robots: false })),
      failsWith('ETIMEOUT', /silent: timed out after 300 ms/),
    );
    assert.ok(Date.now() - t0 < 2000);
    t0 = Date.now();
    await assert.rejects(
      fetchUrl(`${srv.origin}/stall-body`, opts({ readTimeoutMs: 200, robots: false })),
      failsWith('ETIMEOUT', /no answer for 200 ms \(read timeout\)/),
    );
    assert.ok(Date.now() - t0 < 2000);
    await assert.rejects(
      fetchUrl(`${srv.origin}/silent`, opts({ env: { NEWSGRAPH_FETCH_TIMEOUT_MS: '250' }, robots: false })),
      failsWith('ETIMEOUT', /timed out after 250 ms/),
    );
  });

  it('can be cancelled', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(
      fetchUrl(`${srv.origin}/silent`, opts({ signal: ac.signal, robots: false })),
      failsWith('EABORTED', /cancelled/),
    );
  });

  it('reports malformed limits in the environment', async () => {
    await assert.rejects(
      fetchUrl(`${srv.origin}/page`, opts({ env: { NEWSGRAPH_FETCH_TIMEOUT_MS: 'soon' } })),
      failsWith('ECONFIG', /NEWSGRAPH_FETCH_TIMEOUT_MS must be a positive integer, not "soon"/),
    );
  });
});

describe('robots.txt and politeness in the fetcher', () => {
  let srv: LoopbackServer;
  let robotsStatus = 200;
  before(async () => {
    srv = await loopbackServer({
      '/robots.txt': (_req, res) => {
        res.statusCode = robotsStatus;
        res.setHeader('content-type', 'text/plain');
        res.end(
          'User-agent: *\nDisallow: /private\n\nUser-agent: newsgraph\nDisallow: /members\nDisallow: /private\n',
        );
      },
      '*': html(PAGE),
    });
  });
  after(() => srv.close());

  it('honours robots.txt, fetching it once per origin', async () => {
    const shared = opts();
    const start = srv.paths.length;
    await fetchUrl(`${srv.origin}/news/1`, shared);
    await fetchUrl(`${srv.origin}/news/2`, shared);
    await assert.rejects(
      fetchUrl(`${srv.origin}/members/list`, shared),
      failsWith('EROBOTS', /members\/list: disallowed by robots\.txt \(Disallow: \/members\) for newsgraph/),
    );
    await assert.rejects(
      fetchUrl(`${srv.origin}/private?x=1`, shared),
      failsWith('EROBOTS', /Disallow: \/private/),
    );
    assert.deepEqual(srv.paths.slice(start), ['/robots.txt', '/news/1', '/news/2']);
    const off = await fetchUrl(`${srv.origin}/members/list`, opts({ robots: false }));
    assert.equal(off.status, 200);
    const offEnv = await fetchUrl(
      `${srv.origin}/members/list`,
      opts({ env: { NEWSGRAPH_FETCH_ROBOTS: 'off' } }),
    );
    assert.equal(offEnv.status, 200);
  });

  it('treats a missing robots.txt as allowing all, and a failing one as disallowing', async () => {
    robotsStatus = 404;
    assert.equal((await fetchUrl(`${srv.origin}/members/list`, opts())).status, 200);
    robotsStatus = 503;
    await assert.rejects(
      fetchUrl(`${srv.origin}/news/1`, opts()),
      failsWith('EROBOTS', /robots\.txt answered HTTP 503/),
    );
    robotsStatus = 200;
  });

  it('does not count time spent waiting for the host against the deadline', async () => {
    const shared = opts({ hostQueue: new HostQueue(700), timeoutMs: 500, robots: false });
    const results = await Promise.all([1, 2].map((i) => fetchUrl(`${srv.origin}/q/${i}`, shared)));
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200],
    );
  });

  it('times out on a robots.txt that never answers, and asks again next time', async () => {
    const silent = await loopbackServer({ '/robots.txt': () => {}, '*': html(PAGE) });
    try {
      const shared = opts({ timeoutMs: 200 });
      for (let i = 0; i < 2; i++)
        await assert.rejects(
          fetchUrl(`${silent.origin}/a`, shared),
          failsWith('ETIMEOUT', /\/a: timed out after 200 ms fetching robots\.txt$/),
        );
      assert.deepEqual(silent.paths, ['/robots.txt', '/robots.txt']);
    } finally {
      await silent.close();
    }
  });

  it('spaces requests to one host across separate calls', async () => {
    const queue = new HostQueue(150);
    const shared = opts({ hostQueue: queue, robots: false });
    const starts: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      [1, 2, 3].map((i) =>
        fetchUrl(`${srv.origin}/n/${i}`, shared).then(() => starts.push(performance.now() - t0)),
      ),
    );
    starts.sort((a, b) => a - b);
    assert.ok(starts[1] - 0 >= 140, `second fetch finished at ${starts[1]} ms`);
    assert.ok(starts[2] >= 290, `third fetch finished at ${starts[2]} ms`);
    const solo = performance.now();
    await fetchUrl(`${srv.origin}/n/4`, opts({ delayMs: 5000, robots: false }));
    assert.ok(performance.now() - solo < 4000, 'a fresh queue has nothing to wait for');
  });
});
