import { createHash } from 'node:crypto';
import { htmlToArticle } from './article/html/index.js';
import { textToArticle } from './article/text/layout.js';
import type { AnnotatedDocument, Article, RawDocument, Stage, StageContext } from './document.js';
import { agreementsStage } from './extract/agreements/stage.js';
import { eventsStage } from './extract/events/stage.js';
import { placesStage } from './extract/places/stage.js';
import { quotesStage } from './extract/quotes/stage.js';
import { timesStage } from './extract/times/stage.js';
import { entitiesStage } from './nlp/entities/stage.js';
import { nerStage } from './nlp/ner/stage.js';
import { languageStage } from './nlp/stage.js';

// The one place that lists the stages in order. Each reads the layers before it and adds its own.
export const STAGES: readonly Stage[] = [
  languageStage,
  nerStage,
  entitiesStage,
  timesStage,
  placesStage,
  quotesStage,
  eventsStage,
  agreementsStage,
];

export const ARTICLE_VERSION = '1.0.0';

export function componentVersions(): Record<string, string> {
  const out: Record<string, string> = { article: ARTICLE_VERSION };
  for (const s of STAGES) out[s.name] = s.version;
  return out;
}

/** The pipeline version changes whenever any component's does: the store re-processes on change. */
export const PIPELINE_VERSION = createHash('sha256')
  .update(JSON.stringify(componentVersions()))
  .digest('hex')
  .slice(0, 12);

/** The default document id: a hash of the text with whitespace normalised. */
export function contentId(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

export function rawToArticle(raw: RawDocument, now?: Date): Article {
  const opts = { published: raw.published, title: raw.title };
  return raw.format === 'html'
    ? htmlToArticle(raw.content, { ...opts, url: raw.url, now })
    : textToArticle(raw.content, opts, raw.url);
}

export function emptyDocument(article: Article, id: string): AnnotatedDocument {
  return {
    id,
    url: article.url,
    text: article.text,
    article: article.layout,
    paragraphs: [],
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    times: [],
    quotes: [],
    events: [],
    agreements: [],
  };
}

/** The reference date for relative expressions: the dateline's day, else the publication date. */
export function referenceDate(article: Article): string | null {
  const d = article.layout.dateline?.date ?? article.layout.published;
  return d ? d.slice(0, 10) : null;
}

export interface AnalyzeOptions {
  now?: Date;
  /** Run only the stages up to and including this one (for benchmarks and evaluation of one layer). */
  until?: string;
}

export function annotate(article: Article, id: string, opts: AnalyzeOptions = {}): AnnotatedDocument {
  const ctx: StageContext = { now: opts.now ?? new Date(), referenceDate: referenceDate(article) };
  let doc = emptyDocument(article, id);
  for (const stage of STAGES) {
    doc = stage.run(doc, ctx);
    if (opts.until === stage.name) break;
  }
  return doc;
}

/** RawDocument → AnnotatedDocument: the whole pipeline for one document. Pure apart from `opts.now`. */
export function analyze(raw: RawDocument, opts: AnalyzeOptions = {}): AnnotatedDocument {
  const article = rawToArticle(raw, opts.now);
  return annotate(article, raw.id ?? contentId(article.text), opts);
}
