// 64-bit SimHash over word 3-shingles: near-identical texts (syndicated copies with small edits) differ in
// few bits. Four 16-bit bands index it: two hashes within Hamming distance 3 share at least one band.

const MASK64 = (1n << 64n) - 1n;

/** Two independent 32-bit FNV-1a hashes of a string: 64 bits, with no allocation per shingle. */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  // Final avalanche so that nearby strings spread over all bits.
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 13;
  return [a >>> 0, b >>> 0];
}

export function simhash(text: string): bigint {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    const [lo, hi] = hash64(`${words[i]} ${words[i + 1] ?? ''} ${words[i + 2] ?? ''}`);
    for (let b = 0; b < 32; b++) {
      counts[b] += (lo >>> b) & 1 ? 1 : -1;
      counts[b + 32] += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (counts[b] > 0) lo |= 1 << b;
    if (counts[b + 32] > 0) hi |= 1 << b;
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
