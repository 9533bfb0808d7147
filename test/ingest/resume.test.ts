import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { CLI, fixture } from '../helpers.js';

const CITIES = ['Oslo', 'Lima', 'Cairo', 'Hanoi', 'Quito', 'Accra', 'Riga', 'Doha', 'Baku', 'Male'];

/** N distinct short articles written from the test's own sentences. */
function corpus(dir: string, n: number): void {
  const base = fixture('treaty-report-a.txt').split('\n\n');
  for (let i = 0; i < n; i++) {
    const city = CITIES[i % CITIES.length];
    const text = [
      `Delegations meet in ${city} for round ${i + 1} of talks`,
      `${city.toUpperCase()}, March ${(i % 27) + 1} (Newsgraph Wire) - Officials from ${i + 2} countries met in ${city} on Monday for the ${i + 1}th round of talks on trade and security, the host government said.`,
      base[(i % (base.length - 1)) + 1],
      `Report number ${i} of ${n}.`,
    ].join('\n\n');
    writeFileSync(join(dir, `doc-${String(i).padStart(3, '0')}.txt`), text);
  }
}

function count(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

describe('ingest after a crash', () => {
  it('killing ingest mid-run and restarting stores every article exactly once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'newsgraph-resume-'));
    const src = join(root, 'src');
    const db = join(root, 'store.db');
    spawnSync('mkdir', ['-p', src]);
    const N = 40;
    corpus(src, N);
    const child = spawn(process.execPath, [...CLI, 'ingest', src, '--db', db, '--workers', '0', '-q'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const exited = new Promise((r) => child.once('exit', r));
    // Kill -9 once some, but not all, documents are in.
    const t0 = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const n = count(db);
      if (n >= 3 || Date.now() - t0 > 120_000) break;
    }
    child.kill('SIGKILL');
    await exited;
    const partial = count(db);
    assert.ok(partial >= 1 && partial < N, `killed mid-run (${partial} of ${N} stored) ${stderr}`);
    const r = spawnSync(process.execPath, [...CLI, 'ingest', src, '--db', db, '--workers', '0', '--json'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.created + summary.unchanged + summary.updated, N);
    assert.ok(summary.unchanged >= partial - 1, 'what was stored before the kill is recognised');
    const d = new Database(db, { readonly: true });
    const rows = d
      .prepare(
        'SELECT count(*) AS n, count(DISTINCT content_hash) AS h, count(DISTINCT doc_key) AS k FROM documents',
      )
      .get() as Record<string, number>;
    d.close();
    assert.deepEqual(rows, { n: N, h: N, k: N });
  });
});
