import { readFile, stat } from 'node:fs/promises';
import type { RawDocument } from '../document.js';
import { InputError } from '../errors.js';
import { decodeBytes, sniffFormat } from './decode.js';
import { type FetchOptions, fetchUrl } from './fetch.js';

/** Files larger than this are refused before reading: no news article is 50 MB of text. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export interface InputOptions extends FetchOptions {
  published?: string | null;
  url?: string | null;
  stdin?: () => Promise<Uint8Array>;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** Turn one command-line INPUT (a path, an http(s) URL, or `-`) into a RawDocument. */
export async function readInput(input: string, opts: InputOptions = {}): Promise<RawDocument> {
  if (isUrl(input)) {
    const res = await fetchUrl(input, opts);
    return fromBytes(res.bytes, input, { ...opts, url: opts.url ?? res.finalUrl }, res.charset);
  }
  if (input === '-') {
    const bytes = await (opts.stdin ?? readStdin)();
    return fromBytes(bytes, 'stdin', opts);
  }
  let size: number;
  try {
    const st = await stat(input);
    if (!st.isFile()) throw new InputError(input, 'not a regular file', 'ENOTFILE');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(
      input,
      `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'ENOENT',
    );
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(
      input,
      `too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB)`,
      'ETOOBIG',
    );
  }
  return fromBytes(await readFile(input), input, opts);
}

export function fromBytes(
  bytes: Uint8Array,
  origin: string,
  opts: InputOptions,
  charset: string | null = null,
): RawDocument {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(
      origin,
      `too large (${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB)`,
      'ETOOBIG',
    );
  }
  return fromText(decodeBytes(bytes, origin, charset), origin, opts);
}

export function fromText(
  content: string,
  origin: string,
  opts: InputOptions & { id?: string | null; title?: string | null; format?: 'html' | 'text' },
): RawDocument {
  if (!content.trim()) throw new InputError(origin, 'empty input', 'EEMPTY');
  return {
    id: opts.id ?? null,
    origin,
    url: opts.url ?? null,
    format: opts.format ?? sniffFormat(content),
    content,
    published: opts.published ?? null,
    title: opts.title ?? null,
  };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    total += (c as Buffer).length;
    if (total > MAX_INPUT_BYTES) throw new InputError('stdin', 'too large', 'ETOOBIG');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
