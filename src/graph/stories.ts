import type { AnalyzedDocument } from '../document.js';
import { entityKey } from './entity-key.js';

// Reports of one happening share who was involved, what kind of thing happened, and when.
// A story's signature is the set of its reports' salient entity keys and event types.

export interface StorySignature {
  entities: string[];
  events: string[];
  words: string[];
}

const STOP = new Set(
  'the a an of to in on for and or with by at from as is are was were be after over says said new'.split(' '),
);

export function storySignature(doc: AnalyzedDocument): StorySignature {
  const ranked = doc.entities
    .filter((e) => e.type !== 'NORP' && e.type !== 'MISC')
    .map((e) => ({ key: entityKey(e), n: e.mentions.length }))
    .sort((a, b) => b.n - a.n)
    .slice(0, 10)
    .map((x) => x.key);
  const events = [...new Set(doc.events.map((v) => v.type))];
  const title = doc.article.title?.text ?? doc.text.slice(0, 200);
  const words = [...new Set((title.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !STOP.has(w)))];
  return { entities: [...new Set(ranked)], events, words };
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const sb = new Set(b);
  const inter = a.filter((x) => sb.has(x)).length;
  return inter / (a.length + b.length - inter);
}

/** Similarity of a report to a story, 0..1. */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  return (
    0.65 * jaccard(a.entities, b.entities) +
    0.2 * jaccard(a.events, b.events) +
    0.15 * jaccard(a.words, b.words)
  );
}

/** A report joins a story at this similarity, within STORY_WINDOW_DAYS of it. */
export const STORY_THRESHOLD = 0.3;
export const STORY_WINDOW_DAYS = 4;

export function mergeSignatures(a: StorySignature, b: StorySignature): StorySignature {
  const cap = (xs: string[], n: number) => [...new Set(xs)].slice(0, n);
  return {
    entities: cap([...a.entities, ...b.entities], 24),
    events: cap([...a.events, ...b.events], 16),
    words: cap([...a.words, ...b.words], 40),
  };
}
