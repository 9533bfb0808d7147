import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { InputError } from '../errors.js';
import { canonicalUrl } from '../ingest/canonical.js';
import { readInput } from '../ingest/input.js';
import { recordToRaw } from '../ingest/records.js';
import { analyze } from '../pipeline.js';
import { toAnalyzedDocument } from '../serialize.js';
import { QuerySyntaxError } from '../store/search/query.js';
import type { Store } from '../store/store.js';
import { openApiDocument } from './openapi.js';

export interface AppOptions {
  /** Bearer token for write endpoints (and for every endpoint when `requireTokenForReads`). */
  token?: string | null;
  requireTokenForReads?: boolean;
  allowPrivate?: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 422 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

const int = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ApiError(400, 'bad_parameter', `${name}: expected a non-negative integer, got "${v}"`);
  return n;
};

const date = (v: string | undefined, name: string): string | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v))
    throw new ApiError(400, 'bad_parameter', `${name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got "${v}"`);
  return v;
};

const country = (v: string | undefined, name = 'country'): string | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^[A-Za-z]{2}$/.test(v))
    throw new ApiError(400, 'bad_parameter', `${name}: expected an ISO 3166-1 alpha-2 code, got "${v}"`);
  return v.toUpperCase();
};

/** The HTTP API over a store. Every error is JSON: {"error": {"code", "message"}}. */
export function createApp(store: Store, o: AppOptions = {}): Hono {
  const app = new Hono();
  app.use('*', secureHeaders());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: o.maxBodyBytes ?? 5 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, 'too_large', `request body over ${o.maxBodyBytes ?? 5 * 1024 * 1024} bytes`);
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (write || o.requireTokenForReads) {
      if (!o.token)
        throw new ApiError(
          403,
          'no_token_configured',
          'this endpoint needs a token: start the server with --token or NEWSGRAPH_TOKEN',
        );
      if (!tokenMatches(bearer(c), o.token))
        throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer …)');
    }
    await next();
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/stats', async (c) => c.json(await store.stats()));

  app.get('/api/documents', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.documents({
        source: q.source,
        language: q.language,
        from: date(q.from, 'from'),
        to: date(q.to, 'to'),
        story: int(q.story, 'story'),
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });
  app.get('/api/documents/:id', async (c) => {
    const d = await store.document(int(c.req.param('id'), 'id')!);
    if (!d) throw new ApiError(404, 'not_found', `no document ${c.req.param('id')}`);
    return c.json(d);
  });

  app.get('/api/entities', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.entities({
        type: q.type,
        country: country(q.country),
        name: q.name,
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });
  app.get('/api/entities/:id', async (c) => {
    const e = await store.entity(int(c.req.param('id'), 'id')!);
    if (!e) throw new ApiError(404, 'not_found', `no entity ${c.req.param('id')}`);
    return c.json(e);
  });

  app.get('/api/quotes', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.quotes({
        speaker: int(q.speaker, 'speaker'),
        doc: int(q.doc, 'doc'),
        kind: q.kind,
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });

  app.get('/api/events', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.events({
        type: q.type,
        country: country(q.country),
        entity: int(q.entity, 'entity'),
        doc: int(q.doc, 'doc'),
        from: date(q.from, 'from'),
        to: date(q.to, 'to'),
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });

  app.get('/api/agreements', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.agreements({
        country: country(q.country),
        status: q.status,
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });

  app.get('/api/relations/:a/:b', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.relation(country(c.req.param('a'), 'a')!, country(c.req.param('b'), 'b')!, {
        from: date(q.from, 'from'),
        to: date(q.to, 'to'),
      }),
    );
  });
  app.get('/api/relations/:a/:b/evidence', async (c) => {
    const q = c.req.query();
    const month = q.month;
    if (month && !/^\d{4}-\d{2}$/.test(month))
      throw new ApiError(400, 'bad_parameter', `month: expected YYYY-MM, got "${month}"`);
    return c.json({
      items: await store.relationEvidence(country(c.req.param('a'), 'a')!, country(c.req.param('b'), 'b')!, {
        month,
        type: q.type,
        limit: int(q.limit, 'limit'),
      }),
    });
  });

  app.get('/api/stories', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.stories({
        minReports: int(q.min_reports, 'min_reports'),
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
      }),
    );
  });
  app.get('/api/stories/:id', async (c) => {
    const s = await store.story(int(c.req.param('id'), 'id')!);
    if (!s) throw new ApiError(404, 'not_found', `no story ${c.req.param('id')}`);
    return c.json(s);
  });

  app.get('/api/search', async (c) => {
    const q = c.req.query();
    return c.json(
      await store.search({
        q: q.q,
        entity: int(q.entity, 'entity'),
        country: country(q.country),
        eventType: q.event_type,
        speaker: int(q.speaker, 'speaker'),
        source: q.source,
        language: q.language,
        from: date(q.from, 'from'),
        to: date(q.to, 'to'),
        cursor: q.cursor,
        limit: int(q.limit, 'limit'),
        facets: q.facets === 'true' || q.facets === '1',
      }),
    );
  });

  app.post('/api/ingest', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(400, 'bad_json', 'the request body must be JSON');
    }
    const records = Array.isArray((body as { records?: unknown })?.records)
      ? (body as { records: unknown[] }).records
      : [body];
    if (records.length > 1000) throw new ApiError(413, 'too_many', 'at most 1000 records per request');
    const results = [];
    for (const [i, rec] of records.entries()) {
      const origin = `record ${i}`;
      try {
        const r = rec as Record<string, unknown>;
        const raw =
          typeof r?.url === 'string' && r.text === undefined && r.html === undefined
            ? await readInput(r.url, {
                allowPrivate: o.allowPrivate ?? false,
                published: typeof r.published === 'string' ? r.published : null,
              })
            : recordToRaw(rec, origin, null);
        const doc = toAnalyzedDocument(analyze(raw));
        const out = await store.save(doc, { canonicalUrl: canonicalUrl(doc.url), title: raw.title });
        results.push({
          index: i,
          id: out.id,
          status: out.status,
          story_id: out.storyId,
          near_duplicate_of: out.nearDuplicateOf,
        });
      } catch (e) {
        results.push({
          index: i,
          error: e instanceof InputError ? e.message : `${origin}: ${(e as Error).message}`,
        });
      }
    }
    return c.json({ results }, results.some((r) => 'error' in r) && results.length === 1 ? 422 : 200);
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((e, c) => {
    if (e instanceof ApiError) return c.json({ error: { code: e.code, message: e.message } }, e.status);
    if (e instanceof QuerySyntaxError)
      return c.json({ error: { code: 'bad_query', message: e.message } }, 400);
    if ((e as { status?: number }).status === 413)
      return c.json({ error: { code: 'too_large', message: 'request body too large' } }, 413);
    return c.json({ error: { code: 'internal', message: (e as Error).message } }, 500);
  });
  return app;
}
