import { type Kysely, sql, type Transaction } from 'kysely';
import type { AnalyzedDocument, Entity } from '../document.js';
import { diffAnalyses, type FactDiff } from '../graph/diff.js';
import { entityCountry, entityKey } from '../graph/entity-key.js';
import { registryKey, registryStatus } from '../graph/registry.js';
import { bands, fromHex, hamming, NEAR_DUPLICATE_BITS, simhash, toHex } from '../graph/simhash.js';
import {
  mergeSignatures,
  STORY_THRESHOLD,
  STORY_WINDOW_DAYS,
  type StorySignature,
  storySignature,
  storySimilarity,
} from '../graph/stories.js';
import { contentId } from '../pipeline.js';
import type { Database } from './schema.js';

export interface SaveMeta {
  /** The URL with tracking parameters and fragments removed; one stored document per canonical URL. */
  canonicalUrl?: string | null;
  /** The outlet: the article's publisher, else the URL's host. */
  source?: string | null;
  /** A title given with the record (JSONL `title`), used when the text has none. */
  title?: string | null;
}

export type SaveStatus = 'created' | 'unchanged' | 'updated';

export interface SaveOutcome {
  status: SaveStatus;
  id: number;
  nearDuplicateOf: number | null;
  storyId: number | null;
  changes?: FactDiff;
}

type Db = Kysely<Database> | Transaction<Database>;

export function contentHash(doc: AnalyzedDocument): string {
  return contentId(doc.text);
}

/**
 * Store one analysed document with every fact and its provenance (document id, span, pipeline version).
 * Idempotent: the same text (or canonical URL) stored again with the same pipeline version changes nothing;
 * with another version its facts are replaced and the differences returned.
 */
export async function saveDocument(
  db: Kysely<Database>,
  doc: AnalyzedDocument,
  meta: SaveMeta = {},
): Promise<SaveOutcome> {
  // Concurrent writers can deadlock on shared rows (an entity's counts, a story) or find SQLite busy:
  // the transaction is rolled back whole, so it is safe to run again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => saveIn(trx, doc, meta));
    } catch (e) {
      if (attempt >= 6 || !retryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}

function retryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40P01' || code === '40001' || code === '23505' || code === 'SQLITE_BUSY';
}

async function saveIn(
  trx: Transaction<Database>,
  doc: AnalyzedDocument,
  meta: SaveMeta,
): Promise<SaveOutcome> {
  const hash = contentHash(doc);
  const canonical = meta.canonicalUrl ?? null;
  let q = trx
    .selectFrom('documents')
    .select(['id', 'pipeline_version', 'analysis', 'near_dup_of', 'story_id'])
    .where('content_hash', '=', hash);
  if (canonical)
    q = trx
      .selectFrom('documents')
      .select(['id', 'pipeline_version', 'analysis', 'near_dup_of', 'story_id'])
      .where((eb) => eb.or([eb('content_hash', '=', hash), eb('canonical_url', '=', canonical)]));
  const existing = await q.executeTakeFirst();
  if (
    existing &&
    existing.pipeline_version === doc.pipeline.version &&
    JSON.parse(existing.analysis).text === doc.text
  ) {
    return {
      status: 'unchanged',
      id: existing.id,
      nearDuplicateOf: existing.near_dup_of,
      storyId: existing.story_id,
    };
  }
  const a = doc.article;
  const sh = simhash(doc.text);
  const row = {
    doc_key: doc.id,
    content_hash: hash,
    canonical_url: canonical,
    url: doc.url,
    title: a.title?.text ?? meta.title ?? null,
    source: meta.source ?? a.publisher ?? (doc.url ? hostOf(doc.url) : null),
    language: a.language,
    published: a.published,
    ingested_at: new Date().toISOString(),
    pipeline_version: doc.pipeline.version,
    text: doc.text,
    analysis: JSON.stringify(doc),
    simhash: toHex(sh),
  };
  let id: number;
  let changes: FactDiff | undefined;
  if (existing) {
    id = existing.id;
    changes = diffAnalyses(JSON.parse(existing.analysis) as AnalyzedDocument, doc);
    await deleteFacts(trx, id);
    await trx.updateTable('documents').set(row).where('id', '=', id).execute();
  } else {
    const ins = await trx
      .insertInto('documents')
      .values({ ...row, near_dup_of: null, story_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = ins.id;
  }
  const entityIds = await saveEntities(trx, id, doc);
  await saveFacts(trx, id, doc, entityIds);
  const dup = await findNearDuplicate(trx, id, sh);
  const nearDuplicateOf = dup?.id ?? null;
  // A re-analysed document stays in its story: story membership does not churn with pipeline versions;
  // a copy joins its original's story.
  const storyId = existing?.story_id ?? dup?.storyId ?? (await assignStory(trx, doc));
  await trx
    .updateTable('documents')
    .set({ near_dup_of: nearDuplicateOf, story_id: storyId })
    .where('id', '=', id)
    .execute();
  return { status: existing ? 'updated' : 'created', id, nearDuplicateOf, storyId, changes };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

async function deleteFacts(trx: Transaction<Database>, docId: number): Promise<void> {
  const old = await trx
    .selectFrom('doc_entities')
    .select(['entity_id', 'mention_count'])
    .where('doc_id', '=', docId)
    .execute();
  for (const o of old) {
    await trx
      .updateTable('entities')
      .set((eb) => ({
        doc_count: eb('doc_count', '-', 1),
        mention_count: eb('mention_count', '-', o.mention_count),
      }))
      .where('id', '=', o.entity_id)
      .execute();
  }
  const events = trx.selectFrom('events').select('id').where('doc_id', '=', docId);
  await trx.deleteFrom('event_actors').where('event_id', 'in', events).execute();
  const agreements = trx.selectFrom('agreements').select('id').where('doc_id', '=', docId);
  await trx.deleteFrom('agreement_parties').where('agreement_id', 'in', agreements).execute();
  for (const t of ['doc_entities', 'quotes', 'events', 'agreements', 'times', 'doc_bands'] as const) {
    await trx.deleteFrom(t).where('doc_id', '=', docId).execute();
  }
}

/** Rows per INSERT: keeps every statement under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

async function insertChunks<T extends keyof Database>(
  trx: Transaction<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK) as Parameters<ReturnType<typeof trx.insertInto<T>>['values']>[0];
    await trx.insertInto(table).values(part).execute();
  }
}

/** Upsert the document's entities into the cross-document entity table; returns local id → global id. */
async function saveEntities(
  trx: Transaction<Database>,
  docId: number,
  doc: AnalyzedDocument,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!doc.entities.length) return out;
  // One local entity per key: two local entities with one key (say "US" and "United States") merge here.
  const byKey = new Map<string, Entity[]>();
  for (const e of doc.entities) {
    const k = entityKey(e);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  // A fixed order of keys and ids keeps concurrent writers from locking the same rows in opposite orders.
  const keys = [...byKey.keys()].sort();
  const found = new Map<string, { id: number; name: string; aliases: string }>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('entities')
      .select(['id', 'key', 'name', 'aliases'])
      .where('key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.set(r.key, r);
  }
  const info = (group: Entity[]) => {
    const main = group.reduce((x, y) => (y.name.length > x.name.length ? y : x));
    const mentions = group.reduce((n, e) => n + e.mentions.length, 0);
    const aliases = [
      ...new Set(
        group.flatMap((e) => [
          e.name,
          ...e.mentions.filter((m) => /^\p{Lu}/u.test(m.text)).map((m) => m.text),
        ]),
      ),
    ];
    return { main, mentions, aliases };
  };
  const fresh = keys.filter((k) => !found.has(k));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = fresh.slice(i, i + CHUNK).map((key) => {
      const { main, mentions, aliases } = info(byKey.get(key)!);
      return {
        key,
        type: main.type,
        name: main.name,
        iso: main.ids.iso,
        geonames: main.ids.geonames,
        country: entityCountry(main),
        lat: typeof main.attributes.lat === 'number' ? main.attributes.lat : null,
        lon: typeof main.attributes.lon === 'number' ? main.attributes.lon : null,
        aliases: JSON.stringify(aliases.slice(0, 50)),
        attributes: JSON.stringify(main.attributes),
        doc_count: 1,
        mention_count: mentions,
      };
    });
    const ins = await trx
      .insertInto('entities')
      .values(rows)
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['id', 'key'])
      .execute();
    for (const r of ins) out.set(r.key, r.id);
    // Another writer may have inserted some of these keys meanwhile: they are existing entities now.
    for (const r of rows)
      if (!out.has(r.key))
        found.set(
          r.key,
          await trx
            .selectFrom('entities')
            .select(['id', 'name', 'aliases'])
            .where('key', '=', r.key)
            .executeTakeFirstOrThrow(),
        );
  }
  const bump: { id: number; mentions: number }[] = [];
  for (const [key, ex] of found) {
    const { main, mentions, aliases } = info(byKey.get(key)!);
    out.set(key, ex.id);
    bump.push({ id: ex.id, mentions });
    const old = JSON.parse(ex.aliases) as string[];
    const added = aliases.filter((x) => !old.includes(x));
    if (added.length && old.length < 50) {
      await trx
        .updateTable('entities')
        .set({ aliases: JSON.stringify([...old, ...added].slice(0, 50)) })
        .where('id', '=', ex.id)
        .execute();
    }
    if (main.name.length > ex.name.length)
      await trx.updateTable('entities').set({ name: main.name }).where('id', '=', ex.id).execute();
  }
  for (let i = 0; i < bump.length; i += CHUNK) {
    const part = bump.slice(i, i + CHUNK);
    part.sort((x, y) => x.id - y.id);
    const cases = sql.join(
      part.map((b) => sql`WHEN ${b.id} THEN ${b.mentions}`),
      sql` `,
    );
    await sql`UPDATE entities SET doc_count = doc_count + 1, mention_count = mention_count + CASE id ${cases} ELSE 0 END
      WHERE id IN (${sql.join(part.map((b) => b.id))})`.execute(trx);
  }
  const local = new Map<string, number>();
  const links: Record<string, unknown>[] = [];
  for (const [key, group] of byKey) {
    const gid = out.get(key)!;
    for (const e of group) {
      local.set(e.id, gid);
      links.push({
        doc_id: docId,
        entity_id: gid,
        local_id: e.id,
        mentions: JSON.stringify(e.mentions.map((m) => [m.start, m.end])),
        mention_count: e.mentions.length,
        pipeline_version: doc.pipeline.version,
      });
    }
  }
  await insertChunks(trx, 'doc_entities', links);
  return local;
}

async function saveFacts(
  trx: Transaction<Database>,
  docId: number,
  doc: AnalyzedDocument,
  ids: Map<string, number>,
): Promise<void> {
  const v = doc.pipeline.version;
  const published = doc.article.published;
  const gid = (local: string | null | undefined) => (local ? (ids.get(local) ?? null) : null);
  const country = new Map(doc.entities.map((e) => [e.id, entityCountry(e)]));
  await insertChunks(
    trx,
    'times',
    doc.times.map((t) => ({ doc_id: docId, start: t.start, end: t.end, type: t.type, value: t.value })),
  );
  await insertChunks(
    trx,
    'quotes',
    doc.quotes.map((q) => ({
      doc_id: docId,
      local_id: q.id,
      kind: q.kind,
      start: q.start,
      end: q.end,
      text: q.text,
      speaker_entity_id: gid(q.speaker?.entity),
      speaker_text: q.speaker?.text ?? null,
      cue: q.cue?.text ?? null,
      data: JSON.stringify(q),
      published,
      pipeline_version: v,
    })),
  );
  const actors: Record<string, unknown>[] = [];
  for (let i = 0; i < doc.events.length; i += CHUNK) {
    const part = doc.events.slice(i, i + CHUNK);
    const rows = await trx
      .insertInto('events')
      .values(
        part.map((ev) => ({
          doc_id: docId,
          local_id: ev.id,
          type: ev.type,
          mode: ev.mode,
          date: ev.date,
          date_end: ev.date_end,
          location_entity_id: gid(ev.location),
          trigger: ev.trigger.text,
          ev_start: ev.evidence.start,
          ev_end: ev.evidence.end,
          confidence: ev.confidence,
          data: JSON.stringify(ev),
          published,
          pipeline_version: v,
        })),
      )
      .returning(['id', 'local_id'])
      .execute();
    const byLocal = new Map(rows.map((r) => [r.local_id, r.id]));
    for (const ev of part) {
      const eid = byLocal.get(ev.id)!;
      for (const [role, list] of [
        ['source', ev.source],
        ['target', ev.target],
      ] as const) {
        for (const e of list)
          if (ids.has(e))
            actors.push({ event_id: eid, entity_id: ids.get(e)!, role, country: country.get(e) ?? null });
      }
    }
  }
  await insertChunks(trx, 'event_actors', actors);
  for (const ag of doc.agreements) {
    const parties = ag.parties.map((p) => country.get(p) ?? doc.entities.find((e) => e.id === p)?.name ?? p);
    const key = registryKey(ag.name, parties);
    const registryId = await upsertRegistry(trx, key, ag.name, ag.status, ag.date, parties, published);
    const row = await trx
      .insertInto('agreements')
      .values({
        doc_id: docId,
        local_id: ag.id,
        registry_id: registryId,
        name: ag.name,
        status: ag.status,
        date: ag.date,
        place_entity_id: gid(ag.place),
        data: JSON.stringify(ag),
        published,
        pipeline_version: v,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const members = [
      ...ag.parties.map((e) => ({ e, role: 'party' as const })),
      ...ag.signatories.map((e) => ({ e, role: 'signatory' as const })),
    ].filter((x) => ids.has(x.e));
    await insertChunks(
      trx,
      'agreement_parties',
      members.map((x) => ({
        agreement_id: row.id,
        entity_id: ids.get(x.e)!,
        role: x.role,
        country: country.get(x.e) ?? null,
      })),
    );
  }
}

async function upsertRegistry(
  trx: Transaction<Database>,
  key: string,
  name: string,
  status: string,
  date: string | null,
  parties: (string | null)[],
  seen: string | null,
): Promise<number> {
  const existing = await trx
    .selectFrom('agreement_registry')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst();
  const step = { status, date, seen };
  if (!existing) {
    const ins = await trx
      .insertInto('agreement_registry')
      .values({
        key,
        name,
        status,
        date,
        parties: JSON.stringify(parties.filter(Boolean)),
        first_seen: seen,
        last_seen: seen,
        history: JSON.stringify([step]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return ins.id;
  }
  const history = [...(JSON.parse(existing.history) as (typeof step)[]), step];
  await trx
    .updateTable('agreement_registry')
    .set({
      status: registryStatus(history),
      date: existing.date ?? date,
      name: name.length > existing.name.length ? name : existing.name,
      first_seen: [existing.first_seen, seen].filter(Boolean).sort()[0] ?? null,
      last_seen: [existing.last_seen, seen].filter(Boolean).sort().at(-1) ?? null,
      history: JSON.stringify(history.slice(-100)),
    })
    .where('id', '=', existing.id)
    .execute();
  return existing.id;
}

/** The original this text is a near-copy of (and its story), if any; indexes the text's bands either way. */
async function findNearDuplicate(
  trx: Transaction<Database>,
  docId: number,
  sh: bigint,
): Promise<{ id: number; storyId: number | null } | null> {
  const bs = bands(sh);
  const cands = await trx
    .selectFrom('doc_bands')
    .innerJoin('documents', 'documents.id', 'doc_bands.doc_id')
    .select(['documents.id', 'documents.simhash', 'documents.near_dup_of', 'documents.story_id'])
    .where('doc_bands.band', 'in', bs)
    .where('documents.id', '!=', docId)
    .orderBy('documents.id')
    .limit(200)
    .execute();
  await trx
    .insertInto('doc_bands')
    .values(bs.map((band) => ({ band, doc_id: docId })))
    .execute();
  for (const c of cands) {
    if (hamming(fromHex(c.simhash), sh) <= NEAR_DUPLICATE_BITS)
      return { id: c.near_dup_of ?? c.id, storyId: c.story_id };
  }
  return null;
}

/** The story a new report belongs to, created if none is close enough. */
async function assignStory(trx: Transaction<Database>, doc: AnalyzedDocument): Promise<number> {
  const published = doc.article.published?.slice(0, 10) ?? null;
  const sig = storySignature(doc);
  let storyId: number | null = null;
  if (sig.entities.length) {
    // Candidates share one of the report's rarest salient entities (by documents mentioning them so far).
    const counts = await trx
      .selectFrom('entities')
      .select(['key', 'doc_count'])
      .where('key', 'in', sig.entities)
      .execute();
    // This report is already counted: a key seen in at least one other document can lead to a story.
    const rare = counts
      .filter((r) => r.doc_count >= 2)
      .sort((x, y) => x.doc_count - y.doc_count)
      .slice(0, 4)
      .map((r) => r.key);
    let cands = trx
      .selectFrom('story_keys')
      .innerJoin('stories', 'stories.id', 'story_keys.story_id')
      .select(['stories.id', 'stories.signature'])
      .distinct()
      .where('story_keys.key', 'in', rare.length ? rare : ['']);
    if (published) {
      cands = cands
        .where('stories.last_published', '>=', shiftDays(published, -STORY_WINDOW_DAYS))
        .where('stories.first_published', '<=', shiftDays(published, STORY_WINDOW_DAYS));
    } else {
      cands = cands.where('stories.last_published', 'is', null);
    }
    let best: { id: number; score: number } | null = null;
    for (const c of await cands.orderBy('stories.id', 'desc').limit(100).execute()) {
      const score = storySimilarity(sig, JSON.parse(c.signature) as StorySignature);
      if (score >= STORY_THRESHOLD && (!best || score > best.score)) best = { id: c.id, score };
    }
    storyId = best?.id ?? null;
  }
  let keys = sig.entities;
  if (storyId === null) {
    const ins = await trx
      .insertInto('stories')
      .values({
        title: doc.article.title?.text ?? null,
        first_published: published,
        last_published: published,
        doc_count: 1,
        signature: JSON.stringify(sig),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    storyId = ins.id;
  } else {
    const s = await trx.selectFrom('stories').selectAll().where('id', '=', storyId).executeTakeFirstOrThrow();
    const dates = [s.first_published, s.last_published, published].filter((d): d is string => !!d).sort();
    const old = JSON.parse(s.signature) as StorySignature;
    keys = sig.entities.filter((k) => !old.entities.includes(k));
    await trx
      .updateTable('stories')
      .set({
        doc_count: s.doc_count + 1,
        first_published: dates[0] ?? null,
        last_published: dates.at(-1) ?? null,
        signature: JSON.stringify(mergeSignatures(old, sig)),
        title: s.title ?? doc.article.title?.text ?? null,
      })
      .where('id', '=', storyId)
      .execute();
  }
  if (keys.length) {
    await trx
      .insertInto('story_keys')
      .values(keys.map((key) => ({ story_id: storyId!, key })))
      .onConflict((oc) => oc.columns(['key', 'story_id']).doNothing())
      .execute();
  }
  return storyId;
}

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type { Db };
