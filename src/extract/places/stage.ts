// Places: toponyms recognised (recognize.ts), resolved to gazetteer records (resolve.ts) and written onto the entity
// layer: `ids.geonames`, `attributes.lat/lon/country/admin1/featureClass/featureCode`. A toponym that the entity layer
// already has annotates that entity; one it lacks gets an entity of its own (one entity per place). The dateline's
// place is resolved too, onto `article.dateline.geo`.
import type { AnnotatedDocument, Entity, PlaceRef, Stage, TextSpan } from '../../document.js';
import { distanceKm, type Place } from './gazetteer.js';
import { recognize, type Toponym } from './recognize.js';
import { admin1Of, type Resolution, resolve } from './resolve.js';

export const PLACES_VERSION = '1.0.0';

function placeRef(p: Place, entity: string | null): PlaceRef {
  const a1 = p.kind === 'place' || p.kind === 'county' ? admin1Of(p) : null;
  return {
    entity,
    geonames: p.geonames,
    name: p.name,
    country: p.country,
    admin1: a1?.name ?? (p.kind === 'admin1' ? p.name : null),
    featureClass: p.featureClass,
    featureCode: p.featureCode,
    lat: p.lat,
    lon: p.lon,
  };
}

function annotate(e: Entity, p: Place): Entity {
  const r = placeRef(p, e.id);
  const attributes = { ...e.attributes, lat: r.lat, lon: r.lon, featureClass: r.featureClass };
  if (r.country) attributes.country = r.country;
  (attributes as Record<string, unknown>).featureCode = r.featureCode;
  if (r.admin1) attributes.admin1 = r.admin1;
  return {
    ...e,
    ids: { ...e.ids, geonames: r.geonames, iso: e.ids.iso ?? (p.kind === 'country' ? p.country : null) },
    attributes,
  };
}

function nextEntityId(entities: Entity[]): () => string {
  let n = 0;
  for (const e of entities) {
    const m = /^e(\d+)$/.exec(e.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return () => `e${++n}`;
}

export function placesRun(doc: AnnotatedDocument): AnnotatedDocument {
  const tops = recognize(doc);
  if (!tops.length) return doc;
  const res = resolve(doc, tops);
  const entities = doc.entities.map((e) => ({ ...e, mentions: [...e.mentions] }));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const newId = nextEntityId(entities);

  // Which place each existing entity gets: the most frequent resolution among its toponyms.
  const votes = new Map<string, Map<Place, number>>();
  const entityOf: (string | null)[] = [];
  /** Entities we create, by resolved place (or by surface for unresolved toponyms). */
  const created = new Map<Place | string, Entity>();
  const byPlace = new Map<Place, string>();

  const existingFor = (t: Toponym): Entity | null => {
    if (t.entity && byId.has(t.entity)) return byId.get(t.entity) ?? null;
    for (const e of entities)
      if (
        (e.type === 'GPE' || e.type === 'LOC') &&
        e.mentions.some((m) => m.start === t.start && m.end === t.end)
      )
        return e;
    return null;
  };

  tops.forEach((t, k) => {
    const p = res[k].place;
    const e = existingFor(t);
    if (e) {
      entityOf[k] = e.id;
      if (p) {
        let m = votes.get(e.id);
        if (!m) votes.set(e.id, (m = new Map()));
        m.set(p, (m.get(p) ?? 0) + 1);
      }
    } else entityOf[k] = null;
  });
  const chosen = new Map<string, Place>();
  for (const [id, m] of votes) {
    const best = [...m.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const e = byId.get(id);
    if (e) {
      const i = entities.indexOf(e);
      entities[i] = annotate(e, best);
      byId.set(id, entities[i]);
      chosen.set(id, best);
      if (!byPlace.has(best)) byPlace.set(best, id);
    }
  }
  // A mention that names another place than its entity ("England" grouped with "Britain") becomes a mention of
  // that place's entity: one entity per place.
  tops.forEach((t, k) => {
    const id = entityOf[k];
    const p = res[k].place;
    const best = id ? chosen.get(id) : undefined;
    if (!id || !p || !best || p === best || distanceKm(p.lat, p.lon, best.lat, best.lon) <= 161) return;
    const e = byId.get(id);
    if (!e) return;
    const rest = e.mentions.filter((m) => !(m.start <= t.start && t.end <= m.end));
    if (!rest.length) return;
    e.mentions = rest;
    entityOf[k] = null;
  });

  tops.forEach((t, k) => {
    if (entityOf[k]) return;
    const p = res[k].place;
    const mention: TextSpan = { start: t.start, end: t.end, text: t.text };
    // A place the entity layer already has under another mention: add this mention to it.
    const known = p ? byPlace.get(p) : undefined;
    if (known) {
      const e = byId.get(known);
      if (e && !e.mentions.some((m) => m.start === mention.start)) e.mentions.push(mention);
      entityOf[k] = known;
      return;
    }
    const key: Place | string = p ?? t.text.toLowerCase();
    let e = created.get(key);
    if (!e) {
      const base: Entity = {
        id: newId(),
        type: p && p.kind !== 'region' ? 'GPE' : 'LOC',
        name: t.text,
        ids: { iso: null, wikidata: null, geonames: null },
        attributes: {},
        mentions: [],
      };
      e = p ? annotate(base, p) : base;
      created.set(key, e);
      entities.push(e);
      byId.set(e.id, e);
      if (p) byPlace.set(p, e.id);
    }
    e.mentions.push(mention);
    if (t.text.length > e.name.length) e.name = t.text;
    entityOf[k] = e.id;
  });
  for (const e of created.values()) e.mentions.sort((a, b) => a.start - b.start);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);

  let article = doc.article;
  const dl = doc.article.dateline;
  if (dl) {
    const k = tops.findIndex((t) => t.source === 'dateline' || (t.start >= dl.start && t.end <= dl.end));
    const p = k >= 0 ? res[k].place : null;
    if (p) article = { ...article, dateline: { ...dl, geo: placeRef(p, entityOf[k]) } };
  }
  return { ...doc, entities, article };
}

export const placesStage: Stage = {
  name: 'places',
  version: PLACES_VERSION,
  run: placesRun,
};

export type { Resolution };
