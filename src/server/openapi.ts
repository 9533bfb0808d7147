import { PIPELINE_VERSION } from '../pipeline.js';

// The OpenAPI 3.1 description of the HTTP API, built from small parts so each route is described once.

type Param = {
  name: string;
  in: 'query' | 'path';
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
};

const q = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
): Param => ({ name, in: 'query', description, schema });
const p = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'integer', minimum: 0 },
): Param => ({
  name,
  in: 'path',
  description,
  schema,
  required: true,
});

const cursor = q('cursor', 'Opaque cursor from the previous page (`next`).');
const limit = q('limit', 'Items per page (default 50, at most 1000).', {
  type: 'integer',
  minimum: 1,
  maximum: 1000,
});
const iso = { type: 'string', pattern: '^[A-Za-z]{2}$' };
const day = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' };

const page = (item: string) => ({
  type: 'object',
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    next: { type: ['string', 'null'] },
  },
});

function get(summary: string, params: Param[], schema: Record<string, unknown>, tag: string) {
  return {
    get: {
      summary,
      tags: [tag],
      parameters: params,
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema } } },
        400: { $ref: '#/components/responses/Error' },
        401: { $ref: '#/components/responses/Error' },
        404: { $ref: '#/components/responses/Error' },
      },
    },
  };
}

const loose = { type: 'object', additionalProperties: true };

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'newsgraph API',
      version: PIPELINE_VERSION,
      description:
        'Documents, entities, quotes, events, agreements, country relations and stories extracted from news, each fact with its evidence span. Lists page with opaque cursors. Errors are JSON: {"error": {"code", "message"}}. Write endpoints need `Authorization: Bearer <token>`; so do all endpoints when the server listens beyond localhost.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: {
        Error: {
          description: 'An error',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error'],
                properties: {
                  error: {
                    type: 'object',
                    required: ['code', 'message'],
                    properties: { code: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
      schemas: {
        Stats: {
          type: 'object',
          properties: Object.fromEntries(
            [
              'documents',
              'independent_documents',
              'entities',
              'quotes',
              'events',
              'agreements',
              'registry_agreements',
              'stories',
              'relations',
            ].map((k) => [k, { type: 'integer' }]),
          ),
        },
        Document: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'integer' },
            title: { type: ['string', 'null'] },
            url: { type: ['string', 'null'] },
            source: { type: ['string', 'null'] },
            language: { type: ['string', 'null'] },
            published: { type: ['string', 'null'] },
            story_id: { type: ['integer', 'null'] },
            near_dup_of: { type: ['integer', 'null'] },
            pipeline_version: { type: 'string' },
            analysis: {
              description: 'The AnalyzedDocument (see docs/schema/document.schema.json)',
              ...loose,
            },
          },
        },
        Entity: {
          type: 'object',
          required: ['id', 'type', 'name'],
          properties: {
            id: { type: 'integer' },
            type: { type: 'string' },
            name: { type: 'string' },
            iso: { type: ['string', 'null'] },
            geonames: { type: ['integer', 'null'] },
            country: { type: ['string', 'null'] },
            lat: { type: ['number', 'null'] },
            lon: { type: ['number', 'null'] },
            aliases: { type: 'array', items: { type: 'string' } },
            attributes: loose,
            doc_count: { type: 'integer' },
            mention_count: { type: 'integer' },
          },
        },
        Quote: loose,
        Event: loose,
        Agreement: loose,
        Story: loose,
        SearchHit: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            title: { type: ['string', 'null'] },
            snippet: { type: 'string', description: 'HTML-safe; matches wrapped in <mark>' },
            rank: { type: 'number' },
          },
        },
        Relation: {
          type: 'object',
          properties: {
            a: { type: 'string' },
            b: { type: 'string' },
            alliance: { type: 'boolean' },
            months: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  month: { type: 'string' },
                  events: { type: 'integer' },
                  by_type: loose,
                  score: { type: 'number' },
                },
              },
            },
            agreements: { type: 'array', items: loose },
          },
        },
        Evidence: loose,
      },
    },
    paths: {
      '/api/stats': get('Counts of everything stored', [], { $ref: '#/components/schemas/Stats' }, 'store'),
      '/api/documents': get(
        'List documents',
        [
          q('source', 'Outlet'),
          q('language', 'ISO 639-1'),
          q('from', 'Published on or after', day),
          q('to', 'Published on or before', day),
          q('story', 'Story id', { type: 'integer' }),
          cursor,
          limit,
        ],
        page('Document'),
        'documents',
      ),
      '/api/documents/{id}': get(
        'One document with its full analysis',
        [p('id', 'Document id')],
        { $ref: '#/components/schemas/Document' },
        'documents',
      ),
      '/api/entities': get(
        'List entities merged across documents',
        [
          q('type', 'PERSON, ORG, GPE, LOC, NORP, …'),
          q('country', 'ISO country', iso),
          q('name', 'Name contains'),
          cursor,
          limit,
        ],
        page('Entity'),
        'entities',
      ),
      '/api/entities/{id}': get(
        'One entity with the documents that mention it',
        [p('id', 'Entity id')],
        { $ref: '#/components/schemas/Entity' },
        'entities',
      ),
      '/api/quotes': get(
        'List quotations',
        [
          q('speaker', 'Speaker entity id', { type: 'integer' }),
          q('doc', 'Document id', { type: 'integer' }),
          q('kind', 'direct, indirect or mixed'),
          cursor,
          limit,
        ],
        page('Quote'),
        'quotes',
      ),
      '/api/events': get(
        'List PLOVER events',
        [
          q('type', 'PLOVER type'),
          q('country', 'Actor country', iso),
          q('entity', 'Actor entity id', { type: 'integer' }),
          q('doc', 'Document id', { type: 'integer' }),
          q('from', 'Event date from', day),
          q('to', 'Event date to', day),
          cursor,
          limit,
        ],
        page('Event'),
        'events',
      ),
      '/api/agreements': get(
        'The agreement registry, merged across reports',
        [q('country', 'Party country', iso), q('status', 'signed, ratified, …'), cursor, limit],
        page('Agreement'),
        'agreements',
      ),
      '/api/relations/{a}/{b}': get(
        'Relations between two countries per month: events by PLOVER type, cooperation–conflict score, agreements and alliances',
        [
          p('a', 'ISO country', iso),
          p('b', 'ISO country', iso),
          q('from', 'From date', day),
          q('to', 'To date', day),
        ],
        { $ref: '#/components/schemas/Relation' },
        'relations',
      ),
      '/api/relations/{a}/{b}/evidence': get(
        'The sentences behind a relation figure',
        [
          p('a', 'ISO country', iso),
          p('b', 'ISO country', iso),
          q('month', 'YYYY-MM'),
          q('type', 'PLOVER type'),
          limit,
        ],
        {
          type: 'object',
          properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Evidence' } } },
        },
        'relations',
      ),
      '/api/stories': get(
        'Stories: reports of one happening grouped',
        [q('min_reports', 'At least this many reports', { type: 'integer' }), cursor, limit],
        page('Story'),
        'stories',
      ),
      '/api/stories/{id}': get(
        'One story with its reports',
        [p('id', 'Story id')],
        { $ref: '#/components/schemas/Story' },
        'stories',
      ),
      '/api/search': get(
        'Full-text search: words, "phrases", OR, NOT/-word, prefix*, with filters and facets',
        [
          q('q', 'Query'),
          q('entity', 'Entity id mentioned', { type: 'integer' }),
          q('country', 'Country mentioned', iso),
          q('event_type', 'PLOVER type reported'),
          q('speaker', 'Quoted speaker entity id', { type: 'integer' }),
          q('source', 'Outlet'),
          q('language', 'Language'),
          q('from', 'Published from', day),
          q('to', 'Published to', day),
          q('facets', 'true to add facet counts', { type: 'boolean' }),
          cursor,
          limit,
        ],
        {
          type: 'object',
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/SearchHit' } },
            next: { type: ['string', 'null'] },
            facets: loose,
          },
        },
        'search',
      ),
      '/api/ingest': {
        post: {
          summary:
            'Analyse and store documents: one record {"text"|"html"|"url", "id"?, "published"?, "title"?} or {"records": [...]}',
          tags: ['ingest'],
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: loose } } },
          responses: {
            200: { description: 'Per-record results', content: { 'application/json': { schema: loose } } },
            401: { $ref: '#/components/responses/Error' },
            403: { $ref: '#/components/responses/Error' },
            413: { $ref: '#/components/responses/Error' },
            422: { $ref: '#/components/responses/Error' },
          },
        },
      },
    },
  };
}
