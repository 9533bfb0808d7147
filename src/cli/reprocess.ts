import { parseArgs } from 'node:util';
import type { AnalyzedDocument } from '../document.js';
import { diffSize } from '../graph/diff.js';
import { canonicalUrl } from '../ingest/canonical.js';
import { annotate, PIPELINE_VERSION } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';
import { Store } from '../store/store.js';
import { Progress } from './progress.js';

export async function reprocessCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`Usage: newsgraph reprocess [--db PATH|URL] [--json]

Re-run the pipeline (version ${PIPELINE_VERSION}) on every stored document analysed by another version,
and report what facts changed, layer by layer. The stored article text is re-analysed; nothing is fetched.
`);
    return 0;
  }
  const store = await Store.open(values.db);
  const bar = new Progress('reprocess', !values.quiet && !values.json);
  const totals: Record<string, { added: number; removed: number }> = {};
  let n = 0;
  let changedDocs = 0;
  try {
    let after = 0;
    for (;;) {
      const batch = await store.stale(PIPELINE_VERSION, after, 100);
      if (!batch.length) break;
      for (const row of batch) {
        after = row.id;
        const old = JSON.parse(row.analysis) as AnalyzedDocument;
        // The stored text and article layout are kept: only the language and fact layers are re-run.
        const doc = toAnalyzedDocument(
          annotate({ text: row.text, url: row.url, layout: old.article }, old.id),
        );
        const out = await store.save(doc, { canonicalUrl: canonicalUrl(row.url) });
        n++;
        if (out.changes && diffSize(out.changes)) {
          changedDocs++;
          for (const [layer, d] of Object.entries(out.changes)) {
            const t = (totals[layer] ??= { added: 0, removed: 0 });
            t.added += d.added.length;
            t.removed += d.removed.length;
          }
          if (!values.json && !values.quiet) {
            for (const [layer, d] of Object.entries(out.changes)) {
              for (const x of d.added.slice(0, 5)) process.stderr.write(`  doc ${row.id} ${layer} + ${x}\n`);
              for (const x of d.removed.slice(0, 5))
                process.stderr.write(`  doc ${row.id} ${layer} - ${x}\n`);
            }
          }
        }
        bar.update(n, n);
      }
    }
  } finally {
    bar.done();
    await store.close();
  }
  const summary = {
    version: PIPELINE_VERSION,
    reprocessed: n,
    changed_documents: changedDocs,
    changes: totals,
  };
  process.stdout.write(
    values.json
      ? `${JSON.stringify(summary)}\n`
      : `Re-processed ${n} documents with pipeline ${PIPELINE_VERSION}; ${changedDocs} changed.\n${Object.entries(
          totals,
        )
          .map(([k, v]) => `  ${k.padEnd(11)} +${v.added} −${v.removed}`)
          .join('\n')}\n`,
  );
  return 0;
}
