// WARC archives written here, plain and gzip-compressed: only HTTP 200 HTML responses become documents.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { ingest } from '../../src/ingest/run.js';
import { expandSource } from '../../src/ingest/sources/index.js';
import { Store } from '../../src/store/store.js';

function record(version: string, type: string, headers: Record<string, string>, block: Buffer): Buffer {
  const head = [
    version,
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${Math.random().toString(16).slice(2)}>`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${block.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n')]);
}

const http = (status: string, headers: string[], body: Buffer) =>
  Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), body]);

const ARTICLE_A = `<!doctype html><html><head><title>Café owners protest new rules</title></head><body><article>
<h1>Café owners protest new rules</h1><p>LYON, April 3 (Archive Wire) - Café owners protested on Wednesday against new rules on terrace opening hours, the city's trade association said.</p>
<p>The association said the rules would cost jobs in the summer season and asked the council to delay them by a year.</p></article></body></html>`;

const ARTICLE_B = `<!doctype html><html><head><meta charset="utf-8"><title>Rail strike ends</title></head><body><article>
<h1>Rail strike ends after two days</h1><p>TURIN, April 4 (Archive Wire) - A two-day rail strike ended on Thursday after unions and the operator agreed on a new shift plan, both sides said.</p>
<p>Trains were expected to run normally from Friday morning, the operator said in a statement.</p></article></body></html>`;

function chunked(b: Buffer): Buffer {
  const half = Math.floor(b.length / 2);
  const part = (p: Buffer) =>
    Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]);
  return Buffer.concat([part(b.subarray(0, half)), part(b.subarray(half)), Buffer.from('0\r\n\r\n')]);
}

function records(): Buffer[] {
  const date = { 'WARC-Date': '2024-04-03T18:20:00Z' };
  return [
    record(
      'WARC/1.1',
      'warcinfo',
      { ...date, 'Content-Type': 'application/warc-fields' },
      Buffer.from('software: test\r\n'),
    ),
    record(
      'WARC/1.1',
      'request',
      {
        ...date,
        'WARC-Target-URI': 'https://archive.example.org/cafe',
        'Content-Type': 'application/http; msgtype=request',
      },
      Buffer.from('GET /cafe HTTP/1.1\r\nHost: archive.example.org\r\n\r\n'),
    ),
    record(
      'WARC/1.1',
      'response',
      {
        ...date,
        'WARC-Target-URI': 'https://archive.example.org/cafe',
        'Content-Type': 'application/http; msgtype=response',
      },
      http('200 OK', ['Content-Type: text/html; charset=ISO-8859-1'], iconv.encode(ARTICLE_A, 'latin1')),
    ),
    record(
      'WARC/1.0',
      'response',
      {
        'WARC-Date': '2024-04-04T07:00:00Z',
        'WARC-Target-URI': '<https://archive.example.org/rail>',
        'Content-Type': 'application/http; msgtype=response',
      },
      http(
        '200 OK',
        ['Content-Type: text/html', 'Transfer-Encoding: chunked', 'Content-Encoding: gzip'],
        chunked(gzipSync(ARTICLE_B)),
      ),
    ),
    record(
      'WARC/1.1',
      'response',
      {
        ...date,
        'WARC-Target-URI': 'https://archive.example.org/missing',
        'Content-Type': 'application/http; msgtype=response',
      },
      http('404 Not Found', ['Content-Type: text/html'], Buffer.from('<html><body>gone</body></html>')),
    ),
    record(
      'WARC/1.1',
      'response',
      {
        ...date,
        'WARC-Target-URI': 'https://archive.example.org/logo.png',
        'Content-Type': 'application/http; msgtype=response',
      },
      http('200 OK', ['Content-Type: image/png'], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
    ),
    record(
      'WARC/1.1',
      'metadata',
      { ...date, 'Content-Type': 'application/warc-fields' },
      Buffer.from('via: test\r\n'),
    ),
  ];
}

describe('WARC archives', () => {
  let dir: string;
  let store: Store;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsgraph-warc-test-'));
    store = await Store.open(join(dir, 'store.db'));
    await writeFile(join(dir, 'crawl.warc'), Buffer.concat(records()));
    // One gzip member per record, as crawlers write them.
    await writeFile(join(dir, 'crawl.warc.gz'), Buffer.concat(records().map((r) => gzipSync(r))));
    // Named like neither: sniffed from the content.
    await writeFile(join(dir, 'archive.bin'), gzipSync(Buffer.concat(records())));
    await writeFile(join(dir, 'cut.warc'), Buffer.concat(records()).subarray(0, 1500));
  });
  after(() => store.close());

  const ctx = () => {
    const failures: string[] = [];
    return {
      failures,
      ctx: {
        published: null,
        allowPrivate: false,
        fail: (k: string, m: string) => failures.push(`${k}: ${m}`),
      },
    };
  };

  for (const name of ['crawl.warc', 'crawl.warc.gz', 'archive.bin']) {
    it(`${name}: HTML 200 responses only, decoded, with the target URI and WARC-Date`, async () => {
      const c = ctx();
      const docs = [];
      for await (const it of await expandSource(join(dir, name), c.ctx)) docs.push(await it.load());
      assert.deepEqual(c.failures, []);
      assert.deepEqual(
        docs.map((d) => [d.url, d.published, d.format]),
        [
          ['https://archive.example.org/cafe', '2024-04-03T18:20:00Z', 'html'],
          ['https://archive.example.org/rail', '2024-04-04T07:00:00Z', 'html'],
        ],
      );
      assert.match(docs[0].content, /Café owners protested/, 'charset from the HTTP header');
      assert.match(docs[1].content, /rail strike ended/, 'chunked and gzip undone');
    });
  }

  it('a truncated archive is reported, not thrown', async () => {
    const c = ctx();
    const items = [];
    for await (const it of await expandSource(join(dir, 'cut.warc'), c.ctx)) items.push(it);
    assert.equal(c.failures.length, 1);
    assert.match(c.failures[0], /cut\.warc: malformed WARC: the file ends inside a record/);
  });

  it('ingests an archive into the store, and skips it by URL the second time', async () => {
    const first = await ingest({ sources: [join(dir, 'crawl.warc.gz')], store, workers: 0 });
    assert.deepEqual(first.failures, []);
    assert.equal(first.created, 2);
    const again = await ingest({ sources: [join(dir, 'crawl.warc')], store, workers: 0 });
    assert.equal(again.unchanged, 2);
  });
});
