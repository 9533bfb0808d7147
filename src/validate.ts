import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnalyzedDocument } from './document.js';
import { ROOT } from './paths.js';

type Validator = ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let compiled: Validator | null = null;

function schemaValidator(): Validator {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'schema', 'document.schema.json'), 'utf8'));
    compiled = new Ajv2020({ allErrors: true, strict: false }).compile(schema) as Validator;
  }
  return compiled;
}

/**
 * Check an AnalyzedDocument against the JSON Schema and against what a schema cannot say: every span lies
 * inside `text`, every span's `text` is the slice it names, and every entity id referred to exists.
 * Returns the problems found (empty when valid).
 */
export function validateDocument(doc: AnalyzedDocument): string[] {
  const v = schemaValidator();
  const problems: string[] = [];
  if (!v(doc)) for (const e of v.errors ?? []) problems.push(`schema ${e.instancePath || '/'}: ${e.message}`);
  if (problems.length) return problems;
  const n = doc.text.length;
  const checkSpan = (where: string, s: { start: number; end: number; text?: string } | null | undefined) => {
    if (!s) return;
    if (s.start > s.end || s.end > n)
      problems.push(`${where}: span ${s.start}-${s.end} outside text (length ${n})`);
    else if (typeof s.text === 'string' && doc.text.slice(s.start, s.end) !== s.text) {
      problems.push(`${where}: text "${s.text.slice(0, 40)}" is not the slice ${s.start}-${s.end}`);
    }
  };
  const a = doc.article;
  checkSpan('article.title', a.title);
  checkSpan('article.lede', a.lede);
  checkSpan('article.dateline', a.dateline);
  checkSpan('article.body', a.body);
  for (const [i, s] of a.sections.entries()) checkSpan(`article.sections[${i}]`, s);
  const ids = new Set(doc.entities.map((e) => e.id));
  const ref = (where: string, id: string | null) => {
    if (id !== null && !ids.has(id)) problems.push(`${where}: unknown entity ${id}`);
  };
  for (const [i, e] of doc.entities.entries()) {
    for (const [j, m] of e.mentions.entries()) checkSpan(`entities[${i}].mentions[${j}]`, m);
  }
  for (const [i, t] of doc.times.entries()) checkSpan(`times[${i}]`, t);
  for (const [i, q] of doc.quotes.entries()) {
    checkSpan(`quotes[${i}]`, q);
    checkSpan(`quotes[${i}].cue`, q.cue);
    checkSpan(`quotes[${i}].speaker`, q.speaker);
    for (const [j, f] of (q.fragments ?? []).entries()) checkSpan(`quotes[${i}].fragments[${j}]`, f);
    ref(`quotes[${i}].speaker`, q.speaker?.entity ?? null);
  }
  for (const [i, v] of doc.events.entries()) {
    checkSpan(`events[${i}].trigger`, v.trigger);
    checkSpan(`events[${i}].evidence`, v.evidence);
    for (const id of [...v.source, ...v.target]) ref(`events[${i}]`, id);
    ref(`events[${i}].location`, v.location);
  }
  for (const [i, g] of doc.agreements.entries()) {
    for (const id of [...g.parties, ...g.signatories]) ref(`agreements[${i}]`, id);
    ref(`agreements[${i}].place`, g.place);
    for (const [j, p] of g.provisions.entries()) checkSpan(`agreements[${i}].provisions[${j}]`, p);
    for (const [j, r] of g.references.entries()) checkSpan(`agreements[${i}].references[${j}]`, r);
    for (const [j, e] of g.evidence.entries()) checkSpan(`agreements[${i}].evidence[${j}]`, e);
  }
  return problems;
}
