import { existsSync, readFileSync } from 'node:fs';
import type { AnnotatedDocument, Mention, Quote } from '../../document.js';
import { modelPath } from '../../paths.js';
import { type LogisticModel, logisticScore } from './logistic.js';

// Learned recall for reported speech the rules miss. Every sentence that no quote touches is split after each of
// its first words; the rest of the sentence is a candidate content and the word before it a candidate cue. A
// logistic regression trained on PolNeAR train only (`train/quotes-recall.ts`) scores the candidates; a sentence's
// best candidate becomes an indirect (or mixed) quote when it scores above the threshold chosen by cross-validation
// on train. The speaker is the last entity mention before the cue in the sentence.

export interface RecallModel extends LogisticModel {
  /** The only words tried as cues (words that were the cue of a right candidate on train). */
  words?: string[];
}

export interface RecallCandidate {
  start: number;
  end: number;
  cue: { start: number; end: number };
  speaker: Mention | null;
  /** Without a mention: the words before the cue when they are few ("The governor asked …"). */
  subject?: { start: number; end: number } | null;
  feats: string[];
}

const WORDY = /^[\p{L}][\p{L}'’-]*$/u;
const MARK = /[“”"„«»]|``|''/;
const MAX_SPLIT = 20;
const NOT_BEFORE_CUE = new Set('to was were is are be been being am'.split(' '));
// Verbs that report only with "that", a colon or a quotation (as the rules treat them), and nouns of visiting.
const NOT_CUE = /^(?:post|maintain|continu|visit|pledge)/;

function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

function lowerBound(spans: { start: number; end: number }[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (spans[m].end <= pos) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Candidates of every sentence that no existing quote overlaps. */
export function recallCandidates(
  doc: AnnotatedDocument,
  quotes: Quote[],
  gate: Set<string> | null = null,
): RecallCandidate[][] {
  const text = doc.text;
  const toks = doc.tokens;
  const out: RecallCandidate[][] = [];
  const taken = quotes
    .flatMap((q) => (q.fragments?.length ? [q, ...q.fragments] : [q]))
    .map((q) => [q.start, q.end] as [number, number]);
  const cues = quotes.filter((q) => q.cue).map((q) => [q.cue!.start, q.cue!.end] as [number, number]);
  const mentions = doc.mentions;
  for (const s of doc.sentences) {
    if (cues.some(([a, b]) => a < s.end && s.start < b)) continue;
    const raw = text.slice(s.start, s.end);
    if (raw.includes('\n\n')) continue;
    const t0 = lowerBound(toks, s.start);
    let t1 = t0;
    while (t1 < toks.length && toks[t1].start < s.end) t1++;
    const n = t1 - t0;
    if (n < 5 || n > 80) continue;
    // the free stretch: from the sentence start (or the end of a quote inside it) to the next quote or the end
    let end = s.end;
    while (end > s.start && /[\s.!?;:,]/u.test(text[end - 1])) end--;
    let lo = s.start;
    for (const [a, b] of taken) {
      if (a >= s.end || b <= s.start) continue;
      if (a <= lo) lo = Math.max(lo, b);
      else if (a < end) end = a;
    }
    while (end > lo && /[\s.!?;:,—–-]/u.test(text[end - 1])) end--;
    const covered = lo > s.start || end < s.end - 2 ? 'part' : 'free';
    if (end - lo < 15) continue;
    const m0 = lowerBound(mentions, lo);
    const cands: RecallCandidate[] = [];
    const ta = lowerBound(toks, lo);
    const firstLow = toks[ta].text.toLowerCase();
    for (let i = ta + 1; i < Math.min(t1 - 3, ta + MAX_SPLIT); i++) {
      const w = toks[i].text;
      const start = toks[i + 1].start;
      if (start >= end - 10) break;
      const lw = w.toLowerCase();
      if (gate && !gate.has(lw)) continue;
      if (!WORDY.test(w) || /^\p{Lu}/u.test(w)) continue;
      const next = toks[i + 1].text.toLowerCase();
      const prev = toks[i - 1].text.toLowerCase();
      // infinitives and passives with an infinitive ("to say", "was told to leave")
      if (prev === 'to' || (NOT_BEFORE_CUE.has(prev) && next === 'to')) continue;
      if (NOT_CUE.test(lw)) continue;
      let rest = 0;
      for (let k = i + 1; k < t1 && toks[k].start < end; k++) rest++;
      // the last mention before the cue, inside the sentence
      let speaker: Mention | null = null;
      for (let k = m0; k < mentions.length && mentions[k].start < toks[i].start; k++) speaker = mentions[k];
      const spk = speaker ? `${speaker.kind}:${speaker.type}` : 'none';
      const content = text.slice(start, end);
      const f = [
        `w=${lw}`,
        `suf=${lw.slice(-3)}`,
        `w&next=${lw}|${/^\p{Lu}/u.test(toks[i + 1].text) ? 'CAP' : next}`,
        `next=${next}`,
        `prev=${prev}`,
        `w&prev=${lw}|${prev}`,
        `pos=${bucket(i - ta, [1, 2, 3, 5, 8, 12])}`,
        `rest=${bucket(rest, [4, 7, 12, 20, 35])}`,
        `spk=${spk}`,
        `w&spk=${lw}|${spk}`,
        `first=${firstLow}`,
        `marks=${MARK.test(content)}`,
        `prevpunct=${/^[\p{L}\p{N}]/u.test(toks[i - 1].text) ? 'w' : toks[i - 1].text}`,
        `cov=${covered}`,
      ];
      const subject = !speaker && i - ta <= 4 ? { start: toks[ta].start, end: toks[i - 1].end } : null;
      cands.push({ start, end, cue: { start: toks[i].start, end: toks[i].end }, speaker, subject, feats: f });
    }
    // "CONTENT, X verbed." : content before a short tail that holds a verb
    for (let c = t1 - 2; c > ta + 3 && t1 - c <= 8; c--) {
      if (toks[c].text !== ',' || toks[c].start < lo || toks[c].start > end) continue;
      let v = -1;
      for (let k = c + 1; k < t1; k++)
        if (WORDY.test(toks[k].text) && !/^\p{Lu}/u.test(toks[k].text)) {
          v = k;
          break;
        }
      if (v < 0) continue;
      const lw = toks[v].text.toLowerCase();
      if (gate && !gate.has(`t:${lw}`)) continue;
      const mk = lowerBound(mentions, toks[c].end);
      const speaker: Mention | null =
        mk < mentions.length && mentions[mk].start < s.end ? mentions[mk] : null;
      const spk = speaker ? `${speaker.kind}:${speaker.type}` : 'none';
      const f = [
        `tw=${lw}`,
        `tsuf=${lw.slice(-3)}`,
        `tpos=${v - c}`,
        `tlen=${t1 - c}`,
        `tspk=${spk}`,
        `tw&spk=${lw}|${spk}`,
        `tfirst=${firstLow}`,
        `tcov=${covered}`,
        `trest=${bucket(c - ta, [4, 7, 12, 20, 35])}`,
      ];
      cands.push({
        start: lo,
        end: toks[c].start,
        cue: { start: toks[v].start, end: toks[v].end },
        speaker,
        feats: f,
      });
    }
    if (cands.length) out.push(cands);
  }
  return out;
}

let MODEL: RecallModel | null | undefined;

export function recallModel(): RecallModel | null {
  if (MODEL === undefined) {
    const p = process.env.NEWSGRAPH_QUOTES_RECALL === 'off' ? '' : modelPath('quotes-recall.json');
    MODEL = p && existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RecallModel) : null;
  }
  return MODEL;
}

let GATE: Set<string> | undefined;

export function setRecallModel(m: RecallModel | null): void {
  MODEL = m;
  GATE = undefined;
}

export function recallScore(m: RecallModel, feats: string[]): number {
  return logisticScore(m, feats);
}

/** The quotes with the learned extra ones added (in document order, ids renumbered). */
export function addRecall(
  doc: AnnotatedDocument,
  quotes: Quote[],
  m: RecallModel | null = recallModel(),
): Quote[] {
  if (!m) return quotes;
  const text = doc.text;
  const added: Quote[] = [];
  GATE ??= new Set(m.words ?? []);
  for (const cands of recallCandidates(doc, quotes, m.words ? GATE : null)) {
    let best: RecallCandidate | null = null;
    let bestP = m.threshold;
    for (const c of cands) {
      const p = recallScore(m, c.feats);
      if (p >= bestP) {
        best = c;
        bestP = p;
      }
    }
    if (!best) continue;
    const sp = best.speaker;
    added.push({
      id: '',
      kind: MARK.test(text.slice(best.start, best.end)) ? 'mixed' : 'indirect',
      start: best.start,
      end: best.end,
      text: text.slice(best.start, best.end),
      fragments: null,
      cue: { ...best.cue, text: text.slice(best.cue.start, best.cue.end) },
      speaker: sp
        ? { start: sp.start, end: sp.end, text: sp.text, entity: sp.entity }
        : best.subject
          ? { ...best.subject, text: text.slice(best.subject.start, best.subject.end), entity: null }
          : null,
    });
  }
  if (!added.length) return quotes;
  const all = [...quotes, ...added].sort((a, b) => a.start - b.start);
  const ids = new Map<string, string>();
  all.forEach((q, i) => {
    if (q.id) ids.set(q.id, `q${i + 1}`);
  });
  return all.map((q, i) => ({
    ...q,
    id: `q${i + 1}`,
    ...(q.parent ? { parent: ids.get(q.parent) ?? null } : {}),
  }));
}
