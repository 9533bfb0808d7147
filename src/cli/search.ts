import { parseArgs } from 'node:util';
import type { SearchParams } from '../store/search/search.js';
import { Store } from '../store/store.js';

/** The document filters of `search` and `export`: their options, and the search parameters they give. */
export const DOCUMENT_FILTER_OPTIONS = {
  country: { type: 'string' },
  'event-type': { type: 'string' },
  source: { type: 'string' },
  language: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

type FilterValues = Partial<Record<keyof typeof DOCUMENT_FILTER_OPTIONS, string>>;

export function documentFilters(v: FilterValues): SearchParams {
  return {
    country: v.country,
    eventType: v['event-type'],
    source: v.source,
    language: v.language,
    from: v.from,
    to: v.to,
  };
}

export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      ...DOCUMENT_FILTER_OPTIONS,
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`Usage: newsgraph search QUERY [--country XX] [--event-type T] [--source S] [--from D] [--to D] [--json]

QUERY: words (all must match), "a phrase", a OR b, NOT word or -word, prefix*, (groups).
Example: newsgraph search 'treaty AND (Russia OR "North Korea") -sanctions' --from 2024-01-01
`);
    return 0;
  }
  const store = await Store.open(values.db);
  try {
    const r = await store.search({
      q: positionals.join(' '),
      ...documentFilters(values),
      limit: Number(values.limit),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      for (const h of r.items) {
        process.stdout.write(
          `#${h.id}  ${h.published ?? '????-??-??'}  ${h.title ?? '(untitled)'}  [${h.source ?? '-'}]\n    ${h.snippet
            .replace(/<\/?mark>/g, '*')
            .replace(/&quot;/g, '"')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&')}\n`,
        );
      }
      if (!r.items.length) process.stdout.write('No matches.\n');
    }
  } finally {
    await store.close();
  }
  return 0;
}
