/** Reads a byte stream line by line and block by block, holding only what the caller asked for. */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes consumed so far: an offset into the (decompressed) stream. */
  pos = 0;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    return true;
  }

  /** The next line without its CRLF or LF; null at the end. */
  async readLine(max = 65536): Promise<Buffer | null> {
    for (;;) {
      const i = this.buf.indexOf(10);
      if (i >= 0) {
        const line = this.buf.subarray(0, i);
        this.buf = this.buf.subarray(i + 1);
        this.pos += i + 1;
        return line[line.length - 1] === 13 ? line.subarray(0, -1) : line;
      }
      if (this.buf.length > max) throw new Error(`a header line longer than ${max} bytes`);
      if (!(await this.more())) {
        if (!this.buf.length) return null;
        const line = this.buf;
        this.pos += line.length;
        this.buf = Buffer.alloc(0);
        return line;
      }
    }
  }

  /** Exactly `n` bytes, or `sink` called with each piece when given (nothing is then kept). */
  async read(n: number, sink?: (piece: Buffer) => void | Promise<void>): Promise<Buffer> {
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      if (!this.buf.length && !(await this.more())) throw new Error('the file ends inside a record');
      const k = Math.min(need, this.buf.length);
      const piece = this.buf.subarray(0, k);
      if (sink) await sink(piece);
      else parts.push(piece);
      this.buf = this.buf.subarray(k);
      this.pos += k;
      need -= k;
    }
    return Buffer.concat(parts);
  }

  skip(n: number): Promise<unknown> {
    return this.read(n, () => {});
  }
}
