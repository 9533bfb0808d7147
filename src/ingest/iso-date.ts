import { UsageError } from '../errors.js';

/** Accept an ISO date or date-time; refuse anything else with a clear message. */
export function parseIsoDate(value: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!m) throw new UsageError(`${what}: expected an ISO date (YYYY-MM-DD) or date-time, got "${value}"`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3])
    throw new UsageError(`${what}: no such day "${value}"`);
  return value.trim();
}
