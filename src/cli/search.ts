import { parseArgs } from 'node:util';
import { Store } from '../store/store.js';

export async function searchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      country: { type: 'string' },
      'event-type': { type: 'string' },
      source: { type: 'string' },
      language: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
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
      country: values.country,
      eventType: values['event-type'],
      source: values.source,
      language: values.language,
      from: values.from,
      to: values.to,
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
