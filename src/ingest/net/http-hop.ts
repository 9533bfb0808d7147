// One HTTP request to an address that was already checked: no redirects followed, no DNS asked.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { FetchFailure } from './failure.js';
import { bareHost, type ResolvedAddress } from './resolve.js';

export interface HopOptions {
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** The longest silence allowed between two packets once connected. */
  readTimeoutMs: number;
  signal: AbortSignal;
  /** Called just before a socket is opened: tests count connection attempts with it. */
  onConnect?: (address: string, port: number) => void;
}

export interface HopResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** The raw response, for discarding a body that is not wanted. */
  response: IncomingMessage;
}

export function defaultPort(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

// net.connect asks `lookup` for the host; answer with the checked address, whatever DNS says now.
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

export function requestHop(url: URL, target: ResolvedAddress, opts: HopOptions): Promise<HopResponse> {
  return new Promise((resolve, reject) => {
    const port = defaultPort(url);
    const host = bareHost(url.hostname);
    opts.onConnect?.(target.address, port);
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request({
      protocol: url.protocol,
      host,
      port,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: opts.headers,
      // A fresh connection per request: a pooled socket could have been opened to another address.
      agent: false,
      lookup: pinnedLookup(target),
      signal: opts.signal,
    });
    let connectTimer: NodeJS.Timeout | null = null;
    let response: IncomingMessage | null = null;
    // Once the body is streaming, the failure must reach its reader: destroy the response, not the request.
    const fail = (code: string, message: string) => {
      const failure = new FetchFailure(code, message);
      if (response) response.destroy(failure);
      else req.destroy(failure);
    };
    req.on('socket', (socket: Socket) => {
      if (socket.connecting) {
        connectTimer = setTimeout(
          () => fail('ETIMEOUT', `no connection within ${opts.connectTimeoutMs} ms`),
          opts.connectTimeoutMs,
        );
        socket.once('connect', () => {
          if (connectTimer) clearTimeout(connectTimer);
        });
      }
      socket.setTimeout(opts.readTimeoutMs, () =>
        fail('ETIMEOUT', `no answer for ${opts.readTimeoutMs} ms (read timeout)`),
      );
    });
    req.on('error', (e) => {
      if (connectTimer) clearTimeout(connectTimer);
      reject(e);
    });
    req.on('response', (res) => {
      if (connectTimer) clearTimeout(connectTimer);
      response = res;
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: res.headers,
        response: res,
      });
    });
    req.end();
  });
}

/** The response body as a stream of decoded bytes (gzip, deflate, br undone). */
export function decodedBody(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'identity');
  if (!encoding.length) return res;
  if (encoding.length > 1)
    throw new FetchFailure('EHTTP', `unsupported content-encoding ${encoding.join(', ')}`);
  const [enc] = encoding;
  // Unzip reads gzip and zlib-wrapped deflate alike; some servers send either under either name.
  const decoder =
    enc === 'gzip' || enc === 'x-gzip' || enc === 'deflate'
      ? zlib.createUnzip()
      : enc === 'br'
        ? zlib.createBrotliDecompress()
        : null;
  if (!decoder) throw new FetchFailure('EHTTP', `unsupported content-encoding ${enc}`);
  return pipeline(res, decoder, () => {});
}

/**
 * Read a body to the end, stopping as soon as it passes `maxBytes` (of decoded bytes: a small
 * compressed body can expand without bound). `signal` aborts the read; `raw` is the socket's response,
 * destroyed on failure so a decompressor's error cannot leave it open.
 */
export async function readCapped(
  body: Readable,
  maxBytes: number,
  signal: AbortSignal,
  raw?: IncomingMessage,
  /** Keep the first `maxBytes` instead of failing (robots.txt: parse what fits). */
  truncate = false,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const onAbort = () => body.destroy(new FetchFailure('ETIMEOUT', 'aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        body.destroy();
        raw?.destroy();
        if (truncate) {
          chunks.push((chunk as Buffer).subarray(0, (chunk as Buffer).length - (total - maxBytes)));
          return Buffer.concat(chunks, maxBytes);
        }
        throw new FetchFailure('ETOOBIG', `response larger than the limit of ${formatBytes(maxBytes)}`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    raw?.destroy();
    if (e instanceof FetchFailure) throw e;
    throw new FetchFailure('ENET', `failed while reading the body: ${describeNetError(e)}`);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return Buffer.concat(chunks, total);
}

export function formatBytes(n: number): string {
  if (n >= 1048576) return `${+(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function describeNetError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED') return 'connection refused';
  if (err?.code === 'ECONNRESET') return 'connection reset';
  if (err?.code === 'Z_DATA_ERROR' || err?.code === 'ERR__ERROR_FORMAT_PADDING_1')
    return 'corrupt compressed body';
  return err?.code ? `${err.code}${err.message ? ` (${err.message})` : ''}` : String(err?.message ?? e);
}
