import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database spec for one suite; null with the reason when this backend is not available. */
  fresh(): Promise<string>;
  skip: string | false;
}

const PG_URL = process.env.NEWSGRAPH_TEST_PG;
let pgCounter = 0;

/** SQLite always; PostgreSQL when NEWSGRAPH_TEST_PG holds a postgres:// URL (CI sets it), else skipped visibly. */
export const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    fresh: async () => join(mkdtempSync(join(tmpdir(), 'newsgraph-test-')), 'store.db'),
  },
  {
    name: 'postgres',
    skip: PG_URL?.startsWith('postgres')
      ? false
      : 'PostgreSQL suite skipped: set NEWSGRAPH_TEST_PG=postgres://… to run it',
    fresh: async () => {
      // One schema per suite keeps suites independent: the URL's search_path option selects it.
      const schema = `t${process.pid}_${++pgCounter}_${Date.now() % 100000}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      await c.end();
      const u = new URL(PG_URL!);
      u.searchParams.set('options', `-c search_path=${schema},public`);
      return u.toString();
    },
  },
];
