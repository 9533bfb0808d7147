// An open-addressing hash table from 64-bit feature keys (two int32 halves) to dense ids.

export class KeyTable {
  private k1: Int32Array;
  private k2: Int32Array;
  private v: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.v = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The id of a key, or -1. */
  get(h1: number, h2: number): number {
    let i = (h1 ^ (h2 >>> 7)) & this.mask;
    for (;;) {
      const v = this.v[i];
      if (v < 0) return -1;
      if (this.k1[i] === h1 && this.k2[i] === h2) return v;
      i = (i + 1) & this.mask;
    }
  }

  /** The id of a key, adding it with the next id when absent. */
  add(h1: number, h2: number): number {
    if ((this.size + 1) * 2 > this.v.length) this.grow();
    let i = (h1 ^ (h2 >>> 7)) & this.mask;
    for (;;) {
      const v = this.v[i];
      if (v < 0) {
        this.k1[i] = h1;
        this.k2[i] = h2;
        this.v[i] = this.size;
        return this.size++;
      }
      if (this.k1[i] === h1 && this.k2[i] === h2) return v;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { k1, k2, v } = this;
    const cap = v.length * 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.v = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < v.length; i++) {
      if (v[i] < 0) continue;
      let j = (k1[i] ^ (k2[i] >>> 7)) & this.mask;
      while (this.v[j] >= 0) j = (j + 1) & this.mask;
      this.k1[j] = k1[i];
      this.k2[j] = k2[i];
      this.v[j] = v[i];
    }
  }

  /** Keys in id order. */
  keys(): { h1: Int32Array; h2: Int32Array } {
    const h1 = new Int32Array(this.size);
    const h2 = new Int32Array(this.size);
    for (let i = 0; i < this.v.length; i++) {
      const id = this.v[i];
      if (id < 0) continue;
      h1[id] = this.k1[i];
      h2[id] = this.k2[i];
    }
    return { h1, h2 };
  }
}
