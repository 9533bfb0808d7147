import { spawnSync } from 'node:child_process';
import { median } from '../../src/evaluate/metrics.js';
import { ROOT } from '../../src/paths.js';

// Start-up cost of the models and gazetteers: a fresh process that loads the pipeline and analyses one short
// text (every model and gazetteer loads on first use), against the same process doing nothing but start
// (the baseline), measured in the same run. Median of 5.

const SCRIPT = `
const t0 = performance.now();
const { analyze } = await import('./src/pipeline.ts');
const { fromText } = await import('./src/ingest/input.ts');
const t1 = performance.now();
analyze(fromText('PARIS (AP) — Emmanuel Macron met Olaf Scholz in Berlin on Monday, officials said.', 'x', {}));
const t2 = performance.now();
process.stdout.write(JSON.stringify({ imports: t1 - t0, firstDoc: t2 - t1 }));
`;

function time(args: string[]): { wall: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall: performance.now() - t, out: r.stdout };
}

export async function run(): Promise<void> {
  const base: number[] = [];
  const full: number[] = [];
  const first: number[] = [];
  const imports: number[] = [];
  for (let i = 0; i < 5; i++) {
    base.push(time(['--import', 'tsx', '-e', '0']).wall);
    const r = time(['--import', 'tsx', '--input-type=module', '-e', SCRIPT]);
    full.push(r.wall);
    const j = JSON.parse(r.out) as { imports: number; firstDoc: number };
    first.push(j.firstDoc);
    imports.push(j.imports);
  }
  console.log('| measure (median of 5) | ms |');
  console.log('|---|---|');
  console.log(`| process start, nothing loaded (baseline) | ${median(base).toFixed(0)} |`);
  console.log(`| import the pipeline | ${median(imports).toFixed(0)} |`);
  console.log(`| first document: loads every model and gazetteer | ${median(first).toFixed(0)} |`);
  console.log(
    `| whole process | ${median(full).toFixed(0)} (${(median(full) / median(base)).toFixed(1)}× the baseline) |`,
  );
}
