// Single-word place names that are also English words or personal names (models/geo/ambiguous.txt, built with the
// gazetteer from compromise's lexicon, MIT). Loaded once per process.
import { readFileSync } from 'node:fs';
import { modelPath } from '../../paths.js';

let cache: Set<string> | null = null;

export function loadAmbiguous(): Set<string> {
  if (!cache) {
    cache = new Set(
      readFileSync(modelPath('geo', 'ambiguous.txt'), 'utf8')
        .split('\n')
        .filter((l) => l),
    );
  }
  return cache;
}
