import type { AnalyzedDocument, Entity } from '../document.js';
import { COOPERATION_WEIGHT } from '../graph/cooperation.js';
import { countryByIso2 } from '../nlp/gazetteer/countries.js';
import type { EventRow, QuoteRow } from '../store/queries.js';

// Export formats. Each converter is pure; the CLI streams their output page by page.

export function csvRow(values: unknown[]): string {
  return `${values
    .map((v) => {
      if (v === null || v === undefined) return '';
      const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}

const slice = (doc: AnalyzedDocument, s: { start: number; end: number } | null) =>
  s ? doc.text.slice(s.start, s.end) : null;

function people(doc: AnalyzedDocument, type: string): Entity[] {
  return doc.entities.filter((e) => e.type === type);
}

/** schema.org NewsArticle with its quotations (Quotation, creator = the resolved speaker) as JSON-LD. */
export function toJsonLd(doc: AnalyzedDocument, storeId?: number): Record<string, unknown> {
  const a = doc.article;
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const thing = (e: Entity) => ({
    '@type':
      e.type === 'PERSON'
        ? 'Person'
        : e.type === 'ORG'
          ? 'Organization'
          : e.type === 'GPE' || e.type === 'LOC'
            ? e.ids.iso
              ? 'Country'
              : 'Place'
            : 'Thing',
    name: e.name,
    ...(e.ids.geonames ? { sameAs: `https://sws.geonames.org/${e.ids.geonames}/` } : {}),
    ...(typeof e.attributes.lat === 'number'
      ? { geo: { '@type': 'GeoCoordinates', latitude: e.attributes.lat, longitude: e.attributes.lon } }
      : {}),
  });
  const id = doc.url ?? `urn:newsgraph:document:${storeId ?? doc.id}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': id,
    url: doc.url ?? undefined,
    headline: a.title?.text ?? undefined,
    description: a.lede?.text ?? undefined,
    datePublished: a.published ?? undefined,
    dateModified: a.modified ?? undefined,
    inLanguage: a.language ?? undefined,
    author: a.byline.map((name) => ({ '@type': 'Person', name })),
    publisher: a.publisher ? { '@type': 'Organization', name: a.publisher } : undefined,
    dateline: a.dateline?.text ?? undefined,
    articleBody: slice(doc, a.body) ?? undefined,
    mentions: doc.entities.filter((e) => e.type !== 'NORP' && e.type !== 'MISC').map(thing),
    hasPart: doc.quotes.map((q) => {
      const speaker = q.speaker?.entity ? byId.get(q.speaker.entity) : null;
      return {
        '@type': 'Quotation',
        text: q.text,
        isPartOf: { '@id': id },
        creator: speaker
          ? thing(speaker)
          : q.speaker
            ? { '@type': 'Person', name: q.speaker.text }
            : undefined,
      };
    }),
  };
}

/** IPTC ninjs 1.4 (News in JSON) for an article. */
export function toNinjs(doc: AnalyzedDocument, storeId?: number): Record<string, unknown> {
  const a = doc.article;
  return {
    uri: doc.url ?? `urn:newsgraph:document:${storeId ?? doc.id}`,
    type: 'text',
    representationtype: 'complete',
    versioncreated: a.modified ?? a.published ?? undefined,
    firstcreated: a.published ?? undefined,
    language: a.language ?? undefined,
    headline: a.title?.text ?? undefined,
    description_text: a.lede?.text ?? undefined,
    body_text: slice(doc, a.body) ?? doc.text,
    byline: a.byline.join(', ') || undefined,
    located: a.dateline?.place ?? undefined,
    copyrightholder: a.publisher ?? undefined,
    person: people(doc, 'PERSON').map((e) => ({ name: e.name, rel: 'mentioned' })),
    organisation: people(doc, 'ORG').map((e) => ({ name: e.name, rel: 'mentioned' })),
    place: doc.entities
      .filter((e) => e.type === 'GPE' || e.type === 'LOC')
      .map((e) => ({
        name: e.name,
        ...(e.ids.geonames ? { uri: `https://sws.geonames.org/${e.ids.geonames}/` } : {}),
        ...(typeof e.attributes.lat === 'number'
          ? { geometry_geojson: { type: 'Point', coordinates: [e.attributes.lon, e.attributes.lat] } }
          : {}),
      })),
    altids: { newsgraph: String(storeId ?? doc.id) },
  };
}

export const QUOTE_CSV_HEADER = [
  'id',
  'doc_id',
  'published',
  'kind',
  'speaker_entity_id',
  'speaker',
  'speaker_text',
  'cue',
  'text',
  'start',
  'end',
];
export function quoteCsv(q: QuoteRow): string {
  return csvRow([
    q.id,
    q.doc_id,
    q.published,
    q.kind,
    q.speaker_entity_id,
    q.speaker_name,
    q.speaker_text,
    q.cue,
    q.text,
    q.start,
    q.end,
  ]);
}

export const EVENT_CSV_HEADER = [
  'id',
  'doc_id',
  'type',
  'mode',
  'date',
  'date_end',
  'sources',
  'source_countries',
  'targets',
  'target_countries',
  'trigger',
  'confidence',
  'evidence_start',
  'evidence_end',
];
export function eventCsv(v: EventRow): string {
  return csvRow([
    v.id,
    v.doc_id,
    v.type,
    v.mode,
    v.date,
    v.date_end,
    v.sources.map((s) => s.name).join('; '),
    v.sources.map((s) => s.country ?? '').join('; '),
    v.targets.map((s) => s.name).join('; '),
    v.targets.map((s) => s.country ?? '').join('; '),
    v.trigger,
    v.confidence,
    v.evidence.start,
    v.evidence.end,
  ]);
}

export const DOCUMENT_CSV_HEADER = [
  'id',
  'published',
  'source',
  'language',
  'title',
  'url',
  'story_id',
  'near_dup_of',
];

/**
 * GDELT-style event rows (tab-separated, one event per line) with the GDELT 2.0 event columns that apply:
 * ids, date, actor names and countries (ISO alpha-3), the event code (here the PLOVER type), quad class,
 * Goldstein-like score, action geography and source URL.
 */
export const GDELT_HEADER = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor2Name',
  'Actor2CountryCode',
  'EventCode',
  'EventMode',
  'QuadClass',
  'GoldsteinScale',
  'Confidence',
  'ActionGeo_FullName',
  'DATEADDED',
  'SOURCEURL',
];

const QUAD: Record<string, number> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 1,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  PROTEST: 3,
  SANCTION: 3,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
};

export function gdeltRow(v: EventRow, url: string | null, location: string | null, added: string): string {
  const iso3 = (c: string | null) => (c ? (countryByIso2(c)?.iso3 ?? '') : '');
  const date = (v.date ?? '').replace(/-/g, '');
  const clean = (s: string) => s.replace(/[\t\n\r]+/g, ' ');
  return `${[
    v.id,
    date.length === 8 ? date : '',
    date.slice(0, 6),
    date.slice(0, 4),
    clean(v.sources.map((s) => s.name).join('; ')),
    iso3(v.sources[0]?.country ?? null),
    clean(v.targets.map((s) => s.name).join('; ')),
    iso3(v.targets[0]?.country ?? null),
    v.type,
    v.mode ?? '',
    QUAD[v.type] ?? '',
    COOPERATION_WEIGHT[v.type as keyof typeof COOPERATION_WEIGHT] ?? '',
    v.confidence,
    clean(location ?? ''),
    added.replace(/\D/g, '').slice(0, 14),
    url ?? '',
  ].join('\t')}\n`;
}
