// The data shapes every stage shares. The pipeline's flow is
//   source → RawDocument → Article → AnnotatedDocument (layers added by stages) → AnalyzedDocument (JSON contract)
// All offsets are UTF-16 code-unit offsets into `text`, 0-based, end-exclusive.

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

// ---------------------------------------------------------------- source → raw document

export type RawFormat = 'html' | 'text';

/** What ingest hands to article extraction: decoded content plus what the source said about it. */
export interface RawDocument {
  /** A record id given by the caller (JSONL `id`); otherwise the content hash is used. */
  id: string | null;
  /** Where the content came from, for error messages: a path, a URL, `stdin`, `record 12`. */
  origin: string;
  url: string | null;
  format: RawFormat;
  /** Decoded content: HTML source or plain text. */
  content: string;
  /** A publication date given from outside the document (`--published`, JSONL, HTTP Last-Modified is not used). */
  published: string | null;
  /** A title given from outside the document (JSONL `title`). */
  title: string | null;
}

// ---------------------------------------------------------------- article

export interface Dateline extends TextSpan {
  place: string | null;
  agency: string | null;
  /** ISO date, YYYY-MM-DD, when the dateline carries a day. */
  date: string | null;
  /** True when the year was not written in the dateline and was taken from elsewhere. */
  dateInferred: boolean;
  /** The dateline place resolved by the places stage (absent before it runs or when it cannot be resolved). */
  geo?: PlaceRef;
}

/** A place resolved to a gazetteer record (GeoNames-style). */
export interface PlaceRef {
  /** The entity that stands for this place in the document, when there is one. */
  entity: string | null;
  geonames: number | null;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The first-level division's name ("Texas"), or null. */
  admin1: string | null;
  /** GeoNames feature class (A: country, division; P: populated place) and code (PCLI, ADM1, PPLC …). */
  featureClass: string;
  featureCode: string;
  lat: number;
  lon: number;
}

export interface Section extends Span {
  heading: string;
}

export interface ArticleLayout {
  title: TextSpan | null;
  lede: TextSpan | null;
  dateline: Dateline | null;
  body: Span | null;
  sections: Section[];
  byline: string[];
  publisher: string | null;
  language: string | null;
  /** ISO 8601 date or date-time. */
  published: string | null;
  modified: string | null;
}

export interface Article {
  text: string;
  url: string | null;
  layout: ArticleLayout;
}

// ---------------------------------------------------------------- language layer

export interface Token extends Span {
  text: string;
}

// ---------------------------------------------------------------- entity layer

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'FAC' | 'MISC';

/** How a mention refers: by name, by pronoun, or by a description ("the expert"). */
export type MentionKind = 'name' | 'pronoun' | 'nominal';

export interface Mention extends TextSpan {
  type: EntityType;
  kind: MentionKind;
  /** The entity this mention belongs to, once coreference has run. */
  entity: string | null;
  /** Tagger confidence where one exists. */
  score?: number;
}

export interface EntityIds {
  /** ISO 3166-1 alpha-2 for countries. */
  iso: string | null;
  wikidata: string | null;
  geonames: number | null;
}

export interface EntityAttributes {
  title?: string;
  affiliation?: string;
  /** ISO 3166-1 alpha-2 of the entity's country (a person's nationality, a place's country, an organisation's seat). */
  country?: string;
  lat?: number;
  lon?: number;
  featureClass?: string;
  admin1?: string;
  [key: string]: string | number | boolean | undefined;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  ids: EntityIds;
  attributes: EntityAttributes;
  mentions: TextSpan[];
}

// ---------------------------------------------------------------- times

export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeExpression extends TextSpan {
  type: TimeType;
  /** TIMEX3 value: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, PnD, PRESENT_REF … */
  value: string;
}

// ---------------------------------------------------------------- quotes

export type QuoteKind = 'direct' | 'indirect' | 'mixed';

export interface QuoteSpeaker extends TextSpan {
  entity: string | null;
}

export interface Quote extends TextSpan {
  id: string;
  kind: QuoteKind;
  fragments: TextSpan[] | null;
  cue: TextSpan | null;
  speaker: QuoteSpeaker | null;
  /** The quote that contains this one, for speech reported inside a quotation. */
  parent?: string | null;
}

// ---------------------------------------------------------------- events and agreements

export const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

export interface PoliticalEvent {
  id: string;
  type: PloverType;
  mode: string | null;
  context: string[];
  source: string[];
  target: string[];
  date: string | null;
  date_end: string | null;
  location: string | null;
  trigger: TextSpan;
  evidence: Span;
  confidence: number;
  negated?: boolean;
}

export type AgreementStatus =
  | 'negotiated'
  | 'signed'
  | 'ratified'
  | 'in-force'
  | 'suspended'
  | 'withdrawn'
  | 'proposed';

export interface Provision extends TextSpan {
  kind: string;
}

export interface AgreementReference extends TextSpan {
  years: string[];
}

export interface Agreement {
  id: string;
  name: string;
  parties: string[];
  signatories: string[];
  date: string | null;
  place: string | null;
  status: AgreementStatus;
  provisions: Provision[];
  references: AgreementReference[];
  evidence: Span[];
}

// ---------------------------------------------------------------- the annotated document

export interface AnnotatedDocument {
  id: string;
  url: string | null;
  text: string;
  article: ArticleLayout;
  /** Paragraph spans: blocks separated by blank lines. */
  paragraphs: Span[];
  tokens: Token[];
  sentences: Span[];
  mentions: Mention[];
  entities: Entity[];
  times: TimeExpression[];
  quotes: Quote[];
  events: PoliticalEvent[];
  agreements: Agreement[];
}

export interface StageContext {
  /** The clock, passed in so stages stay deterministic. */
  now: Date;
  /** The document's reference date (dateline, published, or --published): ISO date, or null. */
  referenceDate: string | null;
}

/** One pipeline component: adds one layer, reads only what earlier stages put on the document. */
export interface Stage {
  name: string;
  version: string;
  run(doc: AnnotatedDocument, ctx: StageContext): AnnotatedDocument;
}

// ---------------------------------------------------------------- the JSON contract

export interface PipelineInfo {
  version: string;
  components: Record<string, string>;
}

/** The serialised form of an annotated document: see docs/schema/document.schema.json and CONTRACT.md. */
export interface AnalyzedDocument {
  schema: 'newsgraph.document/1';
  id: string;
  url: string | null;
  text: string;
  article: ArticleLayout;
  entities: Entity[];
  times: TimeExpression[];
  quotes: Quote[];
  events: PoliticalEvent[];
  agreements: Agreement[];
  sentences?: Span[];
  pipeline: PipelineInfo;
}
