import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type Dialect, migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export const DEFAULT_DB = './newsgraph-data/newsgraph.db';

/** `--db` or NEWSGRAPH_DB: a file path selects SQLite, a postgres:// URL PostgreSQL. */
export function resolveDbSpec(spec?: string | null): string {
  return spec || process.env.NEWSGRAPH_DB || DEFAULT_DB;
}

export function dialectOf(spec: string): Dialect {
  return /^postgres(?:ql)?:\/\//i.test(spec) ? 'postgres' : 'sqlite';
}

export interface OpenedDb {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages (the password is never shown). */
  label: string;
}

export async function openDb(specIn?: string | null, opts: { readonly?: boolean } = {}): Promise<OpenedDb> {
  const spec = resolveDbSpec(specIn);
  const dialect = dialectOf(spec);
  let db: Kysely<Database>;
  if (dialect === 'postgres') {
    const pg = (await import('pg')).default;
    // 64-bit integers and numerics come back as numbers (exact to 2^53), not strings.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: spec, max: 8 });
    // Like SQLite's WAL with synchronous=NORMAL: a commit does not wait for its WAL flush. A crash can lose the
    // last moments of commits but never leaves a document half-stored, and re-running an ingest restores them.
    pool.on('connect', (client) => {
      client.query('SET synchronous_commit = off').catch(() => {});
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const Sqlite = (await import('better-sqlite3')).default;
    const path = resolve(spec);
    mkdirSync(dirname(path), { recursive: true });
    const handle = new Sqlite(path, { readonly: opts.readonly ?? false });
    // WAL lets the server read while an ingest writes; a busy timeout lets two writers take turns.
    if (!opts.readonly) handle.pragma('journal_mode = WAL');
    handle.pragma('busy_timeout = 10000');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = OFF');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  }
  const label = dialect === 'postgres' ? spec.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : resolve(spec);
  if (!opts.readonly) {
    try {
      await migrateToLatest(db as unknown as Kysely<unknown>, dialect);
    } catch (e) {
      await db.destroy();
      throw new Error(`${label}: ${(e as Error).message}`);
    }
  }
  return { db, dialect, label };
}

type SqliteHandle = import('better-sqlite3').Database;

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused. Caching them by SQL text
 * (bounded, least recently used first out) saves most of the per-query cost on the ingest hot path.
 */
function withStatementCache(handle: SqliteHandle, size = 512): SqliteHandle {
  const cache = new Map<string, ReturnType<SqliteHandle['prepare']>>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = handle.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return new Proxy(handle, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
