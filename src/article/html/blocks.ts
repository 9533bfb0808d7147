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
  /** A short paragraph set wholly in bold: a subhead written without a heading element. */
  subhead?: boolean;
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose text is never article prose. */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'button',
  'select',
  'textarea',
  'input',
  'label',
  'option',
  'head',
  'title',
  'meta',
  'link',
]);

function kindOf(tag: string): BlockKind {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li' || tag === 'dd' || tag === 'dt') return 'li';
  if (tag === 'blockquote') return 'quote';
  if (tag === 'pre') return 'pre';
  if (tag === 'td' || tag === 'th') return 'cell';
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
  let bold = 0;
  let opener: Element | null = null;
  let kind: BlockKind = 'p';
  let level = 0;

  const flush = () => {
    const whole = buf
      .replace(/[ \t\f\v\u00a0\u200b\r]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim();
    // Two line breaks in a row are how older pages write paragraphs: each piece is a block of its own.
    const pieces = whole.split(/\n{2,}/);
    const size = whole.length || 1;
    for (const text of pieces) {
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      const share = pieces.length > 1 ? Math.round((links * text.length) / size) : links;
      // A short paragraph set wholly in bold, with no sentence end, is a subhead written without <h2>.
      const subhead =
        kind === 'p' &&
        pieces.length === 1 &&
        bold > 0 &&
        bold === text.replace(/\s+/g, '').length &&
        text.length <= 100 &&
        !text.includes('\n') &&
        !/[.,;:!]["”’)]?$/.test(text);
      out.push({ kind, text, linkChars: share, el: opener, level, subhead });
    }
    buf = '';
    links = 0;
    bold = 0;
  };

  const walk = (
    node: Node,
    inLink: boolean,
    inBold: boolean,
    ctxKind: BlockKind,
    ctxEl: Element | null,
    ctxLevel: number,
  ) => {
    if (node.nodeType === 3) {
      // Line ends in the source are spaces; only <br> (and <pre>) break a line.
      const raw = node.nodeValue ?? '';
      const t = ctxKind === 'pre' ? raw : raw.replace(/\s+/g, ' ');
      if (!buf) {
        opener = ctxEl;
        kind = ctxKind;
        level = ctxLevel;
      }
      buf += t;
      if (inLink) links += t.replace(/\s+/g, '').length;
      if (inBold) bold += t.replace(/\s+/g, '').length;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.localName;
    if (SKIP_TAGS.has(tag)) return;
    if (opts.skip?.(el)) return;
    if (tag === 'br') {
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
    const link = inLink || tag === 'a';
    const strong = inBold || tag === 'strong' || tag === 'b';
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c, link, strong, k, e, lv);
    if (block) flush();
  };

  walk(root, false, false, 'p', root, 0);
  flush();
  return out;
}

/** The visible text of an element with whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}
