import type { Kysely, Transaction } from 'kysely';
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
  return db.transaction().execute((trx) => saveIn(trx, doc, meta));
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
    if (existing.story_id !== null) {
      await trx
        .updateTable('stories')
        .set((eb) => ({ doc_count: eb('doc_count', '-', 1) }))
        .where('id', '=', existing.story_id)
        .execute();
    }
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
  const nearDuplicateOf = await markNearDuplicate(trx, id, sh);
  const storyId = await assignStory(trx, id, doc, nearDuplicateOf);
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
  for (const [key, group] of byKey) {
    const main = group.reduce((a, b) => (b.name.length > a.name.length ? b : a));
    const mentions = group.reduce((n, e) => n + e.mentions.length, 0);
    const aliases = [
      ...new Set(
        group.flatMap((e) => [
          e.name,
          ...e.mentions.filter((m) => /^\p{Lu}/u.test(m.text)).map((m) => m.text),
        ]),
      ),
    ];
    const existing = await trx
      .selectFrom('entities')
      .select(['id', 'name', 'aliases'])
      .where('key', '=', key)
      .executeTakeFirst();
    let gid: number;
    if (existing) {
      const merged = [...new Set([...(JSON.parse(existing.aliases) as string[]), ...aliases])].slice(0, 50);
      await trx
        .updateTable('entities')
        .set((eb) => ({
          name: main.name.length > existing.name.length ? main.name : existing.name,
          aliases: JSON.stringify(merged),
          doc_count: eb('doc_count', '+', 1),
          mention_count: eb('mention_count', '+', mentions),
        }))
        .where('id', '=', existing.id)
        .execute();
      gid = existing.id;
    } else {
      const lat = typeof main.attributes.lat === 'number' ? main.attributes.lat : null;
      const lon = typeof main.attributes.lon === 'number' ? main.attributes.lon : null;
      const ins = await trx
        .insertInto('entities')
        .values({
          key,
          type: main.type,
          name: main.name,
          iso: main.ids.iso,
          geonames: main.ids.geonames,
          country: entityCountry(main),
          lat,
          lon,
          aliases: JSON.stringify(aliases.slice(0, 50)),
          attributes: JSON.stringify(main.attributes),
          doc_count: 1,
          mention_count: mentions,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({ doc_count: eb('entities.doc_count', '+', 1) })),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      gid = ins.id;
    }
    for (const e of group) out.set(e.id, gid);
    await trx
      .insertInto('doc_entities')
      .values(
        group.map((e) => ({
          doc_id: docId,
          entity_id: gid,
          local_id: e.id,
          mentions: JSON.stringify(e.mentions.map((m) => [m.start, m.end])),
          mention_count: e.mentions.length,
          pipeline_version: doc.pipeline.version,
        })),
      )
      .execute();
  }
  return out;
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
  if (doc.times.length) {
    await trx
      .insertInto('times')
      .values(
        doc.times.map((t) => ({ doc_id: docId, start: t.start, end: t.end, type: t.type, value: t.value })),
      )
      .execute();
  }
  if (doc.quotes.length) {
    await trx
      .insertInto('quotes')
      .values(
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
      )
      .execute();
  }
  for (const ev of doc.events) {
    const row = await trx
      .insertInto('events')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actors = [
      ...ev.source.map((e) => ({ e, role: 'source' as const })),
      ...ev.target.map((e) => ({ e, role: 'target' as const })),
    ].filter((x) => ids.has(x.e));
    if (actors.length) {
      await trx
        .insertInto('event_actors')
        .values(
          actors.map((x) => ({
            event_id: row.id,
            entity_id: ids.get(x.e)!,
            role: x.role,
            country: country.get(x.e) ?? null,
          })),
        )
        .execute();
    }
  }
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
    if (members.length) {
      await trx
        .insertInto('agreement_parties')
        .values(
          members.map((x) => ({
            agreement_id: row.id,
            entity_id: ids.get(x.e)!,
            role: x.role,
            country: country.get(x.e) ?? null,
          })),
        )
        .execute();
    }
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

async function markNearDuplicate(
  trx: Transaction<Database>,
  docId: number,
  sh: bigint,
): Promise<number | null> {
  const bs = bands(sh);
  const cands = await trx
    .selectFrom('doc_bands')
    .innerJoin('documents', 'documents.id', 'doc_bands.doc_id')
    .select(['documents.id', 'documents.simhash', 'documents.near_dup_of'])
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
    if (hamming(fromHex(c.simhash), sh) <= NEAR_DUPLICATE_BITS) {
      const original = c.near_dup_of ?? c.id;
      await trx.updateTable('documents').set({ near_dup_of: original }).where('id', '=', docId).execute();
      return original;
    }
  }
  await trx.updateTable('documents').set({ near_dup_of: null }).where('id', '=', docId).execute();
  return null;
}

async function assignStory(
  trx: Transaction<Database>,
  docId: number,
  doc: AnalyzedDocument,
  dupOf: number | null,
): Promise<number | null> {
  const published = doc.article.published?.slice(0, 10) ?? null;
  const sig = storySignature(doc);
  let storyId: number | null = null;
  if (dupOf !== null) {
    storyId =
      (await trx.selectFrom('documents').select('story_id').where('id', '=', dupOf).executeTakeFirst())
        ?.story_id ?? null;
  }
  if (storyId === null && sig.entities.length) {
    let cands = trx.selectFrom('stories').select(['id', 'signature', 'first_published', 'last_published']);
    if (published) {
      const lo = shiftDays(published, -STORY_WINDOW_DAYS);
      const hi = shiftDays(published, STORY_WINDOW_DAYS);
      cands = cands.where('last_published', '>=', lo).where('first_published', '<=', hi);
    } else {
      cands = cands.where('last_published', 'is', null);
    }
    let best: { id: number; score: number } | null = null;
    for (const c of await cands.orderBy('id', 'desc').limit(500).execute()) {
      const score = storySimilarity(sig, JSON.parse(c.signature) as StorySignature);
      if (score >= STORY_THRESHOLD && (!best || score > best.score)) best = { id: c.id, score };
    }
    storyId = best?.id ?? null;
  }
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
    await trx
      .updateTable('stories')
      .set({
        doc_count: s.doc_count + 1,
        first_published: dates[0] ?? null,
        last_published: dates.at(-1) ?? null,
        signature: JSON.stringify(mergeSignatures(JSON.parse(s.signature) as StorySignature, sig)),
        title: s.title ?? doc.article.title?.text ?? null,
      })
      .where('id', '=', storyId)
      .execute();
  }
  await trx.updateTable('documents').set({ story_id: storyId }).where('id', '=', docId).execute();
  return storyId;
}

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type { Db };
