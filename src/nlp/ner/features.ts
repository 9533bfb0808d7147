// Features for the named-entity tagger, shared by training (train/ner.ts) and tagging (model.ts).
// A sentence is a list of token strings; each token gets a list of feature strings. The tagger adds
// the history features (previous labels) itself, because they depend on its own decisions.

/** Gazetteer lists, each a set of lower-cased token sequences joined by a single space. */
export interface GazetteerData {
  [category: string]: string[];
}

/** Everything the feature extractor needs beyond the tokens: derived from unlabelled text and gazetteers. */
export interface FeatureResources {
  /** Multi-word gazetteer, indexed by first token (lower-case): category + token sequences. */
  gazetteer: Map<string, { cat: string; toks: string[] }[]>;
  /** Lower-case words that are usually written in lower case (so "The" at a sentence start is not a name). */
  lowerCommon: Set<string>;
  /** Word → distributional cluster path (bit string), from our own clustering of unlabelled news. */
  clusters: Map<string, string>;
}

export function buildGazetteer(
  data: GazetteerData,
  split: (s: string) => string[],
): FeatureResources['gazetteer'] {
  const out: FeatureResources['gazetteer'] = new Map();
  for (const [cat, entries] of Object.entries(data)) {
    for (const entry of entries) {
      const toks = split(entry).map((t) => t.toLowerCase());
      if (!toks.length) continue;
      let list = out.get(toks[0]);
      if (!list) {
        list = [];
        out.set(toks[0], list);
      }
      list.push({ cat, toks });
    }
  }
  // Longest entries first so the greedy match takes the longest.
  for (const list of out.values()) list.sort((a, b) => b.toks.length - a.toks.length);
  return out;
}

const NORMALISE_RE = /[‘’‛′“”„″«»–—]/g;
const NORMALISED: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‛': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '--',
};

/** Typographic quotes and dashes → the ASCII forms of wire copy (and of the training data). */
export function normaliseForFeatures(w: string): string {
  return w.replace(NORMALISE_RE, (c) => NORMALISED[c] ?? c);
}

const shapeCache = new Map<string, string>();

/** Word shape with runs capped at 3: "Putin" → "Xxxx", "U.S." → "X.X.", "1996-08-22" → "ddd-dd-dd". */
export function wordShape(w: string): string {
  const hit = shapeCache.get(w);
  if (hit !== undefined) return hit;
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of w) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c === last) {
      run++;
      if (run > 3) continue;
    } else {
      run = 1;
      last = c;
    }
    out += c;
  }
  if (shapeCache.size < 50000) shapeCache.set(w, out);
  return out;
}

/** Shape with every run collapsed: "Putin" → "Xx". */
export function shortShape(shape: string): string {
  let out = '';
  for (const ch of shape) if (ch !== out[out.length - 1]) out += ch;
  return out;
}

export function isCapitalised(w: string): boolean {
  const c = w[0];
  return c !== undefined && c.toLowerCase() !== c;
}

/** Per-token gazetteer tags in BILU form ("B-country"), longest match first, only over capitalised starts. */
export function gazetteerTags(
  lower: string[],
  words: string[],
  gaz: FeatureResources['gazetteer'],
): string[][] {
  const out: string[][] = lower.map(() => []);
  for (let i = 0; i < lower.length; i++) {
    if (!isCapitalised(words[i])) continue;
    const cands = gaz.get(lower[i]);
    if (!cands) continue;
    const seen = new Set<string>();
    for (const { cat, toks } of cands) {
      if (seen.has(cat) || i + toks.length > lower.length) continue;
      let ok = true;
      for (let k = 1; k < toks.length; k++)
        if (lower[i + k] !== toks[k]) {
          ok = false;
          break;
        }
      if (!ok) continue;
      seen.add(cat);
      if (toks.length === 1) out[i].push(`U-${cat}`);
      else {
        out[i].push(`B-${cat}`);
        for (let k = 1; k < toks.length - 1; k++) out[i + k].push(`I-${cat}`);
        out[i + toks.length - 1].push(`L-${cat}`);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- hashed features
// A feature is a template number and up to three 32-bit values (hashes of strings, label ids),
// mixed into a 64-bit key (two int32 halves). No strings are built per feature, which keeps tagging fast;
// the model stores keys, not feature names.

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Growing buffers of 64-bit feature keys. */
export class KeyBuffer {
  h1 = new Int32Array(256);
  h2 = new Int32Array(256);
  n = 0;

  reset(): void {
    this.n = 0;
  }

  /** Append a key already mixed. */
  push(h1: number, h2: number): void {
    if (this.n === this.h1.length) this.grow();
    this.h1[this.n] = h1;
    this.h2[this.n] = h2;
    this.n++;
  }

  private grow(): void {
    const h1 = new Int32Array(this.n * 2);
    h1.set(this.h1);
    const h2 = new Int32Array(this.n * 2);
    h2.set(this.h2);
    this.h1 = h1;
    this.h2 = h2;
  }

  add(t: number, a = 0, b = 0, c = 0): void {
    if (this.n === this.h1.length) {
      const h1 = new Int32Array(this.n * 2);
      h1.set(this.h1);
      const h2 = new Int32Array(this.n * 2);
      h2.set(this.h2);
      this.h1 = h1;
      this.h2 = h2;
    }
    let x = fmix(Math.imul(t + 1, 0x9e3779b1) ^ a);
    x = fmix(x ^ Math.imul(b, 0x27d4eb2f));
    x = fmix(x ^ Math.imul(c, 0x165667b1));
    let y = fmix(Math.imul(t + 7, 0x85ebca77) ^ Math.imul(a, 0xc2b2ae3d));
    y = fmix(y ^ b);
    y = fmix(y ^ Math.imul(c, 0x61c88647));
    this.h1[this.n] = x;
    this.h2[this.n] = y;
    this.n++;
  }
}

/** Feature templates. */
export const T = {
  bias: 0,
  w: 1,
  l: 2,
  s: 3,
  ss: 4,
  lm1: 5,
  lp1: 6,
  lm2: 7,
  lp2: 8,
  sm1: 9,
  sp1: 10,
  sm1s: 11,
  ssp1: 12,
  lm1l: 13,
  llp1: 14,
  lm1ssp1: 15,
  pre: 16,
  suf: 17,
  first: 18,
  capsL: 19,
  capsSS: 20,
  capCommon: 21,
  gaz: 22,
  gazSS: 23,
  gazM1: 24,
  gazP1: 25,
  c4: 26,
  c8: 27,
  c12: 28,
  c: 29,
  cm1: 30,
  cp1: 31,
  chunkPos: 32,
  chunkHead: 33,
  chunkFirst: 34,
  chunkOrg: 35,
  docAny: 36,
  docMaj: 37,
  docMajSS: 38,
  docNone: 39,
  hist1: 40,
  hist2: 41,
  hist1l: 42,
  hist1s: 43,
} as const;

/** What the features need of one word type; cached per word. */
export interface WordInfo {
  w: number;
  l: number;
  s: number;
  ss: number;
  pre: number[];
  suf: number[];
  c4: number;
  c8: number;
  c12: number;
  c: number;
  cap: boolean;
  lowerCommon: boolean;
}

const infoCaches = new WeakMap<FeatureResources, Map<string, WordInfo>>();

export function wordInfo(word: string, res: FeatureResources): WordInfo {
  let cache = infoCaches.get(res);
  if (!cache) infoCaches.set(res, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  const l = word.toLowerCase();
  const s = wordShape(word);
  const pre: number[] = [];
  const suf: number[] = [];
  for (let k = 1; k <= 4 && k < l.length; k++) {
    pre.push(hashString(l.slice(0, k)));
    suf.push(hashString(l.slice(l.length - k)));
  }
  const c = res.clusters.get(word) ?? res.clusters.get(l) ?? '';
  const info: WordInfo = {
    w: hashString(word),
    l: hashString(l),
    s: hashString(s),
    ss: hashString(shortShape(s)),
    pre,
    suf,
    c4: c ? hashString(c.slice(0, 4)) : 0,
    c8: c ? hashString(c.slice(0, 8)) : 0,
    c12: c ? hashString(c.slice(0, 12)) : 0,
    c: c ? hashString(c) : 0,
    cap: isCapitalised(word),
    lowerCommon: res.lowerCommon.has(l),
  };
  if (cache.size > 200000) cache.clear();
  cache.set(word, info);
  return info;
}

export const START: WordInfo = {
  w: hashString('<s>'),
  l: hashString('<s>'),
  s: hashString('<s>'),
  ss: hashString('<s>'),
  pre: [],
  suf: [],
  c4: 0,
  c8: hashString('<s>'),
  c12: 0,
  c: 0,
  cap: false,
  lowerCommon: false,
};
export const END: WordInfo = {
  ...START,
  w: hashString('</s>'),
  l: hashString('</s>'),
  s: hashString('</s>'),
  ss: hashString('</s>'),
  c8: hashString('</s>'),
};

/** The static (history-free) features of a sentence: token i's keys are [offsets[i], offsets[i+1]). */
export interface SentenceFeatures {
  h1: Int32Array;
  h2: Int32Array;
  offsets: Int32Array;
  /** Per token: hashes of the lower-case word and of the shape, for the history features. */
  lower: Int32Array;
  shape: Int32Array;
  /** Per token: hash of the short shape, and whether the word is capitalised. */
  ss: Int32Array;
  cap: Uint8Array;
}

const gazHashes = new Map<string, number>();
export const gazHash = (g: string): number => {
  let h = gazHashes.get(g);
  if (h === undefined) gazHashes.set(g, (h = hashString(g)));
  return h;
};

const CONNECTORS = new Set([
  'of',
  'for',
  'and',
  'the',
  'de',
  'du',
  'des',
  'la',
  'le',
  'von',
  'van',
  'der',
  'al',
  'bin',
  '&',
]);

export interface Chunk {
  start: number;
  end: number;
  org: boolean;
}

/**
 * Runs of capitalised words, joined by connectors ("of", "for", "and", "&"): "Russian Institute for
 * Strategic Studies". Only runs of two or more words are returned (per token, or null).
 */
export function nameChunks(
  words: string[],
  lower: string[],
  info: WordInfo[],
  gaz: string[][],
): (Chunk | null)[] {
  const n = words.length;
  const out: (Chunk | null)[] = new Array(n).fill(null);
  let i = 0;
  while (i < n) {
    if (!info[i].cap) {
      i++;
      continue;
    }
    let end = i + 1;
    for (;;) {
      if (end < n && info[end].cap) end++;
      else if (end + 1 < n && CONNECTORS.has(lower[end]) && info[end + 1].cap) end += 2;
      else break;
    }
    if (end - i >= 2) {
      let org = false;
      for (let k = i; k < end; k++) if (gaz[k].includes('U-orgsuffix')) org = true;
      const ch = { start: i, end, org };
      for (let k = i; k < end; k++) out[k] = ch;
    }
    i = end;
  }
  return out;
}

/**
 * What a first tagging pass said about each word of the document: per word (normalised, case kept),
 * how often it was tagged PER, ORG, LOC, MISC, or O. A second pass reads it as features, so that a name is
 * tagged alike wherever it occurs ("Korean Peninsula"; "Kim" after "Kim Jong Un").
 */
export interface DocHints {
  /** Per capitalised word: how often the first pass tagged it PER, ORG, LOC, MISC, O. */
  classes: Map<string, Int32Array>;
}

/** Class of a BILOU label id: 0..3 for PER, ORG, LOC, MISC; 4 for O. */
export function labelClass(label: number): number {
  return label === 0 ? 4 : (label - 1) >> 2;
}

export function docHints(sentences: string[][], labels: ArrayLike<number>[]): DocHints {
  const classes = new Map<string, Int32Array>();
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (!isCapitalised(w)) continue;
      let c = classes.get(w);
      if (!c) classes.set(w, (c = new Int32Array(5)));
      c[labelClass(labels[s][i])]++;
    }
  }
  return { classes };
}

/** The static features of every token of a sentence (words already normalised). */
export function sentenceFeatures(
  words: string[],
  res: FeatureResources,
  buf = new KeyBuffer(),
  hints?: { doc: DocHints; own: ArrayLike<number> },
): SentenceFeatures {
  const n = words.length;
  const info = words.map((w) => wordInfo(w, res));
  let letters = 0;
  let upper = 0;
  for (const w of words)
    for (let k = 0; k < w.length; k++) {
      const ch = w[k];
      if (ch.toLowerCase() !== ch) {
        letters++;
        upper++;
      } else if (ch.toUpperCase() !== ch) letters++;
    }
  const allCaps = letters > 3 && upper === letters;
  const lower = words.map((w) => w.toLowerCase());
  const gaz = gazetteerTags(lower, words, res.gazetteer);
  const at = (i: number) => (i < 0 ? START : i >= n ? END : info[i]);
  const chunks = allCaps ? null : nameChunks(words, lower, info, gaz);
  buf.reset();
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = buf.n;
    const x = info[i];
    const p1 = at(i - 1);
    const n1 = at(i + 1);
    buf.add(T.bias);
    buf.add(T.w, x.w);
    buf.add(T.l, x.l);
    buf.add(T.s, x.s);
    buf.add(T.ss, x.ss);
    buf.add(T.lm1, p1.l);
    buf.add(T.lp1, n1.l);
    buf.add(T.lm2, at(i - 2).l);
    buf.add(T.lp2, at(i + 2).l);
    buf.add(T.sm1, p1.s);
    buf.add(T.sp1, n1.s);
    buf.add(T.sm1s, p1.s, x.s);
    buf.add(T.ssp1, x.s, n1.s);
    buf.add(T.lm1l, p1.l, x.l);
    buf.add(T.llp1, x.l, n1.l);
    buf.add(T.lm1ssp1, p1.l, x.ss, n1.l);
    for (let k = 0; k < x.pre.length; k++) {
      buf.add(T.pre, k, x.pre[k]);
      buf.add(T.suf, k, x.suf[k]);
    }
    if (i === 0) buf.add(T.first, x.ss);
    if (allCaps) {
      buf.add(T.capsL, x.l);
      buf.add(T.capsSS, x.ss);
    }
    if (x.cap && x.lowerCommon) buf.add(T.capCommon, i === 0 ? 1 : 0, allCaps ? 1 : 0);
    for (const g of gaz[i]) {
      const h = gazHash(g);
      buf.add(T.gaz, h);
      buf.add(T.gazSS, h, x.ss);
    }
    if (i > 0) for (const g of gaz[i - 1]) buf.add(T.gazM1, gazHash(g));
    if (i + 1 < n) for (const g of gaz[i + 1]) buf.add(T.gazP1, gazHash(g));
    if (x.c) {
      buf.add(T.c4, x.c4);
      buf.add(T.c8, x.c8);
      buf.add(T.c12, x.c12);
      buf.add(T.c, x.c);
    }
    buf.add(T.cm1, p1.c8);
    buf.add(T.cp1, n1.c8);
    const ch = chunks?.[i];
    if (ch) {
      const len = ch.end - ch.start;
      const pos = i === ch.start ? 0 : i === ch.end - 1 ? 2 : 1;
      buf.add(T.chunkPos, pos, Math.min(len, 5));
      buf.add(T.chunkHead, pos, info[ch.end - 1].l);
      if (i > ch.start) buf.add(T.chunkFirst, info[ch.start].l);
      if (ch.org) buf.add(T.chunkOrg, pos);
    }
    if (hints && x.cap) addDocKeys(buf, words[i], i, x.ss, hints);
  }
  offsets[n] = buf.n;
  return {
    h1: buf.h1.slice(0, buf.n),
    h2: buf.h2.slice(0, buf.n),
    offsets,
    lower: Int32Array.from(info, (x) => x.l),
    shape: Int32Array.from(info, (x) => x.s),
    ss: Int32Array.from(info, (x) => x.ss),
    cap: Uint8Array.from(info, (x) => (x.cap ? 1 : 0)),
  };
}

/** The document-level keys of one capitalised token (second pass). */
export function addDocKeys(
  buf: KeyBuffer,
  word: string,
  i: number,
  ss: number,
  hints: { doc: DocHints; own: ArrayLike<number> },
): void {
  const c = hints.doc.classes.get(word);
  const own = labelClass(hints.own[i]);
  let best = -1;
  let bestN = 0;
  let others = 0;
  if (c) {
    for (let k = 0; k < 5; k++) {
      const m = c[k] - (k === own ? 1 : 0);
      if (m <= 0) continue;
      others += m;
      buf.add(T.docAny, k);
      if (m > bestN) {
        bestN = m;
        best = k;
      }
    }
  }
  if (best >= 0) {
    buf.add(T.docMaj, best);
    buf.add(T.docMajSS, best, ss);
  } else buf.add(T.docNone, i === 0 ? 1 : 0);
  if (others > 0) buf.add(T.docAny, 9, own);
}

/** `base` (static features without hints) plus the document-level keys: as sentenceFeatures with hints. */
export function withDocFeatures(
  base: SentenceFeatures,
  words: string[],
  hints: { doc: DocHints; own: ArrayLike<number> },
  buf = new KeyBuffer(),
): SentenceFeatures {
  const n = words.length;
  buf.reset();
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = buf.n;
    for (let k = base.offsets[i]; k < base.offsets[i + 1]; k++) buf.push(base.h1[k], base.h2[k]);
    if (base.cap[i]) addDocKeys(buf, words[i], i, base.ss[i], hints);
  }
  offsets[n] = buf.n;
  return { ...base, h1: buf.h1.slice(0, buf.n), h2: buf.h2.slice(0, buf.n), offsets };
}

/** The features that depend on the labels given to the previous two tokens (-1: none). */
export function historyFeatures(p1: number, p2: number, lower: number, shape: number, out: KeyBuffer): void {
  out.add(T.hist1, p1);
  out.add(T.hist2, p2, p1);
  out.add(T.hist1l, p1, lower);
  out.add(T.hist1s, p1, shape);
}
