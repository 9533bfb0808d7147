import type {
  AnnotatedDocument,
  Entity,
  PoliticalEvent,
  Span,
  Stage,
  StageContext,
  TimeExpression,
} from '../../document.js';
import {
  applyModality,
  type Candidate,
  findCandidates,
  type Modality,
  type Region,
  regionEmpty,
  type Tok,
  toks,
} from './grammar.js';
import { type Lexicon, lexicon } from './lexicon.js';
import {
  AGREEMENT_NOUNS,
  DETERMINERS,
  LOCATIVE,
  NON_PARTICIPANT,
  PREPOSITIONS,
  PRONOUNS,
  REPORTING,
} from './words.js';

// PLOVER events, one sentence at a time: dictionary verbs read through a small clause grammar
// (grammar.ts), their subject and object regions resolved to entities, states preferred, and dated
// from the sentence's time expressions.

export const EVENTS_VERSION = '1.0.0';

/** An event as this stage writes it: the contract's fields plus how sure the text is that it happened. */
export interface CodedEvent extends PoliticalEvent {
  /** 'asserted' (reported as happened or happening) or 'planned' (scheduled, announced as future). */
  modality?: Modality;
}

interface MentionRef {
  start: number;
  end: number;
  entity: Entity;
}

/** Everything about the document's entities that actor resolution needs. */
export interface ActorIndex {
  mentions: MentionRef[];
  byId: Map<string, Entity>;
  /** ISO alpha-2 → the country entity itself, when the document has one. */
  countries: Map<string, Entity>;
}

const INDEXES = new WeakMap<Entity[], { mentions: AnnotatedDocument['mentions']; idx: ActorIndex }>();

/** The actor index of a document's entity layer; built once per layer (events and agreements share it). */
export function actorIndex(doc: AnnotatedDocument): ActorIndex {
  const hit = INDEXES.get(doc.entities);
  if (hit && hit.mentions === doc.mentions) return hit.idx;
  const idx = buildActorIndex(doc);
  INDEXES.set(doc.entities, { mentions: doc.mentions, idx });
  return idx;
}

function buildActorIndex(doc: AnnotatedDocument): ActorIndex {
  const byId = new Map<string, Entity>();
  const countries = new Map<string, Entity>();
  const mentions: MentionRef[] = [];
  const seen = new Set<string>();
  for (const e of doc.entities) {
    byId.set(e.id, e);
    if (e.ids?.iso && !countries.has(e.ids.iso)) countries.set(e.ids.iso, e);
    for (const m of e.mentions) {
      const k = `${m.start}:${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      mentions.push({ start: m.start, end: m.end, entity: e });
    }
  }
  for (const m of doc.mentions) {
    if (!m.entity) continue;
    const e = byId.get(m.entity);
    const k = `${m.start}:${m.end}`;
    if (!e || seen.has(k)) continue;
    seen.add(k);
    mentions.push({ start: m.start, end: m.end, entity: e });
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { mentions, byId, countries };
}

/** The ISO alpha-2 country an entity stands for or belongs to. */
export function countryOf(e: Entity): string | null {
  return e.ids?.iso ?? (typeof e.attributes?.country === 'string' ? e.attributes.country : null);
}

/** A state official, a capital used as metonym, a nationality: coded as the state when the document names it. */
export function resolveActor(e: Entity, idx: ActorIndex): Entity {
  if (e.ids?.iso) return e;
  const c = countryOf(e);
  const ce = c ? idx.countries.get(c) : undefined;
  return ce ?? e;
}

const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);
/** Prepositions that place an event ("in Pyongyang", "near Samarra"); "across", "around" describe things. */
const VENUE = new Set(['in', 'at', 'near', 'inside']);
const AGREEMENT_AFTER = /^(treaty|agreement|accord|pact|deal|convention|protocol|talks|summit)$/i;
/** Event types whose target is, failing a named one, the country where they happen or whose people they
 * address ("attacked a camp in X", "demanded parties in X allow …"). Not for meetings and agreements, where
 * the place is only the venue. */
const PLACE_TARGET = new Set([
  'ASSAULT',
  'PROTEST',
  'COERCE',
  'MOBILIZE',
  'AID',
  'RETREAT',
  'ACCUSE',
  'SANCTION',
  'REQUEST',
  'REJECT',
  'THREATEN',
  'CONCEDE',
]);

function isActor(e: Entity): boolean {
  if (e.type === 'MISC') return !!countryOf(e);
  if (e.type === 'LOC' || e.type === 'FAC') return !!countryOf(e);
  return true;
}

interface RegionActors {
  actors: Entity[];
  places: Entity[];
  pronoun: boolean;
}

function tokenIndexAt(ts: Tok[], offset: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The preposition that governs the noun phrase a mention sits in, within the region. */
function governingPrep(ts: Tok[], k: number, from: number): string | null {
  for (let j = k - 1; j >= from && j >= k - 6; j--) {
    const l = ts[j].lower;
    if (PREPOSITIONS.has(l)) return l;
    if (ts[j].text === ',' || REPORTING.has(l)) return null;
  }
  return null;
}

/** Index of the first mention starting at or after `offset`. */
export function firstMentionAt(idx: ActorIndex, offset: number): number {
  let lo = 0;
  let hi = idx.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idx.mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function participleBefore(ts: Tok[], k: number, from: number): boolean {
  for (let j = k - 1; j >= from && j >= k - 6; j--) {
    if (ts[j].lower !== 'by') continue;
    const p = ts[j - 1];
    return !!p && j - 1 >= from && /(ed|en|wn|ght)$/.test(p.lower) && !p.cap;
  }
  return false;
}

function actorsIn(ts: Tok[], r: Region, idx: ActorIndex, opts: { byAllowed?: boolean } = {}): RegionActors {
  const out: RegionActors = { actors: [], places: [], pronoun: false };
  if (r.to <= r.from) return out;
  const a = ts[r.from].start;
  // an adjunct ("over their ties with Israel", "during Ramadan") or a clause-like phrase ("of restoring …")
  // ends the participants: nothing after it is one
  let adjunct = r.to;
  for (let k = r.from + 1; k < r.to; k++) {
    const l = ts[k].lower;
    if (
      NON_PARTICIPANT.has(l) ||
      (PREPOSITIONS.has(l) && /^\p{Ll}+ing$/u.test(ts[k + 1]?.text ?? '') && !/^(during|according)$/.test(l))
    ) {
      adjunct = k;
      break;
    }
  }
  const b = ts[Math.max(r.from, adjunct - 1)].end;
  for (let mi = firstMentionAt(idx, a); mi < idx.mentions.length; mi++) {
    const m = idx.mentions[mi];
    if (m.start >= b) break;
    if (m.end > b) continue;
    const k = tokenIndexAt(ts, m.start);
    const prep = governingPrep(ts, k, r.from);
    if (prep && NON_PARTICIPANT.has(prep)) continue;
    // "a deal brokered by China": in an active clause the agent of a participle inside the object is not a
    // participant ("an admission by Moscow", the agent of a noun, is)
    if (prep === 'by' && !opts.byAllowed && participleBefore(ts, k, r.from)) continue;
    if (prep && LOCATIVE.has(prep) && PLACE_TYPES.has(m.entity.type)) {
      out.places.push(m.entity);
      continue;
    }
    if (isActor(m.entity)) out.actors.push(m.entity);
  }
  for (let k = r.from; k < r.to; k++) if (PRONOUNS.has(ts[k].lower)) out.pronoun = true;
  return out;
}

function uniqIds(es: Entity[], idx: ActorIndex): string[] {
  const ids: string[] = [];
  for (const e of es) {
    const r = resolveActor(e, idx);
    if (!ids.includes(r.id)) ids.push(r.id);
  }
  return ids;
}

/** Does the subject region's head noun name an agreement ("the treaty provides for …")? */
function agreementSubject(ts: Tok[], r: Region): boolean {
  for (let k = r.to - 1; k >= r.from; k--) {
    const l = ts[k].lower;
    if (AGREEMENT_NOUNS.has(l)) return true;
    if (l === 'it' && k === r.to - 1) return false;
    if (PREPOSITIONS.has(l)) continue;
  }
  return false;
}

const DATE_VALUE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The event's date: the time expression nearest the trigger in its clause; a coordinated pair is a span. */
function eventDate(
  times: TimeExpression[],
  sentence: Span,
  trigger: number,
  ctx: StageContext,
  text: string,
): { date: string | null; end: string | null; fallback: boolean } {
  const inSentence = times.filter(
    (t) =>
      t.start >= sentence.start &&
      t.end <= sentence.end &&
      (t.type === 'DATE' || !t.type) &&
      DATE_VALUE.test(t.value),
  );
  if (!inSentence.length) return { date: ctx.referenceDate, end: null, fallback: true };
  let best = inSentence[0];
  for (const t of inSentence) if (Math.abs(t.start - trigger) < Math.abs(best.start - trigger)) best = t;
  const i = inSentence.indexOf(best);
  const pair = (x: TimeExpression, y: TimeExpression) =>
    /^\s*(and|to|through|until|-|–|—)\s*$/i.test(text.slice(x.end, y.start));
  const nxt = inSentence[i + 1];
  if (nxt && pair(best, nxt) && nxt.value > best.value)
    return { date: best.value, end: nxt.value, fallback: false };
  const prv = inSentence[i - 1];
  if (prv && pair(prv, best) && best.value > prv.value)
    return { date: prv.value, end: best.value, fallback: false };
  return { date: best.value, end: null, fallback: false };
}

interface Draft {
  c: Candidate;
  source: string[];
  target: string[];
  location: string | null;
  nominal: boolean;
}

const NOMINAL_OPENERS = new Set(['on', 'during', 'after', 'before', 'for', 'since', 'amid', 'following']);

/** Visits and talks written as nouns: "Putin's visit to Pyongyang", "he was on a visit to Russia". */
function nominalCandidates(ts: Tok[], lex: Lexicon, taken: Set<number>, idx: ActorIndex): Draft[] {
  const out: Draft[] = [];
  for (let i = 1; i < ts.length; i++) {
    const l = ts[i].lower;
    if (!lex.nounForms.has(l) || taken.has(i)) continue;
    const entry = lex.nounForms.get(l);
    if (!entry) continue;
    let j = i - 1;
    // skip modifiers: "a state visit", "his first official visit"
    while (
      j > 0 &&
      !DETERMINERS.has(ts[j].lower) &&
      !PREPOSITIONS.has(ts[j].lower) &&
      /^\p{Ll}/u.test(ts[j].text) &&
      i - j < 3
    )
      j--;
    let possessor: Entity[] = [];
    let opener = false;
    if (ts[j].lower === "'s" || ts[j].lower === '’s') {
      const m = idx.mentions.find((x) => x.end === ts[j].start || x.end === ts[j - 1]?.end);
      if (m) possessor = [m.entity];
      opener = true;
    } else if (
      /^(a|an|the)$/.test(ts[j].lower) &&
      NOMINAL_OPENERS.has(ts[j - 1]?.lower ?? '') &&
      entry.mode === 'visit'
    ) {
      opener = true;
    } else if (ts[i + 1]?.lower === 'between' && entry.type === 'ASSAULT') {
      // "clashes between X and Y": the fighting is the event, its sides are its sources
      opener = true;
    }
    if (!opener) continue;
    // the complement: "to X", "with X", "between X and Y"
    const targets: Entity[] = [];
    const sources: Entity[] = [...possessor];
    let location: Entity | null = null;
    for (let k = i + 1; k < ts.length && k < i + 12; k++) {
      const w = ts[k].lower;
      if (w === ',' || w === '.' || w === ';' || REPORTING.has(w)) break;
      if (w === 'to' || w === 'with' || w === 'between' || w === 'in') {
        const end = Math.min(ts.length, k + 8);
        const ents = idx.mentions
          .filter(
            (m) =>
              m.start >= ts[k + 1]?.start && m.start < ts[end - 1].end && tokenIndexAt(ts, m.start) <= k + 5,
          )
          .map((m) => m.entity);
        const first = ents[0];
        if (first) {
          if (w === 'between') sources.push(...ents.filter((e) => isActor(e)));
          else {
            if (w !== 'in') targets.push(first);
            if (PLACE_TYPES.has(first.type)) location ??= first;
          }
        }
        break;
      }
    }
    taken.add(i);
    const dummy = {
      entry,
      type: entry.type,
      mode: entry.mode,
      context: entry.context,
      head: i,
      last: i,
      kind: 'noun' as const,
      passive: false,
      negated: false,
      modal: null,
      modality: 'asserted' as Modality,
      groupStart: i,
      infinitive: false,
      subordinate: true,
      absorbed: false,
      subject: { from: 0, to: 0 },
      object: { from: i + 1, to: i + 1 },
      extraTargets: [],
      agent: null,
      quoted: false,
      confidence: 0.65,
    };
    out.push({
      c: dummy,
      source: uniqIds(sources, idx),
      target: uniqIds(targets, idx),
      location: location?.id ?? null,
      nominal: true,
    });
  }
  return out;
}

function firstPlace(ts: Tok[], r: Region, idx: ActorIndex, visit: boolean): Entity | null {
  if (r.to <= r.from) return null;
  const a = ts[r.from].start;
  const b = ts[r.to - 1].end;
  for (const m of idx.mentions) {
    if (m.start < a || m.end > b || !PLACE_TYPES.has(m.entity.type)) continue;
    // "in the New START treaty" names an agreement, not a place
    if (AGREEMENT_AFTER.test(ts[tokenIndexAt(ts, m.end - 1) + 1]?.text ?? '')) continue;
    const k = tokenIndexAt(ts, m.start);
    const prep = governingPrep(ts, k, r.from);
    if (prep && VENUE.has(prep)) return m.entity;
    // "a visit to Pyongyang", "his trip to Moscow", and a visit verb's own "to"
    if (prep === 'to' || prep === 'for') {
      const before = ts.slice(Math.max(r.from, k - 4), k).map((t) => t.lower);
      if (visit || before.some((w) => /^(visit|visits|trip|trips|tour|journey)$/.test(w))) return m.entity;
    }
  }
  return null;
}

function widen(ts: Tok[], r: Region, stop: number): Region {
  // the adjuncts after the object: "… during Putin's visit to Pyongyang on June 19"
  let to = r.to;
  while (to < stop && ts[to].text !== ';' && !(ts[to].text === ',' && REPORTING.has(ts[to + 2]?.lower ?? '')))
    to++;
  return { from: r.from, to };
}

function inQuote(doc: AnnotatedDocument, offset: number): boolean {
  for (const q of doc.quotes) {
    if (q.kind === 'indirect') continue;
    if (q.fragments?.length) {
      if (q.fragments.some((f) => offset >= f.start && offset < f.end)) return true;
    } else if (offset >= q.start && offset < q.end) return true;
  }
  return false;
}

function firstPerson(ts: Tok[], r: Region): boolean {
  for (let k = r.from; k < r.to; k++) if (/^(we|i|our)$/.test(ts[k].lower)) return true;
  return false;
}

/** The speaker of the direct quotation around an offset, when the quotes layer resolved it to an entity. */
function quoteSpeaker(doc: AnnotatedDocument, offset: number, idx: ActorIndex): Entity | null {
  for (const q of doc.quotes) {
    if (q.kind === 'indirect' || !q.speaker) continue;
    const inside = q.fragments?.length
      ? q.fragments.some((f) => offset >= f.start && offset < f.end)
      : offset >= q.start && offset < q.end;
    if (!inside) continue;
    if (q.speaker.entity) return idx.byId.get(q.speaker.entity) ?? null;
    // an unresolved speaker phrase: the entity named inside it ("the Chilean foreign minister")
    const sp = q.speaker;
    const m = idx.mentions.find((x) => x.start < sp.end && x.end > sp.start);
    return m?.entity ?? null;
  }
  return null;
}

/** Code the events of one sentence. */
export function sentenceEvents(
  doc: AnnotatedDocument,
  sentence: Span,
  ctx: StageContext,
  idx: ActorIndex,
  lex: Lexicon,
  memory: { lastSource: string[] },
): CodedEvent[] {
  const sentTokens = tokensIn(doc, sentence);
  if (!sentTokens.length) return [];
  const ts = toks(doc.text, sentTokens);
  const cands = findCandidates(ts, lex);
  const drafts: Draft[] = [];
  const taken = new Set<number>();
  for (const c of cands) for (let k = c.head; k <= c.last; k++) taken.add(k);
  let matrixSource: string[] = [];
  for (const raw of cands) {
    if (raw.absorbed) continue;
    const c = applyModality(raw);
    if (!c) continue;
    if (
      c.negated ||
      c.modality === 'hypothetical' ||
      c.modality === 'conditional' ||
      c.modality === 'obligation'
    )
      continue;
    const subj = actorsIn(ts, c.subject, idx, { byAllowed: true });
    // "rebels in the Ivory Coast", "demonstrators in Baghdad": with no named actor, the place says whose
    if (!subj.actors.length && subj.places.length)
      subj.actors.push(...subj.places.filter((p) => countryOf(p)));
    let source = uniqIds(subj.actors, idx);
    const obj = actorsIn(ts, c.object, idx);
    const targets = [...obj.actors];
    for (const r of c.extraTargets) targets.push(...actorsIn(ts, r, idx).actors);
    let target = uniqIds(targets, idx);
    if (c.passive) {
      const agent = c.agent ? uniqIds(actorsIn(ts, c.agent, idx, { byAllowed: true }).actors, idx) : [];
      // the patient is the subject, and what the verb's own phrase names: "sanctions were imposed on Iran"
      const agentFrom = c.agent ? ts[c.agent.from].start : Number.POSITIVE_INFINITY;
      const beforeAgent = targets.filter((e) => e.mentions.some((m) => m.start < agentFrom));
      target = uniqIds([...subj.actors, ...beforeAgent], idx);
      source = agent;
      if (c.agent) target = target.filter((t) => !source.includes(t));
    } else if (!source.length && firstPerson(ts, c.subject)) {
      // '"We will retaliate," the minister said': inside a quotation, "we" is the speaker's side
      const speaker = quoteSpeaker(doc, ts[c.head].start, idx);
      if (speaker) source = uniqIds([speaker], idx);
    }
    if (!c.passive && !source.length && (regionEmpty(ts, c.subject) || subj.pronoun)) {
      // coordinated verbs, reported speech and pronouns: the nearest subject before, then the subject of
      // the verb of saying that frames the clause ("Chile said it would …"), then the last sentence's actor
      source = matrixSource.length ? matrixSource : reporterSource(ts, c.subject.from, idx);
      if (!source.length && subj.pronoun && !firstPerson(ts, c.subject)) source = memory.lastSource;
    }
    if (!c.passive && agreementSubject(ts, c.subject) && !source.length) continue;
    target = target.filter((t) => !source.includes(t) || c.type === 'PROTEST' || c.type === 'COERCE');
    const extended = c.subordinate
      ? { from: c.head, to: c.object.to }
      : widen(ts, { from: c.head, to: c.object.to }, ts.length);
    const place =
      firstPlace(ts, extended, idx, c.mode === 'visit') ??
      (subj.places[0] || null) ??
      firstPlace(ts, c.subject, idx, false);
    if (!target.length && PLACE_TARGET.has(c.type) && (obj.places.length || subj.places.length)) {
      const p = obj.places[0] ?? subj.places[0];
      if (p && countryOf(p)) target = uniqIds([p], idx).filter((t) => !source.includes(t));
    }
    if (c.mode === 'visit' && !target.length && place)
      target = uniqIds([place], idx).filter((t) => !source.includes(t));
    const grammatical = c.passive ? uniqIds(subj.actors, idx) : source;
    if (grammatical.length && !c.subordinate) matrixSource = grammatical;
    drafts.push({ c, source, target, location: place?.id ?? null, nominal: false });
  }
  // a subordinate clause's event (a relative, a participle, an adverbial clause) is background to the
  // sentence's own event: kept only when the main clauses report none
  if (drafts.some((d) => !d.c.subordinate)) {
    for (let k = drafts.length - 1; k >= 0; k--) if (drafts[k].c.subordinate) drafts.splice(k, 1);
  }
  for (const n of nominalCandidates(ts, lex, taken, idx)) {
    if (!n.source.length) {
      const owner = drafts.find((d) => d.source.length);
      n.source = owner ? owner.source : memory.lastSource;
    }
    drafts.push(n);
  }
  // one event per type and actors: a verb and its nominalisation, or a repeated verb, are one event
  const kept: Draft[] = [];
  for (const d of drafts) {
    const same = kept.find(
      (k) =>
        k.c.type === d.c.type &&
        (sameSet(k.source, d.source) || !d.source.length || !k.source.length) &&
        (sameSet(k.target, d.target) || !d.target.length || !k.target.length),
    );
    if (same) {
      same.location ??= d.location;
      if (!same.source.length) same.source = d.source;
      if (!same.target.length) same.target = d.target;
      continue;
    }
    kept.push(d);
  }
  const out: CodedEvent[] = [];
  for (const d of kept) {
    const c = d.c;
    const head = ts[c.head];
    const last = c.last === c.head + 1 ? ts[c.last] : head;
    const date = eventDate(doc.times, sentence, head.start, ctx, doc.text);
    let confidence = c.confidence;
    if (c.subordinate && !d.nominal) confidence -= 0.2;
    if (date.fallback) confidence -= 0.05;
    // no actor found: often one the entity layer missed ("the Azadliq coalition agreed"), sometimes a clause
    // about something else ("birds were killed"): kept, at low confidence
    if (!d.source.length && !d.target.length) confidence -= 0.2;
    const quoted = inQuote(doc, head.start);
    if (quoted) {
      if (!d.source.length) continue;
      confidence -= 0.15;
    }
    const ev: CodedEvent = {
      id: '',
      type: c.type,
      mode: c.mode,
      context: c.context.length ? [...c.context] : objectContext(ts, c),
      source: d.source,
      target: d.target,
      date: date.date,
      date_end: date.end,
      location: d.location,
      trigger: { start: head.start, end: last.end, text: doc.text.slice(head.start, last.end) },
      evidence: { start: sentence.start, end: sentence.end },
      confidence: Math.round(Math.max(0.1, confidence) * 100) / 100,
    };
    if (c.modality !== 'asserted') ev.modality = c.modality;
    out.push(ev);
  }
  const withSource = out.find((e) => e.source.length);
  if (withSource) memory.lastSource = withSource.source;
  return out.sort((a, b) => a.trigger.start - b.trigger.start);
}

/** The subject of the nearest verb of saying before a clause: "Chile said (that) it …" → Chile. */
function reporterSource(ts: Tok[], before: number, idx: ActorIndex): string[] {
  for (let k = Math.min(before, ts.length) - 1; k > 0; k--) {
    if (!REPORTING.has(ts[k].lower)) continue;
    let from = k - 1;
    while (
      from > 0 &&
      ts[from - 1].text !== ',' &&
      ts[from - 1].text !== ';' &&
      !QUOTE_OPEN.has(ts[from - 1].text)
    )
      from--;
    return uniqIds(actorsIn(ts, { from, to: k }, idx).actors, idx);
  }
  return [];
}

const QUOTE_OPEN = new Set(['"', '“', '”', '``', "''"]);

/** The tokens of a span, by binary search over the document's tokens. */
export function tokensIn(doc: AnnotatedDocument, s: Span): AnnotatedDocument['tokens'] {
  const t = doc.tokens;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < t.length && t[end].end <= s.end) end++;
  return t.slice(lo, end);
}

const CONTEXT_WORDS: [string, RegExp][] = [
  [
    'military',
    /^(weapons?|arms|missiles?|troops|soldiers|military|defen[cs]e|tanks|ammunition|artillery|drones?|warships?)$/,
  ],
  ['humanitarian', /^(food|medicine|medical|humanitarian|relief|refugees?|shelter|water|tents|vaccines?)$/],
  [
    'economic',
    /^(loans?|grants?|credits?|funds?|money|financial|economic|investment|trade|dollars|euros|tariffs?)$/,
  ],
];

/** A context the object says: "provide … air defence systems" is military, "… a loan" economic. */
function objectContext(ts: Tok[], c: Candidate): string[] {
  const regions = [c.object, ...c.extraTargets];
  for (const [ctx, re] of CONTEXT_WORDS)
    for (const r of regions)
      for (let k = r.from; k < r.to && k < ts.length; k++) if (re.test(ts[k].lower)) return [ctx];
  return [];
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The dictionary and grammar are English: other languages get no events rather than wrong ones. */
export function isEnglish(doc: AnnotatedDocument): boolean {
  const l = doc.article.language;
  return !l || l.toLowerCase().startsWith('en');
}

export function extractEvents(doc: AnnotatedDocument, ctx: StageContext): CodedEvent[] {
  if (!isEnglish(doc)) return [];
  const lex = lexicon();
  const idx = actorIndex(doc);
  const memory = { lastSource: [] as string[] };
  const out: CodedEvent[] = [];
  for (const s of doc.sentences) out.push(...sentenceEvents(doc, s, ctx, idx, lex, memory));
  out.forEach((e, i) => {
    e.id = `v${i + 1}`;
  });
  return out;
}

export const eventsStage: Stage = {
  name: 'events',
  version: EVENTS_VERSION,
  run: (doc, ctx) => ({ ...doc, events: extractEvents(doc, ctx) }),
};
