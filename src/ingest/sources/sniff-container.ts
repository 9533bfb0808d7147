// Which container a file or response is, from its content (never its name): the root element of an XML
// document, a JSON Feed's version URL, or a WARC record header (plain or gzip-compressed).
import { gunzipSync, constants as zc } from 'node:zlib';

export type TextContainerKind = 'rss' | 'rdf' | 'atom' | 'jsonfeed' | 'urlset' | 'sitemapindex' | 'opml';

/** The first element's qualified name, past the XML declaration, comments, processing instructions and DOCTYPE. */
export function rootElement(text: string): string | null {
  const s = text.replace(/^\uFEFF/, '');
  const re = /\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>)/iy;
  let i = 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m || m[0].length === 0) break;
    i = re.lastIndex;
  }
  const el = /\s*<([A-Za-z_][\w.:-]*)/y;
  el.lastIndex = i;
  return el.exec(s)?.[1] ?? null;
}

/** A feed, sitemap or OPML document, judged by its root element or JSON Feed version. */
export function sniffTextContainer(text: string): TextContainerKind | null {
  const head = text.slice(0, 65536).replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(head))
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1/.test(head) ? 'jsonfeed' : null;
  const root = rootElement(head);
  if (!root) return null;
  const local = root.replace(/^[\w.-]+:/, '').toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'rdf' && /purl\.org\/rss\/1\.0|<(?:\w+:)?channel[\s>]|<(?:\w+:)?item[\s>]/.test(head))
    return 'rdf';
  if (local === 'feed') return 'atom';
  if (local === 'urlset') return 'urlset';
  if (local === 'sitemapindex') return 'sitemapindex';
  if (local === 'opml') return 'opml';
  return null;
}

/** WARC files start with "WARC/1.x"; compressed ones are gzip members whose first bytes say so. */
export function sniffWarc(head: Buffer): { gzip: boolean } | null {
  if (head.subarray(0, 6).toString('latin1') === 'WARC/1') return { gzip: false };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      // Only the head is at hand: a sync flush decompresses what there is without needing the end.
      const out = gunzipSync(head, { finishFlush: zc.Z_SYNC_FLUSH });
      if (out.subarray(0, 6).toString('latin1') === 'WARC/1') return { gzip: true };
    } catch {
      return null;
    }
  }
  return null;
}
