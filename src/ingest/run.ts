import { PIPELINE_VERSION } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { canonicalUrl } from './canonical.js';
import type { FetchOptions } from './fetch.js';
import { AnalyzerPool } from './pool.js';
import { expandSource, type SourceContext, type SourceItem } from './sources/index.js';

export interface IngestOptions {
  sources: string[];
  store: Store;
  /** Analysis worker threads (0: analyse on the main thread). */
  workers: number;
  published?: string | null;
  allowPrivate?: boolean;
  signal?: AbortSignal;
  /** Extra fetcher options for feeds and URLs (tests: an address policy, a queue without delay). */
  fetch?: FetchOptions;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  current?: string;
}

export interface IngestSummary extends IngestProgress {
  nearDuplicates: number;
  failures: { key: string; message: string }[];
  elapsedMs: number;
  interrupted: boolean;
}

/**
 * Ingest sources into the store. Each document is saved in its own transaction, and saving is idempotent,
 * so an interrupted run loses nothing and a re-run stores nothing twice. Failures are collected, not thrown.
 */
export async function ingest(o: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const failures: { key: string; message: string }[] = [];
  const ctx: SourceContext = {
    published: o.published ?? null,
    allowPrivate: o.allowPrivate ?? false,
    fail: (key: string, message: string) => failures.push({ key, message }),
    store: o.store,
    fetch: o.fetch,
  };
  const items: SourceItem[] = [];
  for (const s of o.sources) {
    try {
      for await (const it of await expandSource(s, ctx)) items.push(it);
    } catch (e) {
      failures.push({ key: s, message: (e as Error).message });
    }
  }
  const p: IngestProgress = {
    total: items.length + failures.length,
    done: failures.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: failures.length,
  };
  let nearDuplicates = 0;
  const pool = new AnalyzerPool(o.workers);
  const now = new Date();
  // SQLite has one writer: saves go one at a time. PostgreSQL takes several transactions at once, which
  // hides its round trips.
  const saves = new Gate(o.store.dialect === 'postgres' ? 4 : 1);
  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(2, o.workers * 3);
  const fail = (key: string, e: unknown) => {
    const msg = (e as Error).message ?? String(e);
    failures.push({ key, message: msg.startsWith(key) ? msg.slice(key.length).replace(/^:\s*/, '') : msg });
    p.failed++;
  };
  const handle = async (it: SourceItem) => {
    let ok = false;
    try {
      if (it.hash && (await o.store.known([it.hash], PIPELINE_VERSION)).size) {
        p.unchanged++;
        ok = true;
        return;
      }
      // Feed entries and sitemap pages already stored are skipped before their article is fetched.
      const canonical = it.url ? canonicalUrl(it.url) : null;
      if (canonical && (await o.store.knownUrls([canonical], PIPELINE_VERSION)).size) {
        p.unchanged++;
        ok = true;
        return;
      }
      const raw = await it.load();
      const doc = await pool.analyze(raw, now);
      const outcome = await saves.run(() =>
        o.store.save(doc, { canonicalUrl: canonicalUrl(doc.url), title: raw.title }),
      );
      p[outcome.status]++;
      if (outcome.nearDuplicateOf !== null && outcome.status === 'created') nearDuplicates++;
      ok = true;
    } catch (e) {
      fail(it.key, e);
    } finally {
      await it.settled?.(ok);
      p.done++;
      p.current = it.key;
      o.onProgress?.(p);
    }
  };
  let interrupted = false;
  try {
    for (const it of items) {
      if (o.signal?.aborted) {
        interrupted = true;
        break;
      }
      const job = handle(it).finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return { ...p, nearDuplicates, failures, elapsedMs: performance.now() - t0, interrupted };
}

/** At most `size` tasks at once; the rest wait their turn in order. */
class Gate {
  private active = 0;
  private queue: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
