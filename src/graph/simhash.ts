import { createHash } from 'node:crypto';

// 64-bit SimHash over word 3-shingles: near-identical texts (syndicated copies with small edits) differ in
// few bits. Four 16-bit bands index it: two hashes within Hamming distance 3 share at least one band.

const MASK64 = (1n << 64n) - 1n;

function hash64(s: string): bigint {
  return createHash('md5').update(s).digest().readBigUInt64LE(0);
}

export function simhash(text: string): bigint {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    const h = hash64(words.slice(i, i + 3).join(' '));
    for (let b = 0; b < 64; b++) counts[b] += (h >> BigInt(b)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let b = 0; b < 64; b++) if (counts[b] > 0) out |= 1n << BigInt(b);
  return out & MASK64;
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
