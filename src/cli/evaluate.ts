import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

// Each scorer lives in src/evaluate/<kind>.ts and exports `evaluateCommand(argv): Promise<number>`.
export const EVALUATE_KINDS = ['extraction', 'ner', 'time', 'geo', 'quotes', 'events'] as const;

export const EVALUATE_HELP = `Usage: newsgraph evaluate KIND --gold FILE [options]

Score an extractor against gold data and print precision, recall and F1.

KIND: ${EVALUATE_KINDS.join(', ')}
Run "newsgraph evaluate KIND --help" for the formats and options of each.
`;

export async function evaluateCommand(argv: string[]): Promise<number> {
  const kind = argv[0];
  if (!kind || kind === '--help' || kind === '-h') {
    process.stdout.write(EVALUATE_HELP);
    return kind ? 0 : 2;
  }
  if (!(EVALUATE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`evaluate: unknown kind "${kind}" (one of ${EVALUATE_KINDS.join(', ')})`);
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '..', 'evaluate', `${kind}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`);
  if (!existsSync(file)) throw new UsageError(`evaluate ${kind}: this scorer is not built yet`);
  const mod = (await import(`../evaluate/${kind}.js`)) as {
    evaluateCommand: (argv: string[]) => Promise<number>;
  };
  return mod.evaluateCommand(argv.slice(1));
}
