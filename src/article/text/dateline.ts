import type { Dateline } from '../../document.js';

// Datelines as news agencies write them, e.g.
//   MOSCOW, June 21. /TASS/.        WASHINGTON (Reuters) -        LONDON, Aug 29 (Reuters) -
//   PARIS (AP) —                    BEIJING, June 3 (Xinhua) --   KYIV, Ukraine (AP) —
//   NEW YORK, March 3, 2024 /PRNewswire/ --                        TOKYO — (newspaper style)
//   Paris (AFP) -                   (CNN) —                       GENEVA, 12 May (IPS) -

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?`;
// Month-day, day-month, optional year, or a bare weekday.
const DATE = String.raw`(?:(?<m1>${MONTH})\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y1>\d{4}))?|(?<d2>\d{1,2})\s+(?<m2>${MONTH})(?:,?\s+(?<y2>\d{4}))?|${WEEKDAY})`;
// An all-capitals place (MOSCOW, NEW YORK, ST. PETERSBURG, RIO DE JANEIRO) or a title-case one (Paris).
const CAPS_PLACE = String.raw`\p{Lu}[\p{Lu}.'’\-]*(?:\s+(?:(?:DE|DA|DO|DI|DEL|LA|LE|EL|AL|OF)\s+)?\p{Lu}[\p{Lu}.'’\-]*){0,3}`;
const TITLE_PLACE = String.raw`\p{Lu}[\p{Ll}\p{Lu}.'’\-]+(?:\s+\p{Lu}[\p{Ll}.'’\-]+){0,2}`;
const REGION = String.raw`(?:,\s*(?<region>\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,2}))`;
const AGENCY = String.raw`(?:\(\s*(?<agp>[\p{L}][\p{L}\d .&'’\-]{0,30}?)\s*\)|/\s*(?<ags>[\p{L}][\p{L}\d .&'’\-]{0,30}?)\s*/)`;
const DASH = String.raw`(?:\s*(?:--|[-—–:])\s+|\.\s+|\s*\.\s*$)`;

const WITH_AGENCY = new RegExp(
  String.raw`^(?<place>${CAPS_PLACE}|${TITLE_PLACE})${REGION}?(?:,\s*(?<date>${DATE}))?\.?\s*${AGENCY}\s*\.?${DASH}`,
  'u',
);
const CAPS_ONLY = new RegExp(
  String.raw`^(?<place>${CAPS_PLACE})${REGION}?(?:,\s*(?<date>${DATE}))?\.?\s*(?:--|[—–-])\s+`,
  'u',
);
const AGENCY_ONLY = new RegExp(String.raw`^${AGENCY}\s*(?:--|[—–-])\s+`, 'u');

export interface DatelineMatch {
  start: number;
  end: number;
  text: string;
  place: string | null;
  agency: string | null;
  month: number | null;
  day: number | null;
  year: number | null;
}

/** Recognise a dateline at `start` (the beginning of a paragraph). */
export function matchDateline(text: string, start: number): DatelineMatch | null {
  const line = text.slice(start, Math.min(text.length, start + 200)).split('\n')[0];
  let which: RegExp = WITH_AGENCY;
  let m = WITH_AGENCY.exec(line);
  if (!m) m = (which = CAPS_ONLY).exec(line);
  if (!m) m = (which = AGENCY_ONLY).exec(line);
  if (!m?.groups) return null;
  const g = m.groups;
  const place = g.place ? normalisePlace(g.place) : null;
  // A capitals-only match must look like a place, not a shouted word that opens a sentence.
  if (which === CAPS_ONLY && (!place || !/\p{Lu}{2}/u.test(g.place ?? ''))) return null;
  if (g.place && which === WITH_AGENCY && !/\p{Lu}{2}/u.test(g.place) && !g.agp && !g.ags) return null;
  let raw = m[0];
  // The dateline span ends at its last non-space character.
  raw = raw.replace(/\s+$/u, '');
  if (/[-—–:]$/u.test(raw) || raw.endsWith('--')) raw = raw.replace(/\s*(?:--|[-—–:])$/u, '');
  const month = g.m1 ?? g.m2;
  const monthNum = month ? (MONTHS[month.toLowerCase().replace('.', '')] ?? null) : null;
  const day = g.d1 ?? g.d2;
  const year = g.y1 ?? g.y2;
  return {
    start,
    end: start + raw.length,
    text: raw,
    place,
    agency: (g.agp ?? g.ags ?? '').trim() || null,
    month: monthNum,
    day: day ? Number(day) : null,
    year: year ? Number(year) : null,
  };
}

function normalisePlace(p: string): string {
  // MOSCOW → Moscow, NEW YORK → New York, ST. PETERSBURG → St. Petersburg
  if (!/\p{Ll}/u.test(p)) {
    return p
      .toLowerCase()
      .replace(/(^|[\s\-'’.])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())
      .replace(/\b(De|Da|Do|Di|Del|La|Le|El|Al|Of)\b(?=\s)/g, (w) => w.toLowerCase());
  }
  return p;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validDay(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Give a dateline its full date. A written year wins; otherwise the year of the reference date (the
 * nearest such day to it); otherwise the earliest year not before the latest past event the text
 * mentions ("in September 2023" told as past makes "June 21" 2024-06-21).
 */
export function resolveDatelineDate(
  match: DatelineMatch,
  reference: string | null,
  text: string,
): Pick<Dateline, 'date' | 'dateInferred'> {
  const { month, day } = match;
  if (!month || !day) return { date: null, dateInferred: false };
  if (match.year)
    return validDay(match.year, month, day)
      ? { date: iso(match.year, month, day), dateInferred: false }
      : { date: null, dateInferred: false };
  const ref = reference ? /^(\d{4})-(\d{2})-(\d{2})/.exec(reference) : null;
  if (ref) {
    // A dateline is written on or just before its publication: the latest such day not after it (+2 days for time zones).
    const ry = Number(ref[1]);
    const limit = Date.UTC(ry, Number(ref[2]) - 1, Number(ref[3])) + 2 * 86400000;
    for (const y of [ry + 1, ry, ry - 1, ry - 2, ry - 3, ry - 4]) {
      if (validDay(y, month, day) && Date.UTC(y, month - 1, day) <= limit)
        return { date: iso(y, month, day), dateInferred: true };
    }
    return { date: null, dateInferred: false };
  }
  const floor = latestPastMention(text);
  if (!floor) return { date: null, dateInferred: false };
  let y = floor.year;
  if (floor.month !== null && (month < floor.month || (month === floor.month && day < (floor.day ?? 1)))) y++;
  else if (floor.month === null && !validDay(y, month, day)) y++;
  if (!validDay(y, month, day)) return { date: null, dateInferred: false };
  return { date: iso(y, month, day), dateInferred: true };
}

const PAST_CUE =
  /\b(?:was|were|had|did|ago|last|earlier|previous(?:ly)?|former|visited|signed|held|took|came|went|made|met|reached|inked|concluded|\w{3,}ed)\b/i;
const FUTURE_CUE = /\b(?:will|would|shall|next|upcoming|planned|plans?|scheduled|to be held|expected)\b/i;
const YEAR_MENTION = new RegExp(
  String.raw`(?:(?<month>${MONTH})\s+(?:(?<day>\d{1,2}),?\s+)?)?\b(?<year>(?:19|20)\d{2})\b(?!\s*(?:troops|people|soldiers|units|tons|km|kilometres|miles|dollars|%))`,
  'gu',
);

/** The latest year (with month and day where written) that the text tells of as past. */
export function latestPastMention(
  text: string,
): { year: number; month: number | null; day: number | null } | null {
  let best: { year: number; month: number | null; day: number | null } | null = null;
  for (const m of text.matchAll(YEAR_MENTION)) {
    const g = m.groups!;
    // The clause around the mention decides its tense.
    const s = Math.max(
      text.lastIndexOf('.', m.index) + 1,
      text.lastIndexOf('\n', m.index) + 1,
      m.index - 160,
    );
    const e = m.index + m[0].length;
    const clause = text.slice(s, e);
    if (FUTURE_CUE.test(clause) || !PAST_CUE.test(clause)) continue;
    const cand = {
      year: Number(g.year),
      month: g.month ? (MONTHS[g.month.toLowerCase().replace('.', '')] ?? null) : null,
      day: g.day ? Number(g.day) : null,
    };
    const key = (c: typeof cand) => c.year * 10000 + (c.month ?? 0) * 100 + (c.day ?? 0);
    if (!best || key(cand) > key(best)) best = cand;
  }
  return best;
}
