import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { AnnotatedDocument, Entity, PoliticalEvent, RawDocument } from '../document.js';
import { UsageError } from '../errors.js';
import { lexicon } from '../extract/events/lexicon.js';
import { actorIndex, resolveActor, tokensIn } from '../extract/events/stage.js';
import { countryByCode, countryByIso2 } from '../nlp/gazetteer/countries.js';
import { analyze } from '../pipeline.js';
import { multisetCounts, type PRF, pct, prf, readJsonl } from './metrics.js';

// Scores the events layer against the PLOVER sentence gold (../shared/data/events/), as
// ../shared/data/README.md defines it. Each record's text goes through the whole pipeline as a plain-text
// document, with the record's date as `published` when it has one.
//   event type   per sentence, the multiset of predicted types against the gold types (micro P/R/F1);
//   actor country per sentence, the set of countries among predicted source+target entities (ids.iso or
//                attributes.country, mapped to alpha-3) against the gold set; non-state codes unscored;
//   strict       an event is right when its type, source countries and target countries all match a gold
//                event's (one-to-one).

export const HELP = `Usage: newsgraph evaluate events --gold FILE [--gold FILE ...] [options]

Score PLOVER events against sentence-level gold (plover-gold-dev.jsonl, petrarch-fictional-tests.jsonl)
and print event-type, actor-country and strict type+source+target precision/recall/F1.

  --gold FILE          gold JSONL (repeatable; each file is reported on its own)
  --min-confidence X   score only events with confidence >= X (default 0)
  --errors N           print up to N sentences whose types or countries differ, for development
  --baseline           also score a bag-of-verbs baseline: the same dictionary with no grammar (every
                       dictionary verb form is an event; actors before it are sources, after it targets)
  --json               print the scores as JSON
`;

interface GoldActor {
  text?: string;
  code?: string;
  country?: string;
}

interface GoldEvent {
  type: string | null;
  source_actor: GoldActor[];
  target_actor: GoldActor[];
}

interface GoldRecord {
  id: string;
  text: string;
  date: string | null;
  fictional_actors?: boolean;
  events: GoldEvent[];
}

export interface EventScores {
  file: string;
  sentences: number;
  type: PRF;
  actor: PRF;
  strict: PRF;
  /** Actor scoring is meaningless for fictional countries: flagged so it is reported as such. */
  fictional: boolean;
  msPerSentence: number;
}

/** Country codes of older CAMEO dictionaries that the gazetteer does not list (Italy, Vietnam). */
const OLD_CODES: Record<string, string> = { ITL: 'ITA', VTN: 'VNM' };

/** A gold actor's country as alpha-3, or null for non-state and unknown codes (IGO, NGO, ---REB …). */
export function goldCountry(a: GoldActor): string | null {
  const code = a.country ?? (a.code && a.code.length === 3 ? a.code : null);
  if (!code || !/^[A-Z]{3}$/.test(code)) return null;
  if (code === 'IGO' || code === 'NGO' || code === 'IMG' || code === 'MNC') return null;
  return (countryByCode(code) ?? countryByCode(OLD_CODES[code] ?? ''))?.iso3 ?? null;
}

/** A predicted entity's country as alpha-3. */
export function entityCountry(e: Entity | undefined): string | null {
  if (!e) return null;
  const iso = e.ids?.iso ?? (typeof e.attributes?.country === 'string' ? e.attributes.country : null);
  if (!iso) return null;
  return countryByIso2(iso)?.iso3 ?? null;
}

function countriesOf(ids: string[], byId: Map<string, Entity>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const c = entityCountry(byId.get(id));
    if (c) out.add(c);
  }
  return out;
}

function goldSet(actors: GoldActor[]): Set<string> {
  const out = new Set<string>();
  for (const a of actors) {
    const c = goldCountry(a);
    if (c) out.add(c);
  }
  return out;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export interface SentenceCounts {
  type: [number, number, number];
  actor: [number, number, number];
  strict: [number, number, number];
}

/** Score one sentence's predicted events against its gold events. */
export function scoreSentence(pred: PoliticalEvent[], entities: Entity[], gold: GoldEvent[]): SentenceCounts {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const golds = gold.filter((g) => g.type);
  // types: multisets
  const pc = new Map<string, number>();
  const gc = new Map<string, number>();
  for (const p of pred) pc.set(p.type, (pc.get(p.type) ?? 0) + 1);
  for (const g of golds) gc.set(g.type as string, (gc.get(g.type as string) ?? 0) + 1);
  const { tp, fp, fn } = multisetCounts(pc, gc);
  // actor countries: sets over the sentence
  const pSet = new Set<string>();
  for (const p of pred) for (const c of countriesOf([...p.source, ...p.target], byId)) pSet.add(c);
  const gSet = new Set<string>();
  for (const g of golds) for (const c of goldSet([...g.source_actor, ...g.target_actor])) gSet.add(c);
  let atp = 0;
  for (const c of pSet) if (gSet.has(c)) atp++;
  // strict: one-to-one
  const used = new Set<number>();
  let stp = 0;
  for (const p of pred) {
    const ps = countriesOf(p.source, byId);
    const pt = countriesOf(p.target, byId);
    const k = golds.findIndex(
      (g, i) =>
        !used.has(i) &&
        g.type === p.type &&
        sameSet(ps, goldSet(g.source_actor)) &&
        sameSet(pt, goldSet(g.target_actor)),
    );
    if (k >= 0) {
      used.add(k);
      stp++;
    }
  }
  return {
    type: [tp, fp, fn],
    actor: [atp, pSet.size - atp, gSet.size - atp],
    strict: [stp, pred.length - stp, golds.length - stp],
  };
}

function analyzeRecord(r: GoldRecord): AnnotatedDocument {
  const raw: RawDocument = {
    id: r.id,
    origin: r.id,
    url: null,
    format: 'text',
    content: r.text,
    published: r.date ?? null,
    title: null,
  };
  return analyze(raw, { now: new Date('2025-01-01T00:00:00Z') });
}

/**
 * The baseline a dictionary coder without grammar gives: every form of a dictionary verb (with its following
 * words anywhere in the sentence) is an event; the entities before it are its sources, those after its targets.
 * No voice, negation, modality, clause or complement handling.
 */
export function baselineEvents(doc: AnnotatedDocument): PoliticalEvent[] {
  const lex = lexicon();
  const idx = actorIndex(doc);
  const out: PoliticalEvent[] = [];
  for (const s of doc.sentences) {
    const ts = tokensIn(doc, s);
    const ms = idx.mentions.filter((m) => m.start >= s.start && m.end <= s.end);
    for (let i = 0; i < ts.length; i++) {
      const readings = lex.forms.get(ts[i].text.toLowerCase());
      if (!readings) continue;
      const rest = ts.slice(i + 1).map((t) => t.text.toLowerCase());
      let hit = null;
      for (const r of readings)
        for (const e of lex.verbs.get(r.lemma) ?? [])
          if (!hit && e.restForms.every((f) => rest.some((w) => f.has(w)))) hit = e;
      if (!hit) continue;
      const ids = (xs: typeof ms) => [...new Set(xs.map((m) => resolveActor(m.entity, idx).id))];
      out.push({
        id: `b${out.length + 1}`,
        type: hit.type,
        mode: hit.mode,
        context: hit.context,
        source: ids(ms.filter((m) => m.end <= ts[i].start)),
        target: ids(ms.filter((m) => m.start >= ts[i].end)),
        date: null,
        date_end: null,
        location: null,
        trigger: { start: ts[i].start, end: ts[i].end, text: ts[i].text },
        evidence: { start: s.start, end: s.end },
        confidence: 0.5,
      });
    }
  }
  return out;
}

export function evaluateFile(
  file: string,
  opts: { minConfidence?: number; errors?: number; log?: (s: string) => void; baseline?: boolean } = {},
): EventScores {
  const recs = readJsonl<GoldRecord>(file);
  const sum = { type: [0, 0, 0], actor: [0, 0, 0], strict: [0, 0, 0] };
  let shown = 0;
  const t0 = performance.now();
  for (const r of recs) {
    const doc = analyzeRecord(r);
    const pred = opts.baseline
      ? baselineEvents(doc)
      : doc.events.filter((e) => e.confidence >= (opts.minConfidence ?? 0));
    const c = scoreSentence(pred, doc.entities, r.events);
    for (const k of ['type', 'actor', 'strict'] as const) for (let i = 0; i < 3; i++) sum[k][i] += c[k][i];
    if (opts.errors && shown < opts.errors && (c.type[1] || c.type[2] || c.actor[1] || c.actor[2])) {
      shown++;
      const byId = new Map(doc.entities.map((e) => [e.id, e]));
      const show = (ids: string[]) =>
        ids.map((id) => `${byId.get(id)?.name ?? id}:${entityCountry(byId.get(id)) ?? '-'}`).join('+');
      const gold = r.events
        .filter((g) => g.type)
        .map(
          (g) =>
            `${g.type} ${[...goldSet(g.source_actor)].join('+')}→${[...goldSet(g.target_actor)].join('+')}`,
        )
        .join(' | ');
      const ours = pred
        .map((e) => `${e.type}[${e.trigger.text}] ${show(e.source)}→${show(e.target)}`)
        .join(' | ');
      opts.log?.(`- ${r.id}\n  ${r.text}\n  gold: ${gold || '(none)'}\n  ours: ${ours || '(none)'}\n`);
    }
  }
  const ms = performance.now() - t0;
  return {
    file: opts.baseline ? `${file} [bag-of-verbs baseline]` : file,
    sentences: recs.length,
    type: prf(sum.type[0], sum.type[1], sum.type[2]),
    actor: prf(sum.actor[0], sum.actor[1], sum.actor[2]),
    strict: prf(sum.strict[0], sum.strict[1], sum.strict[2]),
    fictional: recs.some((r) => r.fictional_actors),
    msPerSentence: recs.length ? ms / recs.length : 0,
  };
}

const pct1 = (x: number) => pct(x, 1, 5);

export function formatScores(s: EventScores): string {
  const row = (name: string, p: PRF) =>
    `${name.padEnd(22)} ${pct1(p.precision)} ${pct1(p.recall)} ${pct1(p.f1)}   tp ${p.tp} fp ${p.fp} fn ${p.fn}`;
  const lines = [
    `${s.file}: ${s.sentences} sentences, ${s.msPerSentence.toFixed(2)} ms/sentence (whole pipeline)`,
    `${'score'.padEnd(22)}     P     R    F1`,
    row('event type', s.type),
    row(s.fictional ? 'actor country (n/a)' : 'actor country', s.actor),
    row(s.fictional ? 'strict (n/a)' : 'strict type+src+tgt', s.strict),
  ];
  if (s.fictional)
    lines.push(
      '(fictional countries: actor codes such as ARN/GON have no real country, so only event type is meaningful)',
    );
  return `${lines.join('\n')}\n`;
}

export async function evaluateCommand(argv: string[]): Promise<number> {
  let values: {
    gold?: string[];
    'min-confidence'?: string;
    errors?: string;
    json?: boolean;
    baseline?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        gold: { type: 'string', multiple: true },
        'min-confidence': { type: 'string' },
        errors: { type: 'string' },
        json: { type: 'boolean' },
        baseline: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(`evaluate events: ${(e as Error).message}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.gold?.length) throw new UsageError('evaluate events: --gold FILE is required');
  const minConfidence = values['min-confidence'] ? Number(values['min-confidence']) : 0;
  const errors = values.errors ? Number(values.errors) : 0;
  const all: EventScores[] = [];
  for (const f of values.gold) {
    const s = evaluateFile(f, { minConfidence, errors, log: (x) => process.stdout.write(x) });
    all.push(s);
    if (!values.json) process.stdout.write(formatScores(s));
    if (values.baseline) {
      const b = evaluateFile(f, { minConfidence, baseline: true });
      all.push(b);
      if (!values.json) process.stdout.write(formatScores(b));
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  return 0;
}
