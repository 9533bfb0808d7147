import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fromText } from '../../src/ingest/input.js';
import { AnalyzerPool } from '../../src/ingest/pool.js';
import { ingest } from '../../src/ingest/run.js';
import { ROOT, SHARED_DATA_DIR } from '../../src/paths.js';
import { Store } from '../../src/store/store.js';

// End-to-end ingest of N distinct real news articles (the texts in ../shared/data, topped up with recombined
// paragraphs of different articles), SQLite and PostgreSQL side by side, against two baselines measured in
// the same run: analysis alone (no store) and storing raw text in a bare FTS5 table (no analysis).
// Search latency over 200 queries; peak RSS; near-duplicate detection measured separately.

const FILES = [
  'quotes/polnear-train.jsonl',
  'quotes/polnear-dev.jsonl',
  'ner/conll2003-train.jsonl',
  'ner/conll2003-dev.jsonl',
  'demo/wikinews-articles.jsonl',
  'ner/gum-wikinews.jsonl',
  'ner/meantime-dev.jsonl',
  'time/timebank-train.jsonl',
  'time/aquaint-train.jsonl',
  'geo/lgl.jsonl',
  'geo/geovirus.jsonl',
];

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : (process.env[`BENCH_${name.toUpperCase()}`] ?? dflt);
}

/** A small deterministic PRNG so every run ingests the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function realTexts(): { text: string; date: string | null }[] {
  const out: { text: string; date: string | null }[] = [];
  const seen = new Set<string>();
  for (const f of FILES) {
    const p = join(SHARED_DATA_DIR, f);
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { text?: string; date?: string | null; dct?: string | null };
      const t = r.text?.trim();
      if (!t || t.length < 200 || seen.has(t.slice(0, 300))) continue;
      seen.add(t.slice(0, 300));
      const d = (r.date ?? r.dct ?? null)?.slice(0, 10) ?? null;
      out.push({ text: t, date: d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null });
    }
  }
  return out;
}

function corpus(n: number): { text: string; date: string | null }[] {
  const real = realTexts();
  const out = real.slice(0, n);
  const rand = rng(42);
  // Paragraphs of at most 700 characters, so that no variant is mostly one long article.
  const paras = real.map((r) =>
    r.text.split(/\n\s*\n|\n/).filter((p) => p.trim().length > 60 && p.length <= 700),
  );
  while (out.length < n) {
    // Paragraphs from different articles until the length of a real article drawn at random: the corpus keeps
    // the real length distribution, and no variant is mostly one article, so none is a near-copy of another.
    const target = real[Math.floor(rand() * real.length)].text.length;
    const parts: string[] = [];
    const used = new Set<number>();
    let len = 0;
    while (len < target || parts.length < 3) {
      const i = Math.floor(rand() * real.length);
      if (used.has(i) || !paras[i].length) continue;
      used.add(i);
      const p = paras[i][Math.floor(rand() * paras[i].length)];
      parts.push(p);
      len += p.length + 2;
    }
    out.push({ text: parts.join('\n\n'), date: real[[...used][0]].date });
  }
  return out;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const QUERY_WORDS = [
  'president',
  'election',
  'court',
  'police',
  'minister',
  'treaty',
  'talks',
  'market',
  'oil',
  'war',
  'troops',
  'vote',
  'senate',
  'economy',
  'bank',
  'trade',
  'health',
  'school',
  'fire',
  'storm',
];

function queries(n: number): string[] {
  const rand = rng(7);
  const pick = () => QUERY_WORDS[Math.floor(rand() * QUERY_WORDS.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    out.push(
      k === 0
        ? pick()
        : k === 1
          ? `${pick()} ${pick()}`
          : k === 2
            ? `"${pick()} ${pick()}" OR ${pick()}`
            : k === 3
              ? `${pick().slice(0, 4)}*`
              : `${pick()} -${pick()}`,
    );
  }
  return out;
}

async function searchLatency(store: Store): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (const [i, q] of queries(200).entries()) {
    const t = performance.now();
    await store.search({ q, limit: 20, ...(i % 4 === 0 ? { from: '2000-01-01' } : {}) });
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

export async function run(): Promise<void> {
  if (!existsSync(SHARED_DATA_DIR)) {
    console.log(`ingest benchmark: gold data not found at ${SHARED_DATA_DIR} — nothing to measure.`);
    return;
  }
  const n = Number(arg('n', '10000'));
  const workers = Number(arg('workers', String(availableParallelism())));
  const docs = corpus(n);
  const chars = docs.reduce((s, d) => s + d.text.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bench-'));
  const jsonl = join(dir, 'corpus.jsonl');
  writeFileSync(
    jsonl,
    docs.map((d, i) => JSON.stringify({ id: `b${i}`, text: d.text, published: d.date })).join('\n'),
  );
  console.log(
    `${n} distinct articles (${realTexts().length} real), mean ${Math.round(chars / n)} characters; ${workers} analysis workers on ${availableParallelism()} cores\n`,
  );

  // Baseline 1: analysis only, same pool, no store, on every fifth article (the same mix as the corpus).
  const pool = new AnalyzerPool(workers);
  const sample = docs.filter((_, i) => i % 5 === 0);
  let t = performance.now();
  await Promise.all(
    sample.map(async (d, i) => {
      await pool.analyze(fromText(d.text, `b${i}`, { published: d.date }));
    }),
  );
  const analysisRate = sample.length / ((performance.now() - t) / 1000);
  await pool.close();

  // Baseline 2: raw text into a bare FTS5 table, no analysis.
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.exec('CREATE VIRTUAL TABLE t USING fts5(text)');
  const ins = bare.prepare('INSERT INTO t(text) VALUES (?)');
  t = performance.now();
  for (const d of docs) bare.transaction(() => ins.run(d.text))();
  const bareRate = n / ((performance.now() - t) / 1000);
  bare.close();

  const rows: string[][] = [];
  const results: Record<string, number> = {};
  const rss: Record<string, number> = {};
  const targets: { name: string; spec: string }[] = [{ name: 'SQLite', spec: join(dir, 'store.db') }];
  const pg = process.env.NEWSGRAPH_BENCH_PG ?? process.env.NEWSGRAPH_TEST_PG;
  if (pg?.startsWith('postgres')) targets.push({ name: 'PostgreSQL', spec: pg });
  else
    console.log(
      'PostgreSQL: skipped (set NEWSGRAPH_BENCH_PG or NEWSGRAPH_TEST_PG to a postgres:// URL of an empty database)\n',
    );
  for (const tg of targets) {
    if (tg.name === 'PostgreSQL') await resetPg(tg.spec);
    // The product's own command, in a process of its own: its rate and peak memory are what a user gets.
    if (tg.name === 'SQLite') rmSync(tg.spec, { force: true });
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/main.ts'),
        'ingest',
        jsonl,
        '--db',
        tg.spec,
        '--workers',
        String(workers),
        '--json',
        '-q',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(`ingest failed: ${r.stderr}`);
    const s = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      done: number;
      elapsedMs: number;
      failures: unknown[];
      peakRssMb: number;
    };
    const rate = s.done / (s.elapsedMs / 1000);
    results[tg.name] = rate;
    rss[tg.name] = s.peakRssMb;
    const store = await Store.open(tg.spec);
    const lat = await searchLatency(store);
    const stats = await store.stats();
    // Near-duplicates measured apart: 300 lightly edited copies of stored articles.
    const copies = docs.slice(0, 300).map((d, i) => ({
      id: `copy${i}`,
      text: d.text.replace(/\.\s/, '. Indeed, ').concat('\n\nThis story was updated.'),
      published: d.date,
    }));
    const cj = join(dir, `copies-${tg.name}.jsonl`);
    writeFileSync(cj, copies.map((c) => JSON.stringify(c)).join('\n'));
    const s2 = await ingest({ sources: [cj], store, workers });
    rows.push([
      tg.name,
      rate.toFixed(1),
      `${(rate / analysisRate).toFixed(2)}×`,
      lat.p50.toFixed(1),
      lat.p95.toFixed(1),
      String(s.failures.length),
      String(rss[tg.name]),
      `${stats.documents - stats.independent_documents} / ${n}`,
      `${s2.nearDuplicates} / ${copies.length}`,
    ]);
    await store.close();
  }
  console.log(
    '| store | articles/s end to end | ÷ analysis-only | search p50 ms | search p95 ms | failures | peak RSS of `newsgraph ingest`, MB | near-dups flagged in the corpus | edited copies flagged |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(
    `\nBaselines in the same run: analysis only (no store) ${analysisRate.toFixed(1)} articles/s; raw text into a bare FTS5 table ${bareRate.toFixed(0)} articles/s.`,
  );
  if (results.PostgreSQL)
    console.log(`PostgreSQL ÷ SQLite: ${(results.PostgreSQL / results.SQLite).toFixed(2)}×`);
  rmSync(dir, { recursive: true, force: true });
}

async function resetPg(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
  await c.end();
}
