import type { Article, ArticleLayout, Dateline, Section, Span, TextSpan } from '../../document.js';
import { paragraphs } from '../../nlp/sentences.js';
import { type DatelineMatch, matchDateline, resolveDatelineDate } from './dateline.js';

// Plain text → article: headline, standfirst, dateline, body and subheads of wire copy as agencies write it.
// The text is kept as given (only \r\n → \n), so offsets index the input.

/** Navigation and boilerplate lines that are never part of a story. */
const CRUMB_RE =
  /^(?:all news|news|latest news|top stories|home|world|politics|business|economy|sports?|opinion|breaking(?: news)?|world news|international|russia|asia|europe|americas|africa|middle east|menu|search|share|advertisement|skip to (?:main )?content|read more|related(?: news| stories)?|more news|print|subscribe)$/i;
const TRAILER_RE =
  /^(?:©|\(c\)|copyright\b|all rights reserved|read more\b|related\b|share (?:this|on)\b|follow us\b|subscribe\b|sign up\b|more news\b|reporting by\b|editing by\b|writing by\b|additional reporting\b|\(reporting by\b|\(editing by\b|newsletter\b|advertisement$)/i;

export interface TextLayoutOptions {
  /** A publication date given from outside (--published, JSONL, metadata). */
  published: string | null;
  /** A title given from outside (JSONL `title`). */
  title: string | null;
}

export function normaliseNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

function endsLikeSentence(s: string): boolean {
  return /[.!?…:;]["”’)\]]*$/u.test(s.trim());
}

function isHeadlineLike(text: string, p: Span): boolean {
  const s = text.slice(p.start, p.end);
  if (s.includes('\n') || s.length > 250 || s.length < 3) return false;
  if (endsLikeSentence(s) && !/\?["”]?$/.test(s)) return false;
  return /^[\p{Lu}\p{N}"“‘'«]/u.test(s);
}

function span(text: string, p: Span): TextSpan {
  return { start: p.start, end: p.end, text: text.slice(p.start, p.end) };
}

/** Lay out plain text as an article. */
export function textToArticle(input: string, opts: TextLayoutOptions, url: string | null = null): Article {
  const text = normaliseNewlines(input);
  // Use blank-line paragraphs; copy with no blank lines at all is laid out line by line.
  let paras = paragraphs(text);
  if (paras.length <= 1 && text.includes('\n')) paras = lines(text);

  let i = 0;
  // Navigation crumbs before the headline ("All news", "World").
  while (i < paras.length - 1 && CRUMB_RE.test(text.slice(paras[i].start, paras[i].end).trim())) i++;

  const datelineAt = (k: number): DatelineMatch | null =>
    paras[k] ? matchDateline(text, paras[k].start) : null;

  let title: TextSpan | null = null;
  let lede: TextSpan | null = null;
  let dl: DatelineMatch | null = null;
  let bodyStart: number | null = null;

  // The dateline, if any, opens one of the first few paragraphs.
  let dlIndex = -1;
  for (let k = i; k < Math.min(paras.length, i + 4); k++) {
    const m = datelineAt(k);
    if (m) {
      dlIndex = k;
      dl = m;
      break;
    }
  }

  if (dlIndex >= 0) {
    const before = paras.slice(i, dlIndex);
    if (before.length >= 1 && isHeadlineLike(text, before[0])) title = span(text, before[0]);
    if (before.length >= 2) lede = span(text, before[before.length - 1]);
    bodyStart = skipSpace(text, dl!.end);
  } else {
    if (i < paras.length - 1 && isHeadlineLike(text, paras[i])) {
      title = span(text, paras[i]);
      i++;
      // A short unpunctuated paragraph after the headline is a standfirst.
      const p = paras[i];
      if (p && i < paras.length - 1) {
        const s = text.slice(p.start, p.end);
        if (!s.includes('\n') && s.length < 400 && !endsLikeSentence(s)) {
          lede = span(text, p);
          i++;
        }
      }
    }
    bodyStart = paras[i]?.start ?? null;
  }

  // The body runs to the last paragraph that is not trailing boilerplate.
  let last = paras.length - 1;
  while (
    last >= 0 &&
    paras[last].start >= (bodyStart ?? 0) &&
    TRAILER_RE.test(text.slice(paras[last].start, paras[last].end).trim())
  )
    last--;
  const bodyEnd = last >= 0 ? paras[last].end : null;
  const body: Span | null =
    bodyStart !== null && bodyEnd !== null && bodyEnd > bodyStart ? { start: bodyStart, end: bodyEnd } : null;

  const sections = body ? findSections(text, paras, body) : [];

  let dateline: Dateline | null = null;
  if (dl) {
    const d = resolveDatelineDate(dl, opts.published, text);
    dateline = { start: dl.start, end: dl.end, text: dl.text, place: dl.place, agency: dl.agency, ...d };
  }
  // A title given with the record counts as the headline when the text opens with it.
  if (!title && opts.title) {
    const at = text.indexOf(opts.title.trim());
    if (at >= 0 && at < 200 && !text.slice(0, at).trim())
      title = { start: at, end: at + opts.title.trim().length, text: opts.title.trim() };
  }

  const layout: ArticleLayout = {
    title,
    lede,
    dateline,
    body,
    sections,
    byline: [],
    publisher: dateline?.agency ?? null,
    language: guessLanguage(text),
    published: opts.published ?? dateline?.date ?? null,
    modified: null,
  };
  return { text, url, layout };
}

function lines(text: string): Span[] {
  const out: Span[] = [];
  let pos = 0;
  for (const l of text.split('\n')) {
    const s = pos + (l.length - l.trimStart().length);
    const e = pos + l.trimEnd().length;
    if (e > s) out.push({ start: s, end: e });
    pos += l.length + 1;
  }
  return out;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

/** Subheads inside the body: short unpunctuated single-line paragraphs followed by running text. */
function findSections(text: string, paras: Span[], body: Span): Section[] {
  const inBody = paras.filter((p) => p.start >= body.start && p.end <= body.end);
  const heads: Span[] = [];
  for (let k = 0; k < inBody.length - 1; k++) {
    const p = inBody[k];
    const s = text.slice(p.start, p.end);
    if (s.length > 120 || s.includes('\n') || endsLikeSentence(s) || !/^[\p{Lu}\p{N}]/u.test(s)) continue;
    if (s.split(/\s+/).length > 14) continue;
    const next = inBody[k + 1];
    if (next.end - next.start <= s.length) continue;
    heads.push(p);
  }
  return heads.map((h, k) => ({
    heading: text.slice(h.start, h.end),
    start: h.start,
    end: k + 1 < heads.length ? lastEndBefore(inBody, heads[k + 1].start) : body.end,
  }));
}

function lastEndBefore(paras: Span[], at: number): number {
  let e = 0;
  for (const p of paras) if (p.end <= at) e = p.end;
  return e;
}

/** English unless the text reads otherwise; other languages are recognised by their commonest words. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, 4000).toLowerCase();
  const words = sample.match(/\p{L}+/gu) ?? [];
  if (words.length < 3) return null;
  const score = (set: Set<string>) => words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0) / words.length;
  const best = Object.entries(STOPWORDS)
    .map(([lang, set]) => [lang, score(set)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  if (/[\u0400-\u04ff]/.test(sample) && (sample.match(/[\u0400-\u04ff]/g)?.length ?? 0) > sample.length / 4)
    return 'ru';
  return best && best[1] > 0.04 ? best[0] : null;
}

const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(
    'the of and to in a is that for it was on with as by at from his he said have be are this an which'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an'.split(' '),
  ),
  fr: new Set('le la les de des et à en un une du que qui dans pour est au par sur pas plus'.split(' ')),
  es: new Set('el la los las de del y en que a un una por con para es se su al lo como'.split(' ')),
  it: new Set('il la le di e che in un una per con del della è non si da al sono'.split(' ')),
  pt: new Set('o a os as de do da e em um uma que para com não por se na no ao'.split(' ')),
};
