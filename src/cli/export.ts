import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import {
  csvRow,
  DOCUMENT_CSV_HEADER,
  EVENT_CSV_HEADER,
  eventCsv,
  GDELT_HEADER,
  gdeltRow,
  QUOTE_CSV_HEADER,
  quoteCsv,
  toJsonLd,
  toNinjs,
} from '../export/formats.js';
import type { SearchParams } from '../store/search/search.js';
import { Store } from '../store/store.js';
import { openOutput, write } from './output.js';
import { DOCUMENT_FILTER_OPTIONS, documentFilters } from './search.js';

const FORMATS = ['jsonl', 'csv', 'jsonld', 'ninjs', 'gdelt'] as const;

export const EXPORT_HELP = `Usage: newsgraph export FORMAT [--what KIND] [filters] [--out FILE]

Stream stored data for any query; nothing is capped (pages are walked with cursors).

FORMAT:
  jsonl    one AnalyzedDocument per line (the analyze output, with the store's id)
  csv      --what documents (default), quotes or events
  jsonld   schema.org NewsArticle with its Quotations, one JSON-LD object per line
  ninjs    IPTC ninjs 1.4 articles, one per line
  gdelt    GDELT-style tab-separated event file (PLOVER types as event codes)

Filters (documents): --q QUERY --country XX --event-type T --source S --language L --from DATE --to DATE
Filters (quotes): --speaker ENTITY_ID   (events): --event-type T --country XX --from DATE --to DATE
Options: --db PATH|URL  --out FILE
`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      what: { type: 'string', default: 'documents' },
      q: { type: 'string' },
      ...DOCUMENT_FILTER_OPTIONS,
      speaker: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return 0;
  }
  const format = positionals[0] as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new UsageError(`export: FORMAT is one of ${FORMATS.join(', ')} (see --help)`);
  const what = format === 'gdelt' ? 'events' : format === 'csv' ? values.what : 'documents';
  if (!['documents', 'quotes', 'events'].includes(what!))
    throw new UsageError('--what: documents, quotes or events');
  const store = await Store.open(values.db);
  const { out, close } = openOutput(values.out);
  try {
    if (what === 'documents') {
      const filters: SearchParams = {
        q: values.q,
        ...documentFilters(values),
        limit: 500,
      };
      if (format === 'csv') await write(out, csvRow(DOCUMENT_CSV_HEADER));
      let cursor: string | undefined;
      do {
        const page = await store.search({ ...filters, cursor });
        for (const hit of page.items) {
          const d = await store.document(hit.id);
          if (!d) continue;
          const doc = d.analysis;
          if (format === 'jsonl') await write(out, `${JSON.stringify({ ...doc, store_id: d.id })}\n`);
          else if (format === 'jsonld') await write(out, `${JSON.stringify(toJsonLd(doc, d.id))}\n`);
          else if (format === 'ninjs') await write(out, `${JSON.stringify(toNinjs(doc, d.id))}\n`);
          else
            await write(
              out,
              csvRow([d.id, d.published, d.source, d.language, d.title, d.url, d.story_id, d.near_dup_of]),
            );
        }
        cursor = page.next ?? undefined;
      } while (cursor);
    } else if (what === 'quotes') {
      await write(out, csvRow(QUOTE_CSV_HEADER));
      let cursor: string | undefined;
      do {
        const page = await store.quotes({
          speaker: values.speaker ? Number(values.speaker) : undefined,
          cursor,
          limit: 1000,
        });
        for (const q of page.items) await write(out, quoteCsv(q));
        cursor = page.next ?? undefined;
      } while (cursor);
    } else {
      if (format === 'gdelt') await write(out, `${GDELT_HEADER.join('\t')}\n`);
      else await write(out, csvRow(EVENT_CSV_HEADER));
      const docs = new Map<number, { url: string | null; added: string }>();
      let cursor: string | undefined;
      do {
        const page = await store.events({
          type: values['event-type'],
          country: values.country,
          from: values.from,
          to: values.to,
          cursor,
          limit: 1000,
        });
        for (const v of page.items) {
          if (format === 'gdelt') {
            if (!docs.has(v.doc_id)) {
              const d = await store.document(v.doc_id);
              docs.set(v.doc_id, { url: d?.url ?? null, added: d?.ingested_at ?? '' });
            }
            const d = docs.get(v.doc_id)!;
            await write(out, gdeltRow(v, d.url, null, d.added));
          } else await write(out, eventCsv(v));
        }
        cursor = page.next ?? undefined;
      } while (cursor);
    }
  } finally {
    await close();
    await store.close();
  }
  return 0;
}
