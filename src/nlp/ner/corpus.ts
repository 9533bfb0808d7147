// Readers for gold NER corpora (CoNLL-2003 JSONL, MEANTIME JSONL), used by training and evaluation.
import { readFileSync } from 'node:fs';
import type { Token } from '../../document.js';
import { tokenize } from '../tokenize.js';
import type { EntityClass, LabelledSpan } from './tagger.js';

/** A gold entity: character span and CoNLL class. */
export interface GoldEntity {
  start: number;
  end: number;
  type: EntityClass;
  text?: string;
}

/** One gold sentence (a CoNLL line): its span in the document text and its entities. */
export interface GoldSentence {
  start: number;
  end: number;
  entities: GoldEntity[];
}

export interface GoldDocument {
  id: string;
  text: string;
  /** Sentences that are scored; for MEANTIME, the whole annotated part is one region. */
  sentences: GoldSentence[];
  /** Score only inside [0, scoredUntil). */
  scoredUntil: number;
}

interface ConllRecord {
  id: string;
  text: string;
  sentences: {
    tokenOffsets: [number, number][];
    entities: { charStart: number; charEnd: number; type: string; text: string }[];
  }[];
}

interface MeantimeRecord {
  id: string;
  text: string;
  annotatedUntilChar: number;
  tokens: { sentence: number; start: number; end: number }[];
  entities: { syntactic_type: string; start: number; end: number; type: string; text: string }[];
}

export type GoldFormat = 'conll' | 'meantime';

export function detectFormat(firstRecord: Record<string, unknown>): GoldFormat | null {
  if ('annotatedUntilChar' in firstRecord) return 'meantime';
  if (Array.isArray(firstRecord.sentences)) return 'conll';
  return null;
}

export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function conllDocument(r: ConllRecord): GoldDocument {
  const sentences: GoldSentence[] = [];
  for (const s of r.sentences) {
    if (!s.tokenOffsets.length) continue;
    sentences.push({
      start: s.tokenOffsets[0][0],
      end: s.tokenOffsets[s.tokenOffsets.length - 1][1],
      entities: s.entities.map((e) => ({
        start: e.charStart,
        end: e.charEnd,
        type: e.type as EntityClass,
        text: e.text,
      })),
    });
  }
  return { id: r.id, text: r.text, sentences, scoredUntil: r.text.length };
}

const MEANTIME_TYPES: Record<string, EntityClass> = { PER: 'PER', ORG: 'ORG', LOC: 'LOC' };

export function meantimeDocument(r: MeantimeRecord): GoldDocument {
  // Sentences from the gold tokens' sentence numbers; entities: named mentions of PER/ORG/LOC.
  const bySent = new Map<number, { start: number; end: number }>();
  for (const t of r.tokens) {
    const s = bySent.get(t.sentence);
    if (!s) bySent.set(t.sentence, { start: t.start, end: t.end });
    else {
      s.start = Math.min(s.start, t.start);
      s.end = Math.max(s.end, t.end);
    }
  }
  const ents = r.entities
    .filter((e) => e.syntactic_type === 'NAM' && MEANTIME_TYPES[e.type] && e.end <= r.annotatedUntilChar)
    .map((e) => ({ start: e.start, end: e.end, type: MEANTIME_TYPES[e.type], text: e.text }));
  const sentences = [...bySent.values()]
    .filter((s) => s.start < r.annotatedUntilChar)
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ ...s, entities: ents.filter((e) => e.start >= s.start && e.start < s.end) }));
  return { id: r.id, text: r.text, sentences, scoredUntil: r.annotatedUntilChar };
}

export function readGold(path: string, format?: GoldFormat): { format: GoldFormat; docs: GoldDocument[] } {
  const recs = readJsonl(path);
  const f = format ?? (recs.length ? detectFormat(recs[0]) : 'conll');
  if (!f) throw new Error(`cannot tell the format of ${path}: use --format conll|meantime`);
  const docs = recs.map((r) =>
    f === 'meantime'
      ? meantimeDocument(r as unknown as MeantimeRecord)
      : conllDocument(r as unknown as ConllRecord),
  );
  return { format: f, docs };
}

/** Tokens of one sentence with its gold entities as token spans; `misaligned` counts entities off token edges. */
export function alignSentence(
  text: string,
  s: GoldSentence,
): { tokens: Token[]; spans: LabelledSpan[]; misaligned: number } {
  const tokens = tokenize(text, s.start, s.end).filter((t) => t.end <= s.end);
  const startIx = new Map<number, number>();
  const endIx = new Map<number, number>();
  tokens.forEach((t, i) => {
    startIx.set(t.start, i);
    endIx.set(t.end, i);
  });
  const spans: LabelledSpan[] = [];
  let misaligned = 0;
  for (const e of s.entities) {
    const a = startIx.get(e.start);
    const b = endIx.get(e.end);
    if (a === undefined || b === undefined || b < a) {
      misaligned++;
      continue;
    }
    spans.push({ start: a, end: b + 1, cls: e.type });
  }
  return { tokens, spans, misaligned };
}
