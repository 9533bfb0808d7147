import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzedDocument, RawDocument } from '../document.js';
import { analyze } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';

/** Old-generation heap per analysis worker, in MB (NEWSGRAPH_WORKER_HEAP_MB). */
const WORKER_HEAP_MB = Number(process.env.NEWSGRAPH_WORKER_HEAP_MB) || 320;

type Pending = { resolve: (d: AnalyzedDocument) => void; reject: (e: Error) => void };

/** The JSON text a worker sent for a document (the AnalyzedDocument contract), for a store to reuse. */
const jsonOf = new WeakMap<AnalyzedDocument, string>();

/** The JSON of a document as a worker produced it (JSON.stringify(doc)), when it came from a worker. */
export function analysisJson(doc: AnalyzedDocument): string | undefined {
  return jsonOf.get(doc);
}

/** Analysis on worker threads, one per core by default; size 0 analyses on the calling thread. */
export class AnalyzerPool {
  private workers: { w: Worker; busy: number }[] = [];
  private pending = new Map<number, Pending>();
  private seq = 0;

  constructor(readonly size = availableParallelism()) {
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    for (let i = 0; i < size; i++) {
      // Under tsx (development, tests) the worker starts through a shim that registers the TypeScript loader.
      // A bounded old generation makes V8 collect garbage before a worker grows to gigabytes: the models
      // need about 150 MB, the rest of a worker's heap is per-document garbage.
      const w = new Worker(new URL(ext === 'ts' ? './worker-dev.mjs' : './worker.js', import.meta.url), {
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
      const slot = { w, busy: 0 };
      w.on('message', (m: { id: number; json?: string; doc?: AnalyzedDocument; error?: string }) => {
        slot.busy--;
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.json !== undefined) {
          let doc: AnalyzedDocument;
          try {
            doc = JSON.parse(m.json) as AnalyzedDocument;
          } catch (e) {
            p?.reject(e as Error);
            return;
          }
          jsonOf.set(doc, m.json);
          p?.resolve(doc);
        } else if (m.doc) p?.resolve(m.doc);
        else p?.reject(new Error(m.error ?? 'analysis failed'));
      });
      w.on('error', (e) => {
        for (const [id, p] of this.pending) {
          p.reject(e);
          this.pending.delete(id);
        }
      });
      this.workers.push(slot);
    }
  }

  analyze(raw: RawDocument, now = new Date()): Promise<AnalyzedDocument> {
    if (!this.workers.length) {
      try {
        return Promise.resolve(toAnalyzedDocument(analyze(raw, { now })));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = ++this.seq;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.w.postMessage({ id, raw, now: now.getTime() });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
    this.workers = [];
  }
}
