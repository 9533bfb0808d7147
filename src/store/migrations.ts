import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

// Migrations are code, numbered, and run on open. A migration never edits an earlier one.
export function migrations(dialect: Dialect): Record<string, Migration> {
  const pg = dialect === 'postgres';
  // biome-ignore lint/suspicious/noExplicitAny: the schema builder's column-builder type is internal to Kysely
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey());
  const idType = pg ? 'bigint' : 'integer';
  const ref = 'bigint';
  return {
    '0001_core': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('documents')
          .addColumn('id', idType, id)
          .addColumn('doc_key', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull().unique())
          .addColumn('canonical_url', 'text')
          .addColumn('url', 'text')
          .addColumn('title', 'text')
          .addColumn('source', 'text')
          .addColumn('language', 'text')
          .addColumn('published', 'text')
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('analysis', 'text', (c) => c.notNull())
          .addColumn('simhash', 'text', (c) => c.notNull())
          .addColumn('near_dup_of', ref)
          .addColumn('story_id', ref)
          .execute();
        await sql`CREATE UNIQUE INDEX documents_canonical_url ON documents (canonical_url) WHERE canonical_url IS NOT NULL`.execute(
          db,
        );
        await db.schema.createIndex('documents_published').on('documents').column('published').execute();
        await db.schema.createIndex('documents_story').on('documents').column('story_id').execute();
        await db.schema.createIndex('documents_key').on('documents').column('doc_key').execute();

        await db.schema
          .createTable('entities')
          .addColumn('id', idType, id)
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('iso', 'text')
          .addColumn('geonames', ref)
          .addColumn('country', 'text')
          .addColumn('lat', 'double precision')
          .addColumn('lon', 'double precision')
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('attributes', 'text', (c) => c.notNull())
          .addColumn('doc_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('mention_count', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('entities_type_name').on('entities').columns(['type', 'name']).execute();
        await db.schema.createIndex('entities_iso').on('entities').column('iso').execute();

        await db.schema
          .createTable('doc_entities')
          .addColumn('doc_id', ref, (c) => c.notNull())
          .addColumn('entity_id', ref, (c) => c.notNull())
          .addColumn('local_id', 'text', (c) => c.notNull())
          .addColumn('mentions', 'text', (c) => c.notNull())
          .addColumn('mention_count', 'integer', (c) => c.notNull())
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('doc_entities_pk', ['doc_id', 'local_id'])
          .execute();
        await db.schema.createIndex('doc_entities_entity').on('doc_entities').column('entity_id').execute();

        await db.schema
          .createTable('quotes')
          .addColumn('id', idType, id)
          .addColumn('doc_id', ref, (c) => c.notNull())
          .addColumn('local_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('start', 'integer', (c) => c.notNull())
          .addColumn('end', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('speaker_entity_id', ref)
          .addColumn('speaker_text', 'text')
          .addColumn('cue', 'text')
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('published', 'text')
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('quotes_doc').on('quotes').column('doc_id').execute();
        await db.schema.createIndex('quotes_speaker').on('quotes').column('speaker_entity_id').execute();

        await db.schema
          .createTable('events')
          .addColumn('id', idType, id)
          .addColumn('doc_id', ref, (c) => c.notNull())
          .addColumn('local_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('mode', 'text')
          .addColumn('date', 'text')
          .addColumn('date_end', 'text')
          .addColumn('location_entity_id', ref)
          .addColumn('trigger', 'text', (c) => c.notNull())
          .addColumn('ev_start', 'integer', (c) => c.notNull())
          .addColumn('ev_end', 'integer', (c) => c.notNull())
          .addColumn('confidence', 'double precision', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('published', 'text')
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('events_doc').on('events').column('doc_id').execute();
        await db.schema.createIndex('events_type_date').on('events').columns(['type', 'date']).execute();

        await db.schema
          .createTable('event_actors')
          .addColumn('event_id', ref, (c) => c.notNull())
          .addColumn('entity_id', ref, (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('country', 'text')
          .execute();
        await db.schema.createIndex('event_actors_event').on('event_actors').column('event_id').execute();
        await db.schema
          .createIndex('event_actors_country')
          .on('event_actors')
          .columns(['country', 'role'])
          .execute();
        await db.schema.createIndex('event_actors_entity').on('event_actors').column('entity_id').execute();

        await db.schema
          .createTable('agreement_registry')
          .addColumn('id', idType, id)
          .addColumn('key', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('parties', 'text', (c) => c.notNull())
          .addColumn('first_seen', 'text')
          .addColumn('last_seen', 'text')
          .addColumn('history', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('agreements')
          .addColumn('id', idType, id)
          .addColumn('doc_id', ref, (c) => c.notNull())
          .addColumn('local_id', 'text', (c) => c.notNull())
          .addColumn('registry_id', ref)
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('place_entity_id', ref)
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('published', 'text')
          .addColumn('pipeline_version', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agreements_doc').on('agreements').column('doc_id').execute();
        await db.schema.createIndex('agreements_registry').on('agreements').column('registry_id').execute();

        await db.schema
          .createTable('agreement_parties')
          .addColumn('agreement_id', ref, (c) => c.notNull())
          .addColumn('entity_id', ref, (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('country', 'text')
          .execute();
        await db.schema
          .createIndex('agreement_parties_agreement')
          .on('agreement_parties')
          .column('agreement_id')
          .execute();
        await db.schema
          .createIndex('agreement_parties_country')
          .on('agreement_parties')
          .column('country')
          .execute();

        await db.schema
          .createTable('times')
          .addColumn('doc_id', ref, (c) => c.notNull())
          .addColumn('start', 'integer', (c) => c.notNull())
          .addColumn('end', 'integer', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('times_doc').on('times').column('doc_id').execute();

        await db.schema
          .createTable('stories')
          .addColumn('id', idType, id)
          .addColumn('title', 'text')
          .addColumn('first_published', 'text')
          .addColumn('last_published', 'text')
          .addColumn('doc_count', 'integer', (c) => c.notNull())
          .addColumn('signature', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('stories_last').on('stories').column('last_published').execute();

        await db.schema
          .createTable('doc_bands')
          .addColumn('band', 'text', (c) => c.notNull())
          .addColumn('doc_id', ref, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('doc_bands_band').on('doc_bands').column('band').execute();
        await db.schema.createIndex('doc_bands_doc').on('doc_bands').column('doc_id').execute();

        await db.schema
          .createTable('feed_state')
          .addColumn('url', 'text', (c) => c.primaryKey())
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('checked_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_search': {
      async up(db: Kysely<unknown>) {
        if (pg) {
          await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
          await sql`ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')) STORED`.execute(
            db,
          );
          await sql`CREATE INDEX documents_tsv ON documents USING gin (tsv)`.execute(db);
          await sql`CREATE INDEX entities_name_trgm ON entities USING gin (name gin_trgm_ops)`.execute(db);
        } else {
          await sql`CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(
            db,
          );
          await sql`CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END`.execute(
            db,
          );
          await sql`CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END`.execute(
            db,
          );
          await sql`CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END`.execute(
            db,
          );
        }
      },
    },
    '0003_story_keys': {
      async up(db: Kysely<unknown>) {
        // Stories are found through their rarest shared entities instead of scanning every recent story.
        await db.schema
          .createTable('story_keys')
          .addColumn('story_id', ref, (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('story_keys_pk', ['key', 'story_id'])
          .execute();
      },
    },
  };
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // In PostgreSQL the bookkeeping table lives in the connection's current schema, so that several stores
  // can share one database through search_path (the test suites do).
  const schema =
    dialect === 'postgres'
      ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
}
