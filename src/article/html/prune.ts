import type { Block } from './blocks.js';
import { isBylineLine, isClosingNote, isFurnitureLine, RELATED_HEADING } from './boilerplate.js';

// Block-level pruning after the content container is flattened: what a reader skips by its wording,
// its place in the story (bylines open it, contact lines and credits close it) and its links.

export interface PruneContext {
  /** The page's headline: a copy inside the content is not body. */
  title: string | null;
  /** Other forms of the headline the page's metadata gives. */
  titles?: string[];
}

const FURNITURE_SECTION =
  /^(?:about the (?:author|authors|writer|reporter)s?|(?:you (?:may|might) (?:also )?like|related(?: \p{L}+)?|more (?:from|on|in) .+|more \p{L}+ (?:news|stories)|recommended(?: \p{L}+)?|read (?:more|next)|further reading|most (?:read|popular|viewed)|comments?|\d+ (?:comments?|responses?|replies)|reader (?:comments|responses|reactions)|join the (?:conversation|discussion)|leave a (?:comment|reply)|share this(?: \p{L}+)?|trending(?: now)?)\s*(?:\.\.\.|…)?:?)$/iu;

export function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function linkShare(b: Block): number {
  const len = b.text.replace(/\s+/g, '').length;
  return len ? b.linkChars / len : 0;
}

/** True when the blocks kept so far end in a related-links title followed only by list items. */
function listHeadedByRelated(kept: Block[]): boolean {
  for (let i = kept.length - 1; i >= 0; i--) {
    const b = kept[i];
    if (b.kind === 'li') continue;
    return RELATED_HEADING.test(b.text.trim());
  }
  return false;
}

export function pruneBlocks(blocks: Block[], root: Element, ctx: PruneContext): Block[] {
  const titles = new Set([ctx.title, ...(ctx.titles ?? [])].filter((t): t is string => !!t).map(norm));
  // Sections under a furniture heading go whole ("About the author", "You may also like"), as far as
  // the heading's own box reaches: a stray "Related" heading left in the story's flow takes only itself.
  const total = (root.textContent ?? '').length;
  const first = blocks[0];
  let kept: Block[] = [];
  let scope: Element | null = null;
  for (const b of blocks) {
    if (scope && b.el && scope.contains(b.el)) continue;
    scope = null;
    if (b.kind === 'heading' && FURNITURE_SECTION.test(b.text.trim())) {
      const box = b.el?.parentElement ?? null;
      // The heading's box goes when it is small, or when it is a box of its own beside the story
      // (it does not hold the story's first block).
      const apart = !!first?.el && box !== null && !box.contains(first.el);
      if (box && box !== root && (apart || (box.textContent ?? '').length < 0.4 * total)) scope = box;
      continue;
    }
    // A list right under a "More stories" line is that box's links, headed by a styled div, not a heading.
    const prev = kept[kept.length - 1];
    if (b.kind === 'li' && prev && listHeadedByRelated(kept)) continue;
    kept.push(b);
  }
  const n = kept.length;
  kept = kept.filter((b, i) => {
    const t = b.text;
    if (isFurnitureLine(t)) return false;
    // A bare number outside a table is a counter (views, shares, page numbers).
    if (b.kind === 'p' && /^[\d\s.,:/%+\-–]+$/.test(t)) return false;
    const len = t.replace(/\s+/g, '').length;
    // Link lists and "read more" lines: mostly link text, and short.
    // A linked headline is short and unpunctuated; a sentence with links in it is prose.
    const sentence = /[.!?…]["”’)]?$/.test(t) && t.split(/\s+/).length >= 12;
    if (len && linkShare(b) > (sentence ? 0.85 : 0.6) && len < 400) return false;
    if (i < 6 && titles.has(norm(t))) return false;
    if ((i < 4 || i >= n - 2) && isBylineLine(t)) return false;
    if (i >= n - 4 && b.kind !== 'heading' && isClosingNote(t)) return false;
    return true;
  });
  // A heading with nothing under it heads nothing.
  return kept.filter((b, i) => {
    if (b.kind !== 'heading') return true;
    const next = kept[i + 1];
    return !!next && !(next.kind === 'heading' && next.level <= b.level);
  });
}
