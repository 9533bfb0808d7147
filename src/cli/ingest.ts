import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { parseIsoDate } from '../ingest/iso-date.js';
import { ingest } from '../ingest/run.js';
import { Store } from '../store/store.js';
import { warn } from './output.js';
import { Progress } from './progress.js';

export const INGEST_HELP = `Usage: newsgraph ingest SOURCE... [options]

Analyse sources into the store. SOURCE is a file (HTML, text, JSONL, RSS/Atom/JSON Feed, sitemap, OPML,
WARC — sniffed from the content), a folder (every file under it), or an http(s) URL (an article, a feed,
a sitemap). Re-running is safe: stored documents are recognised by canonical URL and content hash.
Interrupt with Ctrl-C at any time: what was stored stays stored, and a re-run carries on.

Options:
  --db PATH|URL        the store: a SQLite file path or a postgres:// URL
                       (default: $NEWSGRAPH_DB or ./newsgraph-data/newsgraph.db)
  --workers N          analysis threads (default: one per core, ${availableParallelism()} here)
  --published DATE     reference date for documents that carry none
  --watch SECONDS      poll the sources again every SECONDS (feeds use ETag/Last-Modified)
  --allow-private      let the fetcher reach private and loopback addresses
  --json               print the summary as JSON
  -q, --quiet          no progress bar
  -h, --help           show this help

Examples:
  newsgraph ingest articles/ --db news.db
  newsgraph ingest https://example.org/feed.xml --watch 600
  newsgraph ingest corpus.jsonl --db postgres://user:pass@localhost/news
`;

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      workers: { type: 'string' },
      published: { type: 'string' },
      watch: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(INGEST_HELP);
    return 0;
  }
  if (!positionals.length) throw new UsageError('ingest: give at least one SOURCE (see --help)');
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 256)
    throw new UsageError('--workers: a whole number from 0 to 256');
  const watch = values.watch === undefined ? null : Number(values.watch);
  if (watch !== null && !(watch > 0)) throw new UsageError('--watch: a number of seconds greater than 0');
  const published = values.published ? parseIsoDate(values.published, '--published') : null;

  const store = await Store.open(values.db);
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    warn('interrupted: finishing the documents in progress (Ctrl-C again to quit at once)');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  let failed = 0;
  try {
    for (;;) {
      const bar = new Progress('ingest', !values.quiet && !values.json);
      const s = await ingest({
        sources: positionals,
        store,
        workers,
        published,
        allowPrivate: values['allow-private'],
        signal: abort.signal,
        onProgress: (p) =>
          bar.update(
            p.done,
            p.total,
            `new ${p.created} · updated ${p.updated} · unchanged ${p.unchanged} · failed ${p.failed}`,
          ),
      });
      bar.done();
      failed = s.failures.length;
      if (values.json)
        process.stdout.write(
          `${JSON.stringify({ store: store.label, ...s, current: undefined, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
        );
      else {
        const rate = (s.done / (s.elapsedMs / 1000)).toFixed(1);
        process.stderr.write(
          `${s.interrupted ? 'Interrupted' : 'Done'}: ${s.done} of ${s.total} in ${(s.elapsedMs / 1000).toFixed(1)} s (${rate}/s) — ` +
            `${s.created} new, ${s.updated} re-analysed, ${s.unchanged} unchanged, ${s.nearDuplicates} near-duplicates, ${s.failures.length} failed. Store: ${store.label}\n`,
        );
        if (s.failures.length) {
          process.stderr.write(
            `Failures:\n${s.failures.map((f) => `  ${f.key}: ${f.message}`).join('\n')}\n`,
          );
        }
      }
      if (watch === null || abort.signal.aborted) break;
      await new Promise<void>((r) => {
        const t = setTimeout(r, watch * 1000);
        abort.signal.addEventListener('abort', () => {
          clearTimeout(t);
          r();
        });
      });
      if (abort.signal.aborted) break;
    }
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await store.close();
  }
  if (abort.signal.aborted) return 130;
  return failed ? 1 : 0;
}
