// The fetcher's limits: defaults, overridden by environment variables, overridden by explicit options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../paths.js';

export const DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  delayMs: 1000,
  /** A Crawl-delay longer than this is not honoured in full: the fetch would look hung. */
  maxCrawlDelayMs: 30_000,
  robotsMaxBytes: 512 * 1024,
} as const;

let version: string | null = null;
function packageVersion(): string {
  if (version === null) {
    try {
      version = String(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version ?? '0');
    } catch {
      version = '0';
    }
  }
  return version;
}

export function defaultUserAgent(): string {
  return `newsgraph/${packageVersion()} (+https://github.com/newsgraph/newsgraph)`;
}

/** The product token robots.txt groups are matched against: the User-Agent's first word, before `/`. */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[/\s]/)[0] || 'newsgraph').toLowerCase();
}

export interface EnvLimits {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  delayMs?: number;
  robots?: boolean;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, allowZero = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || (!allowZero && n === 0))
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not "${raw}"`);
  return n;
}

/** Limits set through NEWSGRAPH_FETCH_* variables; a malformed value is an error, not silently ignored. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): EnvLimits {
  const robotsRaw = env.NEWSGRAPH_FETCH_ROBOTS?.trim().toLowerCase();
  let robots: boolean | undefined;
  if (robotsRaw) {
    if (['0', 'off', 'false', 'no', 'ignore'].includes(robotsRaw)) robots = false;
    else if (['1', 'on', 'true', 'yes'].includes(robotsRaw)) robots = true;
    else throw new Error(`NEWSGRAPH_FETCH_ROBOTS must be on or off, not "${env.NEWSGRAPH_FETCH_ROBOTS}"`);
  }
  return {
    timeoutMs: positiveInt(env, 'NEWSGRAPH_FETCH_TIMEOUT_MS'),
    maxBytes: positiveInt(env, 'NEWSGRAPH_FETCH_MAX_BYTES'),
    delayMs: positiveInt(env, 'NEWSGRAPH_FETCH_DELAY_MS', true),
    userAgent: env.NEWSGRAPH_USER_AGENT?.trim() || undefined,
    robots,
  };
}
