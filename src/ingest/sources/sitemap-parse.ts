// Sitemaps (sitemaps.org) and Google News sitemaps: a <urlset> lists pages, with `news:news` giving a
// publication date and title; a <sitemapindex> lists further sitemaps.
import { XMLParser } from 'fast-xml-parser';
import { feedDate } from './feed-dates.js';
import { checkWellFormed, child, httpUrl, nodes, textOf, type XmlNode } from './xml.js';

export interface SitemapPage {
  url: string;
  title: string | null;
  published: string | null;
}

export type ParsedSitemap =
  | { kind: 'urlset'; pages: SitemapPage[] }
  | { kind: 'sitemapindex'; sitemaps: { url: string; lastmod: string | null }[] };

/** The sitemaps.org limit on entries per file; longer lists are cut there. */
export const MAX_SITEMAP_ENTRIES = 50_000;

export function parseSitemap(text: string, base: string | null): ParsedSitemap {
  checkWellFormed(text);
  const doc = new XMLParser({
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: false,
    isArray: (name) => name === 'url' || name === 'sitemap',
  }).parse(text) as XmlNode;
  const index = nodes(child(doc, 'sitemapindex'))[0];
  if (index) {
    const sitemaps = nodes(child(index, 'sitemap'))
      .map((s) => ({
        url: httpUrl(textOf(child(s, 'loc')), base),
        lastmod: feedDate(textOf(child(s, 'lastmod'))),
      }))
      .filter((s): s is { url: string; lastmod: string | null } => s.url !== null);
    return { kind: 'sitemapindex', sitemaps: sitemaps.slice(0, MAX_SITEMAP_ENTRIES) };
  }
  const set = nodes(child(doc, 'urlset'))[0];
  if (!set) throw new Error('no <urlset> or <sitemapindex> element');
  const pages: SitemapPage[] = [];
  for (const u of nodes(child(set, 'url')).slice(0, MAX_SITEMAP_ENTRIES)) {
    const url = httpUrl(textOf(child(u, 'loc')), base);
    if (!url) continue;
    const news = nodes(child(u, 'news'))[0];
    pages.push({
      url,
      title: news ? textOf(child(news, 'title')) : null,
      published: feedDate(news ? textOf(child(news, 'publication_date')) : textOf(child(u, 'lastmod'))),
    });
  }
  return { kind: 'urlset', pages };
}
