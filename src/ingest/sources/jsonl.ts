import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { contentId } from '../../pipeline.js';
import { recordToRaw } from '../records.js';
import type { SourceContext, SourceItem } from './types.js';

/** A JSONL file of records ({"id","text"|"html","url"?,"published"|"date"?,"title"?}), streamed line by line. */
export async function* jsonlItems(path: string, ctx: SourceContext): AsyncIterable<SourceItem> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    const key = `${path}:${n}`;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      yield { key, load: () => Promise.reject(new Error(`${key}: not valid JSON`)) };
      continue;
    }
    const r = rec as Record<string, unknown>;
    const hash =
      typeof r?.text === 'string' ? contentId((r.text as string).replace(/\r\n?/g, '\n')) : undefined;
    yield {
      key,
      hash,
      load: async () =>
        recordToRaw(rec, r?.id !== undefined ? `${key} (id ${String(r.id)})` : key, ctx.published),
    };
  }
}

/** True when the first non-blank line of a file is a JSON object (a JSONL batch rather than one document). */
export function looksLikeJsonl(head: string): boolean {
  const first = head.split('\n').find((l) => l.trim());
  if (!first?.trim().startsWith('{')) return false;
  try {
    const v = JSON.parse(first);
    return v !== null && typeof v === 'object' && ('text' in v || 'html' in v);
  } catch {
    // A first record longer than the sniffed head: judge by its opening keys.
    return (
      !head.includes('\n') && /^\s*\{\s*"[\w-]+"\s*:/.test(first) && /"(?:text|html)"\s*:\s*"/.test(first)
    );
  }
}
