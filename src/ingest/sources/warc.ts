// WARC 1.0/1.1 archives, plain or gzip-compressed (one member per record, or one for the whole file),
// read as a stream: each `response` record with HTTP 200 and an HTML type becomes an item; every other
// record is skipped unread. Items keep only where their payload lies (in the file, or for compressed
// archives in a spool file of payloads), so a large archive is never held in memory.
import { createReadStream, rmSync } from 'node:fs';
import { appendFile, mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import type { RawDocument } from '../../document.js';
import { InputError } from '../../errors.js';
import { fromBytes, MAX_INPUT_BYTES } from '../input.js';
import { parseContentType } from '../net/content-type.js';
import { ByteReader } from './byte-reader.js';
import { feedDate } from './feed-dates.js';
import { sniffWarc } from './sniff-container.js';
import type { SourceContext, SourceItem } from './types.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

interface HttpHead {
  status: number;
  headers: Map<string, string>;
}

async function readHeaders(r: ByteReader): Promise<Map<string, string>> {
  const h = new Map<string, string>();
  let last = '';
  for (;;) {
    const line = await r.readLine();
    if (line === null || line.length === 0) return h;
    const s = line.toString('latin1');
    // A folded continuation line belongs to the header before it.
    if (/^[ \t]/.test(s) && last) {
      h.set(last, `${h.get(last)} ${s.trim()}`);
      continue;
    }
    const i = s.indexOf(':');
    if (i <= 0) continue;
    last = s.slice(0, i).trim().toLowerCase();
    h.set(last, s.slice(i + 1).trim());
  }
}

async function readHttpHead(r: ByteReader): Promise<HttpHead | null> {
  const statusLine = (await r.readLine())?.toString('latin1') ?? '';
  const m = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine);
  const headers = await readHeaders(r);
  return m ? { status: Number(m[1]), headers } : null;
}

function dechunk(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < b.length) {
    const eol = b.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = Number.parseInt(b.subarray(i, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(b.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The payload as the server meant it: transfer and content encodings undone, as a browser would. */
function httpBody(raw: Buffer, headers: Map<string, string>, key: string): Buffer {
  let b = /chunked/i.test(headers.get('transfer-encoding') ?? '') ? dechunk(raw) : raw;
  const enc = (headers.get('content-encoding') ?? '').toLowerCase().trim();
  try {
    const opts = { maxOutputLength: MAX_INPUT_BYTES };
    if (enc === 'gzip' || enc === 'x-gzip') b = gunzipSync(b, opts);
    else if (enc === 'deflate') b = inflateSync(b, opts);
    else if (enc === 'br') b = brotliDecompressSync(b, opts);
  } catch (e) {
    throw new InputError(key, `cannot undo content-encoding ${enc}: ${(e as Error).message}`, 'EENCODING');
  }
  return b;
}

async function readAt(path: string, offset: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Payloads of compressed archives wait here, one file per archive, removed when the process exits. */
async function spoolFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsgraph-warc-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'payloads');
}

async function* warcItems(path: string, gzip: boolean, ctx: SourceContext): AsyncIterable<SourceItem> {
  const stream = createReadStream(path);
  const input = gzip ? stream.pipe(createGunzip()) : stream;
  if (gzip) stream.on('error', (e) => input.destroy(e));
  const r = new ByteReader(input[Symbol.asyncIterator]());
  let spool: string | null = null;
  let spoolSize = 0;
  let n = 0;
  try {
    for (;;) {
      const first = await r.readLine();
      if (first === null) break;
      if (first.length === 0) continue;
      const version = first.toString('latin1');
      if (!/^WARC\/1\.[01]$/.test(version.trim()))
        throw new Error(`expected a WARC/1.0 or WARC/1.1 record at byte ${r.pos - first.length - 1}`);
      n++;
      const h = await readHeaders(r);
      const length = Number(h.get('content-length'));
      if (!Number.isInteger(length) || length < 0) throw new Error(`record ${n} has no valid Content-Length`);
      const end = r.pos + length;
      const isHttp = /^application\/http\b/i.test(h.get('content-type') ?? 'application/http');
      if (h.get('warc-type') !== 'response' || !isHttp) {
        await r.skip(length);
        continue;
      }
      const http = await readHttpHead(r);
      const bodyLength = end - r.pos;
      const type = parseContentType(http?.headers.get('content-type'));
      if (!http || http.status !== 200 || !type || !HTML_TYPES.has(type.mime) || bodyLength < 0) {
        if (bodyLength > 0) await r.skip(bodyLength);
        continue;
      }
      const uri = (h.get('warc-target-uri') ?? '').replace(/^<(.*)>$/, '$1') || null;
      const key = uri ?? `${path}#record${n}`;
      if (bodyLength > MAX_INPUT_BYTES) {
        await r.skip(bodyLength);
        const err = new InputError(
          key,
          `payload too large (${(bodyLength / 1048576).toFixed(1)} MB)`,
          'ETOOBIG',
        );
        yield { key, load: () => Promise.reject(err) };
        continue;
      }
      let from: string;
      let offset: number;
      if (gzip) {
        spool ??= await spoolFile();
        const target = spool;
        from = target;
        offset = spoolSize;
        await r.read(bodyLength, (piece) => appendFile(target, piece));
        spoolSize += bodyLength;
      } else {
        from = path;
        offset = r.pos;
        await r.skip(bodyLength);
      }
      const published = feedDate(h.get('warc-date') ?? null) ?? ctx.published;
      const headers = http.headers;
      yield {
        key,
        url: uri ?? undefined,
        load: async (): Promise<RawDocument> => {
          const body = httpBody(await readAt(from, offset, bodyLength), headers, key);
          return fromBytes(body, key, { url: uri, published }, type.charset);
        },
      };
    }
  } catch (e) {
    ctx.fail(path, `malformed WARC: ${(e as Error).message}`);
  } finally {
    input.destroy();
    stream.destroy();
  }
}

/** A WARC file (plain or gzip), recognised by its first record's header. */
export function warcExpander(
  path: string,
  head: Buffer,
  ctx: SourceContext,
): AsyncIterable<SourceItem> | null {
  const w = sniffWarc(head);
  return w ? warcItems(path, w.gzip, ctx) : null;
}
