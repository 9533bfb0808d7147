// Repairs of tagger spans and types from the head words of names: "Russian Institute for Strategic Studies" is
// one organisation even when the tagger split it; "River Tumannaya" and "Korean Peninsula" are locations.
import type { EntityType, Mention } from '../../document.js';
import { countryByDemonym, countryByName } from '../gazetteer/countries.js';
import type { DocIndex } from './context.js';
import { GIVEN_NAME_GENDER, TITLE_HEADS } from './lexicon.js';

/** Head words of organisation names. */
const ORG_HEADS = new Set(
  (
    'institute institution university college academy school ministry department agency council committee ' +
    'commission bank party association federation foundation corporation corp company organization ' +
    'organisation court parliament congress senate assembly bureau office service services army navy ' +
    'police group fund church union league alliance front movement society centre center laboratory ' +
    'observatory hospital museum airlines airways news times post tribune journal guard forces force ' +
    'secretariat directorate fleet brigade division regiment inc ltd llc plc co'
  ).split(' '),
);

/** Head words of geographic names: "River X", "X Peninsula", "Gulf of X". */
const LOC_HEADS = new Set(
  (
    'river lake sea ocean gulf bay strait straits peninsula mountain mountains mount mt valley desert island ' +
    'islands isle isles canal plateau basin coast delta cape range highlands lowlands steppe archipelago ' +
    'glacier falls reef lagoon channel sound'
  ).split(' '),
);

/** Head words of buildings and streets: "Elizabeth Street" is not a person. */
const FAC_HEADS = new Set(
  (
    'street st avenue ave road rd square bridge station airport park hall tower building stadium arena house ' +
    'palace castle cathedral temple mosque prison memorial gate gardens boulevard lane highway'
  ).split(' '),
);

/** Last words of organisation and place names that also stand alone for them ("Manchester United"). */
const NOT_SURNAME = new Set(
  'united city international global national airlines motors energy systems technologies media wanderers rovers county'.split(
    ' ',
  ),
);

const CONNECTORS = new Set(['of', 'for', 'on', 'de', 'the', '&']);

const CAP_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const isCapWord = (s: string) => {
  const c = s.charCodeAt(0);
  if (c < 128 && !(c >= 65 && c <= 90)) return false;
  return CAP_WORD.test(s);
};

/** A maximal capitalised name around a head word at token i: left over capitalised words, right over "of X". */
function nameAround(i: number, ix: DocIndex, stop: (tok: number) => boolean): [number, number] {
  const { tokens } = ix;
  let a = i;
  while (a - 1 >= 0 && isCapWord(tokens[a - 1].text) && !stop(a - 1) && !ix.sentenceStartTokens.has(a)) {
    if (/^(The|A|An)$/.test(tokens[a - 1].text)) break;
    a--;
  }
  let b = i;
  for (;;) {
    let k = b + 1;
    while (k < tokens.length && CONNECTORS.has(tokens[k].text) && k - b <= 2) k++;
    if (k < tokens.length && isCapWord(tokens[k].text) && !stop(k) && !ix.sentenceStartTokens.has(k)) b = k;
    else break;
  }
  return [a, b];
}

/** Mentions of a list sorted by start that overlap [start, end). */
function overlapping(sorted: readonly Mention[], start: number, end: number): Mention[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  // a mention starting before `start` may still reach into the span
  while (lo > 0 && sorted[lo - 1].end > start) lo--;
  const out: Mention[] = [];
  for (let q = lo; q < sorted.length && sorted[q].start < end; q++)
    if (sorted[q].end > start) out.push(sorted[q]);
  return out;
}

/** The sentence holding token i is written in title case (a headline): capitalisation says nothing there. */
function titleCased(ix: DocIndex, i: number, memo: Map<number, boolean>): boolean {
  const si = ix.sentenceOf(ix.tokens[i].start);
  const known = memo.get(si);
  if (known !== undefined) return known;
  const s = ix.sentences[si];
  let cap = 0;
  let low = 0;
  for (let t = ix.tokenFrom(s.start); t < ix.tokens.length && ix.tokens[t].start < s.end; t++) {
    const w = ix.tokens[t].text;
    if (/^\p{Lu}/u.test(w)) cap++;
    else if (/^\p{Ll}{4,}/u.test(w)) low++;
  }
  const r = cap >= 4 && low <= cap / 3;
  memo.set(si, r);
  return r;
}

/**
 * Tagger mentions with spans and types repaired from head words. Mentions of persons are never swallowed;
 * a repaired span replaces the mentions it covers.
 */
export function repairMentions(mentions: readonly Mention[], ix: DocIndex): Mention[] {
  const { tokens, text } = ix;
  const personTok = new Uint8Array(tokens.length);
  const mentionAt = new Map<number, Mention>();
  for (const m of mentions) {
    mentionAt.set(m.start, m);
    if (m.type !== 'PERSON') continue;
    for (let t = ix.tokenAt(m.start); t >= 0 && t < tokens.length && tokens[t].start < m.end; t++)
      personTok[t] = 1;
  }
  const stop = (t: number) => personTok[t] === 1;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const added: Mention[] = [];
  // characters covered by a repaired mention
  const covered = new Uint8Array(ix.text.length + 1);
  const add = (m: Mention) => {
    added.push(m);
    covered.fill(1, m.start, m.end);
  };
  const isCovered = (m: Mention) => {
    for (let q = m.start; q < m.end; q++) if (covered[q]) return true;
    return false;
  };
  const titleMemo = new Map<number, boolean>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].text;
    if (personTok[i] || !isCapWord(w)) continue;
    const lw = w.toLowerCase();
    const org = ORG_HEADS.has(lw);
    const loc = !org && LOC_HEADS.has(lw);
    if (!org && !loc) continue;
    const [a, b] = nameAround(i, ix, stop);
    if (a === b) continue; // a head word alone ("Institute", "River") is not a name
    // trim connectors at the right edge
    let e = b;
    while (e > a && CONNECTORS.has(tokens[e].text)) e--;
    if (e - a > 9 || titleCased(ix, i, titleMemo)) {
      i = e;
      continue;
    }
    const start = tokens[a].start;
    const end = tokens[e].end;
    // the last head word decides: "Black Sea Fleet" is an organisation, "Sea of Japan" a location
    let type: EntityType = org ? 'ORG' : 'LOC';
    for (let t = a; t <= e; t++) {
      const x = tokens[t].text.toLowerCase();
      if (ORG_HEADS.has(x)) type = 'ORG';
      else if (LOC_HEADS.has(x)) type = 'LOC';
    }
    const inside = overlapping(sorted, start, end);
    // partly outside the span: the tagger saw something else here (a person, a longer name); leave it
    if (inside.some((m) => m.start < start || m.end > end)) {
      i = e;
      continue;
    }
    if (
      inside.length === 1 &&
      inside[0].start === start &&
      inside[0].end === end &&
      inside[0].type === type
    ) {
      i = e;
      continue;
    }
    // a new mention the tagger missed needs a capitalised word besides a sentence-initial head
    add({ start, end, text: text.slice(start, end), type, kind: 'name', entity: null });
    i = e;
  }
  // "Apple Computer CEO Steve Jobs" as one name: the organisation, then the person after the title
  const personTexts = new Set(mentions.filter((m) => m.type === 'PERSON').map((m) => m.text));
  for (const m of mentions) {
    if (m.type === 'PERSON' || isCovered(m)) continue;
    const a = ix.tokenAt(m.start);
    if (a < 0) continue;
    for (let k = a + 1; k < tokens.length && tokens[k].end < m.end; k++) {
      const w = tokens[k].text;
      if (!TITLE_HEADS.has(w.toLowerCase()) || !/^\p{Lu}/u.test(w)) continue;
      const tail = text.slice(tokens[k + 1].start, m.end);
      const tw = tail.split(' ');
      const looksPerson =
        tw.length >= 2 &&
        tw.length <= 4 &&
        GIVEN_NAME_GENDER.has(tw[0].toLowerCase()) &&
        tw.every((x) => /^\p{Lu}/u.test(x));
      if (!personTexts.has(tail) && !looksPerson) continue;
      const head = text.slice(m.start, tokens[k - 1].end);
      add({ ...m, end: tokens[k - 1].end, text: head });
      add({
        start: tokens[k + 1].start,
        end: m.end,
        text: tail,
        type: 'PERSON',
        kind: 'name',
        entity: null,
      });
      break;
    }
  }
  // "Valeska Paris" typed as an organisation while "Paris" alone recurs: organisations are seldom called by
  // their last word, people are
  const alone = new Map<string, number>();
  for (const m of mentions) if (!m.text.includes(' ')) alone.set(m.text, (alone.get(m.text) ?? 0) + 1);
  for (const m of mentions) {
    if (m.type === 'PERSON' || m.type === 'NORP' || isCovered(m)) continue;
    const ws = m.text.split(' ');
    if (ws.length !== 2 || (alone.get(ws[1]) ?? 0) < 2) continue;
    const plain = (w: string) => {
      const lw = w.toLowerCase();
      return (
        /^\p{Lu}\p{Ll}+$/u.test(w) &&
        !ORG_HEADS.has(lw) &&
        !LOC_HEADS.has(lw) &&
        !FAC_HEADS.has(lw) &&
        !NOT_SURNAME.has(lw)
      );
    };
    if (!ws.every(plain) || countryByName(m.text) || countryByName(ws[0]) || countryByDemonym(ws[0]))
      continue;
    add({ ...m, type: 'PERSON' });
  }
  // "John Smith" typed as an organisation or a place: a common given name and a capitalised surname
  for (const m of mentions) {
    if (m.type === 'PERSON' || m.type === 'NORP' || isCovered(m)) continue;
    const ws = m.text.split(' ');
    if (ws.length < 2 || ws.length > 3 || !GIVEN_NAME_GENDER.has(ws[0].toLowerCase())) continue;
    const plain = (w: string) => {
      const lw = w.toLowerCase();
      return /^\p{Lu}\p{Ll}/u.test(w) && !ORG_HEADS.has(lw) && !LOC_HEADS.has(lw) && !FAC_HEADS.has(lw);
    };
    if (!ws.every(plain)) continue;
    add({ ...m, type: 'PERSON' });
  }
  if (!added.length) return [...mentions];
  const out = mentions.filter((m) => !isCovered(m));
  out.push(...added);
  return out.sort((a, b) => a.start - b.start);
}
