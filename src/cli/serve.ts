import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { startServer } from '../server/serve.js';
import { Store } from '../store/store.js';

export const SERVE_HELP = `Usage: newsgraph serve [--db PATH|URL] [--host HOST] [--port PORT] [--token TOKEN]

Serve the HTTP API over the store (OpenAPI document at /openapi.json).

Options:
  --db PATH|URL     the store (default: $NEWSGRAPH_DB or ./newsgraph-data/newsgraph.db)
  --host HOST       address to bind (default 127.0.0.1; anything else requires a token for every endpoint)
  --port PORT       port (default 8787; 0 picks a free one)
  --token TOKEN     bearer token for write endpoints (default: $NEWSGRAPH_TOKEN)
  --allow-private   let POST /api/ingest fetch private and loopback addresses
`;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8787' },
      token: { type: 'string' },
      'allow-private': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port: a number from 0 to 65535');
  const token = values.token ?? process.env.NEWSGRAPH_TOKEN ?? null;
  const store = await Store.open(values.db);
  let srv: Awaited<ReturnType<typeof startServer>>;
  try {
    srv = await startServer(store, {
      host: values.host!,
      port,
      token,
      allowPrivate: values['allow-private'],
    });
  } catch (e) {
    await store.close();
    throw new UsageError((e as Error).message);
  }
  process.stderr.write(
    `newsgraph: serving ${store.label} at ${srv.url} (API under /api, OpenAPI at /openapi.json)\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await srv.close();
  await store.close();
  return 0;
}
