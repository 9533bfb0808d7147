// Finds country names, demonyms and capitals in running text, as exact word sequences.
// Words are tokens split at inner hyphens, so "US-led" gives "US" and "Moscow-Pyongyang" gives both cities.
import type { Token } from '../../document.js';
import { tokenize } from '../tokenize.js';
import { type Country, countryTextForms } from './countries.js';

export type CountryFormKind = 'country' | 'demonym' | 'capital';

export interface CountryHit {
  start: number;
  end: number;
  text: string;
  kind: CountryFormKind;
  country: Country;
}

/** A token or a hyphen-separated part of one. */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** Index of the token the word comes from. */
  token: number;
  /** The word is a part of a hyphenated token after the first. */
  afterHyphen: boolean;
  /** The word is a part of a hyphenated token before the last. */
  beforeHyphen: boolean;
}

interface Form {
  words: string[];
  /** Per word: it must match case exactly (acronyms such as "US"). */
  exact: boolean[];
  kind: CountryFormKind;
  country: Country;
}

const LOWER_OK = new Set([
  'of',
  'the',
  'and',
  'da',
  'de',
  'du',
  'del',
  'la',
  'le',
  'des',
  'el',
  'al',
  'y',
  "d'",
  "'s",
]);
/** Capitals that are also ordinary English words or given names. */
const CAPITAL_STOP = new Set([
  'male',
  'victoria',
  'hamilton',
  'kingston',
  'city of light',
  'avarua',
  'road town',
]);

const ASCII = /^[\x00-\x7f]*$/;
const LOWER_WORD = /^[a-z]+$/;
const PUNCT = /^[.,;:!?"“”‘’()[\]{}\u2014\u2013/*]$/;
const fold = (s: string) =>
  ASCII.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[\u2019\u2018]/g, "'")
        .toLowerCase();
const isUpperCode = (c: number) =>
  (c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(String.fromCharCode(c)));

/**
 * Words of tokens; with `skipPunctuation`, tokens that are never inside a country form are left out: single
 * punctuation marks, and lower-case words other than the connectors of names ("of", "and", "de"). Most of a
 * text is such words; the token indices of the words kept still show where a gap was.
 */
export function splitWords(tokens: readonly Token[], skipPunctuation = false): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (skipPunctuation) {
      if (t.text.length === 1 && PUNCT.test(t.text)) continue;
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122 && LOWER_WORD.test(t.text) && !LOWER_OK.has(t.text)) continue;
    }
    if (!t.text.includes('-') || t.text.length < 3) {
      out.push({
        start: t.start,
        end: t.end,
        text: t.text,
        token: i,
        afterHyphen: false,
        beforeHyphen: false,
      });
      continue;
    }
    const re = /[^-]+/g;
    let m: RegExpExecArray | null;
    const parts: Word[] = [];
    while ((m = re.exec(t.text)) !== null) {
      parts.push({
        start: t.start + m.index,
        end: t.start + m.index + m[0].length,
        text: m[0],
        token: i,
        afterHyphen: m.index > 0,
        beforeHyphen: false,
      });
    }
    for (let k = 0; k < parts.length - 1; k++) parts[k].beforeHyphen = true;
    out.push(...parts);
  }
  return out;
}

let index: Map<string, Form[]> | null = null;

function buildIndex(): Map<string, Form[]> {
  const idx = new Map<string, Form[]>();
  const seen = new Set<string>();
  const add = (text: string, kind: CountryFormKind, country: Country) => {
    if (/[,()]/.test(text)) return;
    const words = splitWords(tokenize(text)).map((w) => w.text);
    if (!words.length) return;
    const key = `${kind}:${words.map(fold).join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const exact = words.map((w) => /^[A-Z.]{2,}$/.test(w));
    const form: Form = { words: words.map(fold), exact, kind, country };
    if (form.words.join('').replace(/\./g, '').length < 2) return;
    const list = idx.get(form.words[0]);
    if (list) list.push(form);
    else idx.set(form.words[0], [form]);
  };
  for (const f of countryTextForms()) {
    for (const n of f.names) add(n, 'country', f.country);
    for (const d of f.demonyms) add(d, 'demonym', f.country);
    if (f.sovereign || f.country.iso2 === 'SU')
      for (const c of f.capitals)
        if (!CAPITAL_STOP.has(fold(c)) && c.length > 3) add(c, 'capital', f.country);
  }
  for (const list of idx.values()) list.sort((a, b) => b.words.length - a.words.length);
  return idx;
}

const isUpper = (s: string) => /^\p{Lu}/u.test(s);
const isAllCaps = (s: string) => /^[\p{Lu}.]+$/u.test(s) && /\p{Lu}/u.test(s);

function wordMatches(form: Form, k: number, w: Word): boolean {
  if (form.exact[k]) return w.text === form.words[k].toUpperCase() || w.text.toLowerCase() === form.words[k];
  if (fold(w.text) !== form.words[k]) return false;
  return isUpper(w.text) || (k > 0 && LOWER_OK.has(form.words[k]));
}

/**
 * Country names, demonyms and capitals written in the text. `sentenceStarts` holds the indices of tokens that
 * begin a sentence: a capitalised word there does not make a neighbouring name part of a longer one.
 */
export function findCountryForms(
  text: string,
  words: readonly Word[],
  tokens: readonly Token[],
  sentenceStartTokens: ReadonlySet<number>,
): CountryHit[] {
  if (!index) index = buildIndex();
  const hits: CountryHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!isUpperCode(w.text.charCodeAt(0))) continue;
    const first = index.get(fold(w.text));
    if (!first) continue;
    for (const form of first) {
      const n = form.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++)
        ok =
          wordMatches(form, k, words[i + k]) && (k === 0 || words[i + k].token - words[i + k - 1].token <= 1);
      if (!ok) continue;
      const last = words[i + n - 1];
      // "anti-Russian", "pro-Moscow": a lower-case prefix, not a name of its own
      if (w.afterHyphen && !isUpper(words[i - 1].text)) continue;
      if (form.kind !== 'demonym' && !form.exact.every(Boolean)) {
        // part of a longer capitalised name: "Moscow State University", "New Jersey", "Washington Post"
        const next = tokens[last.token + 1];
        if (
          !last.beforeHyphen &&
          next &&
          isUpper(next.text) &&
          /^\p{L}/u.test(next.text) &&
          !isAllCaps(w.text)
        )
          if (!sentenceStartTokens.has(last.token + 1)) continue;
        const prev = tokens[w.token - 1];
        if (
          !w.afterHyphen &&
          prev &&
          isUpper(prev.text) &&
          /^\p{L}/u.test(prev.text) &&
          !isAllCaps(prev.text)
        )
          if (!sentenceStartTokens.has(w.token - 1) && !/^(The|In|At|To|From|And|Of)$/.test(prev.text))
            continue;
      }
      hits.push({
        start: w.start,
        end: last.end,
        text: text.slice(w.start, last.end),
        kind: form.kind,
        country: form.country,
      });
      i += n - 1;
      break;
    }
  }
  return hits;
}
