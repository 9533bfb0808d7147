import type { AnalyzedDocument } from '../document.js';

// What changed between two analyses of one document, fact by fact: re-processing after an improvement
// reports facts added and removed per layer.

export interface LayerDiff {
  added: string[];
  removed: string[];
}

export type FactDiff = Record<'entities' | 'times' | 'quotes' | 'events' | 'agreements', LayerDiff>;

function facts(doc: AnalyzedDocument): Record<keyof FactDiff, Set<string>> {
  const name = (id: string | null | undefined) => doc.entities.find((e) => e.id === id)?.name ?? '';
  return {
    entities: new Set(doc.entities.map((e) => `${e.type} ${e.name}${e.ids.iso ? ` [${e.ids.iso}]` : ''}`)),
    times: new Set(doc.times.map((t) => `${t.text}@${t.start} = ${t.value}`)),
    quotes: new Set(
      doc.quotes.map(
        (q) =>
          `${q.kind}@${q.start}-${q.end} by ${q.speaker?.entity ? name(q.speaker.entity) : (q.speaker?.text ?? '?')}`,
      ),
    ),
    events: new Set(
      doc.events.map(
        (v) =>
          `${v.type} ${v.source.map(name).join('+')} → ${v.target.map(name).join('+')} "${v.trigger.text}"@${v.trigger.start}`,
      ),
    ),
    agreements: new Set(doc.agreements.map((g) => `${g.name} (${g.status}${g.date ? `, ${g.date}` : ''})`)),
  };
}

export function diffAnalyses(before: AnalyzedDocument, after: AnalyzedDocument): FactDiff {
  const a = facts(before);
  const b = facts(after);
  const out = {} as FactDiff;
  for (const k of Object.keys(a) as (keyof FactDiff)[]) {
    out[k] = { added: [...b[k]].filter((x) => !a[k].has(x)), removed: [...a[k]].filter((x) => !b[k].has(x)) };
  }
  return out;
}

export function diffSize(d: FactDiff): number {
  return Object.values(d).reduce((n, l) => n + l.added.length + l.removed.length, 0);
}
