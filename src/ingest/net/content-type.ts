// What the fetcher asks for and accepts. Analysis wants HTML or text; feed and sitemap readers ask for
// XML or JSON. Everything else (images, PDF, archives, octet streams) is refused before the body is read.

export type ContentKind = 'html' | 'text' | 'xml' | 'json';

const TYPES: Record<ContentKind, string[]> = {
  html: ['text/html', 'application/xhtml+xml'],
  text: ['text/plain'],
  xml: [
    'application/rss+xml',
    'application/atom+xml',
    'application/rdf+xml',
    'application/xml',
    'text/xml',
    'application/x-rss+xml',
  ],
  json: ['application/feed+json', 'application/json'],
};

const Q: Record<ContentKind, string> = { html: '', text: ';q=0.8', xml: ';q=0.9', json: ';q=0.9' };

export const DEFAULT_KINDS: ContentKind[] = ['html', 'text'];

export function acceptHeader(kinds: ContentKind[]): string {
  const parts = kinds.flatMap((k) => TYPES[k].map((t) => `${t}${Q[k]}`));
  return [...parts, '*/*;q=0.1'].join(', ');
}

export interface ParsedContentType {
  mime: string;
  charset: string | null;
}

export function parseContentType(header: string | undefined | null): ParsedContentType | null {
  if (!header) return null;
  const [type, ...params] = header.split(';');
  const mime = type.trim().toLowerCase();
  if (!mime) return null;
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { mime, charset };
}

/** Why this media type is refused for these kinds, or null when it is accepted. A missing type is sniffed later. */
export function refuseType(mime: string | null, kinds: ContentKind[]): string | null {
  if (!mime) return null;
  for (const k of kinds) if (TYPES[k].includes(mime)) return null;
  // Feed readers meet many vendor XML and JSON types: accept any +xml / +json for them.
  if (kinds.includes('xml') && mime.endsWith('+xml')) return null;
  if (kinds.includes('json') && mime.endsWith('+json')) return null;
  const what = describeType(mime);
  const wanted = kinds.map((k) => (k === 'html' ? 'HTML' : k === 'text' ? 'plain text' : k.toUpperCase()));
  return `content type ${mime}${what ? ` (${what})` : ''} is not ${wanted.join(' or ')}`;
}

function describeType(mime: string): string | null {
  if (mime.startsWith('image/')) return 'an image';
  if (mime.startsWith('video/')) return 'a video';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('font/')) return 'a font';
  if (mime === 'application/pdf') return 'a PDF document';
  if (/zip|gzip|tar|compressed|octet-stream|x-7z|rar/.test(mime)) return 'binary data';
  if (/msword|officedocument|opendocument|ms-excel|ms-powerpoint/.test(mime)) return 'an office document';
  return null;
}
