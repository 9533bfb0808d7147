// Learn the reporting-verb lexicon from PolNeAR train: every word form that heads gold attribution cues often
// enough, and in a large enough share of its occurrences, becomes a cue word. Writes models/quotes-cues.json
// (word forms and counts only; no corpus text).
//   npx tsx train/quotes-cues.ts [--gold FILE] [--min 4] [--ratio 0.25]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { modelPath, sharedDataPath } from '../src/paths.js';

const { values } = parseArgs({
  options: {
    gold: { type: 'string' },
    min: { type: 'string', default: '4' },
    ratio: { type: 'string', default: '0.25' },
  },
});
const gold = values.gold ?? sharedDataPath('quotes', 'polnear-train.jsonl');
const MIN = Number(values.min);
const RATIO = Number(values.ratio);

// Auxiliaries and adverbs that come before the verb in a multi-word cue ("has also said").
const SKIP = new Set(
  "has have had was were is are be been being also will would could can may might must did does do not n't never just still then later earlier already even only further again repeatedly publicly privately once first recently previously quickly openly reportedly".split(
    ' ',
  ),
);
const WORD = /[A-Za-z][A-Za-z’']*/g;

const cue = new Map<string, number>();
const total = new Map<string, number>();
const lines = readFileSync(gold, 'utf8')
  .split('\n')
  .filter((l) => l.trim());
for (const line of lines) {
  const rec = JSON.parse(line) as {
    text: string;
    quotes: { cue_start: number | null; cue_end: number | null; is_speech: boolean }[];
  };
  for (const m of rec.text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    total.set(w, (total.get(w) ?? 0) + 1);
  }
  for (const q of rec.quotes) {
    if (!q.is_speech || q.cue_start == null || q.cue_end == null) continue;
    const words = rec.text.slice(q.cue_start, q.cue_end).match(WORD) ?? [];
    const head = words.map((w) => w.toLowerCase()).find((w) => !SKIP.has(w));
    if (head) cue.set(head, (cue.get(head) ?? 0) + 1);
  }
}

const out: Record<string, [number, number]> = {};
for (const [w, n] of [...cue].sort((a, b) => b[1] - a[1])) {
  const t = total.get(w) ?? 0;
  if (n < MIN || !t || n / t < RATIO) continue;
  if (w.length < 3 || /ly$/.test(w) || /['’]/.test(w)) continue;
  out[w] = [n, t];
}
const file = modelPath('quotes-cues.json');
writeFileSync(
  file,
  `${JSON.stringify({ format: 'newsgraph-quotes-cues/1', source: 'PolNeAR train (counts of cue heads / occurrences)', min: MIN, ratio: RATIO, cues: out }, null, 0)}\n`,
);
process.stdout.write(`${Object.keys(out).length} cue words → ${file}\n`);
