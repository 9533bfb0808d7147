// The built-in container sources. index.ts calls this once its own registry exists (a plain import of
// index.ts from here would run before index.ts had defined it).
import { feedFileExpander, feedUrlExpander } from './feeds.js';
import { registerContainer } from './files.js';
import type { UrlExpander } from './index.js';
import { warcExpander } from './warc.js';

export function registerBuiltins(registerUrlExpander: (x: UrlExpander) => void): void {
  registerContainer(warcExpander);
  registerContainer(feedFileExpander);
  registerUrlExpander(feedUrlExpander);
}
