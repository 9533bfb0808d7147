import type { Span, Token } from '../document.js';
import { isAbbreviation, TITLE_ABBREVIATIONS } from './abbreviations.js';

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const COMMON_STARTERS = new Set(
  'the a an he she it they we i you but and or so yet in on at for this that these those there his her their its our my if when while after before as however meanwhile some many most no not one two three'.split(
    ' ',
  ),
);
const TERMINALS = new Set(['.', '!', '?', '…', '...']);

/** Blocks separated by blank lines. */
export function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /\n[ \t\u00a0]*\n/g;
  let pos = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    push(pos, m.index);
    pos = m.index + m[0].length;
  }
  push(pos, text.length);
  return out;
}

/**
 * Sentence spans over tokens. A sentence ends at terminal punctuation (with any closing quotes or brackets)
 * followed by a token that can start a sentence, at a blank line, or at a line break after a line that
 * reads as complete (a headline, a dateline, a list item).
 */
export function splitSentences(text: string, tokens: Token[]): Span[] {
  const out: Span[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last >= first) out.push({ start: tokens[first].start, end: tokens[last].end });
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!next) {
      close(i);
      break;
    }
    const gap = next.start - t.end > 0 ? text.slice(t.end, next.start) : '';
    if (gap.length > 1 && /\n[ \t\u00a0]*\n/.test(gap)) {
      close(i);
      continue;
    }
    if (
      TERMINALS.has(t.text) ||
      (t.text.endsWith('.') && t.text.length > 1 && !isInnerAbbreviation(t.text))
    ) {
      // Absorb closing quotes and brackets into this sentence.
      let j = i;
      while (tokens[j + 1] && CLOSERS.has(tokens[j + 1].text) && tokens[j + 1].start === tokens[j].end) j++;
      const after = tokens[j + 1];
      if (!after) {
        close(j);
        i = j;
        break;
      }
      // "Jan. 5", "No. 10", "Fig. 3": an abbreviation before a number goes on.
      if (j === i && /^\p{N}/u.test(after.text) && isAbbreviation(t.text.slice(0, -1))) continue;
      // After "U.S." a capitalised word is more often a name ("U.S. Army") than a new sentence.
      const acronym = /^(?:\p{L}\.){2,}$/u.test(t.text) && j === i;
      const starts = acronym
        ? (/^\p{Lu}/u.test(after.text) && COMMON_STARTERS.has(after.text.toLowerCase())) ||
          /^["“‘(]/u.test(after.text)
        : canStartSentence(after.text);
      if (starts && /\s/.test(text.slice(tokens[j].end, after.start) || '')) {
        close(j);
        i = j;
        continue;
      }
      continue;
    }
    if (gap.includes('\n') && lineLooksComplete(text, t, next)) close(i);
  }
  return out;
}

function isInnerAbbreviation(tok: string): boolean {
  // "Gen." and "Mr." never end a sentence; "U.S." or "Jan." may, decided by what follows.
  const w = tok.slice(0, -1).toLowerCase();
  return TITLE_ABBREVIATIONS.has(w) || (/^\p{Lu}$/u.test(tok[0]) && tok.length === 2);
}

function canStartSentence(tok: string): boolean {
  return /^[\p{Lu}\p{N}"“‘'(«\-—–]/u.test(tok);
}

function lineLooksComplete(text: string, last: Token, next: Token): boolean {
  if (/^[.!?:;"”)»]$/.test(last.text)) return true;
  if (last.text.endsWith('.') && !isAbbreviation(last.text.slice(0, -1))) return true;
  // A line that ends in a lower-case word or a comma continues on the next line (hard-wrapped copy).
  if (/^[,(\-–]$/.test(last.text) || /^\p{Ll}/u.test(next.text)) return false;
  const lineStart = text.lastIndexOf('\n', last.start) + 1;
  return last.end - lineStart < 90;
}

export { isAbbreviation };
