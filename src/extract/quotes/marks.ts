import type { Span } from '../../document.js';

/** A quotation between marks: `start` at the opening mark, `end` after the closing mark (or the paragraph end). */
export interface MarkedSpan extends Span {
  /** Offsets just inside the marks. */
  innerStart: number;
  innerEnd: number;
  /** False when no closing mark was found (a paragraph-final open quotation). */
  closed: boolean;
  /** Number of paragraphs it runs over. */
  paragraphs: number;
}

const OPENERS = new Set(['“', '„', '«']);
const CLOSERS = new Set(['”', '»']);

interface Mark {
  at: number;
  len: number;
  role: 'open' | 'close' | 'either';
}

/** Double quotation marks in one paragraph: curly, straight, and the `` '' of converted corpora. */
function marksIn(text: string, start: number, end: number): Mark[] {
  const out: Mark[] = [];
  const re = /[“„«”»"]|``|'''|''/g;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < end) {
    let c = m[0];
    let at = m.index;
    if (c === "'''") {
      // a single closing mark inside a double one: "… 'Fox and Friends,''' said" — the last two close
      const before = at > start ? text[at - 1] : ' ';
      if (/\s/.test(before)) c = "''";
      else {
        at += 1;
        c = "''";
      }
    }
    if (OPENERS.has(c) || c === '``') out.push({ at, len: c.length, role: 'open' });
    else if (CLOSERS.has(c)) out.push({ at, len: 1, role: 'close' });
    else out.push({ at, len: c.length, role: 'either' });
  }
  // Straight marks: decide by the characters around them.
  for (const m of out) {
    if (m.role !== 'either') continue;
    const before = m.at > start ? text[m.at - 1] : ' ';
    const after = m.at + m.len < end ? text[m.at + m.len] : ' ';
    const spaceBefore = /[\s([{—–-]/.test(before);
    const spaceAfter = /[\s.,;:!?)\]}—–-]/.test(after);
    if (spaceBefore && !spaceAfter) m.role = 'open';
    else if (!spaceBefore && spaceAfter) m.role = 'close';
  }
  return out;
}

/**
 * Quotations between double marks, paragraph by paragraph. An opening mark left open at a paragraph's end
 * continues into the next paragraph when that one also opens with a mark (the news convention for quotes
 * running over several paragraphs); otherwise it ends at its paragraph's end.
 */
export function markedSpans(text: string, paragraphs: Span[]): MarkedSpan[] {
  const out: MarkedSpan[] = [];
  type Open = { start: number; innerStart: number; paragraphs: number };
  let pending: Open | null = null as Open | null;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    const marks = marksIn(text, para.start, para.end);
    let open: { start: number; innerStart: number; paragraphs: number } | null = null;
    let k = 0;
    if (pending) {
      if (marks.length && marks[0].at === para.start && marks[0].role !== 'close') {
        open = { start: pending.start, innerStart: pending.innerStart, paragraphs: pending.paragraphs + 1 };
        k = 1;
      } else {
        // The previous paragraph's quotation ends there.
        const prev = paragraphs[p - 1];
        out.push({
          start: pending.start,
          end: prev.end,
          innerStart: pending.innerStart,
          innerEnd: prev.end,
          closed: false,
          paragraphs: pending.paragraphs,
        });
      }
      pending = null;
    }
    for (; k < marks.length; k++) {
      const m = marks[k];
      if (!open) {
        if (m.role === 'close') continue; // a stray closing mark
        open = { start: m.at, innerStart: m.at + m.len, paragraphs: 1 };
        continue;
      }
      if (m.role === 'open') {
        // An opening mark inside an open quotation: the earlier one was never closed within a sentence or
        // two; restart unless it is a quotation nested with double marks (rare): keep the outer one.
        if (m.at - open.innerStart > 600) open = { start: m.at, innerStart: m.at + m.len, paragraphs: 1 };
        continue;
      }
      out.push({
        start: open.start,
        end: m.at + m.len,
        innerStart: open.innerStart,
        innerEnd: m.at,
        closed: true,
        paragraphs: open.paragraphs,
      });
      open = null;
    }
    if (open) pending = open;
  }
  if (pending) {
    const last = paragraphs[paragraphs.length - 1];
    out.push({
      start: pending.start,
      end: last.end,
      innerStart: pending.innerStart,
      innerEnd: last.end,
      closed: false,
      paragraphs: pending.paragraphs,
    });
  }
  return out.filter((s) => s.innerEnd > s.innerStart);
}
