// Calendar arithmetic on plain (year, month, day) triples, in UTC so nothing depends on the machine's zone.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;

export function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(n: number): Ymd {
  const t = new Date(n * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(a: Ymd, days: number): Ymd {
  return fromDayNumber(dayNumber(a.y, a.m, a.d) + days);
}

export function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + months;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(a: Ymd): number {
  const w = new Date(Date.UTC(a.y, a.m - 1, a.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(a: Ymd): { year: number; week: number } {
  const n = dayNumber(a.y, a.m, a.d);
  const thursday = fromDayNumber(n - isoWeekday(a) + 4);
  const jan1 = dayNumber(thursday.y, 1, 1);
  return {
    year: thursday.y,
    week: Math.floor((dayNumber(thursday.y, thursday.m, thursday.d) - jan1) / 7) + 1,
  };
}

export function pad(n: number, width = 2): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function fmtYear(y: number): string {
  return pad(y, 4);
}

export function fmtMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

export function fmtDate(a: Ymd): string {
  return `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
}

export function fmtWeek(a: Ymd): string {
  const w = isoWeek(a);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** Parse YYYY-MM-DD (a date-time is cut to its date); null when absent or malformed. */
export function parseReference(iso: string | null): Ymd | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  return isValidDate(y, mo, d) ? { y, m: mo, d } : null;
}
