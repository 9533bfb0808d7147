#!/usr/bin/env node
import { UsageError } from '../errors.js';
import { analyzeCommand } from './analyze.js';
import { evaluateCommand } from './evaluate.js';

type Command = (argv: string[]) => Promise<number>;

// Commands load lazily so that `analyze` does not pay for the store or the server.
const COMMANDS: Record<string, { about: string; load: () => Promise<Command> }> = {
  analyze: {
    about: 'analyse articles (files, URLs, stdin, JSONL) and print AnalyzedDocument JSON',
    load: async () => analyzeCommand,
  },
  ingest: {
    about: 'analyse sources (files, folders, URLs, feeds, sitemaps, JSONL, WARC) into the store',
    load: async () => (await import('./ingest.js')).ingestCommand,
  },
  reprocess: {
    about: 're-run the pipeline on stored documents analysed by an older version',
    load: async () => (await import('./reprocess.js')).reprocessCommand,
  },
  stats: { about: "print the store's counts", load: async () => (await import('./stats.js')).statsCommand },
  search: {
    about: 'full-text search of the store with filters',
    load: async () => (await import('./search.js')).searchCommand,
  },
  serve: {
    about: 'serve the HTTP API (and web UI) over the store',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  export: {
    about: 'export documents, quotes or events (JSONL, CSV, JSON-LD, ninjs, GDELT-style TSV)',
    load: async () => (await import('./export.js')).exportCommand,
  },
  evaluate: { about: 'score an extractor against gold data', load: async () => evaluateCommand },
};

const HELP = () => `newsgraph — turn news into evidence-linked knowledge about international affairs

Usage: newsgraph COMMAND [options]

Commands:
${Object.entries(COMMANDS)
  .map(([k, v]) => `  ${k.padEnd(11)}${v.about}`)
  .join('\n')}

Run "newsgraph COMMAND --help" for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP());
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    const { PIPELINE_VERSION } = await import('../pipeline.js');
    process.stdout.write(`newsgraph pipeline ${PIPELINE_VERSION}\n`);
    return 0;
  }
  const c = COMMANDS[cmd];
  if (!c) {
    process.stderr.write(`newsgraph: unknown command "${cmd}"\n\n${HELP()}`);
    return 2;
  }
  try {
    return await (await c.load())(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`newsgraph ${cmd}: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`newsgraph ${cmd}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] && /cli[\\/]main\.[jt]s$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`newsgraph: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
