// The safe fetcher: http(s) only, timeouts and an overall deadline, a size cap enforced while streaming,
// a redirect cap with every hop re-checked, content-type checks, a per-host politeness delay, robots.txt,
// and refusal of non-public addresses after DNS resolution and before connecting (see docs/fetching.md).
import type { IncomingMessage } from 'node:http';
import { InputError } from '../errors.js';
import { type AddressPolicy, allowAll, publicOnly } from './net/address.js';
import { DEFAULTS, defaultUserAgent, limitsFromEnv, productToken } from './net/config.js';
import {
  acceptHeader,
  type ContentKind,
  DEFAULT_KINDS,
  parseContentType,
  refuseType,
} from './net/content-type.js';
import { FetchFailure } from './net/failure.js';
import { HostQueue } from './net/host-queue.js';
import {
  decodedBody,
  defaultPort,
  describeNetError,
  formatBytes,
  readCapped,
  requestHop,
} from './net/http-hop.js';
import { bareHost, type LookupFn, resolveChecked, systemLookup } from './net/resolve.js';
import { RobotsCache } from './net/robots-cache.js';
import { RobotsTxt } from './net/robots-txt.js';

export type { AddressPolicy } from './net/address.js';
export type { ContentKind } from './net/content-type.js';
export { HostQueue } from './net/host-queue.js';
export type { LookupFn } from './net/resolve.js';
export { RobotsCache } from './net/robots-cache.js';

export interface FetchOptions {
  /** Let the fetcher reach private, loopback and link-local addresses (`--allow-private`). */
  allowPrivate?: boolean;
  /** Overall deadline for the whole fetch, robots.txt and redirects included (default 15 s). */
  timeoutMs?: number;
  /** Time allowed to open the TCP connection of one hop (default: the overall deadline). */
  connectTimeoutMs?: number;
  /** Longest silence allowed while waiting for or reading a response (default: the overall deadline). */
  readTimeoutMs?: number;
  /** Size cap on the decoded body (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  userAgent?: string;
  /** What to accept: analysis wants html and text; feed readers add xml and json. */
  accept?: ContentKind[];
  /** Gap between two requests to the same host (default 1 s; a longer robots.txt Crawl-delay wins). */
  delayMs?: number;
  /** Honour robots.txt (default true). */
  robots?: boolean;
  /** Validators from an earlier fetch: a 304 answer gives `notModified: true` and no bytes. */
  etag?: string | null;
  lastModified?: string | null;
  /** Cancels the fetch (Ctrl-C in a long ingest). */
  signal?: AbortSignal;
  /** Injected name resolution; the default asks the system resolver. */
  lookup?: LookupFn;
  /** Injected address policy; overrides allowPrivate. */
  addressPolicy?: AddressPolicy;
  /** Shared across calls by default, so politeness and the robots cache hold process-wide. */
  hostQueue?: HostQueue;
  robotsCache?: RobotsCache;
  /** Called just before each connection is opened, with the checked address. */
  onConnect?: (address: string, port: number) => void;
  /** Where NEWSGRAPH_FETCH_* limits are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  bytes: Uint8Array;
  /** The media type without parameters, e.g. `text/html`. */
  contentType: string | null;
  /** The charset named in the Content-Type header, for decoding. */
  charset: string | null;
  lastModified: string | null;
  etag: string | null;
  /** True on a 304 answer to a conditional request; `bytes` is then empty. */
  notModified: boolean;
  /** Every URL redirected to, in order. */
  redirects: string[];
}

/** The process-wide politeness queue and robots cache every fetch shares unless given its own. */
export const sharedHostQueue = new HostQueue(DEFAULTS.delayMs);
export const sharedRobotsCache = new RobotsCache();

interface Settings {
  timeoutMs: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  token: string;
  accept: ContentKind[];
  delayMs: number;
  robots: boolean;
  policy: AddressPolicy;
  lookup: LookupFn;
  hostQueue: HostQueue;
  robotsCache: RobotsCache;
  headers: Record<string, string>;
  onConnect?: (address: string, port: number) => void;
}

function settle(opts: FetchOptions): Settings {
  const env = limitsFromEnv(opts.env ?? process.env);
  const timeoutMs = opts.timeoutMs ?? env.timeoutMs ?? DEFAULTS.timeoutMs;
  const userAgent = opts.userAgent ?? env.userAgent ?? defaultUserAgent();
  const accept = opts.accept?.length ? opts.accept : DEFAULT_KINDS;
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: acceptHeader(accept),
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  return {
    timeoutMs,
    connectTimeoutMs: Math.min(opts.connectTimeoutMs ?? timeoutMs, timeoutMs),
    readTimeoutMs: Math.min(opts.readTimeoutMs ?? timeoutMs, timeoutMs),
    maxBytes: opts.maxBytes ?? env.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: opts.maxRedirects ?? DEFAULTS.maxRedirects,
    userAgent,
    token: productToken(userAgent),
    accept,
    delayMs: opts.delayMs ?? env.delayMs ?? DEFAULTS.delayMs,
    robots: opts.robots ?? env.robots ?? true,
    policy: opts.addressPolicy ?? (opts.allowPrivate ? allowAll : publicOnly),
    lookup: opts.lookup ?? systemLookup,
    hostQueue: opts.hostQueue ?? sharedHostQueue,
    robotsCache: opts.robotsCache ?? sharedRobotsCache,
    headers,
    onConnect: opts.onConnect,
  };
}

/** The overall deadline, armed once the first politeness slot is ours (queueing is not the server's fault). */
class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  readonly signal: AbortSignal;
  expired = false;

  constructor(
    private readonly ms: number,
    external?: AbortSignal,
  ) {
    this.signal = external ? AbortSignal.any([this.controller.signal, external]) : this.controller.signal;
  }

  arm(): void {
    if (this.timer || this.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new FetchFailure('ETIMEOUT', `timed out after ${this.ms} ms`));
    }, this.ms);
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Fetch one http(s) URL safely. Every failure is an InputError naming `url`. */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  let s: Settings;
  try {
    s = settle(opts);
  } catch (e) {
    throw new InputError(url, (e as Error).message, 'ECONFIG');
  }
  const deadline = new Deadline(s.timeoutMs, opts.signal);
  let at = url;
  try {
    return await fetchPage(url, s, deadline, (hop) => {
      at = hop;
    });
  } catch (e) {
    throw toInputError(e, url, at, deadline, s.timeoutMs);
  } finally {
    deadline.clear();
  }
}

function toInputError(
  e: unknown,
  url: string,
  at: string,
  deadline: Deadline,
  timeoutMs: number,
): InputError {
  const where = at !== url ? ` (at ${at})` : '';
  if (deadline.expired) return new InputError(url, `timed out after ${timeoutMs} ms${where}`, 'ETIMEOUT');
  if (deadline.signal.aborted) return new InputError(url, `fetch cancelled${where}`, 'EABORTED');
  if (e instanceof FetchFailure) return new InputError(url, `${e.message}${where}`, e.code);
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED/.test(code))
    return new InputError(url, `TLS error: ${describeNetError(e)}${where}`, 'ETLS');
  return new InputError(url, `cannot fetch: ${describeNetError(e)}${where}`, 'ENET');
}

function parseHttpUrl(s: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(s, base);
  } catch {
    throw new FetchFailure('EURL', `not a valid URL: ${s}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new FetchFailure('EURL', `only http and https URLs are fetched, not ${u.protocol}`);
  if (u.username || u.password) throw new FetchFailure('EURL', 'URLs with credentials are not fetched');
  return u;
}

function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Followed {
  res: IncomingMessage;
  status: number;
  finalUrl: URL;
  redirects: string[];
}

/**
 * Request `start`, following redirects up to the cap. Every hop is re-checked from scratch: scheme,
 * robots.txt (for pages), politeness (for pages), and the address after resolution.
 */
async function follow(
  start: URL,
  s: Settings,
  deadline: Deadline,
  purpose: 'page' | 'robots',
  onHop: (url: string) => void,
): Promise<Followed> {
  let current = start;
  const redirects: string[] = [];
  for (;;) {
    onHop(current.href);
    if (purpose === 'page') {
      const robots = s.robots ? await robotsFor(current, s, deadline) : null;
      const crawlDelay = robots?.crawlDelay(s.token);
      const delay = Math.max(s.delayMs, Math.min((crawlDelay ?? 0) * 1000, DEFAULTS.maxCrawlDelayMs));
      if (robots) {
        const verdict = robots.check(s.token, `${current.pathname}${current.search}`);
        if (!verdict.allowed)
          throw new FetchFailure('EROBOTS', `disallowed by robots.txt (${verdict.rule}) for ${s.token}`);
      }
      await s.hostQueue.acquire(bareHost(current.hostname), delay, deadline.signal);
    }
    deadline.arm();
    const target = await raceSignal(resolveChecked(current.hostname, s.policy, s.lookup), deadline.signal);
    const hop = await requestHop(current, target, {
      headers: s.headers,
      connectTimeoutMs: s.connectTimeoutMs,
      readTimeoutMs: s.readTimeoutMs,
      signal: deadline.signal,
      onConnect: s.onConnect,
    });
    const location = hop.headers.location;
    if (!REDIRECTS.has(hop.status) || !location) {
      return { res: hop.response, status: hop.status, finalUrl: current, redirects };
    }
    hop.response.destroy();
    if (redirects.length >= s.maxRedirects)
      throw new FetchFailure('EREDIRECTS', `more than ${s.maxRedirects} redirects`);
    const next = parseHttpUrl(location, current);
    redirects.push(next.href);
    current = next;
  }
}

async function robotsFor(url: URL, s: Settings, deadline: Deadline): Promise<RobotsTxt> {
  const origin = `${url.protocol}//${url.hostname}:${defaultPort(url)}`;
  // The load is shared by every caller waiting on this origin, so it runs under its own deadline;
  // each caller still stops waiting when it is cancelled.
  return raceSignal(
    s.robotsCache.get(origin, () => loadRobots(new URL('/robots.txt', url), s)),
    deadline.signal,
  );
}

// RFC 9309: a 4xx robots.txt means no rules; a 5xx or an unreachable one means "assume disallowed"
// (reported, and not cached, so the next fetch asks again).
async function loadRobots(robotsUrl: URL, s: Settings): Promise<RobotsTxt> {
  const deadline = new Deadline(s.timeoutMs);
  deadline.arm();
  try {
    const { res, status } = await follow(robotsUrl, s, deadline, 'robots', () => {});
    if (status >= 200 && status < 300) {
      const body = await readCapped(decodedBody(res), DEFAULTS.robotsMaxBytes, deadline.signal, res, true);
      return RobotsTxt.parse(body.toString('utf8'));
    }
    res.destroy();
    if (status >= 400 && status < 500) return RobotsTxt.ALLOW_ALL;
    throw new FetchFailure(
      'EROBOTS',
      `robots.txt answered HTTP ${status}; the site is treated as disallowed until it answers`,
    );
  } catch (e) {
    if (deadline.expired)
      throw new FetchFailure('ETIMEOUT', `timed out after ${s.timeoutMs} ms fetching robots.txt`);
    throw e;
  } finally {
    deadline.clear();
  }
}

async function fetchPage(
  url: string,
  s: Settings,
  deadline: Deadline,
  onHop: (url: string) => void,
): Promise<FetchResult> {
  const start = parseHttpUrl(url);
  const { res, status, finalUrl, redirects } = await follow(start, s, deadline, 'page', onHop);
  const header = (name: string) => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  const base = {
    url,
    finalUrl: finalUrl.href,
    status,
    lastModified: header('last-modified'),
    etag: header('etag'),
    redirects,
  };
  if (status === 304) {
    res.destroy();
    return { ...base, bytes: new Uint8Array(0), contentType: null, charset: null, notModified: true };
  }
  if (status < 200 || status >= 300) {
    res.destroy();
    if (REDIRECTS.has(status)) throw new FetchFailure('EHTTP', `HTTP ${status} redirect without a Location`);
    throw new FetchFailure('EHTTP', `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
  }
  const type = parseContentType(header('content-type'));
  const refused = refuseType(type?.mime ?? null, s.accept);
  if (refused) {
    res.destroy();
    throw new FetchFailure('ETYPE', refused);
  }
  const declared = Number(header('content-length'));
  // Compressed bytes seldom outnumber decoded ones: a declared length over the cap is refused unread.
  if (Number.isFinite(declared) && declared > s.maxBytes) {
    res.destroy();
    throw new FetchFailure(
      'ETOOBIG',
      `response of ${formatBytes(declared)} is larger than the limit of ${formatBytes(s.maxBytes)}`,
    );
  }
  const bytes = await readCapped(decodedBody(res), s.maxBytes, deadline.signal, res);
  return {
    ...base,
    bytes,
    contentType: type?.mime ?? null,
    charset: type?.charset ?? null,
    notModified: false,
  };
}
