import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

/** Node's arguments for running the CLI from source: `node ...CLI ARGS` is `newsgraph ARGS`. */
export const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * `newsgraph ARGS` as a child process, asynchronously, so that loopback servers in this process keep answering
 * while it runs. `env` is added to this process's environment; SIGINT is sent once `until(stderr so far)` holds.
 */
export async function runCli(
  args: string[],
  opts: { env?: Record<string, string>; until?: (stderr: string) => boolean } = {},
): Promise<CliRun> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stopped = false;
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d;
    if (!stopped && opts.until?.(stderr)) {
      stopped = true;
      child.kill('SIGINT');
    }
  });
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr, ms: Date.now() - t0 };
}
