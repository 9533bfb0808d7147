import type { ArticleLayout } from '../document.js';

/** A layout with nothing found: no headline, dateline, body or metadata. */
export function emptyLayout(): ArticleLayout {
  return {
    title: null,
    lede: null,
    dateline: null,
    body: null,
    sections: [],
    byline: [],
    publisher: null,
    language: null,
    published: null,
    modified: null,
  };
}
