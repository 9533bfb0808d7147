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

function isCapitalised(w: string): boolean {
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

const BOUNDARY = ['<s>', '</s>'];

/** The static (history-free) features of every token of a sentence. */
export function sentenceFeatures(words: string[], res: FeatureResources): string[][] {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase());
  const shapes = words.map(wordShape);
  const letters = words.join('').replace(/[^\p{L}]/gu, '');
  const allCaps = letters.length > 3 && letters === letters.toUpperCase();
  const gaz = gazetteerTags(lower, words, res.gazetteer);
  const clusters = lower.map((w, i) => res.clusters.get(words[i]) ?? res.clusters.get(w) ?? '');
  const lw = (i: number) => (i < 0 ? BOUNDARY[0] : i >= n ? BOUNDARY[1] : lower[i]);
  const sh = (i: number) => (i < 0 ? BOUNDARY[0] : i >= n ? BOUNDARY[1] : shapes[i]);
  const cl = (i: number) => (i < 0 ? BOUNDARY[0] : i >= n ? BOUNDARY[1] : clusters[i]);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const l = lower[i];
    const s = shapes[i];
    const ss = shortShape(s);
    const f: string[] = [
      'b',
      `w=${w}`,
      `l=${l}`,
      `s=${s}`,
      `ss=${ss}`,
      `l-1=${lw(i - 1)}`,
      `l+1=${lw(i + 1)}`,
      `l-2=${lw(i - 2)}`,
      `l+2=${lw(i + 2)}`,
      `s-1=${sh(i - 1)}`,
      `s+1=${sh(i + 1)}`,
      `s-1s=${sh(i - 1)}|${s}`,
      `ss+1=${s}|${sh(i + 1)}`,
      `l-1l=${lw(i - 1)}|${l}`,
      `ll+1=${l}|${lw(i + 1)}`,
      `l-1s+1=${lw(i - 1)}|${ss}|${lw(i + 1)}`,
    ];
    const len = l.length;
    for (let k = 1; k <= 4 && k < len; k++) {
      f.push(`p${k}=${l.slice(0, k)}`);
      f.push(`x${k}=${l.slice(len - k)}`);
    }
    if (i === 0) f.push(`first|${ss}`);
    if (allCaps) f.push(`caps|${l}`, `caps|${ss}`);
    if (isCapitalised(w) && res.lowerCommon.has(l)) {
      f.push(i === 0 ? 'cap-common-first' : 'cap-common');
      if (allCaps) f.push('cap-common-caps');
    }
    for (const g of gaz[i]) f.push(`g=${g}`, `g=${g}|${ss}`);
    if (i > 0) for (const g of gaz[i - 1]) f.push(`g-1=${g}`);
    if (i + 1 < n) for (const g of gaz[i + 1]) f.push(`g+1=${g}`);
    const c = clusters[i];
    if (c) {
      f.push(`c4=${c.slice(0, 4)}`, `c8=${c.slice(0, 8)}`, `c12=${c.slice(0, 12)}`, `c=${c}`);
    }
    const cp = cl(i - 1);
    const cn = cl(i + 1);
    f.push(`c-1=${cp.slice(0, 8)}`, `c+1=${cn.slice(0, 8)}`);
    out.push(f);
  }
  return out;
}

/** The features that depend on the labels already given to the previous two tokens. */
export function historyFeatures(p1: string, p2: string, l: string, shape: string, out: string[]): void {
  out.push(`t-1=${p1}`, `t-2=${p2}|${p1}`, `t-1l=${p1}|${l}`, `t-1s=${p1}|${shape}`);
}
