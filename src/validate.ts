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
  a.sections.forEach((s, i) => checkSpan(`article.sections[${i}]`, s));
  const ids = new Set(doc.entities.map((e) => e.id));
  const ref = (where: string, id: string | null) => {
    if (id !== null && !ids.has(id)) problems.push(`${where}: unknown entity ${id}`);
  };
  doc.entities.forEach((e, i) => e.mentions.forEach((m, j) => checkSpan(`entities[${i}].mentions[${j}]`, m)));
  doc.times.forEach((t, i) => checkSpan(`times[${i}]`, t));
  doc.quotes.forEach((q, i) => {
    checkSpan(`quotes[${i}]`, q);
    checkSpan(`quotes[${i}].cue`, q.cue);
    checkSpan(`quotes[${i}].speaker`, q.speaker);
    q.fragments?.forEach((f, j) => checkSpan(`quotes[${i}].fragments[${j}]`, f));
    ref(`quotes[${i}].speaker`, q.speaker?.entity ?? null);
  });
  doc.events.forEach((v2, i) => {
    checkSpan(`events[${i}].trigger`, v2.trigger);
    checkSpan(`events[${i}].evidence`, v2.evidence);
    [...v2.source, ...v2.target].forEach((id) => ref(`events[${i}]`, id));
    ref(`events[${i}].location`, v2.location);
  });
  doc.agreements.forEach((g, i) => {
    [...g.parties, ...g.signatories].forEach((id) => ref(`agreements[${i}]`, id));
    ref(`agreements[${i}].place`, g.place);
    g.provisions.forEach((p, j) => checkSpan(`agreements[${i}].provisions[${j}]`, p));
    g.references.forEach((r, j) => checkSpan(`agreements[${i}].references[${j}]`, r));
    g.evidence.forEach((s, j) => checkSpan(`agreements[${i}].evidence[${j}]`, s));
  });
  return problems;
}
