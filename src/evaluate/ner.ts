import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { emptyLayout } from '../article/layout.js';
import { UsageError } from '../errors.js';
import { type GoldDocument, type GoldFormat, readGold } from '../nlp/ner/corpus.js';
import { nerModel } from '../nlp/ner/model.js';
import { nerStage, tagTokenRuns } from '../nlp/ner/stage.js';
import { ENTITY_CLASSES } from '../nlp/ner/tagger.js';
import { conllClass } from '../nlp/ner/types.js';
import { languageStage } from '../nlp/stage.js';
import { tokenize } from '../nlp/tokenize.js';
import { sharedDataPath } from '../paths.js';
import { emptyDocument } from '../pipeline.js';
import { type PRF, pct, prf } from './metrics.js';

// `newsgraph evaluate ner --gold FILE`: conlleval-style exact-match scoring of named entities.
//   CoNLL-2003 JSONL: each gold sentence (one line of `text`) is tokenised with our tokenizer and tagged as a
//   sentence; the document's sentences are tagged together, as the NER stage does (document-level pass).
//   MEANTIME JSONL: the whole text goes through the language and NER stages; named PER/ORG/LOC mentions
//   inside `annotatedUntilChar` are scored (our types mapped: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, else MISC;
//   MEANTIME has no MISC, so predicted MISC spans there are not counted).

export const NER_EVALUATE_HELP = `Usage: newsgraph evaluate ner --gold FILE [--format conll|meantime] [--errors N] [--json]

Scores the named-entity tagger against gold data: exact span and type (conlleval), per type and overall.
  --gold FILE     CoNLL-2003 JSONL (ner/conll2003-dev.jsonl) or MEANTIME JSONL (ner/meantime-dev.jsonl);
                  a bare name such as "conll2003-dev" is looked up in ../shared/data/ner/
  --format F      conll | meantime (default: detected from the first record)
  --errors N      print up to N false positives and negatives
  --json          print the scores as JSON
`;

export interface Span3 {
  start: number;
  end: number;
  type: string;
}

/** Predicted entities (CoNLL classes) for one gold document. */
export function predict(doc: GoldDocument, format: GoldFormat): Span3[] {
  if (format === 'conll') {
    const runs = doc.sentences.map((s) => tokenize(doc.text, s.start, s.end).filter((t) => t.end <= s.end));
    return tagTokenRuns(doc.text, runs).map((m) => ({
      start: m.start,
      end: m.end,
      type: conllClass(m.type),
    }));
  }
  let d = emptyDocument({ text: doc.text, url: null, layout: emptyLayout() }, doc.id);
  const ctx = { now: new Date(0), referenceDate: null };
  d = nerStage.run(languageStage.run(d, ctx), ctx);
  return d.mentions
    .filter((m) => m.kind === 'name' && m.end <= doc.scoredUntil)
    .map((m) => ({ start: m.start, end: m.end, type: conllClass(m.type) }))
    .filter((m) => m.type !== 'MISC');
}

export interface NerEvaluation {
  format: GoldFormat;
  documents: number;
  perType: Record<string, PRF>;
  overall: PRF;
  /** Overlap match: a prediction counts when it overlaps an unmatched gold entity of the same type. */
  relaxed: PRF;
  seconds: number;
  errors: { doc: string; kind: 'FP' | 'FN'; text: string; type: string; context: string }[];
}

export function evaluateNer(docs: GoldDocument[], format: GoldFormat, keepErrors = 0): NerEvaluation {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const c = (t: string) => {
    let x = counts.get(t);
    if (!x) counts.set(t, (x = { tp: 0, fp: 0, fn: 0 }));
    return x;
  };
  const errors: NerEvaluation['errors'] = [];
  const t0 = performance.now();
  let rtp = 0;
  let rpred = 0;
  let rgold = 0;
  for (const doc of docs) {
    const gold = doc.sentences.flatMap((s) => s.entities);
    const pred = predict(doc, format);
    const key = (e: Span3) => `${e.start}:${e.end}:${e.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    const used = new Set<number>();
    for (const p of pred) {
      const g = gold.findIndex(
        (x, k) => !used.has(k) && x.type === p.type && x.start < p.end && p.start < x.end,
      );
      if (g >= 0) {
        used.add(g);
        rtp++;
      }
    }
    rpred += pred.length;
    rgold += gold.length;
    const ctx = (e: Span3) => doc.text.slice(Math.max(0, e.start - 40), e.end + 40).replace(/\n/g, ' ');
    const note = (kind: 'FP' | 'FN', e: Span3) => {
      if (errors.length < keepErrors)
        errors.push({
          doc: doc.id,
          kind,
          text: doc.text.slice(e.start, e.end),
          type: e.type,
          context: ctx(e),
        });
    };
    for (const p of pred) {
      if (goldKeys.has(key(p))) c(p.type).tp++;
      else {
        c(p.type).fp++;
        note('FP', p);
      }
    }
    for (const g of gold) {
      if (!predKeys.has(key(g))) {
        c(g.type).fn++;
        note('FN', g);
      }
    }
  }
  const perType: Record<string, PRF> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of ENTITY_CLASSES) {
    const x = counts.get(t);
    if (!x) continue;
    perType[t] = prf(x.tp, x.fp, x.fn);
    tp += x.tp;
    fp += x.fp;
    fn += x.fn;
  }
  return {
    format,
    documents: docs.length,
    perType,
    overall: prf(tp, fp, fn),
    relaxed: prf(rtp, rpred - rtp, rgold - rtp),
    seconds: (performance.now() - t0) / 1000,
    errors,
  };
}

const pct2 = (x: number) => pct(x, 2, 6);

export function formatTable(e: NerEvaluation): string {
  const rows = [`type      precision  recall      F1   (tp / fp / fn)`];
  const line = (name: string, s: PRF) =>
    `${name.padEnd(8)}  ${pct2(s.precision)}    ${pct2(s.recall)}  ${pct2(s.f1)}   (${s.tp} / ${s.fp} / ${s.fn})`;
  for (const [t, s] of Object.entries(e.perType)) rows.push(line(t, s));
  rows.push(line('overall', e.overall));
  return rows.join('\n');
}

export async function evaluateCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string' },
      format: { type: 'string' },
      errors: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(NER_EVALUATE_HELP);
    return 0;
  }
  if (!values.gold) throw new UsageError(`evaluate ner: --gold FILE is required\n\n${NER_EVALUATE_HELP}`);
  if (values.format && values.format !== 'conll' && values.format !== 'meantime')
    throw new UsageError(`evaluate ner: --format must be conll or meantime, not "${values.format}"`);
  let path = values.gold;
  if (!existsSync(path)) {
    if (/^[\w.-]+$/.test(path)) {
      try {
        path = sharedDataPath('ner', path.endsWith('.jsonl') ? path : `${path}.jsonl`);
      } catch (err) {
        process.stderr.write(`evaluate ner: ${(err as Error).message}\n`);
        return 1;
      }
    } else {
      process.stderr.write(
        `evaluate ner: gold file not found: ${path}\n(the gold data lives in ../shared/data/ner/, which is not part of a user clone)\n`,
      );
      return 1;
    }
  }
  if (!nerModel()) {
    process.stderr.write('evaluate ner: no model in models/ (run npm run train:ner)\n');
    return 1;
  }
  const { format, docs } = readGold(path, values.format as GoldFormat | undefined);
  const e = evaluateNer(docs, format, Number(values.errors ?? 0));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ gold: path, ...e }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`NER on ${path} (${format}, ${e.documents} documents, exact match)\n\n`);
  process.stdout.write(`${formatTable(e)}\n`);
  const r = e.relaxed;
  process.stdout.write(
    `overlap   ${pct2(r.precision)}    ${pct2(r.recall)}  ${pct2(r.f1)}   (same type, any overlap: not conlleval)\n\n`,
  );
  process.stdout.write(`tagged in ${e.seconds.toFixed(1)} s\n`);
  for (const er of e.errors)
    process.stdout.write(`${er.kind} ${er.type.padEnd(4)} ${er.text}  |  ${er.context}\n`);
  return 0;
}
