// RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed 1.x → one shape: the entries with link, title, date, and any
// content or summary they carry. Parsing only; what to do with an entry is decided in feeds.ts.
import { XMLParser } from 'fast-xml-parser';
import { feedDate } from './feed-dates.js';
import { attr, checkWellFormed, child, decodeRawXml, httpUrl, nodes, textOf, type XmlNode } from './xml.js';

export interface FeedBody {
  body: string;
  format: 'html' | 'text';
}

export interface FeedEntry {
  link: string | null;
  title: string | null;
  published: string | null;
  /** Full content: `content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`. */
  content: FeedBody | null;
  /** A summary: RSS `description`, Atom `summary`, JSON Feed `summary`. */
  summary: FeedBody | null;
}

export interface ParsedFeed {
  title: string | null;
  entries: FeedEntry[];
}

const ARRAYS = new Set(['item', 'entry', 'link']);

function parser(stopNodes: string[] = []): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Atom and RSS 1.0 elements are sometimes written with a prefix for their own namespace.
    transformTagName: (t) => t.replace(/^(?:atom|rss|rss1):/, ''),
    isArray: (name) => ARRAYS.has(name),
    stopNodes,
  });
}

const body = (v: string | null, format: 'html' | 'text'): FeedBody | null =>
  v?.trim() ? { body: v.trim(), format } : null;

/** Parse a feed's text; throws an Error saying what is wrong (the caller names the feed). */
export function parseFeed(
  text: string,
  kind: 'rss' | 'rdf' | 'atom' | 'jsonfeed',
  base: string | null,
): ParsedFeed {
  if (kind === 'jsonfeed') return parseJsonFeed(text, base);
  checkWellFormed(text);
  if (kind === 'atom') return parseAtom(text, base);
  const doc = parser().parse(text) as XmlNode;
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?'));
  const root = (rootKey ? doc[rootKey] : null) as XmlNode | null;
  if (!root || typeof root !== 'object') throw new Error('no feed element');
  const channel = nodes(child(root, 'channel'))[0] ?? {};
  // RSS 2.0 keeps items inside <channel>; RSS 1.0 puts them beside it.
  const items = nodes(child(channel, 'item')).concat(nodes(child(root, 'item')));
  const channelLink = textOf(child(channel, 'link'));
  const itemBase = httpUrl(channelLink, base) ?? base;
  return {
    title: textOf(child(channel, 'title')),
    entries: items.map((it) => {
      const guid = child(it, 'guid');
      const guidLink = attr(guid, 'isPermaLink') === 'false' ? null : textOf(guid);
      const link = httpUrl(textOf(it.link), itemBase) ?? httpUrl(guidLink, null);
      return {
        link,
        title: textOf(it.title),
        published: feedDate(textOf(it.pubDate) ?? textOf(child(it, 'date'))),
        content: body(textOf(child(it, 'encoded')), 'html'),
        summary: body(textOf(it.description), 'html'),
      };
    }),
  };
}

function atomBody(v: unknown): FeedBody | null {
  if (v === undefined) return null;
  const type = (attr(v, 'type') ?? 'text').toLowerCase();
  const raw = typeof v === 'string' ? v : (textOf(v) ?? '');
  // xhtml content is markup already; text and html content are escaped or CDATA.
  if (type === 'xhtml') return body(raw, 'html');
  return body(decodeRawXml(raw), type === 'html' || type === 'text/html' ? 'html' : 'text');
}

/** An Atom text construct as plain text: html titles are markup with entities of their own. */
function atomText(v: unknown): string | null {
  const t = textOf(v);
  if (!t || (attr(v, 'type') ?? 'text').toLowerCase() === 'text') return t;
  return (
    decodeRawXml(t.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim() || null
  );
}

function parseAtom(text: string, base: string | null): ParsedFeed {
  const doc = parser(['feed.entry.content', 'feed.entry.summary']).parse(text) as XmlNode;
  const feed = nodes(doc.feed)[0];
  if (!feed) throw new Error('no <feed> element');
  return {
    title: textOf(feed.title),
    entries: nodes(feed.entry).map((e) => {
      const links = nodes(e.link);
      const alternate =
        links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href')) ?? links[0];
      const content = nodes(e.content)[0] ?? (typeof e.content === 'string' ? e.content : undefined);
      const src = attr(content, 'src');
      return {
        link: httpUrl(attr(alternate, 'href'), base) ?? httpUrl(src, base),
        title: atomText(e.title),
        published: feedDate(textOf(e.published) ?? textOf(e.updated)),
        // Out-of-line content (`src`) is fetched like a link.
        content: src ? null : atomBody(content),
        summary: atomBody(e.summary),
      };
    }),
  };
}

function parseJsonFeed(text: string, base: string | null): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  const d = doc as Record<string, unknown>;
  if (!d || typeof d !== 'object' || !Array.isArray(d.items))
    throw new Error('a JSON Feed needs an "items" array');
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    title: str(d.title),
    entries: (d.items as unknown[])
      .filter((it): it is Record<string, unknown> => !!it && typeof it === 'object')
      .map((it) => ({
        link: httpUrl(str(it.url), base) ?? httpUrl(str(it.external_url), base),
        title: str(it.title)?.trim() || null,
        published: feedDate(str(it.date_published) ?? str(it.date_modified)),
        content: body(str(it.content_html), 'html') ?? body(str(it.content_text), 'text'),
        summary: body(str(it.summary), 'text'),
      })),
  };
}
