import type {
  AnnotatedDocument,
  Mention,
  Quote,
  QuoteKind,
  QuoteSpeaker,
  Span,
  TextSpan,
  Token,
} from '../../document.js';
import { filterQuotes } from './filter.js';
import {
  BELIEF_VERBS,
  BETWEEN_SUBJECT_AND_VERB,
  CLAUSE_WORDS,
  type CueInfo,
  cueInfo,
  DETERMINERS,
  NEEDS_COMPLEMENT,
  NON_NP_VERBS,
  NON_SPEECH_SOURCES,
  NOUN_LIKE,
  NP_PREPOSITIONS,
  OBJECT_VERBS,
  PERSON_PRONOUNS,
  PRONOUNS,
  WEEKDAYS,
} from './lexicon.js';
import { type MarkedSpan, markedSpans } from './marks.js';
import { addRecall } from './recall.js';

// Rule-based attribution over the language layer's tokens and sentences:
//   A. a quotation followed by its attribution  ("…," said X / "…," X said [, "…"])
//   B. a quotation led in by its attribution    (X said: "…")
//   C. reported speech around a cue verb        (X said (that) …, …, X said., according to X, …, in his words, …)
//   D. a paragraph of pure quotation after an attributed one inherits its speaker
// Speakers are the cue's subject, resolved through the entity layer's mentions.

const PREPOSITIONS = new Set(
  'in on at to into by during after before over under about against among between within without through across since until from with for of as like near via amid despite upon onto toward towards'.split(
    ' ',
  ),
);
const QUOTE_CHARS = /^[“”"„«»`']+$/;

interface Candidate {
  start: number;
  end: number;
  fragments: Span[] | null;
  kind: QuoteKind;
  cue: Span | null;
  subject: Span | null;
  /** The speaker copied from an earlier quote (D). */
  inherited?: QuoteSpeaker | null;
  speech: boolean;
  /** The quotation this one is reported inside. */
  parent?: Candidate;
  /** Where the attribution's sentence ends, for continuation paragraphs (D). */
  attrEnd?: number;
}

export interface QuoteOptions {
  /** A cue-less quotation paragraph right after an attributed quote: merged into it as a fragment (default),
   * a quote of its own with the same speaker ('separate'), or left out (false). */
  inherit?: boolean | 'separate';
  /** The learned acceptance filter and recall model on top of the rules (default true). */
  learned?: boolean;
}

class Ctx {
  readonly text: string;
  readonly toks: Token[];
  readonly lower: string[];
  /** The cue verb each token is, if any. */
  readonly cue: (CueInfo | undefined)[];
  readonly sentOf: Int32Array;
  readonly sents: Span[];
  /** Token ranges [first, last] per sentence. */
  readonly sentTok: [number, number][];
  readonly marked: MarkedSpan[];
  /** For each token, the index of the marked span it lies inside (marks included), or -1. */
  readonly inMark: Int32Array;
  readonly paraOf: Int32Array;
  readonly paras: Span[];
  readonly usedCue = new Set<number>();

  constructor(doc: AnnotatedDocument) {
    this.text = doc.text;
    this.toks = doc.tokens;
    const n0 = doc.tokens.length;
    this.lower = new Array<string>(n0);
    this.cue = new Array<CueInfo | undefined>(n0);
    for (let i = 0; i < n0; i++) {
      const t = doc.tokens[i].text;
      let upper = false;
      for (let k = 0; k < t.length; k++) {
        const ch = t.charCodeAt(k);
        if ((ch >= 65 && ch <= 90) || ch > 127) {
          upper = true;
          break;
        }
      }
      const w = upper ? t.toLowerCase() : t;
      this.lower[i] = w;
      const f = w.charCodeAt(0);
      this.cue[i] = w.length >= 3 && f >= 97 && f <= 122 ? cueInfo(w) : undefined;
    }
    this.sents = doc.sentences;
    this.paras = blocks(doc);
    this.marked = markedSpans(doc.text, this.paras);
    const n = this.toks.length;
    this.sentOf = new Int32Array(n).fill(-1);
    this.sentTok = [];
    let s = 0;
    for (let i = 0; i < n; i++) {
      while (s < this.sents.length && this.sents[s].end <= this.toks[i].start) s++;
      this.sentOf[i] = s < this.sents.length && this.sents[s].start <= this.toks[i].start ? s : -1;
    }
    for (let k = 0; k < this.sents.length; k++) this.sentTok.push([n, -1]);
    for (let i = 0; i < n; i++) {
      const k = this.sentOf[i];
      if (k < 0) continue;
      const r = this.sentTok[k];
      if (i < r[0]) r[0] = i;
      if (i > r[1]) r[1] = i;
    }
    this.inMark = new Int32Array(n).fill(-1);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const t = this.toks[i];
      while (m < this.marked.length && this.marked[m].end <= t.start) m++;
      if (m < this.marked.length && this.marked[m].start <= t.start && t.end <= this.marked[m].end)
        this.inMark[i] = m;
    }
    this.paraOf = new Int32Array(n).fill(-1);
    let p = 0;
    for (let i = 0; i < n; i++) {
      while (p < this.paras.length && this.paras[p].end <= this.toks[i].start) p++;
      this.paraOf[i] = p;
    }
  }

  /** First token starting at or after `pos`. */
  tokAfter(pos: number): number {
    let lo = 0;
    let hi = this.toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.toks[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Last token ending at or before `pos`. */
  tokBefore(pos: number): number {
    return this.tokAfter(pos) - 1;
  }

  isWord(i: number): boolean {
    return i >= 0 && i < this.toks.length && /[\p{L}\p{N}]/u.test(this.toks[i].text);
  }

  isCap(i: number): boolean {
    return i >= 0 && i < this.toks.length && /^\p{Lu}/u.test(this.toks[i].text);
  }

  isQuoteMark(i: number): boolean {
    if (i < 0 || i >= this.toks.length || !QUOTE_CHARS.test(this.toks[i].text)) return false;
    // "Sanders' campaign": an apostrophe on a word is a possessive, not a quotation mark
    const t = this.toks[i].text;
    if (
      (t === "'" || t === '’') &&
      i > 0 &&
      this.toks[i - 1].end === this.toks[i].start &&
      this.isWord(i - 1)
    )
      return /[.,!?]$/.test(this.toks[i - 1].text);
    return true;
  }

  /** Index of the first marked span ending after `pos` (spans are sorted and disjoint). */
  firstMarkAfter(pos: number): number {
    let lo = 0;
    let hi = this.marked.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.marked[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The marked span that holds the character offset, or -1. */
  markAt(pos: number): number {
    const k = this.firstMarkAfter(pos);
    return k < this.marked.length && this.marked[k].start <= pos ? k : -1;
  }
}

/** Paragraphs; lines when the text breaks paragraphs with single line breaks (long lines, no wrapping). */
function blocks(doc: AnnotatedDocument): Span[] {
  const paras = doc.paragraphs.length ? doc.paragraphs : [{ start: 0, end: doc.text.length }];
  const out: Span[] = [];
  for (const p of paras) {
    const body = doc.text.slice(p.start, p.end);
    if (!body.includes('\n')) {
      out.push(p);
      continue;
    }
    const lines = body.split('\n');
    if (
      lines.length < 2 ||
      lines.some((l) => l.trim().length > 0 && l.trim().length < 40 && !/[.!?:"”’']\s*$/.test(l)) ||
      body.length / lines.length < 100
    ) {
      out.push(p);
      continue;
    }
    let pos = p.start;
    for (const l of lines) {
      const lead = l.length - l.trimStart().length;
      const t = l.trim();
      if (t) out.push({ start: pos + lead, end: pos + lead + t.length });
      pos += l.length + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------- noun phrases

/** Skip adverbs, auxiliaries and short time phrases walking back from `k`. */
function skipBackAdverbials(c: Ctx, k: number, lo: number): number {
  for (;;) {
    if (k < lo) return k;
    const w = c.lower[k];
    // adverbs: the listed ones, and lower-case "-ly" words ("Sanders harshly criticized", "he now says")
    if (
      BETWEEN_SUBJECT_AND_VERB.has(w) ||
      /^(?:now|though|however|today|tonight|this|week)$/.test(w) ||
      (/^\p{Ll}{3,}ly$/u.test(c.toks[k].text) && k > lo)
    ) {
      k--;
      continue;
    }
    if (WEEKDAYS.has(w)) {
      k--;
      if (
        k >= lo &&
        (c.lower[k] === 'on' || c.lower[k] === 'last' || c.lower[k] === 'early' || c.lower[k] === 'late')
      )
        k--;
      continue;
    }
    return k;
  }
}

/** The subject noun phrase ending at token k (inclusive), walking back no further than lo. */
function npEndingAt(c: Ctx, k: number, lo: number): Span | null {
  // "Rep. Elijah Cummings (D-Md.)": a parenthesis after the name belongs to it.
  if (k >= lo && c.toks[k]?.text === ')') {
    let j = k - 1;
    while (j >= lo && k - j < 25 && c.toks[j].text !== '(') j--;
    if (j >= lo && c.toks[j].text === '(') {
      const inner = npEndingAt(c, j - 1, lo);
      return inner ? { start: inner.start, end: c.toks[k].end } : null;
    }
  }
  // "Lindsey Graham, R-S.C.": an abbreviation's full stop
  if (k > lo && c.toks[k].text === '.' && c.isWord(k - 1) && c.toks[k - 1].end === c.toks[k].start) k--;
  if (k < lo || !c.isWord(k)) return null;
  let j = k;
  let count = 0;
  while (j >= lo) {
    const w = c.lower[j];
    const t = c.toks[j].text;
    if (!c.isWord(j)) {
      if (!(t === '.' || t === '-' || t === '&' || t === "'" || t === '’')) break;
      if ((t === "'" || t === '’') && !(c.toks[j].start === c.toks[j - 1]?.end)) break;
    } else {
      if (w === 'and' && j > lo && j < k && c.isCap(j - 1) && c.isCap(j + 1)) {
        j--;
        count++;
        continue;
      }
      if (CLAUSE_WORDS.has(w) || NON_NP_VERBS.has(w) || BELIEF_VERBS.has(w)) break;
      if (PREPOSITIONS.has(w) && !NP_PREPOSITIONS.has(w)) break;
      const cue = c.cue[j];
      if (cue && cue.form === 'finite' && j !== k && !c.isCap(j)) break;
      // A lower-case word right after a capitalised name going back ends the phrase unless it is a determiner,
      // a title or an adjective-like modifier; we cannot tell nouns from verbs without tags, so cap the length.
    }
    j--;
    if (++count >= 12) break;
  }
  let s = j + 1;
  // Trim dangling prepositions and possessive marks at the start.
  while (s <= k && (NP_PREPOSITIONS.has(c.lower[s]) || !c.isWord(s))) s++;
  if (s > k) return null;
  // A phrase that is a long lower-case run without a determiner, name or pronoun is likely a clause.
  let hasAnchor = false;
  for (let i = s; i <= k; i++) {
    if (
      c.isCap(i) ||
      DETERMINERS.has(c.lower[i]) ||
      PRONOUNS.has(c.lower[i]) ||
      /\p{N}/u.test(c.toks[i].text)
    ) {
      hasAnchor = true;
      break;
    }
  }
  if (!hasAnchor && k - s > 2) s = k - 1;
  return { start: c.toks[s].start, end: c.toks[k].end };
}

/** The subject of the cue at token i, written before it ("X said", "X, a doctor, said"), or null. */
function subjectBefore(c: Ctx, i: number, lo: number): Span | null {
  const k = skipBackAdverbials(c, i - 1, lo);
  if (k < lo) return null;
  if (c.toks[k].text === ',' || c.toks[k].text === '—' || c.toks[k].text === '–') {
    // An appositive or relative clause between subject and verb: "Hugh Hill, a doctor, said".
    const sep = c.toks[k].text;
    let j = k - 1;
    // back to the comma that opens the appositive; commas inside quotation marks do not count
    // ("Humphrey, who calls Trump a “sociopath,” said …")
    while (
      j >= lo &&
      (c.toks[j].text !== sep || c.inMark[j] >= 0) &&
      k - j < 40 &&
      !(c.isQuoteMark(j) && c.inMark[j] < 0)
    )
      j--;
    if (j < lo && k - lo <= 8) {
      // "Sen. Jack Reed (D-R.I.), said …": a stray comma after a sentence-initial name.
      const np = npEndingAt(c, k - 1, lo);
      return np && np.start === c.toks[lo].start && c.isCap(lo) ? np : null;
    }
    if (j < lo || c.toks[j].text !== sep || j === k - 1) return null;
    const first = c.lower[j + 1];
    const appositive =
      DETERMINERS.has(first) ||
      first === 'who' ||
      first === 'whose' ||
      first === 'which' ||
      /^\p{Ll}/u.test(c.toks[j + 1].text) ||
      /^\p{N}/u.test(c.toks[j + 1].text) ||
      c.isCap(j + 1);
    if (!appositive) return null;
    // "…, but it has attracted a loyal following, said X": a clause, not an appositive
    if (first !== 'who' && first !== 'whose' && first !== 'which') {
      if (CLAUSE_WORDS.has(first)) return null;
      for (let x = j + 1; x < k; x++) {
        if (/^(?:who|which|that|whose)$/.test(c.lower[x])) break; // "a strategist who has feuded with …"
        if (NON_NP_VERBS.has(c.lower[x]) || PRONOUNS.has(c.lower[x])) return null;
      }
    }
    const head = npEndingAt(c, skipBackAdverbials(c, j - 1, lo), lo);
    if (!head) return null;
    // A head that is itself a whole clause start ("In Moscow, the expert said") is not a subject.
    if (head.start === c.toks[lo].start && PREPOSITIONS.has(c.lower[lo])) return null;
    return { start: head.start, end: c.toks[k - 1].end };
  }
  if (c.isQuoteMark(k)) return null;
  // "Barkley, who said …": the relative pronoun's antecedent.
  if (c.lower[k] === 'who' || c.lower[k] === 'which') {
    const j = c.toks[k - 1]?.text === ',' ? k - 2 : k - 1;
    return j >= lo ? npEndingAt(c, j, lo) : null;
  }
  // "Wilson praised … and said …": the coordinated verb's subject opens the sentence.
  if (c.lower[k] === 'and' || c.lower[k] === 'but') return sentenceSubject(c, lo, k);
  return npEndingAt(c, k, lo);
}

/** The subject written after an inverted cue ("…," said Roman Lobov of the institute). */
function subjectAfter(c: Ctx, i: number, hi: number, anyStart = false): Span | null {
  const s = i + 1;
  if (s > hi || !c.isWord(s)) return null;
  // "said officials", "according to sources familiar with …": plural nouns and numbers may open it too
  if (
    !(
      anyStart ||
      c.isCap(s) ||
      DETERMINERS.has(c.lower[s]) ||
      PRONOUNS.has(c.lower[s]) ||
      /^(?:\p{N}+|\p{Ll}+s)$/u.test(c.toks[s].text) ||
      // "said former Pennsylvania governor Ed Rendell"
      ((c.isCap(s + 1) || c.isCap(s + 2)) && !CLAUSE_WORDS.has(c.lower[s]) && !PREPOSITIONS.has(c.lower[s]))
    )
  )
    return null;
  let j = s;
  let count = 0;
  while (j <= hi && count < 15) {
    const w = c.lower[j];
    const t = c.toks[j].text;
    if (!c.isWord(j) && !(t === '.' && j < hi && c.isWord(j + 1)) && t !== '-' && t !== '&') break;
    if (c.isWord(j) && (CLAUSE_WORDS.has(w) || NON_NP_VERBS.has(w))) break;
    if (c.isWord(j) && PREPOSITIONS.has(w) && !NP_PREPOSITIONS.has(w)) break;
    if (c.isWord(j) && WEEKDAYS.has(w)) break;
    j++;
    count++;
  }
  let e = j - 1;
  while (e >= s && (!c.isWord(e) || NP_PREPOSITIONS.has(c.lower[e]))) e--;
  if (e < s) return null;
  return { start: c.toks[s].start, end: c.toks[e].end };
}

// ---------------------------------------------------------------- cue recognition

/** A cue verb at token i that is a finite report of speech (not "to say", not "was told"). */
function cueAt(c: Ctx, i: number): CueInfo | null {
  const info = c.cue[i];
  if (!info) return null;
  const prev = c.lower[i - 1] ?? '';
  if (prev === 'to' || prev === 'be' || prev === 'been' || prev === 'being') return null;
  if (
    /^(?:is|was|were|are|'s|’s)$/.test(prev) &&
    info.form === 'finite' &&
    /(?:ed|told|said|written)$/.test(c.lower[i])
  )
    return null; // passive
  if (info.form === 'base') {
    // "officials say", "would say", "six in 10 say"; not the imperative ("Say …") or the noun ("have a say").
    if (!prev || DETERMINERS.has(prev) || /^[.!?;:"“”(—–-]$/.test(prev) || prev === 'and' || prev === 'or')
      return null;
    if (!c.isWord(i - 1) && prev !== ',') return null;
  }
  if (info.lemma === 'point' && c.lower[i + 1] !== 'out') return null;
  // A noun, not a verb: "the report", "her remarks", "Drudge Report", "the charged term".
  if (info.form !== 'participle' || DETERMINERS.has(prev)) {
    if (DETERMINERS.has(prev) && prev !== 'that' && prev !== 'one') return null;
    if (prev === "'s" || prev === '’s') return null;
    // "the Clintons' remarks": an apostrophe right after a plural, not a closing quotation mark
    if (
      (prev === "'" || prev === '’') &&
      /s$/.test(c.lower[i - 2] ?? '') &&
      c.toks[i - 2].end === c.toks[i - 1].start
    )
      return null;
  }
  if (
    c.isCap(i) &&
    c.sentOf[i] >= 0 &&
    c.sentTok[c.sentOf[i]][0] !== i &&
    !c.isQuoteMark(i - 1) &&
    !titleCase(c, i)
  )
    return null;
  // A passive participle: "written by", "a play called “…”", "issued in Hawaii", "called off".
  const next = c.lower[i + 1] ?? '';
  // "the United States", "swing states": "states"/"state" report only before "that" or a colon
  if ((c.lower[i] === 'states' || c.lower[i] === 'state') && next !== 'that' && next !== ':') return null;
  // "states", "remarks", "claims": a verb only after a subject-like word or before its complement
  if (
    NOUN_LIKE.has(c.lower[i]) &&
    !(
      PRONOUNS.has(prev) ||
      c.isCap(i - 1) ||
      next === 'that' ||
      next === ':' ||
      c.isQuoteMark(i + 1) ||
      BETWEEN_SUBJECT_AND_VERB.has(prev)
    )
  )
    return null;
  if (info.form === 'finite' && next === 'by') return null;
  // "pledged delegates", "the announced candidates": an adjective before its noun
  if (
    /^(?:delegates?|superdelegates?|candidates?)$/.test(next) &&
    /ed$/.test(c.lower[i]) &&
    !PRONOUNS.has(prev) &&
    !c.isCap(i - 1)
  )
    return null;
  if (info.lemma === 'call' && (c.isQuoteMark(i + 1) || next === 'off' || next === 'up')) return null;
  // "the resolution which said …": a document described in a relative clause
  if (prev === 'which') return null;
  // "what they said was …": a relative, not a report.
  if (c.lower[i - 2] === 'what' || c.lower[i - 3] === 'what') return null;
  return info;
}

/** The sentence around token i is written in title case (a headline: "Obama Says …"). */
function titleCase(c: Ctx, i: number): boolean {
  const [lo, hi] = c.sentTok[c.sentOf[i]];
  let words = 0;
  let lower = 0;
  for (let k = lo; k <= hi; k++) {
    if (!c.isWord(k) || c.toks[k].text.length < 4) continue;
    words++;
    if (!c.isCap(k)) lower++;
  }
  return words > 0 && lower / words < 0.3;
}

const CLAUSE_VERBS = new Set([
  'report',
  'write',
  'confirm',
  'acknowledge',
  'admit',
  'predict',
  'reveal',
  'warn',
  'announce',
  'agree',
  'deny',
  'promise',
  'recall',
  'indicate',
  'state',
  'add',
  'tweet',
  'post',
  'respond',
  'reply',
]);
const PAST_IRREGULAR = new Set(
  'came went made took gave had got won lost began saw knew found left met ran paid spent sent built kept held brought became fell rose led is was are were will would could can may might should must has have does did'.split(
    ' ',
  ),
);

/** Tokens from k read as a clause: a subject-like opening, then a verb within a few words. */
function looksLikeClause(c: Ctx, k: number, hi: number): boolean {
  if (k > hi || !c.isWord(k)) return false;
  const w = c.lower[k];
  if (
    !(
      PRONOUNS.has(w) ||
      DETERMINERS.has(w) ||
      c.isCap(k) ||
      /^\p{N}/u.test(c.toks[k].text) ||
      /^(?:at|more|most|about|nearly|only)$/.test(w)
    )
  )
    return false;
  for (let j = k + 1; j <= Math.min(hi, k + 8); j++) {
    const t = c.lower[j];
    if (!c.isWord(j)) {
      if (c.toks[j].text === ',') return false;
      continue;
    }
    if (PAST_IRREGULAR.has(t) || (/^\p{Ll}{3,}ed$/u.test(c.toks[j].text) && j > k + 1)) return true;
  }
  return false;
}

/** A subject that can speak: a name, a pronoun, or a phrase with a capitalised word (learned and participle cues
 * need one; "the overall sense …, suggesting" does not report speech). */
function agentLike(c: Ctx, subject: Span): boolean {
  const w = c.text.slice(subject.start, subject.end);
  if (/^(?:he|she|they|we|i|you|it)$/i.test(w)) return true;
  return (
    /(?:^|\s)\p{Lu}/u.test(w) ||
    /\b(?:officials?|spokes(?:wo)?man|spokesperson|aides?|advisers?|analysts?|experts?|critics?|supporters?|voters?|lawmakers?|leaders?|ministry|minister|president|senator|governor|candidate|campaign|party|government|administration|police|authorities|sources?|residents?|people|protesters?|democrats?|republicans?)\b/i.test(
      w,
    )
  );
}

function isParticipleCue(c: Ctx, i: number): boolean {
  const info = c.cue[i];
  return !!info && info.form === 'participle';
}

// ---------------------------------------------------------------- spans

function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && /[\s,;:—–-]/.test(text[s])) s++;
  while (e > s && /[\s,;:—–-]/.test(text[e - 1])) e--;
  // A sentence's own full stop is not part of reported content (closing quote marks are kept).
  if (e > s && text[e - 1] === '.' && !/[“”"']/.test(text.slice(s, e))) e--;
  return { start: s, end: e };
}

/** Content that contains a quotation: direct when it is the quotation, mixed when the quotation is part of it. */
function kindOf(c: Ctx, s: number, e: number): QuoteKind {
  const k = c.firstMarkAfter(s);
  if (k < c.marked.length && c.marked[k].start < e) {
    const m = c.marked[k];
    const inner = c.text.slice(s, e).replace(/[\s.,;:!?]+$/, '');
    return m.start <= s + 1 && m.end >= s + inner.length - 1 ? 'direct' : 'mixed';
  }
  return 'indirect';
}

/** Extend a content end that falls inside a quotation to the quotation's end. */
function extendOverMarks(c: Ctx, s: number, e: number): [number, number] {
  for (let k = c.firstMarkAfter(s); k < c.marked.length; k++) {
    const m = c.marked[k];
    if (m.start >= e) break;
    if (m.start < s && m.end > s) s = m.start;
    if (m.start < e && m.end > e) e = m.end;
  }
  return [s, e];
}

// ---------------------------------------------------------------- the extractor

export function extractCandidates(doc: AnnotatedDocument, opts: QuoteOptions = {}): Candidate[] {
  const c = new Ctx(doc);
  const mentions = doc.mentions;
  const out: Candidate[] = [];
  const usedMark = new Set<number>();
  const text = c.text;

  const sentRange = (tok: number): [number, number] => {
    const k = c.sentOf[tok];
    return k >= 0 ? c.sentTok[k] : [tok, tok];
  };
  const paraRange = (tok: number): [number, number] => {
    const p = c.paras[c.paraOf[tok]];
    return [c.tokAfter(p.start), c.tokBefore(p.end)];
  };

  // A. quotation, then attribution.
  for (let mi = 0; mi < c.marked.length; mi++) {
    const m = c.marked[mi];
    if (!m.closed) continue;
    let j = c.tokAfter(m.end);
    if (j >= c.toks.length || c.paraOf[j] !== c.paraOf[c.tokBefore(m.end)]) continue;
    const lastInner = text
      .slice(m.innerStart, m.innerEnd)
      .trimEnd()
      .replace(/['’]+$/, '')
      .slice(-1);
    let comma = false;
    if (c.toks[j].text === ',') {
      comma = true;
      j++;
    }
    if (!comma && !/[,?!.—–…-]/.test(lastInner)) continue;
    const [, pHi] = paraRange(j);
    let cueTok = -1;
    let subject: Span | null = null;
    const info = j <= pHi ? cueAt(c, j) : null;
    if (info && info.form !== 'participle') {
      cueTok = j;
      subject = subjectAfter(c, j, pHi);
    } else {
      // NP then verb, within a few tokens.
      for (let k = j; k <= Math.min(pHi, j + 40); k++) {
        const t = c.toks[k].text;
        if (/^[.;:!?"“”]$/.test(t)) break;
        if (c.inMark[k] >= 0) break;
        const ci = cueAt(c, k);
        // "“…,” Hannity pressed." — after a quotation any past-tense verb closing the sentence reports it.
        const pastTail =
          !ci &&
          k > j &&
          /^\p{Ll}{3,}ed$/u.test(c.toks[k].text) &&
          (c.isCap(j) || PRONOUNS.has(c.lower[j])) &&
          /^[.,]$/.test(c.toks[k + 1]?.text ?? '');
        if ((ci && ci.form !== 'participle' && k > j) || pastTail) {
          const subj = subjectBefore(c, k, j);
          if (subj && subj.start === c.toks[j].start) {
            cueTok = k;
            subject = subj;
          }
          break;
        }
      }
    }
    if (cueTok < 0) continue;
    // "Lobov said" must not be followed by its own content ("…," Lobov said that …): that is a new quote.
    const after = cueTok + 1;
    if (c.lower[after] === 'that' || c.toks[after]?.text === ':') continue;
    // "On Fox News Channel’s “Hannity,” Newt Gingrich said if …": a title before the speaker, whose content follows
    // the cue; the short quotation is not what was said.
    if (
      subject &&
      subject.end <= c.toks[cueTok].start &&
      !/[.!?]/.test(lastInner) &&
      (text.slice(m.innerStart, m.innerEnd).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 5
    ) {
      let a = after;
      while (a <= pHi && (BETWEEN_SUBJECT_AND_VERB.has(c.lower[a]) || WEEKDAYS.has(c.lower[a]))) a++;
      if (
        a <= pHi &&
        c.isWord(a) &&
        !PREPOSITIONS.has(c.lower[a]) &&
        !/^(?:as|when|while|after|before|during|of|about|in|on|at|to|with|from|outside|later|earlier|afterward|afterwards|recently|then)$/.test(
          c.lower[a],
        )
      )
        continue;
    }
    // "“….” He added, “…”" / "“….” She says they …": a quotation that closed its sentence is followed by a new
    // sentence; only "“….” he said." with nothing after the attribution is its tail.
    if (!comma && /[.!?]/.test(lastInner) && c.isCap(j)) {
      const endAttr = Math.max(cueTok, subject ? c.tokBefore(subject.end) : cueTok) + 1;
      // "“…!” Sessions said as he launched …", "“…?” O’Malley said at a press conference": still its tail
      if (
        endAttr <= pHi &&
        !/^[.,]$/.test(c.toks[endAttr].text) &&
        !(
          PREPOSITIONS.has(c.lower[endAttr]) ||
          /^(?:as|when|while|after|before|during)$/.test(c.lower[endAttr])
        )
      )
        continue;
    }
    c.usedCue.add(cueTok);
    usedMark.add(mi);
    // A quotation that opens mid-clause ("the prime minister ''looked ashen,'' Mr. Arad said") is part of a
    // mixed quote that starts with its clause.
    let qStart = m.start;
    let qKind: QuoteKind = 'direct';
    const first = c.tokAfter(m.start);
    const sLo = sentRange(first)[0];
    if (sLo < first && c.inMark[sLo] < 0) {
      let from = sLo;
      let leadCue = false;
      for (let j = sLo; j < first; j++) {
        if (/^[,;:—–]$/.test(c.toks[j].text)) from = j + 1;
        if (cueAt(c, j) || c.inMark[j] >= 0) leadCue = true;
      }
      if (!leadCue && from < first && first - from <= 25) {
        qStart = c.toks[from].start;
        qKind = 'mixed';
      }
    }
    const fragments: Span[] = [{ start: qStart, end: m.end }];
    // A continuation: "…," he said, "…" — one quote in fragments.
    const subjEndTok = subject ? c.tokBefore(subject.end) : cueTok;
    let k = Math.max(cueTok, subjEndTok) + 1;
    while (k <= pHi && (BETWEEN_SUBJECT_AND_VERB.has(c.lower[k]) || WEEKDAYS.has(c.lower[k]))) k++;
    // "…," he said of the campaign, "…" / "…," Axelrod tweeted last January, "…": a short adverbial, then the rest.
    if (k <= pHi && (c.isWord(k) || c.toks[k].text === ',')) {
      // up to the comma before the next quotation, through an appositive or a participle clause
      let j = k;
      let last = -1;
      while (j <= pHi && j - k < 25 && c.inMark[j] < 0 && !/^[.;:!?]$/.test(c.toks[j].text)) {
        if (c.cue[j] && c.cue[j]!.form === 'finite' && j > k) break;
        if (c.toks[j].text === ',') last = j;
        j++;
      }
      if (last >= 0 && c.inMark[last + 1] >= 0 && j === last + 1) k = last;
    }
    if (k <= pHi && (c.toks[k].text === ',' || c.toks[k].text === ':' || c.toks[k].text === '.')) {
      const nm = c.markAt(c.toks[k].end + 1) >= 0 ? c.markAt(c.toks[k].end + 1) : c.markAt(c.toks[k].end);
      if (nm > mi && !usedMark.has(nm) && c.marked[nm].start - c.toks[k].end <= 2) {
        usedMark.add(nm);
        fragments.push({ start: c.marked[nm].start, end: c.marked[nm].end });
      }
    }
    const last = fragments[fragments.length - 1];
    const sHi = sentRange(cueTok)[1];
    let attrEnd = last.end;
    if (
      fragments.length === 1 &&
      sHi >= cueTok &&
      !(mi + 1 < c.marked.length && c.marked[mi + 1].start < c.toks[sHi].end)
    )
      attrEnd = c.toks[sHi].end;
    out.push({
      attrEnd,
      start: qStart,
      end: last.end,
      fragments: fragments.length > 1 ? fragments : null,
      kind: qKind,
      cue: { start: c.toks[cueTok].start, end: c.toks[cueTok].end },
      subject,
      speech: true,
    });
  }

  // B. attribution, then quotation: X said: "…".
  for (let mi = 0; mi < c.marked.length; mi++) {
    if (usedMark.has(mi)) continue;
    const m = c.marked[mi];
    let k = c.tokBefore(m.start);
    if (k < 0) continue;
    // a colon lead-in may stand in the paragraph before its quotation ("Stated Stone:\n\n“I think …”")
    const colonLead = c.toks[k].text === ':' && c.paraOf[c.tokAfter(m.start)] - c.paraOf[k] === 1;
    if (c.paraOf[k] !== c.paraOf[c.tokAfter(m.start)] && !colonLead) continue;
    const sep = c.toks[k].text;
    if (sep === ':' || sep === ',') k--;
    // Up to six tokens of recipient or time between the cue and the quotation.
    let cueTok = -1;
    for (let j = k; j >= Math.max(0, k - 6); j--) {
      if (c.inMark[j] >= 0 || /^[.;!?]$/.test(c.toks[j].text)) break;
      if (c.lower[j] === 'that') break;
      const ci = cueAt(c, j);
      if (ci) {
        cueTok = j;
        break;
      }
    }
    if (cueTok < 0 && sep === ':' && k >= 0) {
      // "Republican pollster Daron Shaw: “…”" — a name right before the colon.
      const name = mentions.find(
        (x) => x.end === c.toks[k].end && x.kind === 'name' && (x.type === 'PERSON' || x.type === 'ORG'),
      );
      if (name && !usedMark.has(mi)) {
        usedMark.add(mi);
        out.push({
          start: m.start,
          end: m.end,
          fragments: null,
          kind: 'direct',
          cue: { start: c.toks[k + 1].start, end: c.toks[k + 1].end },
          subject: { start: name.start, end: name.end },
          speech: true,
          attrEnd: m.end,
        });
      }
      continue;
    }
    if (cueTok < 0) continue;
    if (cueTok !== k && sep !== ':' && !c.cue[cueTok]?.recipient) continue;
    // "Giuliani said, there’s a simple explanation: “…”": a clause between cue and quotation is the content
    let clause = false;
    for (let j = cueTok + 1; j <= k; j++)
      if (
        PRONOUNS.has(c.lower[j]) ||
        c.lower[j] === 'there' ||
        NON_NP_VERBS.has(c.lower[j]) ||
        c.lower[j] === "'s" ||
        c.lower[j] === '’s'
      )
        clause = true;
    if (clause) continue;
    // The quotation must close the sentence: otherwise it is part of a longer reported clause (C).
    const tail = text.slice(m.end, c.paras[c.paraOf[cueTok]].end);
    if (m.closed && !/^[\s.,;!?)\]]*$/.test(tail.split(/(?<=[.!?])\s/)[0] ?? '')) continue;
    const [lo] = sentRange(cueTok);
    let subject: Span | null = null;
    if (isParticipleCue(c, cueTok)) subject = inheritedSubject(c, out, cueTok, lo);
    else subject = subjectBefore(c, cueTok, lo);
    if (!subject) {
      const inv = subjectAfter(c, cueTok, k);
      if (inv) subject = inv;
    }
    if (!subject) continue;
    c.usedCue.add(cueTok);
    usedMark.add(mi);
    out.push({
      start: m.start,
      end: m.end,
      fragments: null,
      kind: 'direct',
      cue: { start: c.toks[cueTok].start, end: c.toks[cueTok].end },
      subject,
      speech: true,
    });
  }

  // H. a headline or one-line paragraph "Speaker: claim" (the wire and web convention: "Lavrov: US must …").
  for (const para of c.paras) {
    const m = /^([^\n:]{2,60}?):\s+(\S[^\n]*)$/u.exec(text.slice(para.start, para.end));
    if (!m) continue;
    const words = m[1].split(/\s+/);
    if (words.length > 6 || !/^\p{Lu}/u.test(m[1])) continue;
    if (words.filter((w) => /^\p{Ll}/u.test(w)).length > 1) continue;
    if (HEADLINE_LABELS.test(m[1]) || m[1].includes(',')) continue;
    // The source before the colon is a name (the entity layer's, when it ran).
    if (mentions.length) {
      const a = para.start;
      const b = para.start + m[1].length;
      const named = mentions.some((x) => x.start >= a && x.end <= b && x.type !== 'MISC');
      const nameLike =
        words.length <= 3 &&
        words[0] !== 'The' &&
        words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) || /^(?:of|the)$/.test(w));
      if (!named && !nameLike) continue;
    }
    const sStart = para.start + m[1].length + (m[0].length - m[1].length - m[2].length);
    const span = trimSpan(text, sStart, para.end);
    if (span.end - span.start < 10 || !/\s/.test(text.slice(span.start, span.end))) continue;
    if (out.some((q) => q.start < span.end && span.start < q.end)) continue;
    const subject = { start: para.start, end: para.start + m[1].length };
    const colon = para.start + m[1].length;
    const cand = mk(c, span, { start: colon, end: colon + 1 }, subject);
    if (cand.kind === 'direct') {
      for (let mi = 0; mi < c.marked.length; mi++)
        if (c.marked[mi].start >= span.start && c.marked[mi].end <= para.end) usedMark.add(mi);
    }
    cand.attrEnd = para.end;
    out.push(cand);
    for (let k = c.tokAfter(para.start); k < c.toks.length && c.toks[k].start < para.end; k++)
      c.usedCue.add(k);
  }

  // C. reported speech around cue words, sentence by sentence.
  for (let si = 0; si < c.sents.length; si++) {
    const [lo, hi] = c.sentTok[si];
    if (hi < lo) continue;
    for (let i = lo; i <= hi; i++) {
      if (c.inMark[i] >= 0 || c.usedCue.has(i)) continue;
      const cand = reportedAt(c, i, lo, hi, out);
      // reported speech inside a direct quotation already found belongs to it
      if (cand && out.some((q) => q.kind === 'direct' && q.start <= cand.start && cand.end <= q.end))
        continue;
      if (cand) {
        cand.attrEnd = Math.max(cand.end, c.toks[hi].end);
        out.push(cand);
        for (let k = c.tokAfter(cand.start); k < c.toks.length && c.toks[k].start < cand.end; k++) {
          const mk = c.inMark[k];
          if (mk >= 0) usedMark.add(mk);
        }
      }
    }
  }

  // D. a paragraph of pure quotation continues the previous speaker.
  if (opts.inherit !== false) {
    out.sort((a, b) => a.start - b.start);
    const result: Candidate[] = [];
    let q = 0;
    for (let mi = 0; mi < c.marked.length; mi++) {
      const m = c.marked[mi];
      while (q < out.length && out[q].start < m.start) result.push(out[q++]);
      if (usedMark.has(mi)) continue;
      const first = c.tokAfter(m.start);
      if (first >= c.toks.length) continue;
      const para = c.paras[c.paraOf[first]];
      const inner = text.slice(m.innerStart, m.innerEnd);
      const words = inner.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
      if (words < 3) continue;
      // It must stand as its own sentence(s): open at a sentence start and run to a sentence end.
      const sentStart = c.sentOf[first] >= 0 && c.sents[c.sentOf[first]].start >= m.start - 1;
      const endsSentence =
        /[.!?…][’'"”]*$/.test(text.slice(m.innerStart, m.end).trimEnd()) || m.end >= para.end - 1;
      if ((!sentStart || !endsSentence) && words < LONG_QUOTATION) continue;
      const prev = result[result.length - 1];
      // A full-sentence quotation without a cue of its own, away from the previous quote: still somebody's words
      // (a quotation that stands as a sentence is speech), given to the previous speaker when there is one.
      const standalone = (): void => {
        if (words < 4) return;
        const near = prev?.speech && c.paraOf[first] - c.paraOf[c.tokBefore(prev.end)] <= 3;
        result.push({
          start: m.start,
          end: m.end,
          fragments: null,
          kind: 'direct',
          cue: null,
          subject: near ? prev.subject : null,
          speech: true,
        });
        usedMark.add(mi);
      };
      if (!prev || !prev.speech) {
        standalone();
        continue;
      }
      const between = text.slice(prev.attrEnd ?? prev.end, m.start);
      const prevPara = c.paraOf[c.tokBefore(prev.end)];
      // Only blank space between the two: the quotation continues the previous one (one quote, in fragments).
      if (c.paraOf[first] - prevPara > 1 || between.replace(/^[\s.:]+/, '').trim()) {
        standalone();
        continue;
      }
      if (opts.inherit === 'separate') {
        result.push({
          start: m.start,
          end: m.end,
          fragments: null,
          kind: 'direct',
          cue: null,
          subject: prev.subject,
          speech: true,
        });
      } else {
        prev.fragments = [
          ...(prev.fragments ?? [{ start: prev.start, end: prev.end }]),
          { start: m.start, end: m.end },
        ];
        prev.end = m.end;
      }
      usedMark.add(mi);
    }
    while (q < out.length) result.push(out[q++]);
    return withNested(c, mentions, dedupe(result));
  }
  return withNested(c, mentions, dedupe(out.sort((a, b) => a.start - b.start)));
}

/** Verbs of saying proper, which start a clause of their own after "and"/"but". */
const SAYING = new Set([
  'say',
  'tell',
  'call',
  'note',
  'add',
  'suggest',
  'mention',
  'argue',
  'insist',
  'claim',
  'warn',
  'ask',
  'describe',
  'declare',
  'write',
  'tweet',
  'explain',
  'acknowledge',
  'admit',
  'deny',
  'predict',
  'promise',
  'vow',
  'urge',
]);

/** Verbs that, with a bare object, mean something else ("maintains a lead", "posted a victory", "added 20 points"). */
const NOT_WITH_OBJECT = new Set('maintain post continue'.split(' '));

const REC2 = !process.env.NOREC2;
/** A quotation this long is somebody's words even when it does not stand as a sentence of its own. */
const LONG_QUOTATION = 8;

const NESTED_CUES = new Set([
  'say',
  'tell',
  'describe',
  'call',
  'add',
  'warn',
  'stress',
  'note',
  'announce',
  'promise',
  'claim',
  'insist',
  'declare',
  'write',
]);

/** Speech reported inside a direct quotation by a named person ("“Kim has described relations … as allied …,” the
 * expert said"): its own quote, attributed to that person, with `parent`. */
function withNested(c: Ctx, mentions: Mention[], cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const q of cands) {
    out.push(q);
    if (q.kind !== 'direct' || !q.speech) continue;
    const first = c.tokAfter(q.start);
    for (let i = first; i < c.toks.length && c.toks[i].start < q.end; i++) {
      const info = c.cue[i];
      if (!info || info.form !== 'finite' || !NESTED_CUES.has(info.lemma) || c.inMark[i] < 0) continue;
      if (q.cue && c.toks[i].start >= q.cue.start && c.toks[i].start < q.cue.end) continue;
      const mk0 = c.marked[c.inMark[i]];
      const [sLo, sHi] = c.sentTok[c.sentOf[i]] ?? [i, i];
      const lo = Math.max(sLo, c.tokAfter(mk0.innerStart));
      const subject = subjectBefore(c, i, lo);
      if (!subject) continue;
      const person = mentions.some(
        (m) => m.kind === 'name' && m.type === 'PERSON' && m.start < subject.end && subject.start < m.end,
      );
      if (!person) continue;
      let k = i + 1;
      if (c.lower[k] === 'that') k++;
      const hi = Math.min(sHi, c.tokBefore(mk0.innerEnd));
      if (hi - k < 2) continue;
      const span = trimSpan(c.text, c.toks[k].start, c.toks[hi].end);
      out.push({
        start: span.start,
        end: span.end,
        fragments: null,
        kind: 'indirect',
        cue: { start: c.toks[i].start, end: c.toks[i].end },
        subject,
        speech: true,
        parent: q,
      });
      break;
    }
  }
  return out;
}

/** The subject of a participle cue (", adding that …"): the last subject in this sentence, else its opening name. */
function inheritedSubject(c: Ctx, out: Candidate[], i: number, lo: number): Span | null {
  const s = c.toks[lo].start;
  for (let k = out.length - 1; k >= 0; k--) {
    const q = out[k];
    if (q.cue && q.cue.start >= s && q.cue.start < c.toks[i].start && q.subject) return q.subject;
    if (q.end < s) break;
  }
  // The sentence's own subject: a phrase at its start followed by a verb.
  for (let k = lo; k < i; k++) {
    const ci = cueAt(c, k);
    if (ci && ci.form === 'finite') return subjectBefore(c, k, lo);
  }
  return sentenceSubject(c, lo, i);
}

const HEADLINE_LABELS =
  /^(?:contributing|contributors?|reporting|the latest|latest|a reminder|reminder|here goes|follow .*|delegate update|so|but|and|or|yes|no|here|now|why|what|how|who|when|where|well|then|still|also|again|result|bottom line|the bottom line|translation|question|answer|update|updated|watch|video|videos|photos?|exclusive|breaking|opinion|analysis|editorial|note|editor['’]s note|related|read more|see also|source|sources|tags?|topics?|by|from|posted|published|filed under|live|listen|correction|q|a|fact check|explainer|timeline|key points|what we know|\d.*)$/i;

const LEADING = new Set([
  'but',
  'and',
  'so',
  'however',
  'then',
  'still',
  'yet',
  'also',
  'meanwhile',
  'instead',
  'later',
]);

/** The noun phrase that opens a sentence ("The Florida senator sought …, saying"): a name run, a pronoun, or a
 * determiner with up to three words. */
function sentenceSubject(c: Ctx, lo: number, limit: number): Span | null {
  let s = lo;
  while (s < limit && (LEADING.has(c.lower[s]) || c.toks[s].text === ',')) s++;
  // A leading phrase up to a comma ("On Monday, …", "In a statement, …").
  if (s < limit && PREPOSITIONS.has(c.lower[s])) {
    let j = s;
    while (j < limit && j - s < 10 && c.toks[j].text !== ',') j++;
    if (j < limit && c.toks[j].text === ',') s = j + 1;
    else return null;
  }
  if (s >= limit || !c.isWord(s)) return null;
  let e = s;
  if (PRONOUNS.has(c.lower[s])) e = s;
  else if (c.isCap(s) && !DETERMINERS.has(c.lower[s])) {
    while (e + 1 < limit && (c.isCap(e + 1) || (c.toks[e + 1].text === '.' && c.isCap(e + 2)))) e++;
  } else if (DETERMINERS.has(c.lower[s]) || /\p{N}/u.test(c.toks[s].text)) {
    while (
      e + 1 < limit &&
      e - s < 4 &&
      c.isWord(e + 1) &&
      !NON_NP_VERBS.has(c.lower[e + 1]) &&
      !CLAUSE_WORDS.has(c.lower[e + 1]) &&
      !PREPOSITIONS.has(c.lower[e + 1]) &&
      !c.cue[e + 1] &&
      !/^\p{Ll}{3,}ed$/u.test(c.toks[e + 1].text)
    )
      e++;
    if (e === s) return null;
  } else return null;
  return { start: c.toks[s].start, end: c.toks[e].end };
}

const ADVERBIAL_TAIL =
  /^(?:(?:on|last|early|late|this|earlier|later)?\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|week|month|year|morning|afternoon|evening|night)\b|(?:in|during|at|on|via|to|from|with|after|before|over)\b)/i;

/** Reported speech with its cue at token i, within the sentence lo..hi. */
function reportedAt(c: Ctx, i: number, lo: number, hi: number, out: Candidate[]): Candidate | null {
  const text = c.text;
  const w = c.lower[i];
  const sStart = c.toks[lo].start;
  const sEnd = c.toks[hi].end;

  // "according to X, …" / "…, according to X."
  if (w === 'according' && c.lower[i + 1] === 'to') {
    const subject = subjectAfter(c, i + 1, hi, true);
    if (!subject) return null;
    const cue = { start: c.toks[i].start, end: c.toks[i + 1].end };
    const subjEnd = c.tokBefore(subject.end);
    let lead = lo;
    while (lead < i && (c.lower[lead] === 'but' || c.lower[lead] === 'and' || c.lower[lead] === 'however'))
      lead++;
    if (lead === i || (lead === i - 1 && c.toks[lead].text === ',')) {
      // According to X, CONTENT
      let k = subjEnd + 1;
      while (k <= hi && c.toks[k].text !== ',') k++;
      if (k >= hi) return null;
      let [s, e] = [c.toks[k + 1].start, sEnd];
      [s, e] = extendOverMarks(c, s, e);
      const span = trimSpan(text, s, e);
      return mk(c, span, cue, subject);
    }
    // CONTENT, according to X[, CONTENT]
    if (c.toks[i - 1]?.text !== ',' && c.toks[i - 1]?.text !== '(') return null;
    const before = trimSpan(text, sStart, c.toks[i - 1].start);
    const k = subjEnd + 1;
    if (k <= hi && c.toks[k].text === ',' && hi - k > 3) {
      const rest = trimSpan(text, c.toks[k + 1].start, sEnd);
      return mk(c, { start: before.start, end: rest.end }, cue, subject, [before, rest]);
    }
    if (before.end - before.start < 10) return null;
    const [s, e] = extendOverMarks(c, before.start, before.end);
    return mk(c, { start: s, end: e }, cue, subject);
  }

  // A question put to somebody: "Asked if he was ever bullied, …", "When asked whether …, …", "X was asked what …".
  if (
    w === 'asked' &&
    /^(?:if|whether|what|who|why|how|when|where|which|about|to)$/.test(c.lower[i + 1] ?? '')
  ) {
    const prev = c.lower[i - 1] ?? '';
    const passive =
      i === lo ||
      prev === 'when' ||
      prev === 'was' ||
      prev === 'were' ||
      prev === 'being' ||
      prev === 'after';
    if (!passive) return null;
    let e = i + 1;
    while (e <= hi && !(c.inMark[e] < 0 && /^[,;.?]$/.test(c.toks[e].text))) e++;
    if (e - (i + 1) < 2) return null;
    c.usedCue.add(i);
    return mk(
      c,
      trimSpan(text, c.toks[i + 1].start, c.toks[e - 1].end),
      { start: c.toks[i].start, end: c.toks[i].end },
      null,
    );
  }

  // "in his words, …" / "in the words of X, …"
  if (w === 'words' && c.lower[i - 2] === 'in' && /^(?:his|her|their|its)$/.test(c.lower[i - 1])) {
    if (c.toks[i + 1]?.text !== ',' || i + 2 > hi) return null;
    const subject = { start: c.toks[i - 1].start, end: c.toks[i - 1].end };
    const [s, e] = extendOverMarks(c, c.toks[i + 2].start, sEnd);
    return mk(c, trimSpan(text, s, e), { start: c.toks[i - 2].start, end: c.toks[i].end }, subject);
  }

  const info = cueAt(c, i);
  if (!info) return null;
  if (
    info.lemma === 'speak' &&
    !/^(?:about|of|on|against|out|favorably|highly|glowingly|fondly|positively|negatively)$/.test(
      c.lower[i + 1] ?? '',
    )
  )
    return null;
  const cue: Span = { start: c.toks[i].start, end: c.toks[i].end };
  let cueEnd = i;
  if (info.lemma === 'point') cueEnd = i + 1;

  // Participle after a comma: "…, adding that …".
  let subject: Span | null = null;
  let inverted = false;
  const progressive =
    info.form === 'participle' && /^(?:is|are|was|were|been|am|'s|’s)$/.test(c.lower[i - 1] ?? '');
  if (progressive) {
    // "Hillary Clinton is telling customers that …", "Trump is questioning whether …"
    subject = subjectBefore(c, i - 1, lo);
    if (!subject) return null;
  } else if (info.form === 'participle') {
    if (!/^(?:,|and|by|while|after|before|—|–)$/.test(c.lower[i - 1] ?? '')) {
      // "with O'Malley calling Trump a fascist", "Pope Francis calling Christmas a sham": a subject of its own
      subject = subjectBefore(c, i, lo);
      if (!subject || !agentLike(c, subject)) return null;
    } else subject = inheritedSubject(c, out, i, lo);
    if (!subject) return null;
  } else {
    subject = subjectBefore(c, i, lo);
    if (!subject && c.toks[i - 1]?.text === ',') {
      subject = subjectAfter(c, i, hi);
      inverted = !!subject;
    }
    if (!subject) return null;
  }
  if ((info.form === 'participle' || info.lemma === c.lower[i]) && info.objectual && !agentLike(c, subject))
    return null;

  // What follows the cue (after the subject when inverted).
  let k = inverted ? c.tokBefore(subject!.end) + 1 : cueEnd + 1;
  const subjTok = c.tokAfter(subject.start);
  const commaBefore = subjTok > lo && c.toks[subjTok - 1].text === ',';

  // Clause-final: "CONTENT, X said [on Tuesday]." or "CONTENT, said X." or "CONTENT, X told TASS."
  if (info.recipient && !inverted) {
    let j = k;
    while (
      j <= hi &&
      j - k < 6 &&
      (c.isCap(j) || (j === k && /^(?:him|her|them|me|us|you|reporters|journalists)$/.test(c.lower[j])))
    )
      j++;
    if (j > k && (j > hi || /^[.!?,]$/.test(c.toks[j].text))) k = j;
  }
  let restEnd = hi;
  for (let j = k; j < hi; j++) {
    if (/^[,—–]$/.test(c.toks[j].text) && (isParticipleCue(c, j + 1) || c.lower[j + 1] === 'according')) {
      restEnd = j;
      break;
    }
  }
  const rest = text.slice(c.toks[Math.min(k, hi)].start, c.toks[restEnd].end);
  const tailTokens = restEnd - k + 1;
  const tailIsAdverbial =
    k > hi ||
    (tailTokens <= 9 && ADVERBIAL_TAIL.test(rest) && !/\bthat\b|[:“”"]/.test(rest)) ||
    /^[,—–]$/.test(rest) ||
    /^[.!?]/.test(rest) ||
    /^,\s*(?:adding|saying|noting|arguing|explaining|according)\b/i.test(rest);
  // "…, said Robert Egge, executive director of …": the comma after an inverted subject opens its appositive
  const invertedAppositive = inverted && c.toks[k]?.text === ',';
  if ((commaBefore || inverted) && (tailIsAdverbial || invertedAppositive) && info.form !== 'participle') {
    const commaTok = inverted ? i - 1 : subjTok - 1;
    let [s, e] = [sStart, c.toks[commaTok].start];
    [s, e] = extendOverMarks(c, s, e);
    const span = trimSpan(text, s, e);
    if (span.end - span.start < 8) return null;
    c.usedCue.add(i);
    return mk(c, span, cue, subject);
  }
  // Parenthetical: "CONTENT, X said, CONTENT."
  if ((commaBefore || inverted) && info.form !== 'participle') {
    let j = k;
    while (j <= hi && (BETWEEN_SUBJECT_AND_VERB.has(c.lower[j]) || WEEKDAYS.has(c.lower[j]))) j++;
    if (j <= hi && c.toks[j].text === ',' && hi - j > 2) {
      const commaTok = inverted ? i - 1 : subjTok - 1;
      const a = trimSpan(text, sStart, c.toks[commaTok].start);
      const b = trimSpan(text, c.toks[j + 1].start, sEnd);
      if (a.end - a.start >= 3 && b.end - b.start >= 3) {
        c.usedCue.add(i);
        return mk(c, { start: a.start, end: b.end }, cue, subject, [a, b]);
      }
    }
  }
  if (inverted) return null;

  // Forward: "X said (that) CONTENT".
  k = inverted ? k : cueEnd + 1;
  // Recipient and adverbials before the content: look for "that" or a colon within a few tokens.
  let start = -1;
  for (let j = k; j <= Math.min(hi, k + 20); j++) {
    const t = c.lower[j];
    if (t === 'that' && j > k - 1) {
      start = j;
      break;
    }
    // "says his campaign is the only one that …": a clause before "that" makes it a relative pronoun
    if (NON_NP_VERBS.has(t) || /^(?:he|she|they|it|we|i|you|his|their|its|our|my)$/.test(t)) break;
    if (t === ':') {
      start = j + 1;
      break;
    }
    if (t === ',' && j === k) continue;
    if (c.inMark[j] >= 0 || /^[.;!?]$/.test(t)) break;
    if (c.cue[j]) break;
  }
  const thatOrColon = start >= 0;
  let objectual = false;
  if (!thatOrColon && (info.objectual || OBJECT_VERBS.has(info.lemma))) {
    // "called him “a total stiff”", "called for talks", "described X as Y", "criticized X for Y".
    objectual = true;
    if (info.lemma === 'call' && /^(?:for|on|out)$/.test(c.lower[k] ?? '')) {
      cue.end = c.toks[k].end;
      k++;
    } else if (info.lemma === 'call' || info.lemma === 'charge') {
      // a naming: only with a quotation in it
      let quoted = false;
      for (let j = k; j <= hi && !/^[.;]$/.test(c.toks[j].text); j++) if (c.inMark[j] >= 0) quoted = true;
      // "called him a political opportunist", "calling Trump a fascist": an object, then a description
      let named = false;
      if (info.lemma === 'call' && agentLike(c, subject)) {
        let j = k;
        if (/^(?:him|her|them|it|himself|herself|themselves|me|us|you)$/.test(c.lower[j] ?? '')) j++;
        else while (j <= hi && j - k < 5 && c.isCap(j)) j++;
        named = j > k && /^(?:a|an|the)$/.test(c.lower[j] ?? '');
      }
      if (!quoted && !named) return null;
    } else if (info.lemma === 'describe') {
      let as = false;
      for (let j = k; j <= Math.min(hi, k + 12); j++) if (c.lower[j] === 'as' || c.inMark[j] >= 0) as = true;
      if (!as) return null;
    } else if (/^(?:against|about|for|on|out|over|up)$/.test(c.lower[k] ?? '') && k === cueEnd + 1) {
      cue.end = c.toks[k].end;
      k++;
    }
    start = k;
    if (start > hi || (!c.isWord(start) && c.inMark[start] < 0)) return null;
  }
  if (!thatOrColon && !objectual) {
    if (NEEDS_COMPLEMENT.has(info.lemma) && !info.recipient) {
      const quoted = c.inMark[k] >= 0 || (c.toks[k]?.text === ',' && c.inMark[k + 1] >= 0);
      // "CNN reported at least six planes filled the skies …": a bare clause after a named reporter
      const clause = CLAUSE_VERBS.has(info.lemma) && agentLike(c, subject) && looksLikeClause(c, k, hi);
      // "pledged Saturday to rid the world of …": a promise in an infinitive
      let inf = -1;
      if (/^(?:pledge|promise|vow|agree|threaten|urge|propose)$/.test(info.lemma)) {
        for (let j = k; j <= Math.min(hi, k + 3); j++) if (c.lower[j] === 'to') inf = j;
      }
      // "As The Washington Post reported, CONTENT": the content is the main clause after the comma
      const st = c.tokAfter(subject.start);
      let afterCue = k;
      while (
        afterCue <= hi &&
        (BETWEEN_SUBJECT_AND_VERB.has(c.lower[afterCue]) || WEEKDAYS.has(c.lower[afterCue]))
      )
        afterCue++;
      const asLead =
        c.lower[st - 1] === 'as' &&
        (st - 1 === lo || /^(?:,|and|but|so)$/.test(c.lower[st - 2] ?? '')) &&
        c.toks[afterCue]?.text === ',';
      if (inf >= 0) k = inf;
      else if (asLead) k = afterCue + 1;
      else if (
        !quoted &&
        !clause &&
        !(
          agentLike(c, subject) &&
          !NOT_WITH_OBJECT.has(info.lemma) &&
          c.isWord(k) &&
          !/^(?:to|in|on|at|for|with|from|by|up|out|as|after|before|during|when|while|of)$/.test(c.lower[k])
        )
      )
        return null;
    }
    // Skip a recipient: "told reporters", "told The New York Times", "told him".
    if (info.recipient) {
      let j = k;
      let n = 0;
      while (
        j <= hi &&
        n < 6 &&
        (c.isCap(j) ||
          DETERMINERS.has(c.lower[j]) ||
          /^(?:him|her|them|me|us|you|reporters|journalists|supporters|lawmakers|voters|members|the|a|an)$/.test(
            c.lower[j],
          ) ||
          (c.isWord(j) && /^(?:if|whether|to|that|about|what|why|how|when)$/.test(c.lower[j + 1] ?? '')) ||
          (REC2 &&
            n < 2 &&
            c.isWord(j) &&
            /^\p{Ll}+$/u.test(c.toks[j].text) &&
            !c.cue[j] &&
            !NON_NP_VERBS.has(c.lower[j]) &&
            c.isCap(j + 1)))
      ) {
        j++;
        n++;
        if (n >= 1 && !c.isCap(j) && !DETERMINERS.has(c.lower[j - 1])) break;
      }
      if (n === 0) return null;
      k = j;
    }
    // Skip time and place adverbials: "on Tuesday", "in a statement", "in an interview with CNN".
    for (let guard = 0; guard < 3 && k <= hi; guard++) {
      const t = c.lower[k];
      if (WEEKDAYS.has(t) || t === ',') {
        k++;
        continue;
      }
      if (t === 'on' && WEEKDAYS.has(c.lower[k + 1])) {
        k += 2;
        continue;
      }
      if (
        (t === 'in' || t === 'during' || t === 'at') &&
        DETERMINERS.has(c.lower[k + 1]) &&
        /^(?:statement|interview|speech|letter|email|e-mail|tweet|post|press|news|video|op-ed|note|memo|televised|radio|tv|rally|debate|hearing)/.test(
          c.lower[k + 2] ?? '',
        )
      ) {
        let j = k + 2;
        while (
          j <= hi &&
          c.toks[j].text !== ',' &&
          c.lower[j] !== 'that' &&
          j - k < 8 &&
          !(c.isCap(j) && c.lower[j - 1] !== 'with' && !c.isCap(j - 1))
        )
          j++;
        if (c.lower[j] === 'that') {
          k = j;
          break;
        }
        k = j;
        continue;
      }
      break;
    }
    start = k;
  }
  if (start > hi) return null;
  // "Sweeny said after an event in Edison": an adverbial, not content
  if (
    !thatOrColon &&
    !objectual &&
    /^(?:after|before|during|while|as|when|at|outside|inside|afterward|afterwards|later|earlier)$/.test(
      c.lower[start],
    )
  )
    return null;
  const cStart = c.toks[start].start;
  // The content runs to the sentence end, or to ", adding …", ", according to …" or a later cue clause.
  let endTok = hi;
  for (let j = start + 1; j <= hi; j++) {
    // "… “maniacal,” adding, “…”": a quotation's own comma, then a participle of saying
    if (
      c.isQuoteMark(j) &&
      c.toks[j - 1]?.text === ',' &&
      isParticipleCue(c, j + 1) &&
      c.cue[j + 1]!.lemma !== c.lower[j + 1]
    ) {
      endTok = j;
      break;
    }
    if (c.inMark[j] >= 0) continue;
    const t = c.toks[j].text;
    // "he respects Clinton and calls her …", "… but did not suggest …": a coordinated verb of saying
    if ((c.lower[j] === 'and' || c.lower[j] === 'but') && j - start >= 2) {
      let v = j + 1;
      while (v <= hi && v - j <= 3 && /^(?:did|does|do|not|n't|n’t|also|then|later|never)$/.test(c.lower[v]))
        v++;
      const ci = c.cue[v];
      if (ci && (ci.form === 'finite' || (ci.form === 'base' && v > j + 1)) && SAYING.has(ci.lemma)) {
        endTok = c.toks[j - 1].text === ',' ? j - 2 : j - 1;
        break;
      }
    }
    // ", adding …", ", saying …" (verbs of saying; ", responding to pressure …" is part of the content)
    if (
      (t === ',' || t === '—' || t === '–') &&
      ((isParticipleCue(c, j + 1) && c.cue[j + 1]!.lemma !== c.lower[j + 1]) ||
        c.lower[j + 1] === 'according')
    ) {
      endTok = j - 1;
      break;
    }
    if (
      /^(?:before|after|while|when|by|and|then)$/.test(c.lower[j]) &&
      isParticipleCue(c, j + 1) &&
      j > start + 2
    ) {
      endTok = c.toks[j - 1].text === ',' ? j - 2 : j - 1;
      break;
    }
    // ", a plan the billionaire has modified …": a trailing appositive
    if (
      t === ',' &&
      /^(?:a|an|compared|even|despite|less|more|leading|putting)$/.test(c.lower[j + 1] ?? '') &&
      j > start + 3
    ) {
      endTok = j - 1;
      break;
    }
    // A non-restrictive relative clause describes, it does not report: "…, which would slash …".
    if (t === ',' && /^(?:which|who|whose)$/.test(c.lower[j + 1] ?? '') && j > start + 2) {
      endTok = j - 1;
      break;
    }
    // A second clause with its own subject: "…, but Cook did not say when", "…; …", "… while 48 percent …".
    if (
      t === ';' ||
      (t === ',' &&
        /^(?:but|however|though|although|while|whereas)$/.test(c.lower[j + 1] ?? '') &&
        c.lower[j + 2] !== 'that') ||
      ((c.lower[j] === 'while' || c.lower[j] === 'whereas') && j > start + 2)
    ) {
      endTok = j - 1;
      break;
    }
    // "… and more than 4 in 10 said …": stop before a coordinated clause that has a cue of its own.
    if ((c.lower[j] === 'and' || c.lower[j] === 'but') && j - start >= 2) {
      let cue2 = -1;
      for (let k2 = j + 1; k2 <= Math.min(hi, j + 10); k2++) {
        if (c.inMark[k2] >= 0 || /^[,;:.]$/.test(c.toks[k2].text)) break;
        const ci = cueAt(c, k2);
        if (ci && ci.form === 'finite') {
          cue2 = k2;
          break;
        }
      }
      // "… and never called a donor": a verb of the content itself unless a verb of saying or a new subject
      if (cue2 > j && (cue2 > j + 2 || !c.cue[cue2]?.objectual)) {
        endTok = c.toks[j - 1].text === ',' ? j - 2 : j - 1;
        break;
      }
    }
  }
  // A later cue with its own clause: "they are undecided, 27 percent … said …" — stop at the first break before it.
  for (let j = start + 1; j <= endTok; j++) {
    if (c.inMark[j] >= 0 || !c.cue[j] || c.cue[j]!.form !== 'finite' || !cueAt(c, j)) continue;
    // the last break before it starts the new clause, unless the break closes an appositive of the content's own
    // subject ("his band and Brian Burton, AKA Danger Mouse, wrote …"); "…, 38 percent — who said" cuts before
    // the relative's antecedent
    const sep = (x: number) =>
      (c.inMark[x] < 0 && /^[,;—–]$/.test(c.toks[x].text)) ||
      (c.isQuoteMark(x) && c.toks[x - 1]?.text === ',' && c.inMark[x + 1] < 0);
    let b = j - 1;
    while (b > start + 1 && !sep(b)) b--;
    if (b > start + 1 && /^(?:who|which|that)$/.test(c.lower[b + 1] ?? '')) {
      b--;
      while (b > start + 1 && !sep(b)) b--;
    }
    // "Podesta, who said the project was vetted …, said he was unaware …": the relative's content ends where the
    // main clause's verb comes back
    const relative = c.lower[i - 1] === 'who';
    if (b > start + 1 && (b < j - 1 || relative)) endTok = b - 1;
    break;
  }
  // A quotation with its own comma, then an adverbial: "cautioned “let’s not get ahead of ourselves,” before …".
  const m0 = c.inMark[start];
  if (m0 >= 0 && /,\s*$/.test(text.slice(c.marked[m0].innerStart, c.marked[m0].innerEnd))) {
    endTok = Math.min(endTok, c.tokBefore(c.marked[m0].end));
  }
  let [s, e] = [cStart, c.toks[endTok].end];
  [s, e] = extendOverMarks(c, s, e);
  const span = trimSpan(text, s, e);
  if (span.end - span.start < 3) return null;
  // A noun rather than a clause after non-"that" say-verbs ("said nothing", "told the story") is weak evidence; keep
  // clauses of at least three words.
  const words = text.slice(span.start, span.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words < (objectual ? 1 : 3) && kindOf(c, span.start, span.end) === 'indirect') return null;
  c.usedCue.add(i);
  return mk(c, span, cue, subject);
}

function mk(c: Ctx, span: Span, cue: Span, subject: Span | null, fragments: Span[] | null = null): Candidate {
  const subjText = subject ? c.text.slice(subject.start, subject.end) : '';
  return {
    start: span.start,
    end: span.end,
    fragments,
    kind: kindOf(c, span.start, span.end),
    cue,
    subject,
    speech: !NON_SPEECH_SOURCES.test(subjText),
  };
}

/** Overlapping candidates: keep the earlier-found (A, B before C) unless the later one covers it. */
function dedupe(cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const q of cands) {
    const clash = out.findIndex(
      (p) =>
        p.start < q.end &&
        q.start < p.end &&
        (p.cue?.start === q.cue?.start || contains(p, q) || contains(q, p)),
    );
    if (clash < 0) out.push(q);
  }
  return out.sort((a, b) => a.start - b.start);
}

function contains(a: Span, b: Span): boolean {
  return a.start <= b.start && b.end <= a.end;
}

// ---------------------------------------------------------------- speakers

function pickMention(mentions: Mention[], subject: Span): Mention | null {
  let best: Mention | null = null;
  // mentions sorted by start; a mention is at most a few hundred characters long
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < subject.start - 300) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < mentions.length && mentions[i].start < subject.end; i++) {
    const m = mentions[i];
    if (m.end <= subject.start) continue;
    if (!best) best = m;
    else if (m.type === 'PERSON' && best.type !== 'PERSON') best = m;
  }
  return best;
}

/** The head of a subject without a mention: cut at "of", "for", a comma. */
function headOf(text: string, subject: Span): Span {
  const s = text.slice(subject.start, subject.end);
  const m = /,|\s(?:of|for|at|from|with|who)\s/.exec(s);
  return m ? { start: subject.start, end: subject.start + m.index } : subject;
}

export function resolveSpeakers(doc: AnnotatedDocument, cands: Candidate[]): Quote[] {
  const text = doc.text;
  const typeOf = new Map(doc.entities.map((e) => [e.id, e.type]));
  const quotes: Quote[] = [];
  let lastPerson: string | null = null;
  const sorted = doc.mentions.every((m, i, a) => i === 0 || a[i - 1].start <= m.start)
    ? doc.mentions
    : [...doc.mentions].sort((a, b) => a.start - b.start);
  const ids = new Map<Candidate, string>();
  for (const q of cands) {
    let speaker: QuoteSpeaker | null = null;
    if (q.subject) {
      const m = pickMention(sorted, q.subject);
      const span = m ?? headOf(text, q.subject);
      speaker = {
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        entity: m?.entity ?? null,
      };
      if (!speaker.entity && /^\p{Lu}/u.test(speaker.text)) {
        // "Sanders said" with no mention: the one PERSON/ORG entity whose name ends with (or is) these words
        const name = speaker.text.replace(/^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Pres|Prof)\.\s+/, '');
        const hits = doc.entities.filter(
          (e) =>
            (e.type === 'PERSON' || e.type === 'ORG') && (e.name === name || e.name.endsWith(` ${name}`)),
        );
        if (hits.length === 1) speaker.entity = hits[0].id;
      }
      if (!speaker.entity) {
        const w = speaker.text.toLowerCase();
        const definite = /^the\s+\p{L}+$/u.test(w) && !/^the\s+\p{Lu}/u.test(speaker.text);
        if ((PERSON_PRONOUNS.has(w) || definite) && lastPerson) speaker.entity = lastPerson;
      }
    }
    if (speaker?.entity && !q.parent && typeOf.get(speaker.entity) === 'PERSON') lastPerson = speaker.entity;
    const quote: Quote = {
      id: `q${quotes.length + 1}`,
      kind: q.kind,
      start: q.start,
      end: q.end,
      text: text.slice(q.start, q.end),
      fragments: q.fragments ? q.fragments.map((f) => ({ ...f, text: text.slice(f.start, f.end) })) : null,
      cue: q.cue ? { ...q.cue, text: text.slice(q.cue.start, q.cue.end) } : null,
      speaker,
    };
    if (!q.speech) (quote as Quote & { speech?: boolean }).speech = false;
    if (q.parent) quote.parent = ids.get(q.parent) ?? null;
    ids.set(q, quote.id);
    quotes.push(quote);
  }
  return quotes;
}

let DEFAULTS: QuoteOptions = {};

/** Process-wide defaults for the stage (the evaluation's switches). */
export function setQuoteDefaults(opts: QuoteOptions): void {
  DEFAULTS = { ...opts };
}

export function extractQuotes(doc: AnnotatedDocument, opts: QuoteOptions = DEFAULTS): Quote[] {
  const rules = resolveSpeakers(doc, extractCandidates(doc, opts));
  if (opts.learned === false) return rules;
  // the learned layers (models/quotes-filter.json, models/quotes-recall.json; trained on PolNeAR train only)
  return addRecall(doc, filterQuotes(doc, rules));
}

export type { TextSpan };
