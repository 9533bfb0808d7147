import type {
  Agreement,
  AgreementReference,
  AgreementStatus,
  AnnotatedDocument,
  Entity,
  Provision,
  Span,
  Stage,
} from '../../document.js';
import { type Tok, toks } from '../events/grammar.js';
import {
  type ActorIndex,
  actorIndex,
  countryOf,
  firstMentionAt,
  isEnglish,
  resolveActor,
  tokensIn,
} from '../events/stage.js';
import { TIME_WORDS } from '../events/words.js';
import { provisionKind } from './provisions.js';

// Agreements as records of their own: every noun phrase headed by treaty/agreement/deal/accord/pact/
// memorandum/protocol/contract/convention, its name, parties and signatories (from "signed by", "between",
// "X-Y treaty" and the signing clause's subject), date and place of signing, status, provisions ("provides
// for …") and references to earlier agreements ("the legacy of the agreements reached in 1961 and 2000").
// "The treaty", "the agreement", "the document" and a sentence-initial "It" corefer with the agreement last
// named; their sentences add evidence and provisions.

export const AGREEMENTS_VERSION = '1.0.0';

const set = (s: string) => new Set(s.split(/\s+/));
const HEADS = set(
  'treaty treaties agreement agreements deal deals accord accords pact pacts memorandum memoranda protocol protocols contract contracts convention conventions mou mous',
);
const ANAPHOR_HEADS = set('document documents');
const MAY_NAME = /treat|agreement|deal|accord|pact|memorand|protocol|contract|convention|\bmous?\b|document/i;
/** Modifiers that describe an agreement already named without naming another: "the amended treaty". */
const GENERIC_MODIFIERS = set(
  'new amended bilateral historic landmark latest same previous earlier original revised current final whole entire interim said two-way three-way controversial proposed draft signed',
);
const DETS = set('the this that these those its their a an both two three several new');
const DEFINITE = set('the this that these those its their');
const STOP_LEFT = set(
  'a an the this that these those its their his her our and or but of on in at to for with by from as is was were are be been has have had will would which who yielded signed inked reached concluded ratified said during after before under into against between over about sign signs ink inks conclude concludes reach reaches ratify ratifies agree agrees agreed approve approves approved suspend suspends suspended seal seals sealed clinch clinched strike strikes struck renew renews renewed extend extends extended violate violates violated quit quits scrap scraps scrapped',
);
const COMPLEMENT_PREPS = set('on of for about regarding concerning');
const COMPLEMENT_STOP = set(
  'inked signed concluded reached ratified is was were are be been has have had will would which that who between with by during as said says amid after before under because while when to it its',
);
const PROVISION_VERBS =
  /^(provides?|provided|stipulates?|envisages?|envisions?|includes?|calls?|commits?|obliges?|guarantees?|covers?|foresees?|sets?|requires?)$/i;
const YEAR = /^(1[6-9]\d\d|20\d\d)$/;

interface NounPhrase {
  head: number;
  from: number;
  /** End of the name (exclusive token index). */
  to: number;
  /** End of the phrase including "reached in 1961 and 2000" and similar. */
  extentTo: number;
  plural: boolean;
  definite: boolean;
  complement: { from: number; to: number } | null;
  named: boolean;
  years: string[];
  anaphor: boolean;
}

const STATUS_RANK: AgreementStatus[] = [
  'proposed',
  'negotiated',
  'signed',
  'ratified',
  'in-force',
  'suspended',
  'withdrawn',
];

function statusOf(sentence: string): AgreementStatus | null {
  const s = sentence.toLowerCase();
  if (
    /\b(withdr[ae]w|withdrawn|withdrawing|pull(ed|s)? out of|quit|scrapped|abandoned|terminated|annulled|renounced)\b/.test(
      s,
    )
  )
    return 'withdrawn';
  if (/\b(suspend(ed|s)?|suspension of|froze|frozen)\b/.test(s)) return 'suspended';
  if (
    /\b(entered into force|enters? into force|came into force|comes into force|took effect|takes effect|came into effect|in force)\b/.test(
      s,
    )
  )
    return 'in-force';
  if (/\b(ratif(y|ied|ies|ication))\b/.test(s)) return 'ratified';
  if (/\b(sign(ed|ing)|inked|concluded|yielded|clinched|sealed|struck)\b/.test(s)) {
    if (/\b(will|would|to|plans? to|expected to|due to)\s+(sign|ink|conclude)\b/.test(s)) return 'proposed';
    return 'signed';
  }
  if (/\b(negotiat\w+|talks on|drafting|draft)\b/.test(s)) return 'negotiated';
  if (/\b(propos\w+|would|plans?|could|may)\b/.test(s)) return 'proposed';
  return null;
}

function nounPhrases(ts: Tok[]): NounPhrase[] {
  const out: NounPhrase[] = [];
  for (let i = 0; i < ts.length; i++) {
    const l = ts[i].lower;
    const anaphorHead = ANAPHOR_HEADS.has(l);
    if (!HEADS.has(l) && !anaphorHead) continue;
    // "Moscone West Convention Center", "Internet protocol": not agreements
    if (/^(center|centre|hall|centers|centres)$/i.test(ts[i + 1]?.text ?? '')) continue;
    if (
      /^protocols?$/.test(l) &&
      /^(internet|communication|communications|network|transfer|voice|security)$/i.test(ts[i - 1]?.text ?? '')
    )
      continue;
    const prev = ts[i - 1]?.lower ?? '';
    // verbs and idioms: "to deal with", "in agreement with", "contract a disease"
    if ((l === 'deal' || l === 'contract') && /^(to|will|would|can|could|must|they|we|i)$/.test(prev))
      continue;
    if (l === 'agreement' && prev === 'in') continue;
    // "failed to reach agreement", "no agreement": nothing was agreed
    const before = ts
      .slice(Math.max(0, i - 5), i)
      .map((t) => t.lower)
      .join(' ');
    if (/\b(fail\w*|no|not|without|never)\b/.test(before) && !/\bnot aimed\b/.test(before)) continue;
    let from = i;
    let definite = false;
    let named = ts[i].cap && i > 0;
    for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
      const t = ts[k];
      if (DEFINITE.has(t.lower)) {
        definite = true;
        break;
      }
      if (STOP_LEFT.has(t.lower) || !/[\p{L}\p{N}]/u.test(t.text) || t.lower === "'s" || t.lower === '’s')
        break;
      if (YEAR.test(t.text)) break;
      // "a $13 billion contract": amounts and vague adjectives are not part of a name
      if (
        /^[\p{N}.,]+$/u.test(t.text) ||
        /^(billion|million|trillion|dollars?|euros?|pounds?|yuan|such|other|more|recent|potential|possible|actual|specific|preliminary|several|many|some|any)$/.test(
          t.lower,
        )
      )
        break;
      from = k;
      if (t.cap && k > 0) named = true;
    }
    let to = i + 1;
    let complement: NounPhrase['complement'] = null;
    const n = ts[i + 1];
    if (n && COMPLEMENT_PREPS.has(n.lower) && !anaphorHead) {
      let k = i + 2;
      for (; k < ts.length; k++) {
        const t = ts[k];
        if (
          COMPLEMENT_STOP.has(t.lower) ||
          t.text === '.' ||
          t.text === ';' ||
          t.text === '(' ||
          t.text === ':' ||
          /^(--|—|–|``|''|"|“|”)$/.test(t.text)
        )
          break;
        if (t.text === ',') {
          // a coordinated list continues: "medicine, medical education and science"
          let m = k + 1;
          while (
            m < ts.length &&
            !/^[,.;:]$/.test(ts[m].text) &&
            ts[m].lower !== 'and' &&
            ts[m].lower !== 'or'
          )
            m++;
          if (
            ts[m]?.lower === 'and' &&
            !(ts[m + 1]?.lower === 'as' || ts[k + 1]?.lower === 'as') &&
            m - k < 5
          )
            continue;
          break;
        }
        if (t.lower === 'as' && ts[k + 1]?.lower === 'well') break;
        // where and when it was signed is not part of its name: "… in Paris on 12 March"
        const nx = ts[k + 1];
        if (
          /^(in|at|on|last|this|next)$/.test(t.lower) &&
          nx &&
          (nx.cap || /^\d/.test(nx.text) || TIME_WORDS.has(nx.lower))
        )
          break;
        if (t.lower === 'and' && (HEADS.has(ts[k + 1]?.lower ?? '') || DETS.has(ts[k + 1]?.lower ?? '')))
          break;
      }
      if (k > i + 2) {
        complement = { from: i + 2, to: k };
        to = k;
      }
    }
    // "reached in 1961 and 2000", "signed in 1961"
    let extentTo = to;
    const years: string[] = [];
    if (/^(reached|signed|concluded|of|from|in)$/.test(ts[to]?.lower ?? '')) {
      let k = to;
      for (; k < ts.length && k < to + 8; k++) {
        const t = ts[k];
        if (YEAR.test(t.text)) {
          years.push(t.text);
          extentTo = k + 1;
        } else if (!/^(reached|signed|concluded|of|from|in|and|,)$/.test(t.lower)) break;
      }
    }
    for (let k = from; k < to; k++)
      if (YEAR.test(ts[k].text) && !years.includes(ts[k].text)) years.push(ts[k].text);
    out.push({
      head: i,
      from,
      to,
      extentTo,
      plural: /s$|memoranda$/.test(l) && l !== 'mous',
      definite,
      complement,
      named,
      years,
      // "the treaty", "the amended treaty", "the new agreement": a description of one already named
      anaphor:
        anaphorHead ||
        (definite &&
          !complement &&
          !named &&
          !years.length &&
          !ts.slice(from, i).some((t) => /[-–]/.test(t.text) || t.cap || !GENERIC_MODIFIERS.has(t.lower)) &&
          !/^(with|between)$/.test(ts[to]?.lower ?? '')),
    });
  }
  return out;
}

interface Building extends Agreement {
  rank: number;
  signingSentence: Span | null;
  /** Content words of the name, for merging repeated descriptions. */
  words: Set<string>;
}

const NAME_STOP = set(
  'treaty treaties agreement agreements deal deals accord accords pact pacts memorandum memoranda protocol protocols contract contracts convention conventions mou mous document documents the a an on of for and in comprehensive new',
);

function contentWords(name: string): Set<string> {
  return new Set(
    name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !NAME_STOP.has(w)),
  );
}

function addUnique<T>(list: T[], xs: T[]): void {
  for (const x of xs) if (!list.includes(x)) list.push(x);
}

function mentionsIn(idx: ActorIndex, a: number, b: number): Entity[] {
  const out: Entity[] = [];
  for (let i = firstMentionAt(idx, a); i < idx.mentions.length && idx.mentions[i].start < b; i++) {
    const m = idx.mentions[i];
    if (m.end <= b && !out.includes(m.entity)) out.push(m.entity);
  }
  return out;
}

const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);

/** Parties (states, organisations) and signatories (people) named in a token region. */
function partiesIn(
  ents: Entity[],
  idx: ActorIndex,
  people: boolean,
): { parties: string[]; signatories: string[] } {
  const parties: string[] = [];
  const signatories: string[] = [];
  for (const e of ents) {
    if (e.type === 'PERSON') {
      if (people && !signatories.includes(e.id)) signatories.push(e.id);
      const c = countryOf(e);
      const ce = c ? idx.countries.get(c) : undefined;
      if (ce && !parties.includes(ce.id)) parties.push(ce.id);
      continue;
    }
    if (e.type === 'MISC' || e.type === 'FAC') continue;
    if (e.type === 'LOC' && !countryOf(e)) continue;
    const r = resolveActor(e, idx);
    if (!parties.includes(r.id)) parties.push(r.id);
  }
  return { parties, signatories };
}

function regionEnd(ts: Tok[], from: number): number {
  for (let k = from; k < ts.length; k++) {
    const l = ts[k].lower;
    if (
      /^[,.;:()]$/.test(ts[k].text) ||
      /^(during|in|on|at|which|that|who|is|was|were|to|after|before|amid)$/.test(l)
    )
      return k;
  }
  return ts.length;
}

export function extractAgreements(doc: AnnotatedDocument): Agreement[] {
  if (!isEnglish(doc)) return [];
  const idx = actorIndex(doc);
  const out: Building[] = [];
  let last: Building | null = null;
  for (const sentence of doc.sentences) {
    const stext = doc.text.slice(sentence.start, sentence.end);
    // most sentences name no agreement: skip them before tokens are looked at
    if (!MAY_NAME.test(stext) && !(last && /^\s*(It|This)\b/.test(stext))) continue;
    const sentTokens = tokensIn(doc, sentence);
    if (!sentTokens.length) continue;
    const ts = toks(doc.text, sentTokens);
    const nps = nounPhrases(ts);
    const status = nps.length ? statusOf(stext) : null;
    const inSentence: Building[] = [];
    let sentenceVerb = -1;
    // references first: a dated description next to another agreement in the sentence
    const refs = nps.filter((np) => np.years.length && !np.complement && (nps.length > 1 || last));
    for (const np of nps) {
      if (refs.includes(np)) continue;
      let target: Building | null = null;
      if (np.anaphor) {
        if (!last) {
          if (ANAPHOR_HEADS.has(ts[np.head].lower)) continue;
        } else target = last;
      }
      const names = splitList(doc.text, ts, np);
      const before = out.length;
      for (const item of names) {
        let a: Building | null = target;
        if (!a && !np.anaphor) {
          const words = contentWords(item.name);
          const earlier = out.slice(0, before);
          a =
            earlier.find((x) => x.name.toLowerCase() === item.name.toLowerCase()) ??
            earlier.find((x) => {
              let shared = 0;
              for (const w of words) if (x.words.has(w)) shared++;
              // the same description, or one a part of the other ("nuclear deal" ~ "Iran nuclear deal")
              return (
                (shared >= 2 && shared >= Math.min(words.size, x.words.size) - 1) ||
                (shared >= 1 && shared === Math.min(words.size, x.words.size))
              );
            }) ??
            null;
          if (a && /\s(on|of|for)\s/.test(item.name) && !/\s(on|of|for)\s/.test(a.name)) {
            // the descriptive form ("treaty on comprehensive strategic partnership") names it best
            a.name = item.name;
            a.words = contentWords(item.name);
          }
        }
        if (!a) {
          a = {
            id: '',
            name: np.anaphor ? ts[np.head].lower.replace(/s$/, '') : item.name,
            parties: [],
            signatories: [],
            date: null,
            place: null,
            status: 'signed',
            provisions: [],
            references: [],
            evidence: [],
            rank: -1,
            signingSentence: null,
            words: contentWords(item.name),
          };
          out.push(a);
        }
        if (!a.evidence.some((e) => e.start === sentence.start))
          a.evidence.push({ start: sentence.start, end: sentence.end });
        if (
          item.kind &&
          !a.provisions.some((p) => p.kind === item.kind && p.text === doc.text.slice(item.start, item.end))
        )
          a.provisions.push({
            kind: item.kind,
            text: doc.text.slice(item.start, item.end),
            start: item.start,
            end: item.end,
          });
        // what a "mutual defence pact" or a "trade deal" is about, from its modifiers
        if (np.head > np.from && !np.anaphor) {
          const ms = ts[np.from].start;
          const me = ts[np.head - 1].end;
          const modText = doc.text.slice(ms, me);
          const kind = provisionKind(modText);
          if (kind && !a.provisions.some((p) => p.kind === kind))
            a.provisions.push({ kind, text: modText, start: ms, end: me });
        }
        if (!inSentence.includes(a)) inSentence.push(a);
        // parties: "X-Y treaty" modifiers, "by …", "between …", "with …"
        const mod = mentionsIn(idx, ts[np.from].start, ts[np.head].start);
        if (mod.length >= 2 || /[-–]/.test(doc.text.slice(ts[np.from].start, ts[np.head].start)))
          addParties(a, partiesIn(mod, idx, false));
        const after = ts[np.extentTo]?.lower;
        const after2 = ts[np.extentTo + 1]?.lower;
        let byAt = -1;
        if (after === 'by') byAt = np.extentTo + 1;
        else if (
          (after === 'inked' || after === 'signed' || after === 'concluded' || after === 'ratified') &&
          after2 === 'by'
        )
          byAt = np.extentTo + 2;
        else if (after === 'was' || after === 'were' || after === 'has' || after === 'had' || after === ',') {
          const k0 = after === ',' ? np.extentTo + 1 : np.extentTo;
          for (let k = k0; k < Math.min(ts.length, np.extentTo + 10) && ts[k].text !== ','; k++)
            if (ts[k].lower === 'by') {
              byAt = k + 1;
              break;
            }
        }
        if (byAt > 0) {
          const end = regionEnd(ts, byAt);
          const people = /sign|ink/.test(
            ts
              .slice(np.extentTo, byAt)
              .map((t) => t.lower)
              .join(' '),
          );
          addParties(
            a,
            partiesIn(mentionsIn(idx, ts[byAt].start, ts[end - 1]?.end ?? ts[byAt].end), idx, people),
          );
          if (people) a.signingSentence = sentence;
        }
        if (after === 'between' || after === 'with') {
          const end = regionEnd(ts, np.extentTo + 1);
          if (end > np.extentTo + 1)
            addParties(a, partiesIn(mentionsIn(idx, ts[np.extentTo + 1].start, ts[end - 1].end), idx, false));
        }
        // the signing clause's subject: "Russia and North Korea signed a treaty", "Putin's talks with Kim yielded a treaty"
        let verb = signingVerbBefore(ts, np.from);
        // coordinated objects share the verb: "yielded a treaty …, agreements on …, as well as a deal on …"
        if (verb < 0 && sentenceVerb >= 0 && sentenceVerb < np.from) verb = sentenceVerb;
        if (verb >= 0) {
          sentenceVerb = verb;
          const start = clauseStartBefore(ts, verb);
          if (verb > start) {
            const people = /^(sign|ink)/.test(ts[verb].lower);
            addParties(a, partiesIn(mentionsIn(idx, ts[start].start, ts[verb - 1].end), idx, people));
            if (people) a.signingSentence = sentence;
          }
          if (SIGNING.test(ts[verb].lower)) a.signingSentence ??= sentence;
        }
        if (status) {
          const r = STATUS_RANK.indexOf(status);
          if (r > a.rank) {
            a.rank = r;
            a.status = status;
          }
          if (status === 'signed' && !a.signingSentence) a.signingSentence = sentence;
        }
        last = a;
      }
    }
    // references: attach to the agreement of this sentence, else the last one named
    for (const np of refs) {
      const host = inSentence[0] ?? last;
      if (!host) continue;
      const start = ts[np.from].start;
      const from = np.definite ? ts[Math.max(0, np.from - 1)].start : start;
      const ref: AgreementReference = {
        text: doc.text.slice(from, ts[np.extentTo - 1].end),
        years: np.years,
        start: from,
        end: ts[np.extentTo - 1].end,
      };
      if (!host.references.some((r) => r.start === ref.start)) host.references.push(ref);
      if (!host.evidence.some((e) => e.start === sentence.start))
        host.evidence.push({ start: sentence.start, end: sentence.end });
    }
    // provisions in a relative clause: "a treaty … that obliges each side to provide …"
    for (const np of nps) {
      const host = inSentence.find((a) => a.evidence.some((e) => e.start === sentence.start)) ?? null;
      let k = np.to;
      if (/^(that|which)$/.test(ts[k]?.lower ?? '')) k++;
      if (k === np.to || !host || !PROVISION_VERBS.test(ts[k]?.text ?? '')) continue;
      let from = k + 1;
      if (ts[from]?.lower === 'for' || ts[from]?.lower === 'on') from++;
      const to = provisionEnd(ts, from);
      if (to <= from) continue;
      const text = doc.text.slice(ts[from].start, ts[to - 1].end);
      if (!host.provisions.some((x) => x.text === text))
        host.provisions.push({
          kind: provisionKind(text) ?? 'general',
          text,
          start: ts[from].start,
          end: ts[to - 1].end,
        });
    }
    // provisions: "<agreement> provides for …", "It provides for …"
    const subjectIsAgreement =
      (nps.length && nps[0].from <= 2 && (inSentence[0] || (nps[0].anaphor && last))) ||
      (/^(it|this)$/i.test(ts[0].text) && last && doc.agreements !== null);
    if (subjectIsAgreement && last) {
      const host = inSentence[0] ?? last;
      for (let k = 1; k < ts.length; k++) {
        if (!PROVISION_VERBS.test(ts[k].text)) continue;
        let from = k + 1;
        if (ts[from]?.lower === 'for' || ts[from]?.lower === 'on') from++;
        const to = provisionEnd(ts, from);
        if (to <= from) break;
        const text = doc.text.slice(ts[from].start, ts[to - 1].end);
        const p: Provision = {
          kind: provisionKind(text) ?? 'general',
          text,
          start: ts[from].start,
          end: ts[to - 1].end,
        };
        if (!host.provisions.some((x) => x.text === p.text)) host.provisions.push(p);
        if (!host.evidence.some((e) => e.start === sentence.start))
          host.evidence.push({ start: sentence.start, end: sentence.end });
        break;
      }
    }
  }
  // a bare "new treaty", or the headline's name for the story's agreement, is the nearest specific one
  const title = doc.article.title;
  const onlyInTitle = (a: Building) =>
    !!title && a.evidence.every((e) => e.start >= title.start && e.end <= title.end);
  for (let i = 0; i < out.length; i++) {
    const g = out[i];
    const headline = onlyInTitle(g);
    if (g.words.size && !headline) continue;
    const fits = (x: Building) =>
      x !== g &&
      (headline ? x.parties.some((p) => g.parties.includes(p)) || !g.parties.length : x.words.size > 0);
    const host = headline
      ? (out.find((x) => fits(x) && !onlyInTitle(x)) ?? null)
      : (out.slice(0, i).reverse().find(fits) ?? out.slice(i + 1).find(fits) ?? null);
    if (!host) continue;
    addUnique(host.parties, g.parties);
    addUnique(host.signatories, g.signatories);
    for (const e of g.evidence) if (!host.evidence.some((x) => x.start === e.start)) host.evidence.push(e);
    for (const p of g.provisions)
      if (!host.provisions.some((x) => x.text === p.text)) host.provisions.push(p);
    for (const r of g.references)
      if (!host.references.some((x) => x.start === r.start)) host.references.push(r);
    if (g.rank > host.rank) {
      host.rank = g.rank;
      host.status = g.status;
    }
    host.signingSentence ??= g.signingSentence;
    host.evidence.sort((x, y) => x.start - y.start);
    out.splice(i, 1);
    i--;
  }
  // date and place of signing, from the sentence that reports it
  for (const a of out) {
    const s = a.signingSentence;
    if (!s) continue;
    const times = doc.times.filter(
      (t) =>
        t.start >= s.start &&
        t.end <= s.end &&
        /^\d{4}(-\d{2}(-\d{2})?)?$/.test(t.value) &&
        (t.type === 'DATE' || !t.type),
    );
    if (times.length) a.date = times[0].value;
    a.place = signingPlace(doc, s, idx);
  }
  // a bare "the deal" with nothing known about it (no parties, date, provisions) is not a record worth keeping
  const kept = out.filter(
    (a) =>
      a.words.size > 0 ||
      a.parties.length ||
      a.signatories.length ||
      a.date ||
      a.provisions.length ||
      a.references.length,
  );
  return kept.map((a, i) => ({
    id: `a${i + 1}`,
    name: a.name,
    parties: a.parties,
    signatories: a.signatories,
    date: a.date,
    place: a.place,
    status: a.status,
    provisions: a.provisions,
    references: a.references,
    evidence: a.evidence.sort((x, y) => x.start - y.start),
  }));
}

/** A provision runs to the end of its sentence, short of a closing ", officials said". */
function provisionEnd(ts: Tok[], from: number): number {
  let to = ts.length;
  for (let k = from; k < ts.length; k++) {
    if (ts[k].text !== ',') continue;
    const tail = ts.slice(k + 1, k + 7).map((t) => t.lower);
    if (tail.some((w) => /^(said|says|reported|reports|told|added|according)$/.test(w))) {
      to = k;
      break;
    }
  }
  while (to > from && /^[.!?;:"”,]$/.test(ts[to - 1].text)) to--;
  return to;
}

function addParties(a: Agreement, p: { parties: string[]; signatories: string[] }): void {
  addUnique(a.parties, p.parties);
  addUnique(a.signatories, p.signatories);
}

const SIGNING = /^(sign(ed|s)?|inked|concluded|yielded|reached|clinched|sealed|struck|agreed)$/;
/** Verbs whose subject is a party, whatever they do to the agreement. */
const PARTY_VERBS =
  /^(ratif(y|ies|ied)|suspend(s|ed)?|withdr[ae]w|withdraws|quit|quits|exited|abandon(s|ed)?|join(s|ed)?|renew(s|ed)?|extend(s|ed)?|violat(es|ed)|scrapp?(ed|s)?|terminat(es|ed)|renounc(es|ed))$/;

function signingVerbBefore(ts: Tok[], np: number): number {
  for (let k = np - 1; k >= 0 && k >= np - 6; k--) {
    if (PARTY_VERBS.test(ts[k].lower)) return k;
    if (SIGNING.test(ts[k].lower)) return k;
    if (/^[,.;:]$/.test(ts[k].text)) return -1;
  }
  return -1;
}

function clauseStartBefore(ts: Tok[], k: number): number {
  for (let j = k - 1; j >= 0; j--)
    if (/^[,;:"“”()–—-]$/.test(ts[j].text) || /^(that|which|who|when)$/.test(ts[j].lower)) return j + 1;
  return 0;
}

function signingPlace(doc: AnnotatedDocument, s: Span, idx: ActorIndex): string | null {
  for (const m of idx.mentions) {
    if (m.start < s.start || m.end > s.end || !PLACE_TYPES.has(m.entity.type)) continue;
    // "in the New START treaty" names the agreement, not a place
    if (
      /^\s*(treaty|agreement|accord|pact|deal|convention|protocol)\b/i.test(doc.text.slice(m.end, m.end + 12))
    )
      continue;
    const before = doc.text.slice(Math.max(s.start, m.start - 24), m.start).toLowerCase();
    if (/\b(in|at)\s+(the\s+)?$/.test(before) || /\b(visit|trip|summit)\s+(to|in)\s+$/.test(before))
      return m.entity.id;
  }
  return null;
}

interface ListItem {
  name: string;
  kind: string | null;
  start: number;
  end: number;
}

/** "agreements on cooperation in the areas of medicine, medical education and science": one per area. */
function splitList(text: string, ts: Tok[], np: NounPhrase): ListItem[] {
  const whole: ListItem = {
    name: text.slice(ts[np.from].start, ts[np.to - 1].end),
    kind: null,
    start: 0,
    end: 0,
  };
  if (!np.complement) return [whole];
  const cs = ts[np.complement.from].start;
  const ce = ts[np.complement.to - 1].end;
  const comp = text.slice(cs, ce);
  const kind = provisionKind(comp);
  if (!np.plural || !/,| and /.test(comp)) return [{ ...whole, kind, start: cs, end: ce }];
  // the list is after the last "of"/"in"/"on": "… in the areas of A, B and C"
  const m = /^(.*\b(?:of|in|on))\s+(.+)$/s.exec(comp);
  if (!m) return [{ ...whole, kind, start: cs, end: ce }];
  const prefix = text.slice(ts[np.from].start, cs + m[1].length);
  const listStart = cs + m[1].length + (comp.length - m[1].length - m[2].length);
  const items: ListItem[] = [];
  const re = /[^,]+?(?=,|\s+and\s+|$)/g;
  const list = m[2];
  let x: RegExpExecArray | null;
  while ((x = re.exec(list)) !== null) {
    const raw = x[0].replace(/^\s*(and\s+)?/, '');
    if (!raw.trim()) {
      re.lastIndex++;
      continue;
    }
    const off = listStart + x.index + (x[0].length - raw.length);
    items.push({
      name: `${prefix} ${raw.trim()}`,
      kind: provisionKind(raw) ?? kind,
      start: off,
      end: off + raw.trimEnd().length,
    });
    if (re.lastIndex === x.index) re.lastIndex++;
  }
  return items.length > 1 ? items : [{ ...whole, kind, start: cs, end: ce }];
}

export const agreementsStage: Stage = {
  name: 'agreements',
  version: AGREEMENTS_VERSION,
  run: (doc) => ({ ...doc, agreements: extractAgreements(doc) }),
};
