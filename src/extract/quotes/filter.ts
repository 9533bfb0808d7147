import { existsSync, readFileSync } from 'node:fs';
import type { AnnotatedDocument, Quote } from '../../document.js';
import { modelPath } from '../../paths.js';
import { type LogisticModel, logisticScore } from './logistic.js';

// A learned acceptance filter over the rules' quotes: a logistic regression, trained on PolNeAR train only
// (`train/quotes-filter.ts`), scores each quote from its cue, kind, speaker, length and punctuation, and quotes
// scoring below the threshold chosen by cross-validation on train are dropped. Quotes typed `speech: false` and
// nested quotes are left as they are.

export interface FilterModel extends LogisticModel {}

const WORD = /[\p{L}\p{N}_']+/gu;
const PRONOUNS = new Set(
  'he she they i we it you his her their him them this that these those who'.split(' '),
);
const QUOTE_MARK = /[“”"„«»]|``|''/;

function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

/** Feature names of one quote (strings; the model's weights are keyed by them). */
export function quoteFeatures(doc: AnnotatedDocument, q: Quote, entityType: Map<string, string>): string[] {
  const text = doc.text;
  const f: string[] = [];
  const kind = q.kind;
  f.push(`k=${kind}`);
  const cue = q.cue ? q.cue.text.toLowerCase() : null;
  f.push(`cue=${cue ?? 'NONE'}`);
  if (cue) {
    f.push(`cuesuf=${cue.slice(-3)}`);
    f.push(`cue&k=${cue}|${kind}`);
    const pos = q.cue!.start < q.start ? 'before' : q.cue!.start >= q.end ? 'after' : 'inside';
    f.push(`cuepos=${pos}`);
    f.push(`cuepos&k=${pos}|${kind}`);
    const gap = text.slice(Math.min(q.cue!.end, q.end), Math.max(q.cue!.start, q.start));
    if (q.cue!.start >= q.end || q.cue!.end <= q.start)
      f.push(`gapw=${bucket((gap.match(WORD) ?? []).length, [0, 1, 2, 4, 8])}`);
    const after = text.slice(q.cue!.end, q.cue!.end + 12).toLowerCase();
    const next = after.match(/^\s*([\p{L}']+|[^\s\p{L}])/u)?.[1] ?? 'EOS';
    f.push(`cuenext=${next}`);
    f.push(`cue&next=${cue}|${next}`);
  }
  const words = q.fragments?.length
    ? q.fragments.flatMap((fr) => fr.text.match(WORD) ?? [])
    : (q.text.match(WORD) ?? []);
  const n = words.length;
  f.push(`len=${bucket(n, [2, 3, 5, 8, 12, 20, 35, 60])}`);
  f.push(`len&k=${bucket(n, [3, 8, 20])}|${kind}`);
  const first = (words[0] ?? '').toLowerCase();
  const last = (words[n - 1] ?? '').toLowerCase();
  f.push(`first=${first}`);
  f.push(`last=${last}`);
  f.push(`firstcap=${/^\p{Lu}/u.test(words[0] ?? '')}`);
  f.push(`frags=${q.fragments?.length ?? 0}`);
  const inner = q.text;
  f.push(`marks=${QUOTE_MARK.test(inner)}`);
  f.push(`q?=${/\?/.test(inner)}`);
  const before = text.slice(Math.max(0, q.start - 3), q.start);
  const afterQ = text.slice(q.end, q.end + 3);
  f.push(`pre=${before.replace(/\p{L}/gu, 'a').replace(/\d/g, '0').replace(/\n/g, 'N')}`);
  f.push(`post=${afterQ.replace(/\p{L}/gu, 'a').replace(/\d/g, '0').replace(/\n/g, 'N')}`);
  const sp = q.speaker;
  if (!sp) f.push('spk=NONE');
  else {
    const w = sp.text.toLowerCase();
    const pron = PRONOUNS.has(w);
    f.push(
      `spk=${pron ? `pron:${w}` : sp.entity ? `ent:${entityType.get(sp.entity) ?? '?'}` : /^\p{Lu}/u.test(sp.text) ? 'cap' : 'low'}`,
    );
    if (!pron && !sp.entity) f.push(`spkhead=${w.split(/\s+/).pop()}`);
    f.push(`spk&k=${sp.entity ? 'ent' : 'noent'}|${kind}`);
    if (cue) f.push(`spk&cue=${sp.entity ? 'ent' : 'noent'}|${cue}`);
  }
  const wb =
    text.slice(Math.max(0, q.start - 25), q.start).match(/([\p{L}']+|[^\s\p{L}])\s*$/u)?.[1] ?? 'BOS';
  const wa = text.slice(q.end, q.end + 25).match(/^\s*([\p{L}']+|[^\s\p{L}])/u)?.[1] ?? 'EOS';
  f.push(`wb=${wb.toLowerCase()}`);
  f.push(`wa=${wa.toLowerCase()}`);
  f.push(`wb&k=${wb.toLowerCase()}|${kind}`);
  const line = text.lastIndexOf('\n', q.start - 1);
  f.push(`parstart=${!/\p{L}/u.test(text.slice(line + 1, q.start))}`);
  f.push(`sents=${bucket((q.text.match(/[.!?]["”’']?\s+\p{Lu}/gu) ?? []).length, [0, 1, 2, 4])}`);
  if (cue) f.push(`cue&len=${cue}|${bucket(n, [3, 8, 20])}`);
  // Position in the document (headline region) and the paragraph.
  f.push(`docpos=${bucket(q.start / Math.max(1, text.length), [0.05, 0.5])}`);
  return f;
}

let MODEL: FilterModel | null | undefined;

/** The committed model, loaded once per process (null when there is none). */
export function filterModel(): FilterModel | null {
  if (MODEL === undefined) {
    const p = process.env.NEWSGRAPH_QUOTES_FILTER === 'off' ? '' : modelPath('quotes-filter.json');
    MODEL = p && existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as FilterModel) : null;
  }
  return MODEL;
}

export function setFilterModel(m: FilterModel | null): void {
  MODEL = m;
}

export function scoreFeatures(m: FilterModel, feats: string[]): number {
  return logisticScore(m, feats);
}

/** Drop the quotes the model rejects (their nested quotes go with them); ids are renumbered. */
export function filterQuotes(
  doc: AnnotatedDocument,
  quotes: Quote[],
  m: FilterModel | null = filterModel(),
): Quote[] {
  if (!m || !quotes.length) return quotes;
  const entityType = new Map(doc.entities.map((e) => [e.id, e.type as string]));
  const dropped = new Set<string>();
  for (const q of quotes) {
    if ((q as Quote & { speech?: boolean }).speech === false) continue;
    if (q.parent) {
      if (dropped.has(q.parent)) dropped.add(q.id);
      continue;
    }
    if (scoreFeatures(m, quoteFeatures(doc, q, entityType)) < m.threshold) dropped.add(q.id);
  }
  if (!dropped.size) return quotes;
  const kept = quotes.filter((q) => !dropped.has(q.id));
  const ids = new Map<string, string>();
  for (let i = 0; i < kept.length; i++) ids.set(kept[i].id, `q${i + 1}`);
  return kept.map((q) => ({
    ...q,
    id: ids.get(q.id)!,
    ...(q.parent ? { parent: ids.get(q.parent) ?? null } : {}),
  }));
}
