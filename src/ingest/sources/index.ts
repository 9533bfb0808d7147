import { isUrl, readInput } from '../input.js';
import { pathItems } from './files.js';
import { registerBuiltins } from './register.js';
import type { SourceContext, SourceItem } from './types.js';

export type { SourceContext, SourceItem } from './types.js';

/** URL sources that are containers (feeds, sitemaps, OPML): registered by their modules. */
export type UrlExpander = (url: string, ctx: SourceContext) => Promise<AsyncIterable<SourceItem> | null>;
const urlExpanders: UrlExpander[] = [];

export function registerUrlExpander(x: UrlExpander): void {
  urlExpanders.push(x);
}

registerBuiltins(registerUrlExpander);

async function* single(item: SourceItem): AsyncIterable<SourceItem> {
  yield item;
}

/** Expand one command-line source into the items to ingest. */
export async function expandSource(arg: string, ctx: SourceContext): Promise<AsyncIterable<SourceItem>> {
  if (isUrl(arg)) {
    for (const x of urlExpanders) {
      const items = await x(arg, ctx);
      if (items) return items;
    }
    return single({
      key: arg,
      load: () => readInput(arg, { ...ctx.fetch, published: ctx.published, allowPrivate: ctx.allowPrivate }),
    });
  }
  const items = await pathItems(arg, ctx);
  if (items) return items;
  return single({ key: arg, load: () => readInput(arg, { published: ctx.published }) });
}
