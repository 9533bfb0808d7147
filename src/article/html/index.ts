import { parseHTML } from 'linkedom';
import type { Article, ArticleLayout, Dateline, Section, TextSpan } from '../../document.js';
import { emptyLayout } from '../layout.js';
import { matchDateline, resolveDatelineDate } from '../text/dateline.js';
import { guessLanguage } from '../text/layout.js';
import type { Block } from './blocks.js';
import { cleanByline } from './byline.js';
import { extractContent } from './content.js';
import { dateFromUrl, normaliseDate, notInFuture } from './dates.js';
import { chooseHeadline, findStandfirst } from './headline.js';
import { readMetadata } from './metadata.js';
import { norm } from './prune.js';
import { scanPage } from './scan.js';

export interface HtmlOptions {
  url: string | null;
  published: string | null;
  title: string | null;
  /** The clock: metadata dates later than a day past it are dropped. */
  now?: Date;
}

// HTML → Article. Metadata is read first, while the DOM is intact; then the story's blocks are
// extracted and laid out as headline, standfirst, dateline and body, paragraphs between blank lines.
export function htmlToArticle(html: string, opts: HtmlOptions): Article {
  let document: Document | null = null;
  try {
    document = parseHTML(html || '<html></html>').document as unknown as Document;
  } catch {
    document = null;
  }
  if (!document) return emptyArticle(opts);

  const scan = scanPage(document);
  const meta = readMetadata(document, scan);
  const headline = chooseHeadline(document, scan, meta.titles, meta.publisher);
  const title = (opts.title ?? headline?.text ?? '').replace(/\s+/g, ' ').trim();
  const standfirst = findStandfirst(scan, meta.description, headline?.el ?? null);
  // Captions, credits and hidden boxes never count as story text: out before the content is scored.
  for (const el of scan.strip) if ((el.textContent ?? '').length < 2000) el.remove();
  flatten(scan.deep);
  let blocks: Block[] = extractContent(document, { title, titles: meta.titles }) ?? [];
  let lede = standfirst?.text ?? null;
  if (lede) {
    const key = norm(lede);
    const i = blocks.slice(0, 4).findIndex((b) => norm(b.text) === key);
    // A standfirst that is all the page has is the body, not a lede.
    if (i >= 0 && blocks.length === 1) lede = null;
    else if (i >= 0) blocks = blocks.filter((_, j) => j !== i);
  }

  // The page's own date wins (its metadata, then a day in its URL); a date given from outside
  // (--published) stands in when it has none.
  const published =
    firstDate(meta.published, opts.now) ??
    firstDate([dateFromUrl(opts.url) ?? ''], opts.now) ??
    firstDate(opts.published ? [opts.published] : [], opts.now);
  const modified = firstDate(meta.modified, opts.now);

  // Reading order: headline, standfirst, body (a dateline opens the body's first paragraph).
  let text = '';
  const add = (s: string): TextSpan => {
    if (text) text += '\n\n';
    const start = text.length;
    text += s;
    return { start, end: text.length, text: s };
  };
  const titleSpan = title ? add(title) : null;
  const ledeSpan = lede ? add(lede) : null;
  const sections: Section[] = [];
  let bodyStart = -1;
  blocks.forEach((b, i) => {
    const span = add(b.text);
    if (bodyStart < 0) bodyStart = span.start;
    // A bold subhead heads a section when prose follows it (a run of bold lines is a list, not headings).
    const next = blocks[i + 1];
    if (b.kind === 'heading' || (b.subhead && next && !next.subhead && next.kind !== 'heading')) {
      if (sections.length) sections[sections.length - 1].end = lastEnd(text, span.start);
      sections.push({ heading: b.text, start: span.start, end: span.end });
    }
  });
  if (sections.length) sections[sections.length - 1].end = text.length;

  let dateline: Dateline | null = null;
  if (bodyStart >= 0) {
    const m = matchDateline(text, bodyStart);
    if (m && m.end < text.length) {
      const date = resolveDatelineDate(m, published, text);
      dateline = { start: m.start, end: m.end, text: m.text, place: m.place, agency: m.agency, ...date };
      // The body starts after the dateline, as in plain-text wire copy.
      bodyStart = m.end;
      while (bodyStart < text.length && /[\s\-—–:]/.test(text[bodyStart])) bodyStart++;
    }
  }

  const layout: ArticleLayout = {
    title: titleSpan,
    lede: ledeSpan,
    dateline,
    body: bodyStart >= 0 && bodyStart < text.length ? { start: bodyStart, end: text.length } : null,
    sections,
    byline: meta.authors.map((tier) => cleanByline(tier, meta.publisher)).find((names) => names.length) ?? [],
    publisher: meta.publisher,
    language: chooseLanguage(meta.language, text),
    published: published ?? dateline?.date ?? null,
    modified,
  };
  return { text, url: opts.url, layout };
}

/** Languages that their script alone gives away, for pages that declare none. */
function languageByScript(text: string): string | null {
  const sample = text.slice(0, 2000);
  const count = (re: RegExp) => sample.match(re)?.length ?? 0;
  const letters = count(/\p{L}/gu) || 1;
  if (count(/[\u3040-\u30ff]/g) / letters > 0.05) return 'ja';
  if (count(/[\uac00-\ud7af]/g) / letters > 0.2) return 'ko';
  if (count(/[\u4e00-\u9fff]/g) / letters > 0.3) return 'zh';
  if (count(/[\u0600-\u06ff]/g) / letters > 0.3) return 'ar';
  if (count(/[\u0590-\u05ff]/g) / letters > 0.3) return 'he';
  if (count(/[\u0400-\u04ff]/g) / letters > 0.3) return 'ru';
  return null;
}

/** Unwraps over-deep elements, innermost first, so that their text joins the ancestor at the depth limit. */
function flatten(deep: Element[]): void {
  for (let i = deep.length - 1; i >= 0; i--) {
    const el = deep[i];
    if (el.parentNode) el.replaceWith(...Array.from(el.childNodes));
  }
}

/** The declared language, unless a page templated as English reads as another language. */
function chooseLanguage(declared: string | null, text: string): string | null {
  const guessed = guessLanguage(text) ?? languageByScript(text);
  if (!declared) return guessed;
  return declared === 'en' && guessed && guessed !== 'en' ? guessed : declared;
}

/** The first candidate that is a date and not in the future. */
function firstDate(raws: string[], now: Date | undefined): string | null {
  for (const r of raws) {
    const d = notInFuture(normaliseDate(r), now);
    if (d) return d;
  }
  return null;
}

/** End of the text before `at`, without the blank line that separates blocks. */
function lastEnd(text: string, at: number): number {
  let e = at;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}

function emptyArticle(opts: HtmlOptions): Article {
  const title = (opts.title ?? '').trim();
  return {
    text: title,
    url: opts.url,
    layout: {
      ...emptyLayout(),
      title: title ? { start: 0, end: title.length, text: title } : null,
      published: opts.published,
    },
  };
}
