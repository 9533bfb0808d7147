import { hintOf } from './boilerplate.js';
import type { PageScan } from './scan.js';

// What the publisher says about the page, read before any content extraction touches the DOM:
// JSON-LD (schema.org articles, @graph arrays), OpenGraph and article:* properties, classic meta tags
// (author, description, date, Dublin Core, Parse.ly, Sailthru), microdata, <time> and <html lang>.
// Values stay raw here; dates and bylines are normalised by their own modules.

export interface PageMetadata {
  headline: string | null;
  /** Headline candidates in order of trust, for matching the visible <h1>. */
  titles: string[];
  description: string | null;
  published: string[];
  modified: string[];
  /** Raw author strings, one list per source in order of trust (JSON-LD, meta tags, microdata, rel=author). */
  authors: string[][];
  publisher: string | null;
  language: string | null;
}

const ARTICLE_TYPE =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|BlogPosting|SocialMediaPosting|Report|TechArticle|SatiricalArticle|WebPage|ScholarlyArticle)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(x: Json | undefined): x is JsonObject {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:]/, ''));
}

/** Every object in a JSON-LD value, depth first: arrays, @graph, mainEntity and the like. */
function* objects(x: Json, depth = 0): Generator<JsonObject> {
  if (depth > 6 || !x || typeof x !== 'object') return;
  if (Array.isArray(x)) {
    for (const v of x) yield* objects(v, depth + 1);
    return;
  }
  yield x;
  for (const k of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement', 'hasPart']) {
    const v = x[k];
    if (v && typeof v === 'object') yield* objects(v, depth + 1);
  }
}

function parseJsonLd(text: string): Json | null {
  const cleaned = text
    .replace(/^\s*<!--|-->\s*$/g, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '')
    .trim();
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      // Raw newlines and tabs inside strings are the commonest breakage.
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return null;
    }
  }
}

function str(x: Json | undefined): string | null {
  if (typeof x === 'string') return x.replace(/\s+/g, ' ').trim() || null;
  if (typeof x === 'number') return String(x);
  if (Array.isArray(x)) return str(x[0]);
  if (isObject(x)) return str(x['@value'] ?? x.name ?? null);
  return null;
}

function names(x: Json | undefined): string[] {
  if (!x) return [];
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap((v) => names(v));
  if (isObject(x)) {
    // An organisation named as author is the publisher, not a byline.
    if (typesOf(x).some((t) => /Organization$|^Corporation$/.test(t))) return [];
    const n = str(x.name) ?? ([str(x.givenName), str(x.familyName)].filter(Boolean).join(' ') || null);
    return n ? [n] : [];
  }
  return [];
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

export function readMetadata(document: Document, scan: PageScan): PageMetadata {
  const meta = new Map<string, string[]>();
  for (const el of scan.metas) {
    const key = (
      el.getAttribute('property') ??
      el.getAttribute('name') ??
      el.getAttribute('itemprop') ??
      el.getAttribute('http-equiv') ??
      ''
    )
      .trim()
      .toLowerCase();
    const content = el.getAttribute('content');
    if (!key || content == null || !content.trim()) continue;
    const list = meta.get(key) ?? [];
    list.push(decodeEntities(content.trim()));
    meta.set(key, list);
  }
  const m = (...keys: string[]): string[] => keys.flatMap((k) => meta.get(k) ?? []);

  // JSON-LD: the first article-typed object wins; a WebPage only when nothing better exists.
  let ld: JsonObject | null = null;
  let ldPage: JsonObject | null = null;
  let ldPublisher: string | null = null;
  for (const script of scan.jsonLd) {
    const data = parseJsonLd(script.textContent ?? '');
    if (data == null) continue;
    for (const o of objects(data)) {
      const types = typesOf(o);
      if (types.some((t) => t === 'WebPage')) ldPage ??= o;
      else if (!ld && types.some((t) => ARTICLE_TYPE.test(t))) ld = o;
      if (!ldPublisher && types.some((t) => t === 'NewsMediaOrganization' || t === 'Organization'))
        ldPublisher = str(o.name);
    }
  }
  const art = ld ?? ldPage;

  const titles = [
    str(art?.headline),
    ...m('og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title', 'headline'),
    str(art?.name),
  ].filter((x): x is string => !!x);

  const timeEls = scan.times;
  const itemprop = (p: string): string[] =>
    scan.itemprops
      .filter((el) => (el.getAttribute('itemprop') ?? '').split(/\s+/).includes(p))
      .map((el) => el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent ?? '')
      .map((s) => s.trim())
      .filter(Boolean);
  const published = [
    str(art?.datePublished),
    str(art?.dateCreated),
    ...m(
      'article:published_time',
      'og:article:published_time',
      'datepublished',
      'parsely-pub-date',
      'sailthru.date',
      'dc.date.issued',
      'dc.date',
      'dcterms.created',
      'dcterms.date',
      'date',
      'pubdate',
      'publishdate',
      'publish-date',
      'article.published',
      'article_date_original',
      'cxenseparse:recs:publishtime',
    ),
    ...itemprop('datePublished'),
    ...timeEls
      .filter((el) => /publish|posted|date/i.test(`${hintOf(el)} ${el.getAttribute('itemprop') ?? ''}`))
      .map((el) => el.getAttribute('datetime') ?? ''),
    ...timeEls.slice(0, 1).map((el) => el.getAttribute('datetime') ?? ''),
  ].filter((x): x is string => !!x);
  const modified = [
    str(art?.dateModified),
    ...m(
      'article:modified_time',
      'og:updated_time',
      'dcterms.modified',
      'last-modified',
      'article.updated',
      'modified',
    ),
    ...itemprop('dateModified'),
  ].filter((x): x is string => !!x);

  // Author sources in order of trust; the first that yields a clean name wins, so that commenters
  // marked up as authors, or a second spelling of the same name, do not join the byline.
  const itemAuthors = scan.itemprops
    .filter((el) => (el.getAttribute('itemprop') ?? '').split(/\s+/).includes('author'))
    .map(
      (el) =>
        el.querySelector('[itemprop="name"]')?.getAttribute('content') ??
        el.querySelector('[itemprop="name"]')?.textContent ??
        el.getAttribute('content') ??
        el.textContent ??
        '',
    );
  const authors = [
    [...names(art?.author), ...names(art?.creator)],
    m('article:author', 'author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'byline').filter(
      (a) => !/^https?:\/\//.test(a),
    ),
    itemAuthors,
    scan.authorLinks.map((el) => el.textContent ?? ''),
  ].map((tier) => tier.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean));

  const publisher =
    names(art?.publisher)[0] ??
    m('og:site_name', 'application-name', 'dc.publisher', 'publisher', 'cre')[0] ??
    ldPublisher ??
    null;

  const language =
    str(art?.inLanguage) ??
    document.documentElement?.getAttribute('lang') ??
    m('og:locale', 'content-language', 'language', 'dc.language')[0] ??
    null;

  return {
    headline: titles[0] ?? null,
    titles,
    description:
      str(art?.description) ??
      m('og:description', 'description', 'twitter:description', 'dc.description')[0] ??
      null,
    published,
    modified,
    authors,
    publisher: cleanPublisher(publisher),
    language: normaliseLanguage(language),
  };
}

/** "Site | Tagline" → "Site"; a bare URL → its host. */
function cleanPublisher(raw: string | null): string | null {
  if (!raw) return null;
  let s = decodeEntities(raw).trim();
  const url = /^https?:\/\/(?:www\.)?([^/\s]+)/i.exec(s);
  if (url) return url[1];
  s = s.split(/\s+[|·•]\s+/)[0].trim();
  return s || null;
}

/** "en-US", "en_GB", "English" → "en". */
export function normaliseLanguage(raw: string | null): string | null {
  if (!raw) return null;
  const s = raw.trim().toLowerCase();
  const m = /^([a-z]{2,3})(?:[-_]|$)/.exec(s);
  if (m) return m[1];
  const byName: Record<string, string> = {
    english: 'en',
    german: 'de',
    french: 'fr',
    spanish: 'es',
    italian: 'it',
    portuguese: 'pt',
    russian: 'ru',
  };
  return byName[s] ?? null;
}
