import type { RawDocument } from '../../document.js';
import type { Store } from '../../store/store.js';
import type { FetchOptions } from '../fetch.js';

/** One thing to ingest, loaded lazily so that a large source is never all in memory. */
export interface SourceItem {
  /** Names the item in progress and error reports: a path, a URL, `file.jsonl:12`. */
  key: string;
  /** A content hash known before loading (plain-text records), to skip what is stored already. */
  hash?: string;
  /** The item's URL when known before loading (feed entries, sitemap URLs): stored ones are skipped unfetched. */
  url?: string;
  load(): Promise<RawDocument>;
  /** Told once the item is stored (or found stored) or has failed; feeds remember their ETag only when all went well. */
  settled?(ok: boolean): Promise<void> | void;
}

export interface SourceContext {
  published: string | null;
  allowPrivate: boolean;
  /** Report a source that cannot be expanded at all (a malformed feed, an unreadable directory). */
  fail(key: string, message: string): void;
  /** The store, when there is one: feed validators (ETag/Last-Modified) live there. */
  store?: Pick<Store, 'feedState' | 'saveFeedState'>;
  /** Extra fetcher options (tests inject an address policy and a queue without delay). */
  fetch?: FetchOptions;
}
