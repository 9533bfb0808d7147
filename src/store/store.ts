import type { Kysely } from 'kysely';
import type { AnalyzedDocument } from '../document.js';
import { type FeedState, getFeedState, knownCanonicalUrls, putFeedState } from './feed-state.js';
import type { Dialect } from './migrations.js';
import { openDb } from './open.js';
import * as Q from './queries.js';
import { type SaveMeta, type SaveOutcome, saveDocument } from './save.js';
import type { Database } from './schema.js';
import { type SearchParams, type SearchResult, search } from './search/search.js';

/** The one interface to stored documents and facts; SQLite and PostgreSQL behind it. */
export class Store {
  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly label: string,
  ) {}

  static async open(spec?: string | null, opts: { readonly?: boolean } = {}): Promise<Store> {
    const { db, dialect, label } = await openDb(spec, opts);
    return new Store(db, dialect, label);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  save(doc: AnalyzedDocument, meta?: SaveMeta): Promise<SaveOutcome> {
    return saveDocument(this.db, doc, meta);
  }

  /** Which of these content hashes / canonical URLs are already stored with this pipeline version. */
  async known(hashes: string[], version: string): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.db
      .selectFrom('documents')
      .select('content_hash')
      .where('content_hash', 'in', hashes)
      .where('pipeline_version', '=', version)
      .execute();
    return new Set(rows.map((r) => r.content_hash));
  }

  /** Which of these canonical URLs are already stored with this pipeline version. */
  knownUrls = (urls: string[], version: string): Promise<Set<string>> =>
    knownCanonicalUrls(this.db, urls, version);
  /** ETag/Last-Modified remembered per feed URL for conditional polling (`ingest --watch`). */
  feedState = (url: string): Promise<FeedState | null> => getFeedState(this.db, url);
  saveFeedState = (url: string, etag: string | null, lastModified: string | null): Promise<void> =>
    putFeedState(this.db, url, etag, lastModified);

  stats = () => Q.stats(this.db);
  documents = (f: Parameters<typeof Q.listDocuments>[1]) => Q.listDocuments(this.db, f);
  document = (id: number) => Q.getDocument(this.db, id);
  entities = (f: Parameters<typeof Q.listEntities>[1]) => Q.listEntities(this.db, f);
  entity = (id: number) => Q.getEntity(this.db, id);
  quotes = (f: Parameters<typeof Q.listQuotes>[1]) => Q.listQuotes(this.db, f);
  events = (f: Parameters<typeof Q.listEvents>[1]) => Q.listEvents(this.db, f);
  agreements = (f: Parameters<typeof Q.listAgreements>[1]) => Q.listAgreements(this.db, f);
  relation = (a: string, b: string, f?: { from?: string; to?: string }) => Q.relation(this.db, a, b, f);
  relationEvidence = (a: string, b: string, f?: { month?: string; type?: string; limit?: number }) =>
    Q.relationEvidence(this.db, a, b, f);
  stories = (f: Parameters<typeof Q.listStories>[1]) => Q.listStories(this.db, f);
  story = (id: number) => Q.getStory(this.db, id);
  search = (p: SearchParams): Promise<SearchResult> => search(this.db, this.dialect, p);

  /** Documents whose stored analysis was made by another pipeline version. */
  async stale(
    version: string,
    afterId = 0,
    limit = 200,
  ): Promise<{ id: number; url: string | null; text: string; analysis: string }[]> {
    return this.db
      .selectFrom('documents')
      .select(['id', 'url', 'text', 'analysis'])
      .where('pipeline_version', '!=', version)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
