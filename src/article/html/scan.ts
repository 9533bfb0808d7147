import { attr, isCaption, isHidden } from './boilerplate.js';

// One walk over the parsed page collects every element the metadata readers need: a selector query
// per field would walk a large page a dozen times.

export interface PageScan {
  metas: Element[];
  jsonLd: Element[];
  times: Element[];
  itemprops: Element[];
  authorLinks: Element[];
  h1s: Element[];
  /** Paragraph-like elements and class-named elements: standfirst candidates. */
  texty: Element[];
  /** Captions, credits and hidden elements: taken out before content extraction. */
  strip: Element[];
  /** Elements nested deeper than MAX_DEPTH (unclosed inline tags in old pages), in document order. */
  deep: Element[];
}

/** Deeper nesting than this is markup debris; Readability's scoring grows steeply with depth. */
export const MAX_DEPTH = 60;

/** Page-level containers are never stripped, whatever their class says. */
const CONTAINERS = new Set(['html', 'head', 'body', 'main', 'article']);

export function scanPage(document: Document): PageScan {
  const scan: PageScan = {
    metas: [],
    jsonLd: [],
    times: [],
    itemprops: [],
    authorLinks: [],
    h1s: [],
    texty: [],
    strip: [],
    deep: [],
  };
  // Open ancestors of the current element: document order makes depth a stack walk.
  const open: Node[] = [];
  // querySelectorAll('*') runs over linkedom's flat node list: far cheaper than walking `children`.
  for (const el of document.querySelectorAll('*')) {
    const parent = el.parentNode;
    while (open.length && open[open.length - 1] !== parent) open.pop();
    if (open.length >= MAX_DEPTH) scan.deep.push(el);
    open.push(el);
    const name = el.localName;
    switch (name) {
      case 'meta':
        scan.metas.push(el);
        break;
      case 'script':
        if ((attr(el, 'type') ?? '').toLowerCase().includes('ld+json')) scan.jsonLd.push(el);
        continue;
      case 'style':
      case 'noscript':
      case 'template':
        continue;
      case 'time':
        if (el.getAttributeNode('datetime')) scan.times.push(el);
        break;
      case 'h1':
        scan.h1s.push(el);
        break;
      case 'p':
      case 'h2':
      case 'h3':
        scan.texty.push(el);
        break;
      case 'div':
      case 'span':
        if (el.getAttributeNode('class') || el.getAttributeNode('id')) scan.texty.push(el);
        break;
      case 'figcaption':
        scan.strip.push(el);
        continue;
    }
    if (!el.hasAttributes()) continue;
    if (!CONTAINERS.has(name) && (isCaption(el) || isHidden(el))) scan.strip.push(el);
    if (el.getAttributeNode('itemprop')) scan.itemprops.push(el);
    if (attr(el, 'rel') === 'author') scan.authorLinks.push(el);
  }
  return scan;
}
