import type { AnnotatedDocument, Entity, EntityType, StageContext } from '../../src/document.js';
import { agreementsStage } from '../../src/extract/agreements/stage.js';
import { eventsStage } from '../../src/extract/events/stage.js';
import { quotesStage } from '../../src/extract/quotes/stage.js';
import { timesStage } from '../../src/extract/times/stage.js';
import { languageStage } from '../../src/nlp/stage.js';
import { emptyDocument } from '../../src/pipeline.js';

// Documents with hand-made entity layers, so the event grammar is tested apart from the NER model.

export interface EntitySpec {
  names: string[];
  type: EntityType;
  iso?: string;
  country?: string;
}

export function docWith(
  text: string,
  specs: EntitySpec[],
  published: string | null = '2024-06-21',
): AnnotatedDocument {
  const ctx: StageContext = { now: new Date('2025-01-01T00:00:00Z'), referenceDate: published };
  let doc = emptyDocument(
    {
      text,
      url: null,
      layout: {
        title: null,
        lede: null,
        dateline: null,
        body: { start: 0, end: text.length },
        sections: [],
        byline: [],
        publisher: null,
        language: 'en',
        published,
        modified: null,
      },
    },
    'test',
  );
  doc = languageStage.run(doc, ctx);
  const entities: Entity[] = specs.map((s, i) => {
    const mentions = [];
    for (const n of s.names) {
      const re = new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null)
        mentions.push({ start: m.index, end: m.index + n.length, text: n });
    }
    mentions.sort((a, b) => a.start - b.start);
    return {
      id: `e${i + 1}`,
      type: s.type,
      name: s.names[0],
      ids: { iso: s.iso ?? null, wikidata: null, geonames: null },
      attributes: s.country ? { country: s.country } : {},
      mentions,
    };
  });
  doc = { ...doc, entities };
  doc = timesStage.run(doc, ctx);
  doc = quotesStage.run(doc, ctx);
  doc = eventsStage.run(doc, ctx);
  return agreementsStage.run(doc, ctx);
}

export const RUSSIA: EntitySpec = { names: ['Russia'], type: 'GPE', iso: 'RU' };
export const FRANCE: EntitySpec = { names: ['France'], type: 'GPE', iso: 'FR' };
export const GERMANY: EntitySpec = { names: ['Germany'], type: 'GPE', iso: 'DE' };
export const CHILE: EntitySpec = { names: ['Chile'], type: 'GPE', iso: 'CL' };
export const PERU: EntitySpec = { names: ['Peru'], type: 'GPE', iso: 'PE' };
export const KENYA: EntitySpec = { names: ['Kenya'], type: 'GPE', iso: 'KE' };

export function names(doc: AnnotatedDocument, ids: string[]): string[] {
  return ids.map((id) => doc.entities.find((e) => e.id === id)?.name ?? id);
}
