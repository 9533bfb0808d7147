import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Where a command writes: standard output or --out FILE. */
export function openOutput(path: string | undefined): { out: Writable; close: () => Promise<void> } {
  if (!path || path === '-') return { out: process.stdout, close: async () => {} };
  const out = createWriteStream(path);
  return {
    out,
    close: () =>
      new Promise((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

export async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await new Promise<void>((r) => out.once('drain', () => r()));
}

export function warn(msg: string): void {
  process.stderr.write(`newsgraph: ${msg}\n`);
}
