import { isCaption, isHidden } from './boilerplate.js';

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
}

/** Page-level containers are never stripped, whatever their class says. */
const CONTAINERS = new Set(['HTML', 'HEAD', 'BODY', 'MAIN', 'ARTICLE']);

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
  };
  // querySelectorAll('*') runs over linkedom's flat node list: far cheaper than walking `children`.
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toUpperCase();
    switch (tag) {
      case 'META':
        scan.metas.push(el);
        break;
      case 'SCRIPT':
        if ((el.getAttribute('type') ?? '').toLowerCase().includes('ld+json')) scan.jsonLd.push(el);
        continue;
      case 'STYLE':
      case 'NOSCRIPT':
      case 'TEMPLATE':
        continue;
      case 'TIME':
        if (el.hasAttribute('datetime')) scan.times.push(el);
        break;
      case 'H1':
        scan.h1s.push(el);
        break;
      case 'P':
      case 'H2':
      case 'H3':
        scan.texty.push(el);
        break;
      case 'DIV':
      case 'SPAN':
        if (el.hasAttribute('class') || el.hasAttribute('id')) scan.texty.push(el);
        break;
    }
    if (!CONTAINERS.has(tag) && (isCaption(el) || isHidden(el))) scan.strip.push(el);
    if (el.hasAttribute('itemprop')) scan.itemprops.push(el);
    if (el.getAttribute('rel') === 'author') scan.authorLinks.push(el);
  }
  return scan;
}
