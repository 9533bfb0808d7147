import { hintOf } from './boilerplate.js';
import { norm } from './prune.js';
import type { PageScan } from './scan.js';

// The headline and standfirst as the reader sees them. Metadata titles often carry the site name
// ("… | The Hill") or an SEO variant; the visible <h1> is preferred when it agrees with them.

function similar(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 0.6 * long.length && long.includes(short);
}

/** "Headline | Site", "Site - Headline" → the longest part. */
export function stripSiteName(title: string, site: string | null): string {
  const parts = title.split(/\s+(?:\||–|—|-|::|»|·)\s+/);
  if (parts.length < 2) return title;
  const withoutSite = site ? parts.filter((p) => norm(p) !== norm(site)) : parts;
  return withoutSite.reduce((a, b) => (b.length > a.length ? b : a), '');
}

export function chooseHeadline(
  document: Document,
  scan: PageScan,
  metaTitles: string[],
  site: string | null,
): { text: string; el: Element | null } | null {
  const h1s = scan.h1s.slice(0, 5);
  const visible = h1s.map((el) => ({ el, text: (el.textContent ?? '').replace(/\s+/g, ' ').trim() }));
  const docTitle = (document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const known = [...metaTitles, ...(docTitle ? [stripSiteName(docTitle, site)] : [])];
  for (const h of visible) if (h.text && known.some((k) => similar(k, h.text))) return h;
  const best = metaTitles[0]
    ? stripSiteName(metaTitles[0], site)
    : docTitle
      ? stripSiteName(docTitle, site)
      : '';
  if (best) return { text: best, el: null };
  const h = visible.find((v) => v.text);
  return h ?? null;
}

const STRONG_STANDFIRST =
  /(?:^|[\s_-])(?:standfirst|dek|deck|sub-?title|sub-?headline|strapline)(?:$|[\s_-])/i;

/** Class and id names of a standfirst (subtitle, dek) as publishers write them. */
const STANDFIRST =
  /(?:^|[\s_-])(?:standfirst|dek|deck|sub-?title|sub-?headline|strapline|strap|summary|article-?summary|description|excerpt|lede|intro|teaser|abstract|sapo|chapo|entradilla|bajada|occhiello|sommario)(?:$|[\s_-])/i;

/**
 * The standfirst shown on the page: an element that repeats the publisher's description as a subtitle
 * (in the article header, named like one, or set as a subheading), or a named standfirst element
 * near the headline. Null when the description is not shown, or shown only as the first paragraph.
 */
export function findStandfirst(
  scan: PageScan,
  description: string | null,
  headline: Element | null,
): { text: string; el: Element } | null {
  const want = description ? norm(description) : '';
  const named: Element[] = [];
  for (const el of scan.texty) {
    const tag = el.localName;
    const hint = el.hasAttributes() ? hintOf(el) : '';
    const hinted = !!hint && STANDFIRST.test(hint);
    // A plain paragraph repeating the description is the story's first paragraph, unless it sits in the header.
    if (!hinted && (tag === 'div' || tag === 'span' || !want || (tag === 'p' && !el.closest('header'))))
      continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length < 25 || text.length > 600) continue;
    if (want && norm(text) === want) return { text, el };
    if (hinted && STRONG_STANDFIRST.test(hint)) named.push(el);
  }
  // Without the description to confirm it, a named standfirst must sit beside the visible headline.
  const near = headline?.parentElement?.parentElement ?? null;
  const first = near ? named.find((el) => near.contains(el) && !el.closest('nav, footer, aside')) : undefined;
  return first ? { text: (first.textContent ?? '').replace(/\s+/g, ' ').trim(), el: first } : null;
}
