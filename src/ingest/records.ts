import type { RawDocument } from '../document.js';
import { InputError } from '../errors.js';
import { fromText } from './input.js';
import { parseIsoDate } from './iso-date.js';

/** Parse one JSONL record into a RawDocument; throws InputError naming the record. */
export function recordToRaw(rec: unknown, origin: string, published: string | null): RawDocument {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec))
    throw new InputError(origin, 'a record must be a JSON object');
  const r = rec as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
  const html = str('html');
  const text = str('text');
  if (html === null && text === null)
    throw new InputError(origin, 'a record needs "text" or "html" (a string)');
  const recPublished = str('published') ?? str('date');
  let pub = published;
  if (recPublished) {
    try {
      pub = parseIsoDate(recPublished, 'published');
    } catch (e) {
      throw new InputError(origin, (e as Error).message);
    }
  }
  const id = r.id === undefined || r.id === null ? null : String(r.id);
  return fromText(html ?? text ?? '', origin, {
    id,
    url: str('url'),
    title: str('title'),
    published: pub,
    format: html !== null ? 'html' : 'text',
  });
}
