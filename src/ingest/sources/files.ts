import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readInput } from '../input.js';
import { jsonlItems, looksLikeJsonl } from './jsonl.js';
import type { SourceContext, SourceItem } from './types.js';

/** Container formats found inside a file (feeds, sitemaps, OPML, WARC): registered by their modules. */
export type ContainerExpander = (
  path: string,
  head: Buffer,
  ctx: SourceContext,
) => AsyncIterable<SourceItem> | null;
const containers: ContainerExpander[] = [];

export function registerContainer(x: ContainerExpander): void {
  containers.push(x);
}

async function head(path: string, n = 65536): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** A file is a batch (JSONL, a feed, a sitemap, OPML, WARC) or one document; sniffed from its content. */
export async function* fileItems(path: string, ctx: SourceContext): AsyncIterable<SourceItem> {
  let h: Buffer;
  try {
    h = await head(path);
  } catch (e) {
    yield { key: path, load: () => Promise.reject(e) };
    return;
  }
  if (looksLikeJsonl(h.toString('utf8'))) {
    yield* jsonlItems(path, ctx);
    return;
  }
  for (const c of containers) {
    const items = c(path, h, ctx);
    if (items) {
      yield* items;
      return;
    }
  }
  yield { key: path, load: () => readInput(path, { published: ctx.published }) };
}

/** Every regular file under a directory, in a stable order; hidden files and folders are skipped. */
export async function* directoryItems(dir: string, ctx: SourceContext): AsyncIterable<SourceItem> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    ctx.fail(dir, `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* directoryItems(p, ctx);
    else if (e.isFile()) yield* fileItems(p, ctx);
  }
}

export async function pathItems(arg: string, ctx: SourceContext): Promise<AsyncIterable<SourceItem> | null> {
  let st: import('node:fs').Stats;
  try {
    st = await stat(arg);
  } catch {
    return null;
  }
  return st.isDirectory() ? directoryItems(arg, ctx) : fileItems(arg, ctx);
}
