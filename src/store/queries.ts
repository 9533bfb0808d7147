import { type Kysely, sql } from 'kysely';
import type { AnalyzedDocument, PloverType } from '../document.js';
import { COOPERATION_WEIGHT } from '../graph/cooperation.js';
import type { Database } from './schema.js';

// The read side of the store, shared by the CLI, the API and exports. Lists page with opaque cursors
// (keyset on the sort key and id), so an export can walk any result without caps.

export interface Page<T> {
  items: T[];
  next: string | null;
}

export function encodeCursor(v: unknown[]): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeCursor(c: string | null | undefined): unknown[] | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

export function clampLimit(n: unknown, dflt = 50, max = 1000): number {
  const x = Number(n);
  return Number.isFinite(x) && x > 0 ? Math.min(Math.floor(x), max) : dflt;
}

export interface StoreStats {
  documents: number;
  independent_documents: number;
  entities: number;
  quotes: number;
  events: number;
  agreements: number;
  registry_agreements: number;
  stories: number;
  relations: number;
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const r = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function stats(db: Kysely<Database>): Promise<StoreStats> {
  const independent = await db
    .selectFrom('documents')
    .select(sql<number>`count(*)`.as('n'))
    .where('near_dup_of', 'is', null)
    .executeTakeFirst();
  const rel = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT DISTINCT CASE WHEN a.country < b.country THEN a.country ELSE b.country END AS c1,
                      CASE WHEN a.country < b.country THEN b.country ELSE a.country END AS c2
      FROM event_actors a JOIN event_actors b ON a.event_id = b.event_id AND a.country <> b.country
      WHERE a.country IS NOT NULL AND b.country IS NOT NULL) pairs`.execute(db);
  return {
    documents: await count(db, 'documents'),
    independent_documents: Number(independent?.n ?? 0),
    entities: await count(db, 'entities'),
    quotes: await count(db, 'quotes'),
    events: await count(db, 'events'),
    agreements: await count(db, 'agreements'),
    registry_agreements: await count(db, 'agreement_registry'),
    stories: await count(db, 'stories'),
    relations: Number(rel.rows[0]?.n ?? 0),
  };
}

export interface DocumentSummary {
  id: number;
  title: string | null;
  url: string | null;
  source: string | null;
  language: string | null;
  published: string | null;
  story_id: number | null;
  near_dup_of: number | null;
  pipeline_version: string;
  ingested_at: string;
}

const DOC_COLUMNS = [
  'id',
  'title',
  'url',
  'source',
  'language',
  'published',
  'story_id',
  'near_dup_of',
  'pipeline_version',
  'ingested_at',
] as const;

export async function listDocuments(
  db: Kysely<Database>,
  f: {
    source?: string;
    language?: string;
    from?: string;
    to?: string;
    story?: number;
    cursor?: string;
    limit?: number;
  },
): Promise<Page<DocumentSummary>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('documents')
    .select([...DOC_COLUMNS])
    .orderBy('id')
    .limit(limit + 1);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.language) q = q.where('language', '=', f.language);
  if (f.from) q = q.where('published', '>=', f.from);
  if (f.to) q = q.where('published', '<=', `${f.to}\uffff`);
  if (f.story !== undefined) q = q.where('story_id', '=', f.story);
  const c = decodeCursor(f.cursor);
  if (c) q = q.where('id', '>', Number(c[0]));
  return page(await q.execute(), limit, (r) => [r.id]);
}

function page<T>(rows: T[], limit: number, key: (r: T) => unknown[]): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, next: more ? encodeCursor(key(items[items.length - 1])) : null };
}

export async function getDocument(
  db: Kysely<Database>,
  id: number,
): Promise<(DocumentSummary & { analysis: AnalyzedDocument }) | null> {
  const r = await db
    .selectFrom('documents')
    .select([...DOC_COLUMNS, 'analysis'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const { analysis, ...rest } = r;
  return { ...rest, analysis: JSON.parse(analysis) as AnalyzedDocument };
}

export interface EntityRow {
  id: number;
  type: string;
  name: string;
  iso: string | null;
  geonames: number | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  aliases: string[];
  attributes: Record<string, unknown>;
  doc_count: number;
  mention_count: number;
}

function entityRow(r: Database['entities'] extends infer T ? { [K in keyof T]: unknown } : never): EntityRow {
  return {
    ...(r as unknown as EntityRow),
    aliases: JSON.parse(r.aliases as string),
    attributes: JSON.parse(r.attributes as string),
  };
}

export async function listEntities(
  db: Kysely<Database>,
  f: { type?: string; country?: string; name?: string; cursor?: string; limit?: number },
): Promise<Page<EntityRow>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('entities')
    .selectAll()
    .orderBy('doc_count', 'desc')
    .orderBy('id')
    .limit(limit + 1);
  if (f.type) q = q.where('type', '=', f.type.toUpperCase());
  if (f.country)
    q = q.where((eb) =>
      eb.or([eb('iso', '=', f.country!.toUpperCase()), eb('country', '=', f.country!.toUpperCase())]),
    );
  if (f.name) q = q.where(sql<boolean>`lower(name) LIKE ${`%${f.name.toLowerCase().replace(/[%_]/g, '')}%`}`);
  const c = decodeCursor(f.cursor);
  if (c) {
    const [n, id] = [Number(c[0]), Number(c[1])];
    q = q.where((eb) =>
      eb.or([eb('doc_count', '<', n), eb.and([eb('doc_count', '=', n), eb('id', '>', id)])]),
    );
  }
  const rows = (await q.execute()).map((r) => entityRow(r));
  return page(rows, limit, (r) => [r.doc_count, r.id]);
}

export async function getEntity(
  db: Kysely<Database>,
  id: number,
): Promise<(EntityRow & { documents: DocumentSummary[] }) | null> {
  const r = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const documents = await db
    .selectFrom('doc_entities')
    .innerJoin('documents', 'documents.id', 'doc_entities.doc_id')
    .select(DOC_COLUMNS.map((c) => `documents.${c}` as const))
    .where('doc_entities.entity_id', '=', id)
    .orderBy('documents.published', 'desc')
    .limit(50)
    .execute();
  return { ...entityRow(r), documents: documents as DocumentSummary[] };
}

export interface QuoteRow {
  id: number;
  doc_id: number;
  kind: string;
  text: string;
  start: number;
  end: number;
  speaker_entity_id: number | null;
  speaker_name: string | null;
  speaker_text: string | null;
  cue: string | null;
  published: string | null;
  pipeline_version: string;
}

export async function listQuotes(
  db: Kysely<Database>,
  f: { speaker?: number; doc?: number; kind?: string; cursor?: string; limit?: number },
): Promise<Page<QuoteRow>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('quotes')
    .leftJoin('entities', 'entities.id', 'quotes.speaker_entity_id')
    .select([
      'quotes.id',
      'quotes.doc_id',
      'quotes.kind',
      'quotes.text',
      'quotes.start',
      'quotes.end',
      'quotes.speaker_entity_id',
      'entities.name as speaker_name',
      'quotes.speaker_text',
      'quotes.cue',
      'quotes.published',
      'quotes.pipeline_version',
    ])
    .orderBy('quotes.id')
    .limit(limit + 1);
  if (f.speaker !== undefined) q = q.where('quotes.speaker_entity_id', '=', f.speaker);
  if (f.doc !== undefined) q = q.where('quotes.doc_id', '=', f.doc);
  if (f.kind) q = q.where('quotes.kind', '=', f.kind);
  const c = decodeCursor(f.cursor);
  if (c) q = q.where('quotes.id', '>', Number(c[0]));
  return page((await q.execute()) as QuoteRow[], limit, (r) => [r.id]);
}

export interface EventRow {
  id: number;
  doc_id: number;
  type: string;
  mode: string | null;
  date: string | null;
  date_end: string | null;
  trigger: string;
  confidence: number;
  evidence: { start: number; end: number };
  sources: { id: number; name: string; country: string | null }[];
  targets: { id: number; name: string; country: string | null }[];
  pipeline_version: string;
}

async function withActors(
  db: Kysely<Database>,
  rows: Database['events'][] | { id: number }[],
): Promise<Map<number, EventRow['sources'][]>> {
  const ids = rows.map((r) => Number(r.id));
  const out = new Map<number, EventRow['sources'][]>();
  if (!ids.length) return out;
  const actors = await db
    .selectFrom('event_actors')
    .innerJoin('entities', 'entities.id', 'event_actors.entity_id')
    .select([
      'event_actors.event_id',
      'event_actors.role',
      'entities.id',
      'entities.name',
      'event_actors.country',
    ])
    .where('event_actors.event_id', 'in', ids)
    .execute();
  for (const a of actors) {
    const cur = out.get(a.event_id) ?? [[], []];
    cur[a.role === 'source' ? 0 : 1].push({ id: a.id, name: a.name, country: a.country });
    out.set(a.event_id, cur);
  }
  return out;
}

export async function listEvents(
  db: Kysely<Database>,
  f: {
    type?: string;
    country?: string;
    entity?: number;
    doc?: number;
    from?: string;
    to?: string;
    cursor?: string;
    limit?: number;
  },
): Promise<Page<EventRow>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('events')
    .selectAll()
    .orderBy('id')
    .limit(limit + 1);
  if (f.type) q = q.where('type', '=', f.type.toUpperCase());
  if (f.doc !== undefined) q = q.where('doc_id', '=', f.doc);
  if (f.from) q = q.where('date', '>=', f.from);
  if (f.to) q = q.where('date', '<=', f.to);
  if (f.country) {
    const iso = f.country.toUpperCase();
    q = q.where('id', 'in', db.selectFrom('event_actors').select('event_id').where('country', '=', iso));
  }
  if (f.entity !== undefined)
    q = q.where(
      'id',
      'in',
      db.selectFrom('event_actors').select('event_id').where('entity_id', '=', f.entity!),
    );
  const c = decodeCursor(f.cursor);
  if (c) q = q.where('id', '>', Number(c[0]));
  const rows = await q.execute();
  const actors = await withActors(db, rows);
  const items: EventRow[] = rows.map((r) => ({
    id: r.id,
    doc_id: r.doc_id,
    type: r.type,
    mode: r.mode,
    date: r.date,
    date_end: r.date_end,
    trigger: r.trigger,
    confidence: r.confidence,
    evidence: { start: r.ev_start, end: r.ev_end },
    sources: actors.get(r.id)?.[0] ?? [],
    targets: actors.get(r.id)?.[1] ?? [],
    pipeline_version: r.pipeline_version,
  }));
  return page(items, limit, (r) => [r.id]);
}

export async function listAgreements(
  db: Kysely<Database>,
  f: { country?: string; status?: string; cursor?: string; limit?: number },
): Promise<Page<Record<string, unknown>>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('agreement_registry')
    .selectAll()
    .orderBy('id')
    .limit(limit + 1);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.country) q = q.where('parties', 'like', `%"${f.country.toUpperCase().replace(/[%_"]/g, '')}"%`);
  const c = decodeCursor(f.cursor);
  if (c) q = q.where('id', '>', Number(c[0]));
  const rows = await q.execute();
  const reports = rows.length
    ? await db
        .selectFrom('agreements')
        .select(['id', 'registry_id', 'doc_id', 'status', 'date', 'published', 'data'])
        .where(
          'registry_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    date: r.date,
    parties: JSON.parse(r.parties) as string[],
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    history: JSON.parse(r.history),
    reports: reports
      .filter((x) => x.registry_id === r.id)
      .map((x) => ({
        id: x.id,
        doc_id: x.doc_id,
        status: x.status,
        date: x.date,
        published: x.published,
        record: JSON.parse(x.data),
      })),
  }));
  return page(items, limit, (r) => [r.id]);
}

export interface RelationMonth {
  month: string;
  events: number;
  by_type: Partial<Record<PloverType, number>>;
  /** Mean cooperation (+) / conflict (−) weight of the month's events, −10..+10. */
  score: number;
}

export interface Relation {
  a: string;
  b: string;
  months: RelationMonth[];
  agreements: { id: number; name: string; status: string; date: string | null; alliance: boolean }[];
  alliance: boolean;
}

/** Country-pair relations over time: events between (or jointly by) two countries, per month, counted over independent reports. */
export async function relation(
  db: Kysely<Database>,
  aIn: string,
  bIn: string,
  f: { from?: string; to?: string } = {},
): Promise<Relation> {
  const a = aIn.toUpperCase();
  const b = bIn.toUpperCase();
  const rows = await pairEvents(db, a, b, f)
    .select(['events.type', 'events.date', 'documents.published'])
    .execute();
  const months = new Map<string, RelationMonth>();
  for (const r of rows) {
    const month = (r.date ?? r.published ?? '').slice(0, 7);
    if (!month) continue;
    const m = months.get(month) ?? { month, events: 0, by_type: {}, score: 0 };
    m.events++;
    const t = r.type as PloverType;
    m.by_type[t] = (m.by_type[t] ?? 0) + 1;
    m.score += COOPERATION_WEIGHT[t] ?? 0;
    months.set(month, m);
  }
  for (const m of months.values()) m.score = Math.round((m.score / m.events) * 10) / 10;
  const regs = await db
    .selectFrom('agreement_registry')
    .selectAll()
    .where('parties', 'like', `%"${a}"%`)
    .where('parties', 'like', `%"${b}"%`)
    .execute();
  const agreements = [];
  for (const r of regs) {
    const datas = await db.selectFrom('agreements').select('data').where('registry_id', '=', r.id).execute();
    const alliance = datas.some((d) =>
      (JSON.parse(d.data).provisions ?? []).some((p: { kind: string }) =>
        /defen[cs]e|military|alliance|security/i.test(p.kind),
      ),
    );
    agreements.push({ id: r.id, name: r.name, status: r.status, date: r.date, alliance });
  }
  const inForce = (s: string) => ['signed', 'ratified', 'in-force'].includes(s);
  return {
    a,
    b,
    months: [...months.values()].sort((x, y) => x.month.localeCompare(y.month)),
    agreements,
    alliance: agreements.some((g) => g.alliance && inForce(g.status)),
  };
}

function pairEvents(
  db: Kysely<Database>,
  a: string,
  b: string,
  f: { from?: string; to?: string; month?: string; type?: string },
) {
  let q = db
    .selectFrom('events')
    .innerJoin('documents', 'documents.id', 'events.doc_id')
    .where('documents.near_dup_of', 'is', null)
    .where('events.id', 'in', db.selectFrom('event_actors').select('event_id').where('country', '=', a))
    .where('events.id', 'in', db.selectFrom('event_actors').select('event_id').where('country', '=', b));
  if (f.from) q = q.where('events.date', '>=', f.from);
  if (f.to) q = q.where('events.date', '<=', f.to);
  if (f.month)
    q = q.where((eb) =>
      eb.or([
        eb('events.date', 'like', `${f.month}%`),
        eb.and([eb('events.date', 'is', null), eb('documents.published', 'like', `${f.month}%`)]),
      ]),
    );
  if (f.type) q = q.where('events.type', '=', f.type.toUpperCase());
  return q;
}

export interface Evidence {
  event_id: number;
  doc_id: number;
  title: string | null;
  url: string | null;
  type: string;
  date: string | null;
  sentence: string;
  start: number;
  end: number;
}

/** The sentences behind a relation figure: a month and/or an event type of one country pair. */
export async function relationEvidence(
  db: Kysely<Database>,
  a: string,
  b: string,
  f: { month?: string; type?: string; limit?: number } = {},
): Promise<Evidence[]> {
  const rows = await pairEvents(db, a.toUpperCase(), b.toUpperCase(), f)
    .select([
      'events.id as event_id',
      'events.doc_id',
      'events.type',
      'events.date',
      'events.ev_start',
      'events.ev_end',
      'documents.title',
      'documents.url',
      sql<string>`substr(documents.text, events.ev_start + 1, events.ev_end - events.ev_start)`.as(
        'sentence',
      ),
    ])
    .orderBy('events.id')
    .limit(clampLimit(f.limit, 100, 5000))
    .execute();
  return rows.map((r) => ({
    event_id: r.event_id,
    doc_id: r.doc_id,
    title: r.title,
    url: r.url,
    type: r.type,
    date: r.date,
    sentence: r.sentence,
    start: r.ev_start,
    end: r.ev_end,
  }));
}

export async function listStories(
  db: Kysely<Database>,
  f: { minReports?: number; cursor?: string; limit?: number },
): Promise<Page<Record<string, unknown>>> {
  const limit = clampLimit(f.limit);
  let q = db
    .selectFrom('stories')
    .select(['id', 'title', 'first_published', 'last_published', 'doc_count'])
    .orderBy('id')
    .limit(limit + 1);
  if (f.minReports) q = q.where('doc_count', '>=', f.minReports);
  const c = decodeCursor(f.cursor);
  if (c) q = q.where('id', '>', Number(c[0]));
  return page(await q.execute(), limit, (r) => [r.id]);
}

export async function getStory(db: Kysely<Database>, id: number) {
  const s = await db
    .selectFrom('stories')
    .select(['id', 'title', 'first_published', 'last_published', 'doc_count'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) return null;
  const reports = await db
    .selectFrom('documents')
    .select([...DOC_COLUMNS])
    .where('story_id', '=', id)
    .orderBy('published')
    .orderBy('id')
    .execute();
  return { ...s, independent_reports: reports.filter((r) => r.near_dup_of === null).length, reports };
}
