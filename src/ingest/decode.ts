import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { RawFormat } from '../document.js';
import { InputError } from '../errors.js';

/** Bytes → text: BOM, then the HTTP header's charset, then <meta charset>, then detection; UTF-8 by default. */
export function decodeBytes(bytes: Uint8Array, origin: string, headerCharset: string | null = null): string {
  if (bytes.length === 0) throw new InputError(origin, 'empty input', 'EEMPTY');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  if (looksBinary(buf)) throw new InputError(origin, 'binary content, not text or HTML', 'EBINARY');
  const declared = headerCharset ?? metaCharset(buf);
  if (declared && iconv.encodingExists(declared)) return iconv.decode(buf, declared);
  const utf8 = buf.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8;
  const guess = chardet.detect(buf);
  return guess && iconv.encodingExists(guess) ? iconv.decode(buf, guess) : utf8;
}

function metaCharset(buf: Buffer): string | null {
  const head = buf.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  return bad / n > 0.05;
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
