import { parseHTML } from 'linkedom';
import type { Article, ArticleLayout, Section, TextSpan } from '../../document.js';
import { guessLanguage } from '../text/layout.js';
import { extractContent } from './content.js';

export interface HtmlOptions {
  url: string | null;
  published: string | null;
  title: string | null;
  /** The clock: metadata dates later than a day past it are dropped. */
  now?: Date;
}

export function htmlToArticle(html: string, opts: HtmlOptions): Article {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const titleEl = doc.querySelector('title');
  const title = (opts.title ?? titleEl?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const blocks = extractContent(doc, { title }) ?? [];
  let text = '';
  let titleSpan: TextSpan | null = null;
  if (title) {
    titleSpan = { start: 0, end: title.length, text: title };
    text = title;
  }
  const sections: Section[] = [];
  let bodyStart = -1;
  for (const b of blocks) {
    if (text) text += '\n\n';
    if (bodyStart < 0) bodyStart = text.length;
    if (b.kind === 'heading') {
      if (sections.length) sections[sections.length - 1].end = text.length - 2;
      sections.push({ heading: b.text, start: text.length, end: text.length });
    }
    text += b.text;
  }
  if (sections.length) sections[sections.length - 1].end = text.length;
  const layout: ArticleLayout = {
    title: titleSpan,
    lede: null,
    dateline: null,
    body: bodyStart >= 0 ? { start: bodyStart, end: text.length } : null,
    sections,
    byline: [],
    publisher: null,
    language: guessLanguage(text),
    published: opts.published,
    modified: null,
  };
  return { text, url: opts.url, layout };
}
