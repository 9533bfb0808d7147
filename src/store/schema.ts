import type { Generated } from 'kysely';

// The store's tables. Ids are 64-bit integers (INTEGER PRIMARY KEY in SQLite, BIGINT identity in PostgreSQL);
// JavaScript sees them as numbers, exact up to 2^53. JSON columns hold text in both databases.

export interface DocumentsTable {
  id: Generated<number>;
  doc_key: string;
  content_hash: string;
  canonical_url: string | null;
  url: string | null;
  title: string | null;
  source: string | null;
  language: string | null;
  published: string | null;
  ingested_at: string;
  pipeline_version: string;
  text: string;
  /** The AnalyzedDocument as JSON, so re-serving and re-processing need no re-fetch. */
  analysis: string;
  simhash: string;
  near_dup_of: number | null;
  story_id: number | null;
}

export interface EntitiesTable {
  id: Generated<number>;
  key: string;
  type: string;
  name: string;
  iso: string | null;
  geonames: number | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  aliases: string;
  attributes: string;
  doc_count: number;
  mention_count: number;
}

export interface DocEntitiesTable {
  doc_id: number;
  entity_id: number;
  local_id: string;
  mentions: string;
  mention_count: number;
  pipeline_version: string;
}

export interface QuotesTable {
  id: Generated<number>;
  doc_id: number;
  local_id: string;
  kind: string;
  start: number;
  end: number;
  text: string;
  speaker_entity_id: number | null;
  speaker_text: string | null;
  cue: string | null;
  data: string;
  published: string | null;
  pipeline_version: string;
}

export interface EventsTable {
  id: Generated<number>;
  doc_id: number;
  local_id: string;
  type: string;
  mode: string | null;
  date: string | null;
  date_end: string | null;
  location_entity_id: number | null;
  trigger: string;
  ev_start: number;
  ev_end: number;
  confidence: number;
  data: string;
  published: string | null;
  pipeline_version: string;
}

export interface EventActorsTable {
  event_id: number;
  entity_id: number;
  role: 'source' | 'target';
  country: string | null;
}

export interface AgreementsTable {
  id: Generated<number>;
  doc_id: number;
  local_id: string;
  registry_id: number | null;
  name: string;
  status: string;
  date: string | null;
  place_entity_id: number | null;
  data: string;
  published: string | null;
  pipeline_version: string;
}

export interface AgreementPartiesTable {
  agreement_id: number;
  entity_id: number;
  role: 'party' | 'signatory';
  country: string | null;
}

export interface AgreementRegistryTable {
  id: Generated<number>;
  key: string;
  name: string;
  status: string;
  date: string | null;
  parties: string;
  first_seen: string | null;
  last_seen: string | null;
  history: string;
}

export interface TimesTable {
  doc_id: number;
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface StoriesTable {
  id: Generated<number>;
  title: string | null;
  first_published: string | null;
  last_published: string | null;
  doc_count: number;
  signature: string;
}

export interface DocBandsTable {
  band: string;
  doc_id: number;
}

export interface StoryKeysTable {
  story_id: number;
  key: string;
}

export interface FeedStateTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  checked_at: string;
}

export interface Database {
  documents: DocumentsTable;
  entities: EntitiesTable;
  doc_entities: DocEntitiesTable;
  quotes: QuotesTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  agreements: AgreementsTable;
  agreement_parties: AgreementPartiesTable;
  agreement_registry: AgreementRegistryTable;
  times: TimesTable;
  stories: StoriesTable;
  doc_bands: DocBandsTable;
  feed_state: FeedStateTable;
  story_keys: StoryKeysTable;
}
