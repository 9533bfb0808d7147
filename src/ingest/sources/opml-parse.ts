// OPML subscription lists: every outline with an `xmlUrl`, at any depth, is a feed to read.
import { XMLParser } from 'fast-xml-parser';
import { attr, checkWellFormed, httpUrl, nodes, type XmlNode } from './xml.js';

export function parseOpml(text: string, base: string | null): string[] {
  checkWellFormed(text);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => name === 'outline',
  }).parse(text) as XmlNode;
  const body = nodes(nodes(doc.opml)[0]?.body)[0];
  if (!body) throw new Error('no <opml><body> element');
  const urls: string[] = [];
  const walk = (outlines: XmlNode[]) => {
    for (const o of outlines) {
      const u = httpUrl(attr(o, 'xmlUrl'), base);
      if (u && !urls.includes(u)) urls.push(u);
      walk(nodes(o.outline));
    }
  };
  walk(nodes(body.outline));
  return urls;
}
