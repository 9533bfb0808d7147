// Shared XML helpers for feeds, sitemaps and OPML: a well-formedness check with a line number, and
// readers that tolerate fast-xml-parser's shapes (a string, or an object with `#text` and `@attributes`).
import { XMLValidator } from 'fast-xml-parser';

/** Throws a readable error when the text is not well-formed XML. */
export function checkWellFormed(text: string): void {
  const v = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (v === true) return;
  throw new Error(`not well-formed XML: ${v.err.msg.replace(/\.$/, '')} (line ${v.err.line})`);
}

export type XmlNode = Record<string, unknown>;

/** The text of an element, whatever shape the parser gave it. */
export function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as XmlNode)['#text']);
  return null;
}

export function attr(v: unknown, name: string): string | null {
  if (Array.isArray(v)) return attr(v[0], name);
  if (v && typeof v === 'object') {
    const a = (v as XmlNode)[`@${name}`];
    return typeof a === 'string' ? a.trim() : null;
  }
  return null;
}

export function nodes(v: unknown): XmlNode[] {
  const arr = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return arr.filter((x): x is XmlNode => !!x && typeof x === 'object');
}

/** A child by local name, whatever prefix the document gave it (`dc:date`, `date`, `news:title`). */
export function child(node: XmlNode, local: string): unknown {
  if (local in node) return node[local];
  for (const k of Object.keys(node)) if (k.endsWith(`:${local}`)) return node[k];
  return undefined;
}

/** An absolute http(s) URL, resolved against `base` when relative; null for anything else. */
export function httpUrl(v: string | null, base: string | null): string | null {
  if (!v) return null;
  try {
    const u = base ? new URL(v, base) : new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Raw element content kept by a stop node → text: CDATA sections verbatim, entities decoded elsewhere. */
export function decodeRawXml(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, cdata, ent) => {
    if (cdata !== undefined) return cdata;
    if (ent[0] === '#') {
      const cp = ent[1] === 'x' || ent[1] === 'X' ? Number.parseInt(ent.slice(2), 16) : Number(ent.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[ent] ?? m;
  });
}
