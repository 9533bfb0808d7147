import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../migrations.js';
import { clampLimit, type DocumentSummary, decodeCursor, encodeCursor, type Page } from '../queries.js';
import type { Database } from '../schema.js';
import { parseQuery, type QueryNode, QuerySyntaxError, toFts5 } from './query.js';

export interface SearchParams {
  q?: string;
  /** Global entity id that the document mentions. */
  entity?: number;
  /** ISO country code that any entity of the document belongs to. */
  country?: string;
  /** PLOVER event type the document reports. */
  eventType?: string;
  /** Global entity id of a quoted speaker in the document. */
  speaker?: number;
  source?: string;
  language?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
  facets?: boolean;
}

export interface SearchHit
  extends Pick<DocumentSummary, 'id' | 'title' | 'url' | 'source' | 'language' | 'published' | 'story_id'> {
  /** HTML-safe: the document text is escaped; only <mark> elements are added. */
  snippet: string;
  rank: number;
}

export interface Facets {
  sources: { value: string; count: number }[];
  languages: { value: string; count: number }[];
  event_types: { value: string; count: number }[];
  entities: { id: number; name: string; type: string; count: number }[];
}

export interface SearchResult extends Page<SearchHit> {
  facets?: Facets;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

export function safeSnippet(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(new RegExp(OPEN, 'g'), '<mark>')
    .replace(new RegExp(CLOSE, 'g'), '</mark>')
    .replace(/\s+/g, ' ')
    .trim();
}

function filters(p: SearchParams): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (p.entity !== undefined)
    out.push(sql`d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ${p.entity})`);
  if (p.country) {
    const iso = p.country.toUpperCase();
    out.push(
      sql`d.id IN (SELECT de.doc_id FROM doc_entities de JOIN entities e ON e.id = de.entity_id WHERE e.iso = ${iso} OR e.country = ${iso})`,
    );
  }
  if (p.eventType)
    out.push(sql`d.id IN (SELECT doc_id FROM events WHERE type = ${p.eventType.toUpperCase()})`);
  if (p.speaker !== undefined)
    out.push(sql`d.id IN (SELECT doc_id FROM quotes WHERE speaker_entity_id = ${p.speaker})`);
  if (p.source) out.push(sql`d.source = ${p.source}`);
  if (p.language) out.push(sql`d.language = ${p.language}`);
  if (p.from) out.push(sql`d.published >= ${p.from}`);
  if (p.to) out.push(sql`d.published <= ${`${p.to}\uffff`}`);
  return out;
}

function and(parts: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return parts.length ? sql.join(parts, sql` AND `) : sql`1 = 1`;
}

/** tsquery for PostgreSQL, built from parameterised pieces: no user text is spliced into SQL. */
function toTsquery(n: QueryNode): RawBuilder<unknown> {
  switch (n.kind) {
    case 'term':
      return n.prefix
        ? sql`to_tsquery('english', ${`${n.value.replace(/[^\p{L}\p{N}]/gu, '')}:*`})`
        : sql`plainto_tsquery('english', ${n.value})`;
    case 'phrase':
      return sql`phraseto_tsquery('english', ${n.words.join(' ')})`;
    case 'not':
      return sql`(!! ${toTsquery(n.item)})`;
    case 'and':
      return sql`(${sql.join(n.items.map(toTsquery), sql` && `)})`;
    case 'or':
      return sql`(${sql.join(n.items.map(toTsquery), sql` || `)})`;
  }
}

/** Full-text search with filters, highlighted snippets, facets and keyset pagination. One implementation per database. */
export async function search(db: Kysely<Database>, dialect: Dialect, p: SearchParams): Promise<SearchResult> {
  const limit = clampLimit(p.limit, 20);
  const node = p.q?.trim() ? parseQuery(p.q) : null;
  const cursor = decodeCursor(p.cursor);
  const where = filters(p);
  let rows: (SearchHit & { snip: string | null })[];
  const cols = sql`d.id, d.title, d.url, d.source, d.language, d.published, d.story_id`;
  if (!node) {
    if (cursor) where.push(sql`d.id < ${Number(cursor[1])}`);
    const r = await sql<SearchHit & { snip: string | null }>`
      SELECT ${cols}, substr(d.text, 1, 240) AS snip, 0 AS rank FROM documents d
      WHERE ${and(where)} ORDER BY d.id DESC LIMIT ${limit + 1}`.execute(db);
    rows = r.rows;
  } else if (dialect === 'sqlite') {
    const match = toFts5(node);
    const rank = sql`bm25(documents_fts, 4.0, 1.0)`;
    if (cursor)
      where.push(
        sql`(${rank} > ${Number(cursor[0])} OR (${rank} = ${Number(cursor[0])} AND d.id > ${Number(cursor[1])}))`,
      );
    try {
      // Rank and page first; snippets only for the page's rows (snippet() re-reads each text).
      const page = await sql<{ id: number; rank: number }>`
        SELECT d.id, ${rank} AS rank
        FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
        WHERE documents_fts MATCH ${match} AND ${and(where)}
        ORDER BY rank, d.id LIMIT ${limit + 1}`.execute(db);
      const ranks = new Map(page.rows.map((x) => [x.id, x.rank]));
      const ids = page.rows.map((x) => x.id);
      const r = ids.length
        ? await sql<SearchHit & { snip: string | null }>`
        SELECT ${cols}, snippet(documents_fts, 1, ${OPEN}, ${CLOSE}, '…', 28) AS snip
        FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
        WHERE documents_fts MATCH ${match} AND documents_fts.rowid IN (${sql.join(ids)})`.execute(db)
        : { rows: [] };
      const byId = new Map(r.rows.map((x) => [x.id, x]));
      rows = ids.flatMap((id) => {
        const x = byId.get(id);
        return x ? [{ ...x, rank: ranks.get(id)! }] : [];
      });
    } catch (e) {
      throw new QuerySyntaxError(`cannot search for "${p.q}": ${(e as Error).message}`);
    }
  } else {
    const tsq = toTsquery(node);
    const rank = sql`(-ts_rank_cd(d.tsv, ${tsq}))`;
    if (cursor)
      where.push(
        sql`(${rank} > ${Number(cursor[0])} OR (${rank} = ${Number(cursor[0])} AND d.id > ${Number(cursor[1])}))`,
      );
    // Rank and page first, then build headlines for the page's rows only: ts_headline re-reads each text.
    const r = await sql<SearchHit & { snip: string | null }>`
      SELECT ${cols},
        ts_headline('english', d.text, ${tsq}, ${`StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) AS snip,
        p.rank
      FROM (
        SELECT d.id, ${rank}::float8 AS rank FROM documents d
        WHERE d.tsv @@ ${tsq} AND ${and(where)}
        ORDER BY rank, d.id LIMIT ${limit + 1}
      ) p JOIN documents d ON d.id = p.id
      ORDER BY p.rank, d.id`.execute(db);
    rows = r.rows;
  }
  const more = rows.length > limit;
  const items: SearchHit[] = rows
    .slice(0, limit)
    .map(({ snip, ...h }) => ({ ...h, rank: Number(h.rank), snippet: safeSnippet(snip ?? '') }));
  const last = items[items.length - 1];
  const next = more && last ? encodeCursor([last.rank, last.id]) : null;
  const out: SearchResult = { items, next };
  if (p.facets) out.facets = await facets(db, dialect, node, p);
  return out;
}

async function facets(
  db: Kysely<Database>,
  dialect: Dialect,
  node: QueryNode | null,
  p: SearchParams,
): Promise<Facets> {
  const where = filters(p);
  let matched: RawBuilder<unknown>;
  if (!node) matched = sql`SELECT d.id FROM documents d WHERE ${and(where)}`;
  else if (dialect === 'sqlite') {
    matched = sql`SELECT d.id FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ${toFts5(node)} AND ${and(where)}`;
  } else matched = sql`SELECT d.id FROM documents d WHERE d.tsv @@ ${toTsquery(node)} AND ${and(where)}`;
  const top = async (col: 'source' | 'language') =>
    (
      await sql<{ value: string; count: number }>`
      SELECT ${sql.ref(col)} AS value, count(*) AS count FROM documents WHERE id IN (${matched}) AND ${sql.ref(col)} IS NOT NULL
      GROUP BY ${sql.ref(col)} ORDER BY count DESC, value LIMIT 20`.execute(db)
    ).rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  const types = await sql<{ value: string; count: number }>`
    SELECT type AS value, count(DISTINCT doc_id) AS count FROM events WHERE doc_id IN (${matched})
    GROUP BY type ORDER BY count DESC, value LIMIT 20`.execute(db);
  const ents = await sql<{ id: number; name: string; type: string; count: number }>`
    SELECT e.id, e.name, e.type, count(DISTINCT de.doc_id) AS count FROM doc_entities de JOIN entities e ON e.id = de.entity_id
    WHERE de.doc_id IN (${matched}) GROUP BY e.id, e.name, e.type ORDER BY count DESC, e.id LIMIT 30`.execute(
    db,
  );
  return {
    sources: await top('source'),
    languages: await top('language'),
    event_types: types.rows.map((r) => ({ value: r.value, count: Number(r.count) })),
    entities: ents.rows.map((r) => ({ ...r, id: Number(r.id), count: Number(r.count) })),
  };
}
