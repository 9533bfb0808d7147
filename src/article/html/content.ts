import { Readability } from '@mozilla/readability';
import { type Block, collectBlocks } from './blocks.js';
import { hasFurnitureRole, isFurniture, isFurnitureLine, isHidden } from './boilerplate.js';

// Main content: Readability picks the story's container; we then flatten it into blocks ourselves and
// take out what Readability keeps but a reader would skip (captions, link boxes, prompts, bios).

const ALWAYS_DROP = new Set(['FIGCAPTION', 'NAV', 'ASIDE', 'FORM', 'FOOTER']);

/** The story's blocks, or null when the page holds no article. */
export function extractContent(document: Document): Block[] | null {
  let root: Element | null = null;
  try {
    const parsed = new Readability<Element>(document, {
      serializer: (n) => n as Element,
      disableJSONLD: true,
    }).parse();
    root = parsed?.content ?? null;
  } catch {
    root = null;
  }
  if (!root) return null;
  const total = (root.textContent ?? '').length || 1;
  const skip = (el: Element): boolean => {
    const tag = el.tagName.toUpperCase();
    if (ALWAYS_DROP.has(tag)) return true;
    if (isHidden(el)) return true;
    if (!(isFurniture(el) || hasFurnitureRole(el))) return false;
    // A furniture name on an element holding most of the story is a misnomer, not furniture.
    return (el.textContent ?? '').length < 0.4 * total;
  };
  const blocks = collectBlocks(root, { skip }).filter((b) => keepBlock(b));
  return blocks.length ? blocks : null;
}

function keepBlock(b: Block): boolean {
  if (isFurnitureLine(b.text)) return false;
  const len = b.text.replace(/\s+/g, '').length;
  // Link lists and "read more" lines: mostly link text, and short.
  if (len && b.linkChars / len > 0.6 && len < 400) return false;
  return true;
}
