import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run bench`: runs every bench/suites/*.bench.ts in turn (or those named on the command line).
// Each suite prints its own table with a named baseline measured in the same run.
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
  .sort();
for (const f of suites) {
  console.log(`\n## ${f.replace('.bench.ts', '')}\n`);
  const mod = (await import(join(here, 'suites', f))) as { run: () => Promise<void> };
  await mod.run();
}
