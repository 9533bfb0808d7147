import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article, ArticleLayout, TextSpan } from '../../document.js';
import { guessLanguage } from '../text/layout.js';

export interface HtmlOptions {
  url: string | null;
  published: string | null;
  title: string | null;
}

// First version: Readability over linkedom, text laid out as title + paragraphs.
export function htmlToArticle(html: string, opts: HtmlOptions): Article {
  const { document } = parseHTML(html);
  const parsed = new Readability(document as unknown as Document).parse();
  const title = (opts.title ?? parsed?.title ?? '').trim();
  const paras: string[] = [];
  if (parsed?.content) {
    const { document: d } = parseHTML(`<html><body>${parsed.content}</body></html>`);
    for (const el of d.querySelectorAll('p, h2, h3, h4, li, blockquote')) {
      const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (t) paras.push(t);
    }
  }
  let text = '';
  let titleSpan: TextSpan | null = null;
  if (title) {
    titleSpan = { start: 0, end: title.length, text: title };
    text = title;
  }
  const bodyStart = text ? text.length + 2 : 0;
  text = [text, ...paras].filter(Boolean).join('\n\n');
  const layout: ArticleLayout = {
    title: titleSpan,
    lede: null,
    dateline: null,
    body: paras.length ? { start: bodyStart, end: text.length } : null,
    sections: [],
    byline: parsed?.byline ? [parsed.byline] : [],
    publisher: parsed?.siteName ?? null,
    language: guessLanguage(text),
    published: opts.published ?? parsed?.publishedTime ?? null,
    modified: null,
  };
  return { text, url: opts.url, layout };
}
