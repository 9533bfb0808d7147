import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { textToArticle } from '../article/text/layout.js';
import type { AnnotatedDocument, Span, StageContext, TimeExpression } from '../document.js';
import { UsageError } from '../errors.js';
import { timesStage } from '../extract/times/stage.js';
import { tagTimes } from '../extract/times/tagger.js';
import { languageStage } from '../nlp/stage.js';
import { emptyDocument, referenceDate } from '../pipeline.js';
import { pct, prf, readJsonl } from './metrics.js';

// Scores the times layer against TIMEX3 gold (TimeBank/AQUAINT, MEANTIME) and GUM's TEI dates,
// as ../shared/data/README.md defines it. Each text goes through what `newsgraph analyze` does for
// plain text with `--published` set to the gold document date: article layout (whose dateline date
// wins, as in analyze), the language stage, then the times stage.

export const HELP = `Usage: newsgraph evaluate time --gold FILE [--gold FILE ...] [--format F] [--errors N]

Score time expressions against gold data and print DATE detection (strict and relaxed) and value
precision/recall/F1, TempEval-3 style; for GUM, the value accuracy over its gold dates.

  --gold FILE     gold JSONL (repeatable; TimeBank+AQUAINT together are the dev set)
  --format F      timebank | meantime | gum (default: detected from the records)
  --errors N      print up to N value errors and misses, for development
`;

export type GoldFormat = 'timebank' | 'meantime' | 'gum';

interface GoldTimex extends Span {
  text: string;
  type: string;
  value: string;
}

interface TeiDate extends Span {
  text: string;
  when?: string;
  from?: string;
  to?: string;
  notBefore?: string;
  notAfter?: string;
}

interface GoldDoc {
  id: string;
  text: string;
  reference: string | null;
  timexes: GoldTimex[];
  dates: TeiDate[];
  limit: number;
}

export function detectFormat(rec: Record<string, unknown>): GoldFormat {
  if (Array.isArray(rec.dates)) return 'gum';
  if ('annotatedUntilChar' in rec) return 'meantime';
  if (Array.isArray(rec.timexes)) return 'timebank';
  throw new UsageError('evaluate time: cannot tell the gold format (use --format timebank|meantime|gum)');
}

/** GUM's reference date: the date written with the headline (end of its line or the next line), else dateCreated. */
export function gumReference(text: string, dateCreated: string | null): string | null {
  const lines = text.split('\n');
  const head = lines.slice(0, 2).join('\n');
  for (const t of tagTimes(head, null)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(t.value)) {
      const line = t.start <= lines[0].length ? lines[0] : lines[1];
      const offset = t.start <= lines[0].length ? t.start : t.start - lines[0].length - 1;
      // at the end of the headline, or the whole of the next line
      if (line.slice(offset + t.text.length).trim() === '' || offset === 0) return t.value;
    }
  }
  return dateCreated ? dateCreated.slice(0, 10) : null;
}

function toGold(rec: Record<string, unknown>, format: GoldFormat): GoldDoc {
  const text = String(rec.text ?? '');
  const id = String(rec.id ?? '');
  if (format === 'gum') {
    return {
      id,
      text,
      reference: gumReference(text, (rec.dateCreated as string | null) ?? null),
      timexes: [],
      dates: (rec.dates as TeiDate[]) ?? [],
      limit: text.length,
    };
  }
  const limit = format === 'meantime' ? Number(rec.annotatedUntilChar ?? text.length) : text.length;
  const dct = (rec.dct as string | null) ?? null;
  return {
    id,
    text,
    reference: dct ? dct.slice(0, 10) : null,
    timexes: (rec.timexes as GoldTimex[]) ?? [],
    dates: [],
    limit,
  };
}

/** The times `newsgraph analyze` would give for this plain text published on `reference`. */
export function analyzeTimes(
  text: string,
  reference: string | null,
  id = 'gold',
  timing?: { timesMs: number; docs: { doc: AnnotatedDocument; ctx: StageContext }[] },
): TimeExpression[] {
  // as pipeline.ts does for plain text: layout, then the dateline's day, else published, as the reference
  // (the layout and stages are called directly so that scoring times does not depend on the other stages)
  const article = textToArticle(text, { published: reference, title: null });
  const ctx: StageContext = { now: new Date(0), referenceDate: referenceDate(article) };
  let doc = emptyDocument(article, id);
  doc = languageStage.run(doc, ctx);
  const t0 = performance.now();
  doc = timesStage.run(doc, ctx);
  if (timing) {
    timing.timesMs += performance.now() - t0;
    timing.docs.push({ doc, ctx });
  }
  return doc.times;
}

// ---------------------------------------------------------------- DATE scoring (TempEval-3 style)

const LEADING_PREP =
  /^(?:in|on|at|since|by|from|to|until|till|during|for|of|before|after|through|between|around|as of|within|over|about)\s+/i;

export function strictKey(s: Span, text: string): string {
  let t = text.slice(s.start, s.end);
  let start = s.start;
  const lead = /^\s*/.exec(t)![0].length;
  t = t.slice(lead);
  start += lead;
  const p = LEADING_PREP.exec(t);
  if (p) {
    t = t.slice(p[0].length);
    start += p[0].length;
  }
  t = t.replace(/[\s.,;:!?'"’”)\]]+$/u, '');
  return `${start}:${start + t.length}`;
}

function isDatePrediction(t: { type?: string; value: string }): boolean {
  if (t.type) return t.type === 'DATE';
  return !/^P/.test(t.value);
}

/** Gold values as written, with TIMEX3 weeks zero-padded ("2000-W7" → "2000-W07"). */
export function normaliseValue(v: string): string {
  return v
    .trim()
    .toUpperCase()
    .replace(/-W(\d)(?!\d)/, '-W0$1');
}

export interface Counts {
  gold: number;
  pred: number;
  strict: number;
  relaxedGold: number;
  relaxedPred: number;
  value: number;
}

function emptyCounts(): Counts {
  return { gold: 0, pred: 0, strict: 0, relaxedGold: 0, relaxedPred: 0, value: 0 };
}

export interface ValueError {
  doc: string;
  gold: string;
  goldValue: string;
  pred: string;
  predValue: string;
  context: string;
}

/** Pairs predictions with gold one-to-one, by largest overlap first. */
function pairUp(gold: Span[], pred: Span[]): Map<number, number> {
  const pairs: { g: number; p: number; o: number }[] = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const o = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (o > 0) pairs.push({ g: gi, p: pi, o });
    });
  });
  pairs.sort((a, b) => b.o - a.o);
  const usedP = new Set<number>();
  const out = new Map<number, number>();
  for (const x of pairs) {
    if (out.has(x.g) || usedP.has(x.p)) continue;
    out.set(x.g, x.p);
    usedP.add(x.p);
  }
  return out;
}

export function scoreDates(doc: GoldDoc, predicted: TimeExpression[], c: Counts, errors: ValueError[]): void {
  const gold = doc.timexes.filter((t) => t.type === 'DATE' && t.start < doc.limit);
  const pred = predicted.filter((t) => isDatePrediction(t) && t.start < doc.limit);
  c.gold += gold.length;
  c.pred += pred.length;
  const goldKeys = new Set(gold.map((g) => strictKey(g, doc.text)));
  for (const p of pred) if (goldKeys.has(strictKey(p, doc.text))) c.strict++;
  const pairs = pairUp(gold, pred);
  c.relaxedGold += pairs.size;
  c.relaxedPred += pairs.size;
  gold.forEach((g, gi) => {
    const pi = pairs.get(gi);
    const p = pi === undefined ? null : pred[pi];
    const ok = p !== null && normaliseValue(p.value) === normaliseValue(g.value);
    if (ok) c.value++;
    else
      errors.push({
        doc: doc.id,
        gold: g.text,
        goldValue: g.value,
        pred: p ? p.text : '',
        predValue: p ? p.value : '',
        context: doc.text.slice(Math.max(0, g.start - 50), g.end + 30).replace(/\s+/g, ' '),
      });
  });
  // spurious predictions, for the error listing
  const matched = new Set(pairs.values());
  pred.forEach((p, pi) => {
    if (!matched.has(pi))
      errors.push({
        doc: doc.id,
        gold: '',
        goldValue: '',
        pred: p.text,
        predValue: p.value,
        context: doc.text.slice(Math.max(0, p.start - 50), p.end + 30).replace(/\s+/g, ' '),
      });
  });
}

// ---------------------------------------------------------------- GUM value accuracy

interface Interval {
  from: string;
  to: string;
}

const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 2] };

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function p2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The days a TIMEX3 value covers, as ISO dates; null for values without a fixed extent. */
export function valueInterval(v: string): Interval | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v))) return { from: m[0], to: m[0] };
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) {
    const y = +m[1];
    const mo = +m[2];
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${p2(lastDay(y, mo))}` };
  }
  if ((m = /^(\d{4})$/.exec(v))) return { from: `${v}-01-01`, to: `${v}-12-31` };
  if ((m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(v))) {
    const y = +m[1];
    const w = +m[2];
    const jan4 = Date.UTC(y, 0, 4);
    const dow = new Date(jan4).getUTCDay() || 7;
    const monday = jan4 - (dow - 1) * 86_400_000 + (w - 1) * 7 * 86_400_000;
    const start = m[3] ? monday + 5 * 86_400_000 : monday;
    const end = monday + 6 * 86_400_000;
    return { from: new Date(start).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    const q = +m[2];
    const y = +m[1];
    return { from: `${m[1]}-${p2(q * 3 - 2)}-01`, to: `${m[1]}-${p2(q * 3)}-${p2(lastDay(y, q * 3))}` };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(v)))
    return m[2] === '1'
      ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30` }
      : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
  if ((m = /^(\d{3})$/.exec(v))) return { from: `${v}0-01-01`, to: `${v}9-12-31` };
  if ((m = /^(\d{2})$/.exec(v))) return { from: `${v}00-01-01`, to: `${v}99-12-31` };
  return null;
}

function boundStart(s: string): string {
  if (/^\d{4}$/.test(s)) return `${s}-01-01`;
  if (/^\d{4}-\d{2}$/.test(s)) return `${s}-01`;
  return s.slice(0, 10);
}

function boundEnd(s: string): string {
  if (/^\d{4}$/.test(s)) return `${s}-12-31`;
  if (/^\d{4}-\d{2}$/.test(s)) return `${s}-${p2(lastDay(+s.slice(0, 4), +s.slice(5, 7)))}`;
  return s.slice(0, 10);
}

/**
 * Does a predicted value state what a GUM TEI date says?
 * - `when` ISO: the same value (a date-time compared to the minute; a bare clock time against the time part);
 *   `--MM` / `--MM-DD` (no year written): the same month (and day) in any year, or XXXX.
 * - `from`/`to`: the value covers exactly those days (a season matches on its year and first month;
 *   yearless bounds compare month and day).
 * - `notBefore`/`notAfter` without `when`: the value's first day agrees with `notBefore` and its last day
 *   with `notAfter`, each at the precision the bound is written in; a duration anchored at the reference
 *   ("the past 30 days") covers the stretch back from the reference; PAST_REF matches a gold date with only
 *   `notAfter`, FUTURE_REF one with only `notBefore`.
 */
export function teiMatches(g: TeiDate, value: string, anchored: Interval | null = null): boolean {
  const v = value.toUpperCase();
  if (g.when) {
    const w = g.when.replace(/^-(?=\d{4})/, '');
    let m: RegExpExecArray | null;
    if ((m = /^--(\d{2})(?:-(\d{2}))?$/.exec(w)))
      return new RegExp(`^(?:\\d{4}|XXXX)-${m[1]}${m[2] ? `-${m[2]}` : ''}$`).test(v);
    if ((m = /^(\d{2}:\d{2})(?::\d{2})?$/.exec(w))) return v.endsWith(`T${m[1]}`);
    if ((m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(w))) return v === `${m[1]}T${m[2]}`;
    return v === w.toUpperCase();
  }
  if (g.from || g.to) {
    const f = g.from ?? '';
    const t = g.to ?? '';
    const season = /^(\d{4}|XXXX)-(SP|SU|FA|WI)$/.exec(v);
    if (season) {
      const start = SEASON_MONTHS[season[2]][0];
      const fm = /^(?:(\d{4})|-)-(\d{2})/.exec(f);
      return !!fm && +fm[2] === start && (season[1] === 'XXXX' || !fm[1] || fm[1] === season[1]);
    }
    const iv = valueInterval(v);
    if (!iv) return false;
    if (f.startsWith('--') || t.startsWith('--')) {
      const fm = f.slice(2);
      const tm = t.slice(2);
      const ok = (a: string, b: string) => a.slice(5, 5 + b.length) === b;
      return (
        ok(iv.from, fm.length === 2 ? `${fm}-01` : fm) &&
        (tm.length === 2 ? iv.to.slice(5, 7) === tm : ok(iv.to, tm))
      );
    }
    return iv.from === boundStart(f) && iv.to === boundEnd(t);
  }
  if (g.notBefore || g.notAfter) {
    if (v === 'PAST_REF' && g.notAfter && !g.notBefore) return true;
    if (v === 'FUTURE_REF' && g.notBefore && !g.notAfter) return true;
    const iv = anchored ?? valueInterval(v);
    if (!iv) return false;
    // each bound given is compared at its own precision (a year bound against the year)
    const same = (a: string, b: string) => a.slice(0, b.length) === b;
    if (g.notBefore && !same(iv.from, g.notBefore)) return false;
    if (g.notAfter && !same(iv.to, g.notAfter)) return false;
    return true;
  }
  return false;
}

/**
 * The stretch a duration anchored at the reference covers: "the past 30 days" written on 2011-03-08 is
 * 2011-02-06 … 2011-03-08 (its TIMEX3 value is P30D; GUM gives it as notBefore/notAfter).
 */
export function anchoredInterval(text: string, value: string, reference: string | null): Interval | null {
  const m = /^P(\d+)([DWMY])$/.exec(value);
  if (!m || !reference || !/^(?:over\s+)?(?:the\s+)?(?:past|last|previous)\s/i.test(text)) return null;
  const n = Number(m[1]);
  const [y, mo, d] = reference.slice(0, 10).split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (m[2] === 'D') t.setUTCDate(t.getUTCDate() - n);
  else if (m[2] === 'W') t.setUTCDate(t.getUTCDate() - 7 * n);
  else if (m[2] === 'M') t.setUTCMonth(t.getUTCMonth() - n);
  else t.setUTCFullYear(t.getUTCFullYear() - n);
  return { from: t.toISOString().slice(0, 10), to: reference.slice(0, 10) };
}

export interface GumCounts {
  gold: number;
  detected: number;
  correct: number;
}

export function scoreGum(
  doc: GoldDoc,
  predicted: TimeExpression[],
  c: GumCounts,
  errors: ValueError[],
): void {
  for (const g of doc.dates) {
    c.gold++;
    const over = predicted.filter((p) => p.start < g.end && g.start < p.end);
    if (over.length) c.detected++;
    if (over.some((p) => teiMatches(g, p.value, anchoredInterval(p.text, p.value, doc.reference))))
      c.correct++;
    else
      errors.push({
        doc: doc.id,
        gold: g.text,
        goldValue: JSON.stringify({
          when: g.when,
          from: g.from,
          to: g.to,
          notBefore: g.notBefore,
          notAfter: g.notAfter,
        }),
        pred: over.map((p) => p.text).join(' | '),
        predValue: over.map((p) => p.value).join(' | '),
        context: doc.text.slice(Math.max(0, g.start - 50), g.end + 30).replace(/\s+/g, ' '),
      });
  }
}

// ---------------------------------------------------------------- the command

function prfLine(tp: number, pred: number, gold: number): string {
  const s = prf(tp, pred - tp, gold - tp);
  return `P ${pct(s.precision, 1, 5)}  R ${pct(s.recall, 1, 5)}  F1 ${pct(s.f1, 1, 5)}`;
}

export async function evaluateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string', multiple: true },
      format: { type: 'string' },
      errors: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const files = values.gold ?? [];
  if (!files.length) throw new UsageError('evaluate time: --gold FILE is required');
  if (values.format && !['timebank', 'meantime', 'gum'].includes(values.format))
    throw new UsageError(`evaluate time: unknown --format "${values.format}"`);
  const showErrors = values.errors ? Number(values.errors) : 0;

  const counts = emptyCounts();
  const gum: GumCounts = { gold: 0, detected: 0, correct: 0 };
  const errors: ValueError[] = [];
  let docs = 0;
  let chars = 0;
  let ms = 0;
  const timing = { timesMs: 0, docs: [] as { doc: AnnotatedDocument; ctx: StageContext }[] };
  const formats = new Set<GoldFormat>();
  for (const file of files) {
    for (const rec of readJsonl(file)) {
      const format = (values.format as GoldFormat | undefined) ?? detectFormat(rec);
      formats.add(format);
      const doc = toGold(rec, format);
      if (!doc.text) continue;
      const t0 = performance.now();
      const predicted = analyzeTimes(doc.text, doc.reference, doc.id, timing);
      ms += performance.now() - t0;
      docs++;
      chars += doc.text.length;
      if (format === 'gum') scoreGum(doc, predicted, gum, errors);
      else scoreDates(doc, predicted, counts, errors);
    }
  }
  const out: string[] = [`documents: ${docs} (${[...formats].join(', ')}), ${files.join(' + ')}`];
  if (counts.gold || counts.pred) {
    out.push(`DATE expressions: gold ${counts.gold}, predicted ${counts.pred}`);
    out.push(`  detection strict   ${prfLine(counts.strict, counts.pred, counts.gold)}`);
    out.push(`  detection relaxed  ${prfLine(counts.relaxedPred, counts.pred, counts.gold)}`);
    out.push(`  value              ${prfLine(counts.value, counts.pred, counts.gold)}`);
  }
  if (gum.gold) {
    const pct = (x: number) => ((100 * x) / gum.gold).toFixed(1);
    out.push(`GUM dates: ${gum.gold}`);
    out.push(`  detected (overlap) ${pct(gum.detected)} %`);
    out.push(`  value accuracy     ${pct(gum.correct)} %  (${gum.correct}/${gum.gold})`);
  }
  const per4k = (x: number) => ((x * 4096) / chars).toFixed(3);
  // the first pass includes compiling and warming up; time the stage again, warm, as a long run sees it
  // (CPU time, not wall time: on a shared machine the wall clock also counts waiting for a core)
  const c1 = process.cpuUsage();
  for (let rep = 0; rep < 3; rep++) for (const { doc, ctx } of timing.docs) timesStage.run(doc, ctx);
  const used = process.cpuUsage(c1);
  timing.timesMs = (used.user + used.system) / 1000 / 3;
  out.push(
    `speed: times stage ${per4k(timing.timesMs)} ms CPU per 4 KB (warm); first pass with layout and language ${per4k(ms)} ms per 4 KB (${(ms / docs).toFixed(2)} ms/document, wall)`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  if (showErrors) {
    for (const e of errors.slice(0, showErrors))
      process.stdout.write(
        `${e.doc}\tgold=${JSON.stringify(e.gold)}:${e.goldValue}\tpred=${JSON.stringify(e.pred)}:${e.predValue}\t${e.context}\n`,
      );
  }
  return 0;
}
