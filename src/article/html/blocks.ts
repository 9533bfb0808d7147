// Flattening a content subtree into reading-order blocks. Block boundaries come from the markup
// (paragraphs, list items, headings, table cells, line breaks), so words of adjacent blocks never glue.

export type BlockKind = 'p' | 'heading' | 'li' | 'quote' | 'pre' | 'cell';

export interface Block {
  kind: BlockKind;
  text: string;
  /** Characters of text inside links: high shares mark navigation and related-link lists. */
  linkChars: number;
  /** The element that opened this block (for class/id hints). */
  el: Element | null;
  /** Heading level 1–6 for headings, else 0. */
  level: number;
}

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Elements whose text is never article prose. */
export const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'VIDEO',
  'AUDIO',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'LABEL',
  'OPTION',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
]);

function kindOf(tag: string): BlockKind {
  if (/^H[1-6]$/.test(tag)) return 'heading';
  if (tag === 'LI' || tag === 'DD' || tag === 'DT') return 'li';
  if (tag === 'BLOCKQUOTE') return 'quote';
  if (tag === 'PRE') return 'pre';
  if (tag === 'TD' || tag === 'TH') return 'cell';
  return 'p';
}

export interface BlockOptions {
  /** Return true to leave an element (and all it holds) out. */
  skip?: (el: Element) => boolean;
}

export function collectBlocks(root: Element, opts: BlockOptions = {}): Block[] {
  const out: Block[] = [];
  let buf = '';
  let links = 0;
  let opener: Element | null = null;
  let kind: BlockKind = 'p';
  let level = 0;

  const flush = () => {
    const text = buf
      .replace(/[ \t\f\v\u00a0\u200b\r]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{2,}/g, '\n')
      .trim();
    if (/[\p{L}\p{N}]/u.test(text)) out.push({ kind, text, linkChars: links, el: opener, level });
    buf = '';
    links = 0;
  };

  const walk = (node: Node, inLink: boolean, ctxKind: BlockKind, ctxEl: Element | null, ctxLevel: number) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      if (!buf) {
        opener = ctxEl;
        kind = ctxKind;
        level = ctxLevel;
      }
      buf += t;
      if (inLink) links += t.replace(/\s+/g, '').length;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (opts.skip?.(el)) return;
    if (tag === 'BR') {
      buf += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    let k = ctxKind;
    let lv = ctxLevel;
    let e = ctxEl;
    if (block) {
      flush();
      // A paragraph inside a list item or quote keeps the item's kind; a heading always wins.
      const own = kindOf(tag);
      if (
        own === 'heading' ||
        own === 'li' ||
        own === 'quote' ||
        own === 'pre' ||
        own === 'cell' ||
        ctxKind === 'p'
      )
        k = own;
      if (own === 'heading') lv = Number(tag[1]);
      else if (own !== 'p' || ctxKind === 'p') lv = 0;
      e = el;
    }
    const link = inLink || tag === 'A';
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c, link, k, e, lv);
    if (block) flush();
  };

  walk(root, false, 'p', root, 0);
  flush();
  return out;
}

/** The visible text of an element with whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}
