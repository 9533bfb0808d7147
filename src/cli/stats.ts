import { parseArgs } from 'node:util';
import { Store } from '../store/store.js';

export async function statsCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `Usage: newsgraph stats [--db PATH|URL] [--json]\n\nPrint the store's counts: documents, entities, quotes, events, agreements, stories, relations.\n`,
    );
    return 0;
  }
  const store = await Store.open(values.db);
  try {
    const s = await store.stats();
    if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`);
    else {
      process.stdout.write(`Store: ${store.label}\n`);
      for (const [k, v] of Object.entries(s))
        process.stdout.write(`  ${k.replace(/_/g, ' ').padEnd(22)}${v}\n`);
    }
  } finally {
    await store.close();
  }
  return 0;
}
