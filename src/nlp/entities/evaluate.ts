// Coreference scores against GUM's coreference groups (../shared/data/ner/gum-wikinews.jsonl).
//   npx tsx src/nlp/entities/evaluate.ts [--mentions gold|system] [--partition all|train|dev|test] [FILE]
// gold: the entities stage gets GUM's proper-name mentions (isolates linking and coreference from tagging);
// system: the tagger's mentions.
// Scores: third-person singular pronouns (he/him/his/himself, she/her/hers/herself) resolved to the right
// named entity; descriptions ("the expert") likewise; name-to-name links, MUC-style, over the names both
// sides share.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textToArticle } from '../../article/text/layout.js';
import type { AnnotatedDocument, EntityType, Mention } from '../../document.js';
import { sharedDataPath } from '../../paths.js';
import { annotate, emptyDocument } from '../../pipeline.js';
import { languageStage } from '../stage.js';
import { entitiesStage } from './stage.js';

interface GumToken {
  upos: string;
  start: number;
  end: number;
}
interface GumEntity {
  group: string;
  etype: string;
  start: number;
  end: number;
  text: string;
  hasPropn: boolean;
}
interface GumDoc {
  id: string;
  partition: string;
  text: string;
  tokens: GumToken[];
  entities: GumEntity[];
}

export interface CorefScores {
  docs: number;
  pronouns: { gold: number; linked: number; correct: number };
  /** Baseline: each pronoun to the most recent person name before it. */
  baseline: { linked: number; correct: number };
  descriptions: { linked: number; correct: number; unnamed: number };
  names: { recallNum: number; recallDen: number; precNum: number; precDen: number };
}

const PRONOUNS = /^(he|him|his|himself|she|her|hers|herself)$/i;
const TYPE: Record<string, EntityType> = { person: 'PERSON', organization: 'ORG', place: 'GPE' };

/** GUM's proper-name mentions: the run of PROPN tokens at the end of each named entity mention. */
function goldNames(d: GumDoc): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<string>();
  for (const e of d.entities) {
    const type = TYPE[e.etype];
    if (!type || !e.hasPropn) continue;
    const toks = d.tokens.filter((t) => t.start >= e.start && t.end <= e.end);
    let end = -1;
    let start = -1;
    for (let i = toks.length - 1; i >= 0; i--) {
      if (toks[i].upos === 'PROPN') {
        if (end < 0) end = i;
        start = i;
      } else if (end >= 0) break;
    }
    // the name must end the mention (a possessive aside): not "Whoever wins on November 5"
    if (
      end < 0 ||
      (end < toks.length - 1 &&
        !(end === toks.length - 2 && /^['’]s?$/.test(d.text.slice(toks[end + 1].start, toks[end + 1].end))))
    )
      continue;
    const s = toks[start].start;
    const en = toks[end].end;
    const key = `${s}:${en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ start: s, end: en, text: d.text.slice(s, en), type, kind: 'name', entity: null });
  }
  out.sort((a, b) => a.start - b.start);
  // nested names (a place inside an organisation's name): keep the outer one
  return out.filter(
    (m, i) =>
      !out.some(
        (o, j) => j !== i && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start,
      ),
  );
}

/** The smallest gold mention holding a span. */
function goldAt(d: GumDoc, start: number, end: number): GumEntity | null {
  let best: GumEntity | null = null;
  for (const e of d.entities)
    if (e.start <= start && end <= e.end && (!best || e.end - e.start < best.end - best.start)) best = e;
  return best;
}

export function scoreDocument(d: GumDoc, mode: 'gold' | 'system', s: CorefScores): void {
  const article = textToArticle(d.text, { published: null, title: null }, null);
  let doc: AnnotatedDocument;
  if (mode === 'gold') {
    doc = languageStage.run(emptyDocument(article, d.id), { now: new Date(0), referenceDate: null });
    doc = { ...doc, mentions: goldNames(d) };
    doc = entitiesStage.run(doc, { now: new Date(0), referenceDate: null });
  } else {
    doc = annotate(article, d.id, { now: new Date(0), until: 'entities' });
  }
  s.docs++;
  // gold group of each predicted mention, and the gold groups each predicted entity's names fall in
  const nameGroups = new Map<string, Set<string>>();
  const groupOf = new Map<Mention, string | null>();
  for (const m of doc.mentions) {
    const g =
      m.kind === 'name'
        ? goldAt(d, m.start, m.end)
        : (d.entities.find((e) => e.start === m.start && e.end === m.end) ??
          (m.kind === 'nominal' ? goldAt(d, m.start, m.end) : null));
    groupOf.set(m, g?.group ?? null);
    if (m.kind === 'name' && m.entity && g) {
      let set = nameGroups.get(m.entity);
      if (!set) nameGroups.set(m.entity, (set = new Set()));
      set.add(g.group);
    }
  }
  // pronouns
  const named = new Map<string, number>(); // group → first named mention start
  for (const e of d.entities) {
    if (!e.hasPropn || !TYPE[e.etype]) continue;
    const prev = named.get(e.group);
    if (prev === undefined || e.start < prev) named.set(e.group, e.start);
  }
  for (const e of d.entities) {
    if (e.etype !== 'person' || !PRONOUNS.test(e.text)) continue;
    const first = named.get(e.group);
    if (first === undefined || first > e.start) continue;
    s.pronouns.gold++;
    let last: Mention | null = null;
    for (const x of doc.mentions)
      if (
        x.kind === 'name' &&
        x.type === 'PERSON' &&
        x.entity &&
        x.end <= e.start &&
        (!last || x.start > last.start)
      )
        last = x;
    if (last?.entity) {
      s.baseline.linked++;
      if (nameGroups.get(last.entity)?.has(e.group)) s.baseline.correct++;
    }
    const m = doc.mentions.find((x) => x.start === e.start && x.end === e.end && x.entity);
    if (!m?.entity) continue;
    if (nameGroups.get(m.entity)?.has(e.group)) s.pronouns.correct++;
  }
  const namedEntities = new Set(
    doc.mentions.filter((x) => x.kind === 'name' && x.entity).map((x) => x.entity),
  );
  for (const m of doc.mentions) {
    if (m.kind === 'pronoun' && m.entity && PRONOUNS.test(m.text)) {
      const g = groupOf.get(m);
      if (g && named.has(g)) s.pronouns.linked++;
      else if (!g) s.pronouns.linked++;
    }
    // a description that is an entity of its own ("the Chilean foreign minister", "the Turkish government": no
    // name in the document) links nothing: counted apart
    if (m.kind === 'nominal' && m.entity && !namedEntities.has(m.entity)) s.descriptions.unnamed++;
    else if (m.kind === 'nominal' && m.entity) {
      s.descriptions.linked++;
      const g = groupOf.get(m);
      if (g && nameGroups.get(m.entity)?.has(g)) s.descriptions.correct++;
    }
  }
  // names, MUC over name mentions that have a gold group
  const pairs = doc.mentions
    .filter((m) => m.kind === 'name' && m.entity && groupOf.get(m))
    .map((m) => ({ gold: groupOf.get(m) as string, pred: m.entity as string }));
  const muc = (key: 'gold' | 'pred', other: 'gold' | 'pred') => {
    const chains = new Map<string, Set<string>>();
    const sizes = new Map<string, number>();
    for (const p of pairs) {
      sizes.set(p[key], (sizes.get(p[key]) ?? 0) + 1);
      let set = chains.get(p[key]);
      if (!set) chains.set(p[key], (set = new Set()));
      set.add(p[other]);
    }
    let num = 0;
    let den = 0;
    for (const [k, n] of sizes) {
      num += n - (chains.get(k)?.size ?? 1);
      den += n - 1;
    }
    return [num, den];
  };
  const [rn, rd] = muc('gold', 'pred');
  const [pn, pd] = muc('pred', 'gold');
  s.names.recallNum += rn;
  s.names.recallDen += rd;
  s.names.precNum += pn;
  s.names.precDen += pd;
}

export function evaluateCoref(file: string, mode: 'gold' | 'system', partition: string): CorefScores {
  const s: CorefScores = {
    docs: 0,
    pronouns: { gold: 0, linked: 0, correct: 0 },
    baseline: { linked: 0, correct: 0 },
    descriptions: { linked: 0, correct: 0, unnamed: 0 },
    names: { recallNum: 0, recallDen: 0, precNum: 0, precDen: 0 },
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as GumDoc;
    if (partition !== 'all' && d.partition !== partition) continue;
    scoreDocument(d, mode, s);
  }
  return s;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}` : '-';
}

export function formatScores(s: CorefScores, mode: string): string {
  const p = s.pronouns;
  const pp = p.linked ? p.correct / p.linked : 0;
  const pr = p.gold ? p.correct / p.gold : 0;
  const nr = s.names.recallDen ? s.names.recallNum / s.names.recallDen : 0;
  const np = s.names.precDen ? s.names.precNum / s.names.precDen : 0;
  const f = (a: number, b: number) => (a + b ? ((200 * a * b) / (a + b)).toFixed(1) : '-');
  return [
    `GUM coreference, ${s.docs} documents, ${mode} name mentions`,
    `pronouns (he/she/his/her…, gold antecedent named): ${p.gold} gold, ${p.linked} linked, ${p.correct} correct — P ${pct(p.correct, p.linked)} R ${pct(p.correct, p.gold)} F1 ${f(pp, pr)}`,
    `  baseline, the most recent person name: ${s.baseline.correct} correct of ${s.baseline.linked} linked — R ${pct(s.baseline.correct, p.gold)}`,
    `descriptions linked: ${s.descriptions.linked}, correct ${s.descriptions.correct} (P ${pct(s.descriptions.correct, s.descriptions.linked)}); entities of their own (no name): ${s.descriptions.unnamed}`,
    `name links (MUC over shared name mentions): P ${pct(s.names.precNum, s.names.precDen)} R ${pct(s.names.recallNum, s.names.recallDen)} F1 ${f(np, nr)}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const mode = opt('--mentions', 'gold') === 'system' ? 'system' : 'gold';
  const partition = opt('--partition', 'all');
  const file = args[0] ?? sharedDataPath('ner', 'gum-wikinews.jsonl');
  console.log(formatScores(evaluateCoref(file, mode, partition), mode));
}
