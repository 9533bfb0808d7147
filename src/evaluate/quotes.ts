import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AnnotatedDocument, Quote, Span } from '../document.js';
import { UsageError } from '../errors.js';
import { extractQuotes, setQuoteDefaults } from '../extract/quotes/extract.js';
import { analyze } from '../pipeline.js';

// Quotes against PolNeAR, as ../shared/data/README.md defines the scoring:
// - only `is_speech` gold attributions; predictions typed `speech: false` are not counted;
// - exact: spans equal after trimming quote marks, punctuation and whitespace at both ends;
// - overlap: ≥ 50 % of the gold tokens and ≥ 50 % of the predicted tokens shared (gold fragments or the whole gold
//   span, whichever fits better; the prediction's fragments if given); one-to-one, best pairs first;
// - speaker accuracy over overlap-matched quotes with a gold speaker: right when the predicted speaker mention, or any
//   mention of the predicted speaker entity, overlaps the gold speaker span.

export const HELP = `Usage: newsgraph evaluate quotes --gold FILE [--from N] [--limit N] [--errors N] [--no-inherit] [--count-nonspeech] [--json]

Run the whole pipeline on each PolNeAR record's text and score the quotes layer:
content detection P/R/F1 at exact span and at >= 50 % token overlap, and speaker accuracy on overlap-matched quotes.
  --gold FILE    PolNeAR JSONL (../shared/data/quotes/polnear-{train,dev}.jsonl)
  --limit N      score N records only
  --from N       start at record N (0-based)
  --errors N     print up to N missed and N spurious quotes
  --no-inherit   do not give cue-less quotation paragraphs the previous speaker
  --count-nonspeech  also count quotes typed speech: false (polls, results) as predictions
  --json         print the scores as JSON
`;

interface GoldFragment {
  start: number;
  end: number;
}

export interface GoldQuote {
  quote_start: number;
  quote_end: number;
  quote_fragments: GoldFragment[] | null;
  kind: string;
  speaker_start: number | null;
  speaker_end: number | null;
  speaker_fragments: GoldFragment[] | null;
  speaker_is_pronoun: boolean;
  is_speech: boolean;
  cue: string | null;
}

export interface GoldRecord {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

const TOKEN = /[\p{L}\p{N}_]+/gu;
const TRIM = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

export function wordSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Indices of the words that overlap any of the spans. */
export function wordsIn(words: Span[], spans: Span[]): Set<number> {
  const out = new Set<number>();
  for (const s of spans) {
    // binary search for the first word ending after s.start
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid].end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < words.length && words[i].start < s.end; i++) out.add(i);
  }
  return out;
}

export function trimmed(text: string, s: Span): string {
  return text.slice(s.start, s.end).replace(TRIM, '');
}

export function trimmedSpan(text: string, s: Span): string {
  // The span after trimming, as offsets, so that equal text at different places does not match.
  const raw = text.slice(s.start, s.end);
  const lead = raw.length - raw.replace(/^[\s\p{P}\p{S}]+/u, '').length;
  const t = raw.replace(TRIM, '');
  return `${s.start + lead}:${t.length}`;
}

export function overlapScore(g: Set<number>, p: Set<number>): number {
  if (!g.size || !p.size) return 0;
  let shared = 0;
  for (const i of p) if (g.has(i)) shared++;
  const a = shared / g.size;
  const b = shared / p.size;
  return a >= 0.5 && b >= 0.5 ? Math.min(a, b) : 0;
}

export interface Counts {
  gold: number;
  predicted: number;
  exact: number;
  overlap: number;
  speakerGold: number;
  speakerRight: number;
}

export function emptyCounts(): Counts {
  return { gold: 0, predicted: 0, exact: 0, overlap: 0, speakerGold: 0, speakerRight: 0 };
}

export interface DocScore {
  counts: Counts;
  missed: GoldQuote[];
  spurious: Quote[];
  wrongSpeaker: [GoldQuote, Quote][];
  /** Each overlap-matched prediction's gold quote. */
  matched: Map<Quote, GoldQuote>;
}

/** Score one document's predicted quotes against its gold. */
export function scoreDocument(
  text: string,
  gold: GoldQuote[],
  predicted: Quote[],
  entityMentions: Map<string, Span[]>,
  countNonSpeech = false,
): DocScore {
  const g = gold.filter((q) => q.is_speech);
  const p = predicted.filter((q) => countNonSpeech || (q as Quote & { speech?: boolean }).speech !== false);
  const counts = emptyCounts();
  counts.gold = g.length;
  counts.predicted = p.length;
  // exact
  const exactKeys = new Map<string, number>();
  for (const q of g) {
    const k = trimmedSpan(text, { start: q.quote_start, end: q.quote_end });
    exactKeys.set(k, (exactKeys.get(k) ?? 0) + 1);
  }
  for (const q of p) {
    const k = trimmedSpan(text, q);
    const n = exactKeys.get(k) ?? 0;
    if (n > 0) {
      counts.exact++;
      exactKeys.set(k, n - 1);
    }
  }
  // overlap
  const words = wordSpans(text);
  const gWhole = g.map((q) => wordsIn(words, [{ start: q.quote_start, end: q.quote_end }]));
  const gFrag = g.map((q) => (q.quote_fragments?.length ? wordsIn(words, q.quote_fragments) : null));
  const pw = p.map((q) => wordsIn(words, q.fragments?.length ? q.fragments : [q]));
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < g.length; i++) {
    for (let j = 0; j < p.length; j++) {
      if (p[j].end <= g[i].quote_start || p[j].start >= g[i].quote_end) continue;
      const s = Math.max(overlapScore(gWhole[i], pw[j]), gFrag[i] ? overlapScore(gFrag[i]!, pw[j]) : 0);
      if (s > 0) pairs.push([s, i, j]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0]);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const wrongSpeaker: [GoldQuote, Quote][] = [];
  const matched = new Map<Quote, GoldQuote>();
  for (const [, i, j] of pairs) {
    if (gUsed.has(i) || pUsed.has(j)) continue;
    gUsed.add(i);
    pUsed.add(j);
    matched.set(p[j], g[i]);
    counts.overlap++;
    const gq = g[i];
    if (gq.speaker_start == null || gq.speaker_end == null) continue;
    counts.speakerGold++;
    const gs: Span[] = gq.speaker_fragments?.length
      ? gq.speaker_fragments
      : [{ start: gq.speaker_start, end: gq.speaker_end }];
    const sp = p[j].speaker;
    const cands: Span[] = [];
    if (sp) {
      cands.push(sp);
      if (sp.entity) cands.push(...(entityMentions.get(sp.entity) ?? []));
    }
    const right = cands.some((c) => gs.some((s) => c.start < s.end && s.start < c.end));
    if (right) counts.speakerRight++;
    else wrongSpeaker.push([gq, p[j]]);
  }
  return {
    counts,
    missed: g.filter((_, i) => !gUsed.has(i)),
    spurious: p.filter((_, j) => !pUsed.has(j)),
    wrongSpeaker,
    matched,
  };
}

function prf(tp: number, predicted: number, gold: number): { p: number; r: number; f: number } {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const pct = (x: number) => (100 * x).toFixed(1);

export async function evaluateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string' },
      limit: { type: 'string' },
      from: { type: 'string' },
      errors: { type: 'string' },
      'no-inherit': { type: 'boolean' },
      'count-nonspeech': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.gold) throw new UsageError('evaluate quotes: --gold FILE is required');
  if (values['no-inherit']) setQuoteDefaults({ inherit: false });
  const lines = readFileSync(values.gold, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const limit = values.limit ? Number(values.limit) : lines.length;
  const nErrors = values.errors ? Number(values.errors) : 0;
  const total = emptyCounts();
  const byKind = new Map<string, [number, number]>();
  let ms = 0;
  let stageMs = 0;
  let pronounGold = 0;
  let pronounRight = 0;
  const errs: string[] = [];
  const from = values.from ? Number(values.from) : 0;
  for (const line of lines.slice(from, from + limit)) {
    const rec = JSON.parse(line) as GoldRecord;
    const t0 = performance.now();
    const doc: AnnotatedDocument = analyze({
      id: rec.id,
      origin: rec.id,
      url: null,
      format: 'text',
      content: rec.text,
      published: null,
      title: null,
    });
    ms += performance.now() - t0;
    // The quotes stage alone, run again on the annotated document.
    const t1 = performance.now();
    extractQuotes(doc);
    stageMs += performance.now() - t1;
    if (doc.text !== rec.text)
      throw new Error(`${rec.id}: the pipeline changed the text; offsets would not agree`);
    const mentions = new Map(doc.entities.map((e) => [e.id, e.mentions as Span[]]));
    const s = scoreDocument(rec.text, rec.quotes, doc.quotes, mentions, values['count-nonspeech']);
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += s.counts[k];
    const missedSet = new Set(s.missed);
    for (const q of rec.quotes.filter((x) => x.is_speech)) {
      const e = byKind.get(q.kind) ?? [0, 0];
      e[1]++;
      if (!missedSet.has(q)) e[0]++;
      byKind.set(q.kind, e);
    }
    for (const [gq] of s.wrongSpeaker) if (gq.speaker_is_pronoun) pronounGold++;
    if (errs.length < nErrors * 3) {
      const t = rec.text;
      for (const q of s.missed.slice(0, 2))
        errs.push(
          `MISS ${q.kind} [${q.cue}] ${JSON.stringify(t.slice(q.quote_start, q.quote_end).slice(0, 160))}`,
        );
      for (const q of s.spurious.slice(0, 2))
        errs.push(`SPUR ${q.kind} [${q.cue?.text}] ${JSON.stringify(q.text.slice(0, 160))}`);
      for (const [gq, pq] of s.wrongSpeaker.slice(0, 1))
        errs.push(
          `SPKR gold=${JSON.stringify(t.slice(gq.speaker_start!, gq.speaker_end!))} pred=${JSON.stringify(pq.speaker?.text ?? null)} in ${JSON.stringify(pq.text.slice(0, 80))}`,
        );
    }
  }
  pronounRight = pronounGold; // wrong pronoun speakers (for the report)
  const ex = prf(total.exact, total.predicted, total.gold);
  const ov = prf(total.overlap, total.predicted, total.gold);
  const acc = total.speakerGold ? total.speakerRight / total.speakerGold : 0;
  const n = Math.min(limit, lines.length - from);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ documents: n, ...total, exact: ex, overlap: ov, speakerAccuracy: acc, msPerDoc: ms / n, quotesMsPerDoc: stageMs / n })}\n`,
    );
    return 0;
  }
  if (errs.length) process.stdout.write(`${errs.join('\n')}\n\n`);
  process.stdout.write(
    [
      `documents ${n}, gold quotes ${total.gold} (is_speech), predicted ${total.predicted}`,
      `content exact    P ${pct(ex.p)}  R ${pct(ex.r)}  F1 ${pct(ex.f)}  (${total.exact})`,
      `content overlap  P ${pct(ov.p)}  R ${pct(ov.r)}  F1 ${pct(ov.f)}  (${total.overlap})`,
      `speaker accuracy ${pct(acc)} % (${total.speakerRight}/${total.speakerGold} overlap-matched quotes with a gold speaker; ${pronounRight} wrong ones have pronoun gold speakers)`,
      `overlap recall by gold kind: ${[...byKind].map(([k, [a, b]]) => `${k} ${pct(a / b)} % of ${b}`).join(', ')}`,
      `pipeline ${(ms / n).toFixed(2)} ms/document (${(1000 / (ms / n)).toFixed(0)} documents/s, one core); quotes stage ${(stageMs / n).toFixed(3)} ms/document`,
      '',
    ].join('\n'),
  );
  return 0;
}
