// Unlabelled news text from ../shared/data for the word statistics the tagger uses (lower-case
// commonness, distributional clusters). Never the CoNLL dev set or the MEANTIME evaluation documents.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl } from '../../src/nlp/ner/corpus.js';
import { SHARED_DATA_DIR } from '../../src/paths.js';

export const UNLABELLED_SOURCES = [
  'ner/conll2003-train.jsonl',
  'quotes/polnear-train.jsonl',
  'ner/gum-wikinews.jsonl',
  'time/timebank-train.jsonl',
  'time/aquaint-train.jsonl',
  'geo/lgl.jsonl',
  'geo/geovirus.jsonl',
  'demo/wikinews-articles.jsonl',
];

export function* unlabelledTexts(): Generator<string> {
  for (const rel of UNLABELLED_SOURCES) {
    const p = join(SHARED_DATA_DIR, rel);
    if (!existsSync(p)) continue;
    for (const r of readJsonl(p)) if (typeof r.text === 'string') yield r.text;
  }
}
