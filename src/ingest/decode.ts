import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RawFormat } from '../document.js';
import { InputError } from '../errors.js';
import { decoderFor, isUtf16 } from './charset-labels.js';

const known = (name: string) => iconv.encodingExists(name);

/**
 * Bytes → text. The order is the browsers': a byte-order mark, then the HTTP header's charset, then
 * `<meta charset>` / `<meta http-equiv>` / the XML declaration, then UTF-8 when the bytes are valid
 * UTF-8, then detection. Binary content (file signatures, NUL and control bytes) is refused.
 */
export function decodeBytes(bytes: Uint8Array, origin: string, headerCharset: string | null = null): string {
  if (bytes.length === 0) throw new InputError(origin, 'empty input', 'EEMPTY');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  const fromHeader = decoderFor(headerCharset, known);
  // UTF-16 is full of NUL bytes: trust the header before the binary check would refuse it.
  if (isUtf16(fromHeader)) return iconv.decode(buf, fromHeader!);
  const binary = binaryKind(buf);
  if (binary) throw new InputError(origin, `binary content (${binary}), not text or HTML`, 'EBINARY');
  let declared = fromHeader ?? decoderFor(prescanCharset(buf), known);
  // A document that can state its charset in ASCII is not UTF-16, whatever it says (WHATWG).
  if (isUtf16(declared)) declared = 'utf8';
  if (declared) return declared === 'utf8' ? buf.toString('utf8') : iconv.decode(buf, declared);
  if (mostlyUtf8(buf)) return buf.toString('utf8');
  const guess = decoderFor(chardet.detect(buf), known);
  // A wrong guess of UTF-16 would turn every pair of bytes into one odd character: not for 8-bit text.
  return guess && !isUtf16(guess) && guess !== 'utf8' ? iconv.decode(buf, guess) : buf.toString('utf8');
}

/**
 * Valid UTF-8, or UTF-8 with a few damaged bytes: when well-formed multi-byte sequences outnumber the
 * stray bytes, the text was written as UTF-8 and a legacy decoder would garble every accent in it.
 */
function mostlyUtf8(buf: Buffer): boolean {
  let good = 0;
  let bad = 0;
  const n = buf.length;
  for (let i = 0; i < n; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      good++;
      i += len;
    } else {
      bad++;
      i++;
    }
  }
  return bad === 0 || good > bad;
}

/** The charset a document declares in its first bytes: `<meta charset>`, `<meta http-equiv>`, `<?xml encoding?>`. */
export function prescanCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 4096)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1].toLowerCase();
  for (const m of head.matchAll(/<meta\s[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\scharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag);
    if (direct) return direct[1].toLowerCase();
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const c = /content\s*=\s*["'][^"']*?charset\s*=\s*["']?\s*([^\s"';]+)/i.exec(tag);
      if (c) return c[1].toLowerCase();
    }
  }
  return null;
}

// File signatures of what people most often hand to a text tool by mistake.
const SIGNATURES: Array<[string, (b: Buffer) => boolean]> = [
  ['looks like a PDF document', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  [
    'looks like a PNG image',
    (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])),
  ],
  ['looks like a JPEG image', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['looks like a GIF image', (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1'))],
  [
    'looks like a WebP image',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
  [
    'looks like a ZIP archive or office document',
    (b) => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7),
  ],
  ['looks like gzip-compressed data', (b) => b[0] === 0x1f && b[1] === 0x8b],
  [
    'looks like a 7-Zip archive',
    (b) => b.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])),
  ],
  [
    'looks like an old Microsoft Office document',
    (b) => b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])),
  ],
  ['looks like an executable', (b) => b.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))],
  ['looks like a video', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp'],
];

/** Why these bytes are binary (a file signature, NUL bytes, many control bytes), or null for text. */
export function binaryKind(buf: Buffer): string | null {
  for (const [what, test] of SIGNATURES) if (test(buf)) return what;
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return 'contains NUL bytes';
    // Tab, newlines, form feed and escape occur in real text; other C0 controls do not.
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / n > 0.05 ? 'many control bytes' : null;
}

/** Sniff the content, not the name: HTML when it opens like markup or is full of block tags. */
export function sniffFormat(content: string): RawFormat {
  const head = content.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html|<!--)/.test(head)) return 'html';
  const tags = content
    .slice(0, 20000)
    .match(/<\/?(?:p|div|span|a|br|h[1-6]|article|section|meta|script|table)\b[^>]*>/gi);
  return tags && tags.length >= 3 ? 'html' : 'text';
}
