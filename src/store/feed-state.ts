import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The validators a feed or sitemap answered with last time, for a conditional GET on the next poll. */
export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  checkedAt: string;
}

export async function getFeedState(db: Kysely<Database>, url: string): Promise<FeedState | null> {
  const row = await db.selectFrom('feed_state').selectAll().where('url', '=', url).executeTakeFirst();
  return row ? { etag: row.etag, lastModified: row.last_modified, checkedAt: row.checked_at } : null;
}

/** Upsert: `ON CONFLICT … DO UPDATE` reads the same in SQLite and PostgreSQL. */
export async function putFeedState(
  db: Kysely<Database>,
  url: string,
  etag: string | null,
  lastModified: string | null,
): Promise<void> {
  const checked_at = new Date().toISOString();
  await db
    .insertInto('feed_state')
    .values({ url, etag, last_modified: lastModified, checked_at })
    .onConflict((oc) => oc.column('url').doUpdateSet({ etag, last_modified: lastModified, checked_at }))
    .execute();
}

/** Which of these canonical URLs are stored with this pipeline version (checked before fetching an entry). */
export async function knownCanonicalUrls(
  db: Kysely<Database>,
  urls: string[],
  version: string,
): Promise<Set<string>> {
  if (!urls.length) return new Set();
  const rows = await db
    .selectFrom('documents')
    .select('canonical_url')
    .where('canonical_url', 'in', urls)
    .where('pipeline_version', '=', version)
    .execute();
  return new Set(rows.map((r) => r.canonical_url).filter((u): u is string => u !== null));
}
