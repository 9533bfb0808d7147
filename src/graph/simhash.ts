// 64-bit SimHash over word 3-shingles: near-identical texts (syndicated copies with small edits) differ in
// few bits. Four 16-bit bands index it: two hashes within Hamming distance 3 share at least one band.

const MASK64 = (1n << 64n) - 1n;

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c > 127 && /[\p{L}\p{N}]/u.test(String.fromCharCode(c)))
  );
}

function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c > 127 ? String.fromCharCode(c).toLowerCase().charCodeAt(0) : c;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Case-folded words as two independent 32-bit hashes each, without building strings. */
function wordHashes(text: string): [Uint32Array, Uint32Array] {
  const a: number[] = [];
  const b: number[] = [];
  let ha = 0;
  let hb = 0;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordChar(c)) {
      const l = lower(c);
      if (!inWord) {
        ha = 0x811c9dc5;
        hb = 0x9747b28c;
        inWord = true;
      }
      ha = Math.imul(ha ^ l, 0x01000193);
      hb = Math.imul(hb ^ l, 0x5bd1e995) ^ (hb >>> 15);
    } else if (inWord) {
      a.push(mix(ha));
      b.push(mix(hb));
      inWord = false;
    }
  }
  return [Uint32Array.from(a), Uint32Array.from(b)];
}

export function simhash(text: string): bigint {
  const [wa, wb] = wordHashes(text);
  const counts = new Int32Array(64);
  const n = Math.max(1, wa.length - 2);
  for (let i = 0; i < n; i++) {
    // A shingle of three words: their hashes combined in order.
    const lo = mix((wa[i] ?? 0) ^ Math.imul(wa[i + 1] ?? 0, 31) ^ Math.imul(wa[i + 2] ?? 0, 961));
    const hi = mix((wb[i] ?? 0) ^ Math.imul(wb[i + 1] ?? 0, 37) ^ Math.imul(wb[i + 2] ?? 0, 1369));
    for (let bit = 0; bit < 32; bit++) {
      counts[bit] += (lo >>> bit) & 1 ? 1 : -1;
      counts[bit + 32] += (hi >>> bit) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit] > 0) lo |= 1 << bit;
    if (counts[bit + 32] > 0) hi |= 1 << bit;
  }
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)) & MASK64;
}

export function hamming(a: bigint, b: bigint): number {
  let x = a ^ b;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export function toHex(h: bigint): string {
  return h.toString(16).padStart(16, '0');
}

export function fromHex(s: string): bigint {
  return BigInt(`0x${s}`);
}

export function bands(h: bigint): string[] {
  return [0, 1, 2, 3].map((i) => `${i}:${((h >> BigInt(i * 16)) & 0xffffn).toString(16)}`);
}

/** Texts whose SimHashes are this close are copies of one report. */
export const NEAR_DUPLICATE_BITS = 3;
