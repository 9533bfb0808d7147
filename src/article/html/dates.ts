// Publisher dates come in every shape (ISO 8601, "2019-11-19 10:29:20", RFC 2822, epoch seconds,
// "November 19, 2019"). They are kept as ISO 8601: a date when only a day is known, else a date-time
// with the offset the publisher wrote (UTC when the source form had none we could keep).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/;

function pad(n: number | string, w = 2): string {
  return String(n).padStart(w, '0');
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A publisher's date string as ISO 8601, or null when it is not a date. */
export function normaliseDate(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = String(raw).trim();
  if (!s) return null;
  let m = ISO_DATE.exec(s);
  if (m) return validDay(+m[1], +m[2], +m[3]) ? s : null;
  m = ISO_DATETIME.exec(s);
  if (m) {
    if (!validDay(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59) return null;
    let zone = m[7] ?? '';
    if (zone && zone.toUpperCase() !== 'Z' && !zone.includes(':'))
      zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    if (zone.toUpperCase() === 'Z') zone = 'Z';
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`;
  }
  m = COMPACT.exec(s);
  if (m) {
    if (!validDay(+m[1], +m[2], +m[3])) return null;
    return m[4] ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}` : `${m[1]}-${m[2]}-${m[3]}`;
  }
  // Epoch seconds or milliseconds.
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    return isoUtc(new Date(ms));
  }
  // Written dates: RFC 2822, "November 19, 2019", "Nov 19, 2019 10:29 AM EST".
  if (!/\d{4}/.test(s) || !/[a-z]{3}/i.test(s)) return null;
  const cleaned = s
    .replace(/\b(?:updated|published|posted|on|at)\b:?/gi, ' ')
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/\b([ap])\.m\./gi, '$1m')
    .replace(/\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT)\b/g, (z) => ZONES[z] ?? z)
    .replace(/\s+/g, ' ')
    .trim();
  const t = Date.parse(cleaned);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  // A written date without a time is a day, not midnight UTC.
  if (!/\d:\d/.test(cleaned)) return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return isoUtc(d);
}

const ZONES: Record<string, string> = {
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
};

function isoUtc(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 2200) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The instant an ISO date or date-time stands for (a bare date: its start, UTC). */
export function dateMillis(iso: string): number {
  return Date.parse(ISO_DATE.test(iso) ? `${iso}T00:00:00Z` : iso);
}

/** A date later than a day past `now` is a publisher's error (or a scheduled embargo): dropped. */
export function notInFuture(iso: string | null, now: Date | undefined): string | null {
  if (!iso || !now) return iso;
  const t = dateMillis(iso);
  return Number.isNaN(t) || t > now.getTime() + 86400000 ? null : iso;
}

/** A day written in the URL's path: /2019/11/19/, /2019-11-19-, /20191119/. Null when there is none. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m =
    /(?:^|\/)((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/.exec(path);
  return m && validDay(+m[1], +m[2], +m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
