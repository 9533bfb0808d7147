import { parentPort } from 'node:worker_threads';
import type { RawDocument } from '../document.js';
import { analyze } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';

// One analysis worker: models load once per worker, then documents stream through.
parentPort?.on('message', (m: { id: number; raw: RawDocument; now: number }) => {
  try {
    const doc = toAnalyzedDocument(analyze(m.raw, { now: new Date(m.now) }));
    parentPort?.postMessage({ id: m.id, doc });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: (e as Error).message ?? String(e) });
  }
});
