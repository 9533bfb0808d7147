import { Readability } from '@mozilla/readability';
import { type Block, collectBlocks } from './blocks.js';
import { hasFurnitureRole, isFurniture, isHidden, isPopup } from './boilerplate.js';
import { type PruneContext, pruneBlocks } from './prune.js';

// Main content: Readability picks the story's container; we then flatten it into blocks ourselves and
// take out what Readability keeps but a reader would skip (captions, link boxes, prompts, bios).

/** Boxes that hold page furniture by their element alone (an ASP.NET <form> may wrap a whole page: size decides). */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'form', 'footer', 'header']);

/** The story's blocks, or null when the page holds no article. */
export function extractContent(document: Document, ctx: PruneContext): Block[] | null {
  let root: Element | null = null;
  try {
    const parsed = new Readability<Element>(document, {
      serializer: (n) => n as Element,
      disableJSONLD: true,
      keepClasses: true,
    }).parse();
    root = parsed?.content ?? null;
  } catch {
    root = null;
  }
  if (!root) return null;
  const total = (root.textContent ?? '').length || 1;
  const skip = (el: Element): boolean => {
    if (el.localName === 'figcaption') return true;
    const byTag = FURNITURE_TAGS.has(el.localName);
    if (!byTag && !el.hasAttributes()) return false;
    if (isHidden(el) || isPopup(el)) return true;
    if (!byTag && !(isFurniture(el) || hasFurnitureRole(el))) return false;
    const len = (el.textContent ?? '').length;
    // An article header holds headline, byline and date; one with a paragraph's worth of text holds a lead.
    if (el.localName === 'header' && len > 300 && !isFurniture(el)) return false;
    // A furniture name on an element holding most of the story is a misnomer, not furniture.
    return len < 0.4 * total;
  };
  const blocks = pruneBlocks(collectBlocks(root, { skip }), root, ctx);
  return blocks.length ? blocks : null;
}
