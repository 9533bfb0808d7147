// Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed), news sitemaps and OPML lists, as files or URLs, turned into
// items. An entry that carries its full text is ingested from the feed; otherwise its link is fetched
// through the safe fetcher. Feed and sitemap URLs are polled with conditional GETs whose validators live
// in the store, so a `--watch` round over an unchanged feed costs one 304.
import { readFile, stat } from 'node:fs/promises';
import type { RawDocument } from '../../document.js';
import { InputError } from '../../errors.js';
import { decodeBytes } from '../decode.js';
import { type FetchResult, fetchUrl } from '../fetch.js';
import { fromText, readInput } from '../input.js';
import { refuseType } from '../net/content-type.js';
import { type FeedEntry, parseFeed } from './feed-parse.js';
import { parseOpml } from './opml-parse.js';
import { Settlement } from './settle.js';
import { parseSitemap, type SitemapPage } from './sitemap-parse.js';
import { sniffTextContainer, type TextContainerKind } from './sniff-container.js';
import type { SourceContext, SourceItem } from './types.js';

/** Sitemaps may be 50 MB uncompressed (sitemaps.org); feeds are far smaller. */
const MAX_CONTAINER_BYTES = 50 * 1024 * 1024;
/** Child sitemaps followed from one sitemap index, and how deep indexes and OPML lists may nest. */
export const MAX_CHILD_SITEMAPS = 100;
const MAX_DEPTH = 3;
/** Content shorter than this (as text) is a teaser, however it is labelled: the link is fetched instead. */
const MIN_FULL_TEXT = 280;

type Validators = { etag: string | null; lastModified: string | null };

const plainLength = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;

/** Full content: longer than the summary and long enough to be an article rather than a teaser. */
export function fullContent(e: FeedEntry): FeedEntry['content'] {
  if (!e.content) return null;
  const n = plainLength(e.content.body);
  return n >= MIN_FULL_TEXT && n > (e.summary ? plainLength(e.summary.body) : 0) ? e.content : null;
}

/** At most MAX_CHILD_SITEMAPS children, the most recently modified first when the index says (news first). */
function newestSitemaps(list: { url: string; lastmod: string | null }[]) {
  if (list.length <= MAX_CHILD_SITEMAPS) return list;
  const t = (s: { lastmod: string | null }) => (s.lastmod ? Date.parse(s.lastmod) || 0 : 0);
  return [...list].sort((a, b) => t(b) - t(a)).slice(0, MAX_CHILD_SITEMAPS);
}

function failing(key: string, e: unknown): SourceItem {
  return { key, load: () => Promise.reject(e) };
}

function fetchArticle(url: string, ctx: SourceContext, published: string | null): Promise<RawDocument> {
  // The entry's link stays the document's URL (not a redirect target), so the next poll recognises it.
  return readInput(url, { ...ctx.fetch, allowPrivate: ctx.allowPrivate, published, url });
}

function entryItem(e: FeedEntry, i: number, feedKey: string, ctx: SourceContext): SourceItem {
  const key = e.link ?? `${feedKey}#${i + 1}`;
  const published = e.published ?? ctx.published;
  const body = fullContent(e) ?? (e.link ? null : (e.content ?? e.summary));
  if (body)
    return {
      key,
      url: e.link ?? undefined,
      load: async () =>
        fromText(body.body, key, { url: e.link, title: e.title, published, format: body.format }),
    };
  if (!e.link) return failing(key, new InputError(key, 'the entry has neither a link nor any content'));
  const link = e.link;
  return { key, url: link, load: () => fetchArticle(link, ctx, published) };
}

function pageItem(p: SitemapPage, ctx: SourceContext): SourceItem {
  return { key: p.url, url: p.url, load: () => fetchArticle(p.url, ctx, p.published ?? ctx.published) };
}

/** Fetch a feed, sitemap or OPML URL; with `conditional`, send the validators remembered for it. */
async function fetchContainer(url: string, ctx: SourceContext, conditional: boolean): Promise<FetchResult> {
  const prev = conditional && ctx.store ? await ctx.store.feedState(url) : null;
  return fetchUrl(url, {
    ...ctx.fetch,
    allowPrivate: ctx.allowPrivate,
    accept: ['xml', 'json', 'html', 'text'],
    etag: prev?.etag ?? null,
    lastModified: prev?.lastModified ?? null,
  });
}

/**
 * Items of one feed, sitemap or OPML document. `key` names it in reports; `base` resolves relative links;
 * `validators`, for a fetched feed or sitemap, are remembered once all its items are stored.
 */
async function* containerItems(
  kind: TextContainerKind,
  text: string,
  key: string,
  base: string | null,
  ctx: SourceContext,
  validators: Validators | null,
  depth: number,
): AsyncIterable<SourceItem> {
  const remember = (url: string) =>
    new Settlement(async () => {
      if (validators && ctx.store)
        await ctx.store.saveFeedState(url, validators.etag, validators.lastModified);
    });
  try {
    if (kind === 'opml') {
      const feeds = parseOpml(text, base);
      if (depth >= MAX_DEPTH) throw new Error('OPML lists nested too deep');
      for (const f of feeds) yield* urlItems(f, ctx, depth + 1, true);
      return;
    }
    if (kind === 'urlset' || kind === 'sitemapindex') {
      const sm = parseSitemap(text, base);
      if (sm.kind === 'sitemapindex') {
        if (depth >= MAX_DEPTH) throw new Error('sitemap indexes nested too deep');
        for (const s of newestSitemaps(sm.sitemaps)) yield* urlItems(s.url, ctx, depth + 1, true);
        return;
      }
      const settle = remember(key);
      for (const p of sm.pages) yield settle.wrap(pageItem(p, ctx));
      await settle.close();
      return;
    }
    const feed = parseFeed(text, kind, base);
    const settle = remember(key);
    for (const [i, e] of feed.entries.entries()) yield settle.wrap(entryItem(e, i, key, ctx));
    await settle.close();
  } catch (e) {
    const what = kind === 'opml' ? 'OPML' : kind === 'urlset' || kind === 'sitemapindex' ? 'sitemap' : 'feed';
    ctx.fail(key, `malformed ${what}: ${(e as Error).message}`);
  }
}

/**
 * A URL: fetched once, then read as a container when its content is one, otherwise as an article.
 * `containerOnly` (URLs taken from OPML and sitemap indexes) reports an article where a list was expected.
 */
async function* urlItems(
  url: string,
  ctx: SourceContext,
  depth: number,
  containerOnly: boolean,
): AsyncIterable<SourceItem> {
  let res: FetchResult;
  let text: string;
  try {
    res = await fetchContainer(url, ctx, true);
    if (res.notModified) return;
    text = decodeBytes(res.bytes, url, res.charset);
  } catch (e) {
    if (containerOnly) ctx.fail(url, (e as Error).message.replace(`${url}: `, ''));
    else yield failing(url, e);
    return;
  }
  const kind = sniffTextContainer(text);
  if (kind) {
    // Validators are kept for what is polled: feeds and page lists (an OPML list or a sitemap index
    // unchanged says nothing about the feeds and sitemaps it names).
    const polled = kind !== 'opml' && kind !== 'sitemapindex';
    yield* containerItems(kind, text, url, res.finalUrl, ctx, polled ? res : null, depth);
    return;
  }
  if (containerOnly) {
    ctx.fail(url, 'not a feed or sitemap');
    return;
  }
  const refused = refuseType(res.contentType, ['html', 'text']);
  if (refused) {
    yield failing(url, new InputError(url, refused, 'ETYPE'));
    return;
  }
  const body = text;
  yield {
    key: url,
    url,
    load: async () => fromText(body, url, { published: ctx.published, url: res.finalUrl }),
  };
}

/** URL sources: every http(s) argument goes through here, so a page is fetched once even when sniffed. */
export async function feedUrlExpander(url: string, ctx: SourceContext): Promise<AsyncIterable<SourceItem>> {
  return urlItems(url, ctx, 0, false);
}

/** File sources: a feed, sitemap or OPML file, recognised by its root element. */
export function feedFileExpander(
  path: string,
  head: Buffer,
  ctx: SourceContext,
): AsyncIterable<SourceItem> | null {
  const kind = sniffTextContainer(head.toString('utf8'));
  if (!kind) return null;
  return (async function* () {
    let text: string;
    try {
      const st = await stat(path);
      if (st.size > MAX_CONTAINER_BYTES)
        throw new InputError(
          path,
          `too large (${(st.size / 1048576).toFixed(1)} MB; the limit is 50 MB)`,
          'ETOOBIG',
        );
      text = decodeBytes(await readFile(path), path);
    } catch (e) {
      yield failing(path, e);
      return;
    }
    yield* containerItems(kind, text, path, null, ctx, null, 0);
  })();
}
