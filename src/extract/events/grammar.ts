import type { PloverType, Token } from '../../document.js';
import type { FormKind, Lexicon, VerbEntry } from './lexicon.js';
import {
  BE,
  COMMITTED,
  COMMON_VERBS,
  CONDITIONAL,
  DETERMINERS,
  DO,
  FUTURE,
  HAVE,
  HOSTILE,
  isAdverb,
  isPunct,
  MODALS,
  NEGATION,
  OBLIGATION,
  PLANNED,
  POSSIBLE,
  PREPOSITIONS,
  QUOTE_CHARS,
  RELATIVE,
  REPORTING,
  SCHEDULED,
  SUBORDINATORS,
  TIME_WORDS,
} from './words.js';

// Clause grammar over one sentence's tokens: which dictionary verbs occur in verb position, their voice,
// negation, modality and clause status, and the token regions that hold their subject and object.
// No parser: the rules read auxiliaries, complementisers, prepositions and punctuation, which is enough for
// the clause shapes news English uses to report political events.

export type Modality = 'asserted' | 'planned' | 'intended' | 'hypothetical' | 'conditional' | 'obligation';

export interface Tok {
  text: string;
  lower: string;
  start: number;
  end: number;
  cap: boolean;
}

export interface Region {
  /** Token indices, end-exclusive, sentence-local. */
  from: number;
  to: number;
}

export interface Candidate {
  entry: VerbEntry;
  type: PloverType;
  mode: string | null;
  context: string[];
  head: number;
  /** The last token the pattern matched. */
  last: number;
  kind: FormKind | 'noun';
  passive: boolean;
  negated: boolean;
  modal: string | null;
  modality: Modality;
  /** First token of the verb group (auxiliaries, modals, adverbs before the head). */
  groupStart: number;
  infinitive: boolean;
  /** In a subordinate clause (adverbial, relative, participial, gerund). */
  subordinate: boolean;
  /** Purpose clause or complement swallowed by a matrix verb: not an event of its own. */
  absorbed: boolean;
  subject: Region;
  object: Region;
  /** Extra regions whose actors are targets (an absorbed complement's object). */
  extraTargets: Region[];
  /** Region whose actors are the source instead of the subject (passive by-agent). */
  agent: Region | null;
  /** Whether the candidate is in a direct quotation. */
  quoted: boolean;
  /** On a schedule ("is scheduled to attend", "is due to visit"): planned, keeps its type. */
  scheduled?: boolean;
  /** An "unless …"/"if …" clause follows: "X will do Y unless Z" is a threat. */
  threatCondition?: boolean;
  confidence: number;
}

function isCapital(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(s);
}

export function toks(_text: string, tokens: Token[]): Tok[] {
  return tokens.map((t) => ({
    text: t.text,
    lower: t.text.toLowerCase(),
    start: t.start,
    end: t.end,
    cap: isCapital(t.text),
  }));
}

const ACT_GOVERNORS = new Set([
  'decided',
  'decides',
  'decide',
  'moved',
  'began',
  'begun',
  'started',
  'continued',
  'resumed',
  'managed',
  'proceeded',
  'voted',
  'chose',
]);

const EMPTY_LEX: Lexicon = { forms: new Map(), verbs: new Map(), nouns: new Map(), nounForms: new Map() };

/** Capitalised words that open a sentence as adjectives, not names: "New sanctions were …". */
const LEADING_ADJECTIVES = new Set([
  'new',
  'more',
  'further',
  'fresh',
  'additional',
  'other',
  'recent',
  'some',
  'many',
  'several',
  'most',
  'such',
  'heavy',
  'renewed',
  'western',
  'foreign',
  'international',
  'local',
  'military',
  'government',
  'opposition',
  'police',
  'rebel',
  'security',
]);

const PRONOUN_SUBJECTS = new Set(['they', 'we', 'i', 'you', 'he', 'she', 'it', 'who', 'which', 'that']);

/** Prepositions that open an adjunct about another situation: the object ends there. */
const CLAUSE_PREPS = new Set(['following', 'despite', 'amid', 'because', 'including', 'according', 'unlike']);

const HARD_BOUNDARY = new Set([';', ':', '(', ')', '[', ']', '—', '–']);

/** A verb of saying: lower case ("States" in "United States" is a name). */
export function isReporting(t: Tok): boolean {
  return REPORTING.has(t.lower) && !t.cap;
}

function isQuote(t: Tok): boolean {
  return QUOTE_CHARS.has(t.text);
}

/** Noun-position test for a token that could be a verb: after a determiner or possessive. */
function nounPosition(ts: Tok[], i: number, kinds: (FormKind | undefined)[]): boolean {
  const p = ts[i - 1];
  if (!p) return false;
  if (DETERMINERS.has(p.lower)) return true;
  // "a suicide bombing", "an official visit": article two tokens back, a modifier between; only for
  // forms that can be nouns (base and -ing), never a past tense ("the rebels attacked")
  if (!kinds.every((k) => k === 'base' || k === 's' || k === 'ing')) return false;
  const pp = ts[i - 2];
  return (
    !!pp &&
    (pp.lower === 'a' || pp.lower === 'an' || pp.lower === 'the') &&
    !isPunct(p.text) &&
    !BE.has(p.lower) &&
    !HAVE.has(p.lower) &&
    !MODALS.has(p.lower)
  );
}

function matchRest(ts: Tok[], from: number, rest: Set<string>[]): number | null {
  let j = from;
  let last = from - 1;
  for (const forms of rest) {
    let found = -1;
    for (let k = j; k < ts.length && k <= last + 6; k++) {
      const t = ts[k];
      if (HARD_BOUNDARY.has(t.text) || t.text === ',' || t.text === '.' || isQuote(t)) break;
      if (forms.has(t.lower)) {
        // "rallied in support of", "in protest at": an idiom's noun is not the verb's object
        if (k > last + 1 && ts[k - 1].lower === 'in') break;
        found = k;
        break;
      }
      if (k > last + 1 && (SUBORDINATORS.has(t.lower) || isReporting(t))) break;
    }
    if (found < 0) return null;
    last = found;
    j = found + 1;
  }
  return last;
}

interface Group {
  start: number;
  modal: string | null;
  negated: boolean;
  be: boolean;
  have: boolean;
  to: boolean;
}

/** Walk back from a verb over adverbs, negation, auxiliaries and modals: the verb group. */
function verbGroup(ts: Tok[], head: number): Group {
  const g: Group = { start: head, modal: null, negated: false, be: false, have: false, to: false };
  let i = head - 1;
  let sawAux = false;
  while (i >= 0) {
    const t = ts[i];
    const l = t.lower;
    if (NEGATION.has(l) && l !== 'no') g.negated = true;
    else if (MODALS.has(l) && !(l === 'may' && t.cap && i > 0)) {
      g.modal ??= l === "'ll" || l === '’ll' ? 'will' : l === "'d" || l === '’d' ? 'would' : l;
      sawAux = true;
    } else if (BE.has(l)) {
      // "is ready to", "are set to": be before a governor is not passive on our head
      if (!sawAux && !g.have) g.be = true;
      sawAux = true;
    } else if (HAVE.has(l)) {
      g.have = true;
      sawAux = true;
    } else if (DO.has(l)) sawAux = true;
    else if (l === 'to' && !sawAux) {
      g.to = true;
      g.start = i;
      break;
    } else if (l === 'going' || l === 'got' || l === 'get') {
      sawAux = true;
    } else if (!isAdverb(l)) break;
    g.start = i;
    i--;
  }
  return g;
}

/** Where the clause that holds token i begins (for the subject region) — walking back to a boundary. */
function clauseStart(ts: Tok[], i: number): { at: number; by: string } {
  for (let k = i - 1; k >= 0; k--) {
    const t = ts[k];
    if (HARD_BOUNDARY.has(t.text) || isQuote(t)) return { at: k + 1, by: t.text };
    if (t.text === ',') {
      // a headline's list of names: "Russia, China sign deal"
      if (namesOnly(ts, k + 1, i) && k > 0 && ts[k - 1].cap && (k === 1 || namesOnly(ts, 0, k))) continue;
      return { at: k + 1, by: ',' };
    }
    if (
      SUBORDINATORS.has(t.lower) &&
      !(
        t.lower === 'that' &&
        k > 0 &&
        !REPORTING.has(ts[k - 1].lower) &&
        DETERMINERS.has(ts[k + 1]?.lower ?? '')
      )
    )
      return { at: k + 1, by: t.lower };
    if (isReporting(t) && k < i - 1) return { at: k + 1, by: 'reporting' };
    if ((t.lower === 'and' || t.lower === 'but') && k === i - 1) return { at: k + 1, by: t.lower };
  }
  return { at: 0, by: 'start' };
}

function namesOnly(ts: Tok[], from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) if (!ts[k].cap && ts[k].lower !== 'and' && ts[k].text !== ',') return false;
  return true;
}

/** Where the clause after token i ends (for the object region). */
function clauseEnd(ts: Tok[], from: number, lex: Lexicon): number {
  for (let k = from; k < ts.length; k++) {
    const t = ts[k];
    if (HARD_BOUNDARY.has(t.text) || isQuote(t) || t.text === '.' || t.text === '?' || t.text === '!')
      return k;
    if (t.text === ',') {
      const n = ts[k + 1];
      // a list of names continues ("the US, Britain and France"); anything else ends the clause
      if (n?.cap && !SUBORDINATORS.has(n.lower) && !reportingTail(ts, k + 1)) continue;
      return k;
    }
    if (SUBORDINATORS.has(t.lower) || isReporting(t) || CLAUSE_PREPS.has(t.lower)) return k;
    if (t.lower === 'to' && k > from) {
      const n = ts[k + 1];
      if (n && !n.cap && (lex.forms.has(n.lower) || COMMON_VERBS.has(n.lower)) && !DETERMINERS.has(n.lower))
        return k;
    }
    if ((t.lower === 'and' || t.lower === 'but') && k > from) {
      const n = ts[k + 1];
      if (n && (MODALS.has(n.lower) || HAVE.has(n.lower) || isVerbForm(lex, n))) return k;
    }
  }
  return ts.length;
}

/** ", Chancellor Olaf Scholz said": a verb of saying before the next comma ends the clause at this comma. */
function reportingTail(ts: Tok[], from: number): boolean {
  for (let k = from; k < ts.length && k < from + 8; k++) {
    if (ts[k].text === ',' || ts[k].text === '.') return false;
    if (isReporting(ts[k])) return true;
  }
  return false;
}

function isVerbForm(lex: Lexicon, t: Tok): boolean {
  const f = lex.forms.get(t.lower);
  return !!f && f.some((x) => x.kind !== 'base') && !t.cap;
}

/** Is token k inside a subordinate clause (from a subordinator up to the next comma), a relative or a gerund? */
function subordinateAt(ts: Tok[], k: number): { sub: boolean; conditional: boolean } {
  let conditional = false;
  for (let j = k - 1; j >= 0; j--) {
    const t = ts[j];
    if (t.text === ',' || HARD_BOUNDARY.has(t.text) || isQuote(t)) break;
    if (isReporting(t)) break;
    if (CONDITIONAL.has(t.lower)) conditional = true;
    // "in case of", "in the event of"
    if (t.lower === 'case' && ts[j - 1]?.lower === 'in') conditional = true;
    if (t.lower === 'event' && ts[j - 1]?.lower === 'the' && ts[j - 2]?.lower === 'in') conditional = true;
    if (conditional) return { sub: true, conditional };
    if (RELATIVE.has(t.lower)) return { sub: true, conditional: false };
    if (t.lower === 'that') {
      // "that" after a reporting or demanding verb opens a complement, reported as fact
      // (also with an object or a time between: "told Moscow that", "said on Friday that")
      for (let b = j - 1; b >= 0 && b >= j - 4; b--) {
        const w = ts[b].lower;
        // "denied that troops had fired": what is denied is not reported as having happened
        if (/^(den(y|ies|ied)|refut(e|es|ed)|dismiss(ed|es)?)$/.test(w))
          return { sub: true, conditional: true };
        if (
          isReporting(ts[b]) ||
          /^(demand|insist|warn|agree|urge|ask|announce|decide|promise|pledge|alleg)/.test(w)
        )
          return { sub: false, conditional: false };
        if (ts[b].text === ',' || SUBORDINATORS.has(w)) break;
      }
      // after a noun it is a relative clause or a noun's complement ("an admission that …")
      const p = ts[j - 1];
      if (p && !isPunct(p.text) && !DETERMINERS.has(p.lower)) return { sub: true, conditional: false };
      return { sub: false, conditional: false };
    }
    if (SUBORDINATORS.has(t.lower)) return { sub: true, conditional: false };
  }
  return { sub: false, conditional };
}

function pastLike(kind: FormKind | 'noun'): boolean {
  return kind === 'pp' || kind === 'pastpp';
}

/** Find the dictionary verbs of one sentence and read their clause. */
export function findCandidates(ts: Tok[], lex: Lexicon): Candidate[] {
  const out: Candidate[] = [];
  const consumed = new Set<number>();
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (consumed.has(i)) continue;
    const readings = lex.forms.get(t.lower);
    if (!readings) continue;
    // a capitalised word inside a sentence is a name ("Free Tibet", "Operation Strike")
    if (t.cap && i > 0 && !isQuote(ts[i - 1]) && t.text !== t.text.toUpperCase()) continue;
    if (
      nounPosition(
        ts,
        i,
        readings.map((r) => r.kind),
      )
    )
      continue;
    let best: { entry: VerbEntry; last: number; kind: FormKind } | null = null;
    // "beat" is base and past: the past reading needs no subject test, so it goes first
    const ordered =
      readings.length > 1
        ? [...readings].sort((a, b) => Number(a.kind === 'base') - Number(b.kind === 'base'))
        : readings;
    for (const r of ordered) {
      for (const e of lex.verbs.get(r.lemma) ?? []) {
        let last = e.rest.length ? matchRest(ts, i + 1, e.restForms) : i;
        // a passive has the pattern's object before it: "peacekeepers were deployed", "sanctions were imposed"
        if (last === null && e.rest.length === 1 && pastLike(r.kind) && passiveObject(ts, i, e.restForms[0]))
          last = i;
        if (last === null) continue;
        if (!best || e.rest.length > best.entry.rest.length) best = { entry: e, last, kind: r.kind };
        break;
      }
    }
    if (!best) continue;
    const { entry, last, kind } = best;
    const g = verbGroup(ts, i);
    // "resorted to throwing stones": an -ing form after "to" is a gerund, not an infinitive
    if (kind === 'ing' && g.to) {
      g.to = false;
      g.start = i;
    }
    const prev = ts[g.start - 1];
    const gerund =
      kind === 'ing' && !g.be && !!prev && (PREPOSITIONS.has(prev.lower) || DETERMINERS.has(prev.lower));
    const participleClause = kind === 'ing' && !g.be && (prev?.text === ',' || g.start === 0);
    // "accused of blowing up", "a trip aimed at pushing for": a gerund under a preposition other than "to"
    // names an act as a topic; it is not reported as an event
    if (gerund && prev && prev.lower !== 'to' && PREPOSITIONS.has(prev.lower)) continue;
    // passive: be + participle, or a reduced relative ("the treaty inked by Russia")
    const next = ts[last + 1];
    const byAgent = pastLike(kind) && (next?.lower === 'by' || ts[i + 1]?.lower === 'by');
    // "is opposed to", "is committed to": a stance, not a passive
    const stance = (entry.head === 'oppose' || entry.head === 'commit') && ts[last + 1]?.lower === 'to';
    const passive = pastLike(kind) && !stance && (g.be || (byAgent && !g.have && !g.modal));
    const reduced = passive && !g.be;
    if (entry.frame === 'passive' && !passive) continue;
    // "a portrait shot of …", "the release of …": a participle form right before "of" is a noun
    if (pastLike(kind) && !g.be && ts[i + 1]?.lower === 'of' && last === i) continue;
    // releasing a report or an album is not releasing prisoners
    if (entry.mode === 'release' && (THINGS.has(ts[i - 1]?.lower ?? '') || nextNoun(ts, i + 1, THINGS)))
      continue;
    // provision language: "the treaty provides for assistance" describes a term, not an act
    if (entry.head === 'provide' && ts[i + 1]?.lower === 'for') continue;
    // a "that" after allege/deny/protest reports speech: not an event
    if (
      (entry.type === 'ACCUSE' && entry.mode === 'allege' && entry.frame !== 'that') ||
      entry.type === 'PROTEST' ||
      entry.head === 'deny'
    )
      if (last === i && ts[last + 1]?.lower === 'that') continue;
    if (
      (kind === 'base' || kind === 's') &&
      !g.to &&
      !g.modal &&
      !g.negated &&
      !g.have &&
      !DO.has(prev?.lower ?? '')
    ) {
      // a bare present form is a verb after a pronoun or a name ("Russia attacks"), not after a common noun
      // or modifier ("military aid", "rocket fire", "aid groups")
      if (
        !prev ||
        !(
          PRONOUN_SUBJECTS.has(prev.lower) ||
          (prev.cap && (g.start > 1 || !LEADING_ADJECTIVES.has(prev.lower))) ||
          prev.text === ')' ||
          prev.lower === 'and' ||
          prev.lower === 'or'
        )
      )
        continue;
    }
    if (
      kind === 'ing' &&
      !g.be &&
      prev &&
      !isPunct(prev.text) &&
      !PREPOSITIONS.has(prev.lower) &&
      !DETERMINERS.has(prev.lower) &&
      !prev.cap &&
      prev.lower !== 'and' &&
      // "a declaration demanding that …"
      !(entry.frame === 'that' && ts[last + 1]?.lower === 'that')
    )
      continue;
    const sub = subordinateAt(ts, g.start);
    for (let k = i; k <= last; k++) consumed.add(k);
    const cs = clauseStart(ts, g.start);
    let subject: Region = { from: cs.at, to: g.start };
    if (cs.by === ',' && regionEmpty(ts, subject)) subject = beforeAppositive(ts, cs.at - 1);
    const ce = clauseEnd(ts, last + 1, lex);
    const cand: Candidate = {
      entry,
      type: entry.type,
      mode: entry.mode,
      context: entry.context,
      head: i,
      last,
      kind,
      passive,
      negated: g.negated,
      modal: g.modal,
      modality: sub.conditional ? 'conditional' : 'asserted',
      groupStart: g.start,
      infinitive: g.to,
      subordinate: sub.sub || gerund || participleClause || reduced || reducedRelative(ts, g, kind, i, last),
      absorbed: false,
      subject,
      object: { from: i + 1, to: ce },
      extraTargets: [],
      agent: null,
      quoted: false,
      confidence: 0.8,
    };
    if (passive) {
      // the by-phrase is the agent; a reduced relative's subject is the noun it modifies
      const by = findWord(ts, i + 1, ce, 'by');
      if (by >= 0) cand.agent = { from: by + 1, to: phraseEnd(ts, by + 1, ce) };
      if (reduced) cand.subject = { from: nounPhraseStart(ts, g.start), to: g.start };
    }
    // "X will do Y unless Z": a threat whatever Y is ("if Z" only makes a threat of a hostile Y)
    for (let k = last + 1; k < ts.length; k++) if (ts[k].lower === 'unless') cand.threatCondition = true;
    out.push(cand);
  }
  // "Russia attacked X and Ukraine retaliated": a second clause's subject starts after the conjunction
  for (const c of out) {
    for (const m of out) {
      if (m === c || m.head <= c.subject.from || m.last >= c.groupStart) continue;
      for (let k = c.groupStart - 1; k > m.last; k--) {
        if (ts[k].lower === 'and' || ts[k].lower === 'but') {
          if (k + 1 < c.groupStart) c.subject = { from: k + 1, to: c.subject.to };
          break;
        }
      }
    }
  }
  linkComplements(ts, out);
  out.push(...obligations(ts, out, lex));
  out.push(...commitments(ts, out));
  return out.sort((a, b) => a.head - b.head);
}

/** "Pakistan, a key U.S. ally, has refused": the subject is before the appositive, not inside it. */
function beforeAppositive(ts: Tok[], comma: number): Region {
  let k = comma - 1;
  while (k >= 0 && ts[k].text !== ',' && !HARD_BOUNDARY.has(ts[k].text) && !isQuote(ts[k])) k--;
  if (k >= 0 && ts[k].text === ',') return { from: clauseStart(ts, k).at, to: k };
  return { from: Math.max(0, k + 1), to: comma };
}

/**
 * "X said/declared/reiterated (that) Y must Z": a demand by X of Y. The verbs of Z belong to the demand.
 */
/**
 * "X is willing / ready / prepared to V" where V is not in the dictionary: the commitment itself is the
 * event (PLOVER AGREE), with V's object as its target.
 */
function commitments(ts: Tok[], cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 1; k < ts.length - 2; k++) {
    const w = ts[k].lower;
    if (!COMMITTED.has(w) || ts[k + 1].lower !== 'to') continue;
    // adjectival: "is willing to", "were ready to"; a bare "prepared to" may be a past tense of preparing
    const g = verbGroup(ts, k);
    if (!g.be && !(/^(vowed|vows)$/.test(w) && !DETERMINERS.has(ts[k - 1].lower))) continue;
    if (cands.some((m) => m.groupStart === k + 1 || (m.head <= k && m.last >= k))) continue;
    const cs = clauseStart(ts, g.start);
    const end = clauseEnd(ts, k + 3, EMPTY_LEX);
    out.push({
      entry: COMMITMENT_ENTRY,
      type: 'AGREE',
      mode: null,
      context: [],
      head: k,
      last: k,
      kind: 'base',
      passive: false,
      negated: g.negated,
      modal: null,
      modality: 'asserted',
      groupStart: g.start,
      infinitive: false,
      subordinate: subordinateAt(ts, g.start).sub,
      absorbed: false,
      subject: { from: cs.at, to: g.start },
      object: { from: k + 3, to: end },
      extraTargets: [],
      agent: null,
      quoted: false,
      confidence: 0.65,
    });
  }
  return out;
}

const COMMITMENT_ENTRY: VerbEntry = {
  pattern: 'be willing to',
  head: 'willing',
  rest: [],
  restForms: [],
  nominal: false,
  type: 'AGREE',
  mode: null,
  context: [],
  frame: '',
  cameo: '030',
};

function obligations(ts: Tok[], cands: Candidate[], lex: Lexicon): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 1; k < ts.length; k++) {
    if (!OBLIGATION.has(ts[k].lower)) continue;
    let r = -1;
    for (let j = k - 1; j >= 0 && j >= k - 12; j--) {
      if (isReporting(ts[j]) || /^(insist|demand|urge)/.test(ts[j].lower)) {
        r = j;
        break;
      }
      if (HARD_BOUNDARY.has(ts[j].text) || isQuote(ts[j])) break;
    }
    if (r < 0) continue;
    const from = ts[r + 1]?.lower === 'that' ? r + 2 : r + 1;
    const end = clauseEnd(ts, k + 1, lex);
    // a demand is made of someone: "the treaty should concern …" is an opinion, not a demand
    if (!between(ts, from, k, (t) => t.cap && !QUOTE_CHARS.has(t.text))) continue;
    let context: string[] = [];
    for (const m of cands)
      if (m.head > k && m.head < end) {
        m.absorbed = true;
        if (!context.length) context = m.context;
      }
    const g = verbGroup(ts, r);
    const cs = clauseStart(ts, g.start);
    out.push({
      entry: OBLIGATION_ENTRY,
      type: 'REQUEST',
      mode: null,
      context,
      head: k,
      last: k,
      kind: 'base',
      passive: false,
      negated: false,
      modal: null,
      modality: 'asserted',
      groupStart: k,
      infinitive: false,
      subordinate: false,
      absorbed: false,
      subject: { from: cs.at, to: g.start },
      object: { from, to: k },
      extraTargets: [],
      agent: null,
      quoted: false,
      confidence: 0.7,
    });
    for (const m of cands)
      if (m.head === k || (m.groupStart <= k && m.head > k && m.head < end)) m.absorbed = true;
  }
  return out;
}

const OBLIGATION_ENTRY: VerbEntry = {
  pattern: 'must',
  head: 'must',
  rest: [],
  restForms: [],
  nominal: false,
  type: 'REQUEST',
  mode: null,
  context: [],
  frame: '',
  cameo: '100',
};

/**
 * "a report released Tuesday in …", "the curfew imposed in Sudan": a participle right after a noun, with no
 * auxiliary and no object after it, modifies the noun (a reduced relative), unlike "Israel closed its border".
 */
function reducedRelative(ts: Tok[], g: Group, kind: FormKind, head: number, last: number): boolean {
  if (kind !== 'pastpp' && kind !== 'pp') return false;
  if (g.be || g.have || g.modal || g.start !== head) return false;
  const prev = ts[head - 1];
  // the word right after the participle: a pattern's own words ("summoned the ambassador") are its object
  const next = last > head ? ts[head + 1] : ts[last + 1];
  if (!prev || !next || isPunct(prev.text) || PRONOUN_SUBJECTS.has(prev.lower) || prev.cap) return false;
  if (DETERMINERS.has(prev.lower) || PREPOSITIONS.has(prev.lower) || SUBORDINATORS.has(prev.lower))
    return false;
  return (PREPOSITIONS.has(next.lower) && next.lower !== 'to') || (TIME_WORDS.has(next.lower) && next.cap);
}

/** Is `forms` the head noun of the subject of a passive verb at i ("UN peacekeepers were deployed")? */
function passiveObject(ts: Tok[], i: number, forms: Set<string>): boolean {
  let k = i - 1;
  while (k >= 0 && (isAdverb(ts[k].lower) || NEGATION.has(ts[k].lower))) k--;
  if (k < 0 || !BE.has(ts[k].lower)) return false;
  k--;
  while (k >= 0 && (HAVE.has(ts[k].lower) || MODALS.has(ts[k].lower) || isAdverb(ts[k].lower))) k--;
  return k >= 0 && forms.has(ts[k].lower);
}

/** Things that are released, returned or published, not people. */
const THINGS = new Set(
  'report reports statement statements album albums film films movie song data figures video videos results version update details book study photos images game software product list document information findings footage recording'.split(
    ' ',
  ),
);

function nextNoun(ts: Tok[], from: number, words: Set<string>): boolean {
  for (let k = from; k < ts.length && k < from + 4; k++) {
    if (words.has(ts[k].lower)) return true;
    if (isPunct(ts[k].text) || PREPOSITIONS.has(ts[k].lower)) return false;
  }
  return false;
}

function findWord(ts: Tok[], from: number, to: number, w: string): number {
  for (let k = from; k < to; k++) if (ts[k].lower === w) return k;
  return -1;
}

/** The end of a noun phrase (with coordination) that starts at `from`: the next preposition of time or place, or `to`. */
function phraseEnd(ts: Tok[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const l = ts[k].lower;
    if (
      (l === 'during' || l === 'in' || l === 'on' || l === 'at' || l === 'after' || l === 'before') &&
      k > from
    )
      return k;
  }
  return to;
}

function nounPhraseStart(ts: Tok[], end: number): number {
  let k = end - 1;
  while (
    k > 0 &&
    !isPunct(ts[k - 1].text) &&
    !SUBORDINATORS.has(ts[k - 1].lower) &&
    !isVerbish(ts[k - 1].lower)
  )
    k--;
  return Math.max(0, k);
}

function isVerbish(l: string): boolean {
  return BE.has(l) || HAVE.has(l) || REPORTING.has(l);
}

/**
 * Control and complements: "agreed to X", "urged Y to X", "demanded that Y X", "plans to X", "will X".
 * The matrix verb's event takes over the complement's (its context and targets); intent and planning words
 * set the modality; purpose clauses are absorbed.
 */
function linkComplements(ts: Tok[], cands: Candidate[]): void {
  for (const c of cands) {
    if ((c.entry.frame === 'ctrl' || c.entry.frame === 'objctrl') && ts[c.object.to]?.lower === 'to') {
      const to = c.object.to;
      if (!cands.some((m) => m.groupStart === to)) {
        const lexLike = EMPTY_LEX;
        c.extraTargets.push({ from: to + 2, to: clauseEnd(ts, to + 2, lexLike) });
      }
    }
  }
  for (const c of cands) {
    if (c.infinitive) {
      const to = c.groupStart;
      // the governor: the nearest dictionary verb before "to" in the same clause with a control frame
      const gov = cands
        .filter((m) => m !== c && m.head < to && (m.entry.frame === 'ctrl' || m.entry.frame === 'objctrl'))
        .filter((m) => m.object.to >= to || m.last === to - 1 || m.object.to === to)
        .sort((a, b) => b.head - a.head)[0];
      if (gov && !between(ts, gov.last + 1, to, (t) => t.text === '.' || HARD_BOUNDARY.has(t.text))) {
        c.absorbed = true;
        if (!gov.context.length) gov.context = c.context;
        if (gov.entry.frame === 'ctrl') {
          gov.extraTargets.push(c.object, ...c.extraTargets);
          gov.object = { from: gov.object.from, to: Math.max(gov.object.from, Math.min(gov.object.to, to)) };
        } else gov.extraTargets.push(...c.extraTargets);
        // "refused to lift sanctions" is a rejection of a retreat; "agreed to a ceasefire" stays AGREE
        if (gov.type === 'AGREE' && c.type === 'RETREAT' && c.mode === 'ceasefire') gov.mode = null;
        continue;
      }
      const w = ts[to - 1];
      const ww = ts[to - 2];
      const word = w?.lower ?? '';
      if (PLANNED.has(word) || (word === 'going' && BE.has(ww?.lower ?? ''))) {
        c.modality = 'planned';
        c.scheduled = SCHEDULED.has(word);
        c.subject = { from: clauseStart(ts, to - 1).at, to: verbGroupStartBefore(ts, to - 1) };
      } else if (ACT_GOVERNORS.has(word)) {
        c.subject = { from: clauseStart(ts, to - 1).at, to: verbGroupStartBefore(ts, to - 1) };
      } else if (COMMITTED.has(word)) {
        c.modality = 'intended';
        c.subject = { from: clauseStart(ts, to - 1).at, to: verbGroupStartBefore(ts, to - 1) };
      } else {
        // a purpose clause ("to demand reforms") or a complement of a verb outside the dictionary
        // is not reported as having happened
        c.absorbed = true;
      }
    }
    let th = c.last + 1;
    while (
      th < ts.length &&
      th < c.last + 5 &&
      (TIME_WORDS.has(ts[th].lower) ||
        isAdverb(ts[th].lower) ||
        /^(on|in|at|last|this|next|\d+)$/.test(ts[th].lower))
    )
      th++;
    if (c.entry.frame === 'that' && ts[th]?.lower === 'that') {
      // "demanded that Y do X": Y is the target; the that-clause's own verbs belong to the demand
      const end = clauseEnd(ts, th + 1, EMPTY_LEX);
      for (const m of cands) if (m !== c && m.head > c.last && m.head < end) m.absorbed = true;
      c.extraTargets = [];
      c.object = { from: th + 1, to: firstVerbAfter(ts, cands, th + 1, end) };
    }
  }
}

function firstVerbAfter(ts: Tok[], cands: Candidate[], from: number, end: number): number {
  let best = end;
  for (const m of cands) if (m.groupStart >= from && m.groupStart < best) best = m.groupStart;
  for (let k = from; k < best; k++) if (MODALS.has(ts[k].lower)) return k;
  return best;
}

function verbGroupStartBefore(ts: Tok[], k: number): number {
  return verbGroup(ts, k).start;
}

function between(ts: Tok[], from: number, to: number, f: (t: Tok) => boolean): boolean {
  for (let k = from; k < to; k++) if (f(ts[k])) return true;
  return false;
}

/** Turn modality into PLOVER coding: commitments are AGREE, intended force a THREATEN, refusals a REJECT. */
export function applyModality(c: Candidate): Candidate | null {
  if (c.modality === 'conditional') return null;
  const m = c.modal;
  if (c.negated) {
    if (c.type === 'REJECT' || c.type === 'THREATEN') return null;
    // "will not accept", "would not meet": a refusal. "did not sign": nothing happened.
    if (m && (FUTURE.has(m) || m === 'would' || m === 'can' || m === 'cannot')) {
      return { ...c, type: 'REJECT', mode: null, negated: false, modality: 'asserted' };
    }
    return { ...c, negated: true };
  }
  if (m && POSSIBLE.has(m)) return { ...c, modality: 'hypothetical' };
  if (m && OBLIGATION.has(m)) return { ...c, modality: 'obligation' };
  const future = !!m && (FUTURE.has(m) || m === 'would');
  if (future || c.modality === 'planned' || c.modality === 'intended') {
    if (HOSTILE.has(c.type) || (future && c.threatCondition && c.type !== 'AGREE'))
      return { ...c, type: 'THREATEN', mode: null, modality: 'intended', confidence: 0.7 };
    // PLOVER AGREE: "agree to, offer, promise or otherwise indicate willingness or commitment to cooperate";
    // an announced cooperative act ("will visit", "intends to meet") is that commitment. Only what is on
    // a schedule ("is scheduled to attend") keeps its own type, marked planned.
    if (c.modality === 'intended' || (future && !c.scheduled) || (c.modality === 'planned' && !c.scheduled))
      return {
        ...c,
        type: 'AGREE',
        mode: null,
        context: c.context,
        modality: 'intended',
        confidence: 0.7,
      };
    return { ...c, modality: 'planned', confidence: 0.6 };
  }
  return c;
}

export function regionEmpty(ts: Tok[], r: Region): boolean {
  for (let k = r.from; k < r.to; k++) {
    const l = ts[k].lower;
    if (isPunct(ts[k].text) || isAdverb(l) || TIME_WORDS.has(l) || l === 'on' || l === 'and' || l === 'but')
      continue;
    return false;
  }
  return true;
}
