import type { Token } from '../document.js';
import { isAbbreviation } from './abbreviations.js';

// One regex, tried at each position; alternatives in priority order.
const TOKEN_RE = new RegExp(
  [
    String.raw`https?://[^\s<>"'”’)\]]+[^\s<>"'”’)\].,;:!?]`, // URLs
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail addresses
    String.raw`(?:\p{L}\.){2,}(?:\p{L}(?![\p{L}\p{N}]))?(?:-\p{L}+)*`, // U.S., U.N., a.m., U.S.-based
    String.raw`\p{N}+(?:[.,]\p{N}+)+\p{L}{1,3}(?![\p{L}\p{N}])`, // 1.2bn  3.5m  2.5km
    String.raw`\p{N}+(?:[.,:/]\p{N}+)*(?:st|nd|rd|th|s)?(?:['’]s)?(?![\p{L}\p{N}]|-\p{L})`, // 1,200  3.5  10:30  2024  1990s  21st
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*`, // words, with inner hyphens and apostrophes
    String.raw`\.{2,}|-{2,}|…`, // ellipses and double dashes
    String.raw`\S`, // any other single character
  ].join('|'),
  'gu',
);

const CLITIC_RE = /^(.*[\p{L}\p{N}])(['’](?:s|S|re|ve|ll|d|m|t))$/u;
const NT_RE = /^(.*\p{L})(n['’]t)$/iu;

/** Split text into tokens with character offsets. Hyphenated words stay whole; possessive 's is split off. */
export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const out: Token[] = [];
  // One shared instance (tokenize is synchronous and not re-entrant): V8 compiles a regex to native code only
  // after it has run a while, so a fresh RegExp per call would stay in the slow interpreter tier.
  const re = TOKEN_RE;
  re.lastIndex = offset;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= end) break;
    let s = m[0];
    const start = m.index;
    // A title or month abbreviation keeps its period: "Gen." "Jan."
    if (text.charCodeAt(start + s.length) === 46 && /^\p{L}+$/u.test(s) && isAbbreviation(s)) {
      s += '.';
      re.lastIndex = start + s.length;
    } else if (text.charCodeAt(start + 1) === 46 && /^\p{Lu}$/u.test(s) && /\s/.test(text[start + 2] ?? '')) {
      // An initial: "J. Smith"
      s += '.';
      re.lastIndex = start + 2;
    }
    // Both need an apostrophe: most tokens skip the two regexes.
    const apos = s.includes("'") || s.includes('’');
    const nt = apos ? NT_RE.exec(s) : null;
    const cl = nt || !apos ? null : CLITIC_RE.exec(s);
    const split = nt ?? cl;
    if (split) {
      const a = split[1];
      out.push({ start, end: start + a.length, text: a });
      out.push({ start: start + a.length, end: start + s.length, text: split[2] });
    } else {
      out.push({ start, end: start + s.length, text: s });
    }
  }
  return out;
}
