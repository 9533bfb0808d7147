import type { RawDocument } from '../../document.js';

/** One thing to ingest, loaded lazily so that a large source is never all in memory. */
export interface SourceItem {
  /** Names the item in progress and error reports: a path, a URL, `file.jsonl:12`. */
  key: string;
  /** A content hash known before loading (plain-text records), to skip what is stored already. */
  hash?: string;
  load(): Promise<RawDocument>;
}

export interface SourceContext {
  published: string | null;
  allowPrivate: boolean;
  /** Report a source that cannot be expanded at all (a malformed feed, an unreadable directory). */
  fail(key: string, message: string): void;
}

/** Expands a source argument (file, directory, URL, feed…) into items; returns null when it does not apply. */
export type SourceExpander = (arg: string, ctx: SourceContext) => Promise<AsyncIterable<SourceItem> | null>;
