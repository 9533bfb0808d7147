import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { AnalyzedDocument } from '../document.js';
import { InputError, UsageError } from '../errors.js';
import { readInput } from '../ingest/input.js';
import { parseIsoDate } from '../ingest/iso-date.js';
import { recordToRaw } from '../ingest/records.js';
import { analyze } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';
import { openOutput, warn, write } from './output.js';
import { summarize } from './summary.js';

export const ANALYZE_HELP = `Usage: newsgraph analyze [INPUT...] [--jsonl FILE] [options]

Analyse news articles and print one AnalyzedDocument (JSON) per input. No database is touched.

INPUT is a file (HTML or plain text, sniffed from the content), an http(s):// URL, or - for standard input.

Options:
  --jsonl FILE         read records {"id","text"|"html", "url"?, "published"?, "title"?} one per line
                       (- for standard input); write one document per line, same ids, same order
  --published DATE     reference date (YYYY-MM-DD) when the document carries none of its own
  --url URL            the URL the input was published at (single input)
  --out FILE           write to FILE instead of standard output
  --summary            print a readable summary instead of JSON
  --sentences          include sentence spans in the JSON
  --allow-private      let the fetcher reach private and loopback addresses
  -h, --help           show this help

Exit status: 0 all analysed, 1 some inputs failed (each reported on standard error), 2 usage error.

Examples:
  newsgraph analyze test/fixtures/seed-article.txt --summary
  newsgraph analyze page.html --url https://example.org/story --out story.json
  newsgraph analyze --jsonl articles.jsonl --published 2024-06-21 > analysed.jsonl
`;

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      jsonl: { type: 'string' },
      published: { type: 'string' },
      url: { type: 'string' },
      out: { type: 'string' },
      summary: { type: 'boolean', default: false },
      sentences: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(ANALYZE_HELP);
    return 0;
  }
  if (!positionals.length && !values.jsonl)
    throw new UsageError('analyze: give at least one INPUT or --jsonl FILE (see --help)');
  if (values.url && positionals.length > 1) throw new UsageError('analyze: --url applies to a single input');
  const published = values.published ? parseIsoDate(values.published, '--published') : null;
  const now = new Date();
  const serialise = (doc: AnalyzedDocument, pretty: boolean) =>
    values.summary ? summarize(doc) : `${JSON.stringify(doc, null, pretty ? 2 : undefined)}\n`;

  const { out, close } = openOutput(values.out);
  let failed = 0;
  try {
    const single = positionals.length === 1 && !values.jsonl;
    for (const input of positionals) {
      try {
        const raw = await readInput(input, {
          published,
          url: values.url ?? null,
          allowPrivate: values['allow-private'],
        });
        const doc = toAnalyzedDocument(analyze(raw, { now }), { sentences: values.sentences });
        await write(out, serialise(doc, single));
      } catch (e) {
        failed++;
        warn(describe(e, input));
      }
    }
    if (values.jsonl)
      failed += await analyzeJsonl(values.jsonl, published, now, async (line) => write(out, line), serialise);
  } finally {
    await close();
  }
  return failed ? 1 : 0;
}

function describe(e: unknown, input: string): string {
  if (e instanceof InputError) return e.message;
  return `${input}: ${(e as Error).message ?? String(e)}`;
}

async function analyzeJsonl(
  path: string,
  published: string | null,
  now: Date,
  emit: (line: string) => Promise<void>,
  serialise: (doc: AnalyzedDocument, pretty: boolean) => string,
): Promise<number> {
  const stream = path === '-' ? process.stdin : createReadStream(path);
  const failure = new Promise<never>((_, reject) =>
    stream.once('error', (e: NodeJS.ErrnoException) =>
      reject(new InputError(path, `cannot read: ${e.code ?? e.message}`)),
    ),
  );
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let failed = 0;
  let n = 0;
  const run = async () => {
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      let id: unknown = null;
      const origin = `${path === '-' ? 'stdin' : path}:${n}`;
      try {
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch {
          throw new InputError(origin, 'not valid JSON');
        }
        id = (rec as Record<string, unknown> | null)?.id ?? null;
        const raw = recordToRaw(rec, id !== null ? `${origin} (id ${String(id)})` : origin, published);
        await emit(serialise(toAnalyzedDocument(analyze(raw, { now })), false));
      } catch (e) {
        failed++;
        const msg = describe(e, origin);
        warn(msg);
        await emit(`${JSON.stringify({ id, error: msg })}\n`);
      }
    }
  };
  await Promise.race([run(), failure]);
  return failed;
}
