// Positional helpers over one document: token and sentence lookup by offset, quotation regions.
import type { AnnotatedDocument, Span, Token } from '../../document.js';

export interface DocIndex {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Span[];
  /** Index of the token starting at or covering an offset; -1 when none. */
  tokenAt(offset: number): number;
  /** Index of the first token starting at or after an offset. */
  tokenFrom(offset: number): number;
  /** Index of the sentence holding an offset (the nearest one before it when in a gap). */
  sentenceOf(offset: number): number;
  /** Tokens that begin a sentence. */
  sentenceStartTokens: Set<number>;
  /** The offset is inside quotation marks. */
  inQuote(offset: number): boolean;
  /** The headline's span, when the article layout found one. */
  title: Span | null;
}

function lowerBound(arr: readonly Span[], offset: number, key: 'start' | 'end'): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid][key] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo; // first index whose key > offset
}

/** Quotation regions, line by line: straight quotes toggle, curly quotes open and close. */
function quoteMask(text: string, paragraphs: readonly Span[]): Uint8Array | null {
  // most of the work is skipping text without quotation marks
  if (!/["\u201c\u201d\u00ab\u00bb]/.test(text)) return null;
  const mask = new Uint8Array(text.length + 1);
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  for (const p of paras) {
    let open = -1;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        // a line break ends an unclosed quotation: the next paragraph reopens it if it continues
        if (open >= 0) mask.fill(1, open, i);
        open = -1;
      } else if (c === 0x22) {
        // "
        if (open < 0) open = i;
        else {
          mask.fill(1, open, i + 1);
          open = -1;
        }
      } else if (c === 0x201c || c === 0xab) {
        // “ «
        open = i;
      } else if ((c === 0x201d || c === 0xbb) && open >= 0) {
        mask.fill(1, open, i + 1);
        open = -1;
      }
    }
    // A quotation left open runs to the end of its paragraph (news style for multi-paragraph quotes).
    if (open >= 0) mask.fill(1, open, p.end);
  }
  return mask;
}

export function indexDocument(doc: AnnotatedDocument): DocIndex {
  const { tokens, sentences, text } = doc;
  const mask = quoteMask(text, doc.paragraphs);
  const sentenceStartTokens = new Set<number>();
  for (const s of sentences) {
    const i = lowerBound(tokens, s.start - 1, 'start');
    if (i < tokens.length) sentenceStartTokens.add(i);
  }
  return {
    text,
    tokens,
    sentences,
    tokenAt(offset) {
      const i = lowerBound(tokens, offset, 'start') - 1;
      if (i >= 0 && tokens[i].end > offset) return i;
      return i + 1 < tokens.length && tokens[i + 1].start === offset ? i + 1 : -1;
    },
    tokenFrom(offset) {
      return lowerBound(tokens, offset - 1, 'start');
    },
    sentenceOf(offset) {
      return Math.max(0, lowerBound(sentences, offset, 'start') - 1);
    },
    sentenceStartTokens,
    title: doc.article?.title ? { start: doc.article.title.start, end: doc.article.title.end } : null,
    inQuote(offset) {
      return mask !== null && mask[offset] === 1;
    },
  };
}
