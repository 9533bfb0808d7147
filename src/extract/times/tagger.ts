import type { Span, TimeExpression, TimeType } from '../../document.js';
import {
  addDays,
  addMonths,
  dayNumber,
  fmtDate,
  fmtMonth,
  fmtWeek,
  fmtYear,
  isoWeekday,
  isValidDate,
  pad,
  quarterOf,
  type Ymd,
} from './calendar.js';
import { TenseCues } from './cues.js';
import {
  decadeWord,
  durationValue,
  MONTH,
  MONTH_FULL,
  monthNumber,
  NUMBER,
  numberValue,
  ORDINAL_WORD,
  ordinalValue,
  unitOf,
  VAGUE,
  WEEKDAY,
  weekdayNumber,
} from './lexicon.js';

// The time tagger, built like chrono-node: parsers (one regular expression each) propose candidate
// spans, the longest non-overlapping candidates are kept, then each is resolved in reading order against
// the reference date and what the story said before it (the last year, month and quarter mentioned).
// No clock is read: without a reference date, relative expressions keep unknown parts as X.

export interface Resolved {
  type: TimeType;
  value: string;
}

export interface State {
  text: string;
  ref: Ymd | null;
  cues: TenseCues;
  lastYear: number | null;
  lastMonth: { y: number; m: number } | null;
  lastQuarter: { y: number; q: number; pos: number } | null;
}

interface Candidate extends Span {
  prio: number;
  resolve: (st: State, c: Candidate) => Resolved | null;
}

type Handler = (m: RegExpExecArray, text: string) => Candidate[] | Candidate | null;

interface Rule {
  name: string;
  re: RegExp;
  handler: Handler;
}

// ---------------------------------------------------------------- helpers

const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[1-9]\\d\\d|20\\d\\d|21\\d\\d)';
const NOT_NUM_AFTER = '(?![\\d%]|[.,:]\\d|\\w)';
const B = '(?<![\\w$£€¥#@.\\-/])'; // start of a free-standing word or number

function wordBefore(text: string, pos: number): string {
  const m = /([A-Za-z']+)[\s,]*$/.exec(text.slice(Math.max(0, pos - 30), pos));
  return m ? m[1].toLowerCase() : '';
}

function wordAfter(text: string, pos: number): string {
  const m = /^\s+([A-Za-z][A-Za-z-]*)/.exec(text.slice(pos, pos + 30));
  return m ? m[1] : '';
}

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'its',
  'his',
  'her',
  'their',
  'our',
  'my',
  'your',
  'this',
  'that',
  "'s",
  's',
  'whose',
]);
const TIME_PREPS = new Set([
  'in',
  'since',
  'until',
  'till',
  'during',
  'before',
  'after',
  'by',
  'from',
  'to',
  'through',
  'between',
  'and',
  'or',
  'of',
  'circa',
  'throughout',
  'early',
  'late',
  'mid',
  'fiscal',
  'year',
  'for',
  'on',
  'as',
  'around',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'beginning',
  'starting',
  'end',
  'then',
  'back',
  'born',
]);
const HEDGES = new Set([
  'about',
  'nearly',
  'almost',
  'some',
  'over',
  'under',
  'than',
  'approximately',
  'roughly',
  'only',
  'just',
  'least',
  'most',
  'another',
  'additional',
  'extra',
  'all',
  'those',
  'these',
  'top',
  'estimated',
  'total',
  'with',
  'no',
  'number',
  'page',
  'pages',
  'route',
  'flight',
  'room',
  'article',
  'section',
  'chapter',
  'resolution',
  'model',
  'code',
  'highway',
  'km',
  'kilometres',
  'kilometers',
  'miles',
  'minus',
  'plus',
]);
/** Words that follow a year as readily as a count: "of 1848 and", "of 1789 was". */
const YEAR_FOLLOWERS = new Set([
  'and',
  'or',
  'to',
  'the',
  'was',
  'were',
  'is',
  'are',
  'had',
  'has',
  'when',
  'as',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'but',
  'which',
  'that',
  'until',
  'through',
  'onwards',
]);

/** Words before a number that make it a code or a count, never a year: "Flight 1549", "page 1999". */
const CODE_WORDS = new Set([
  'than',
  'no',
  'nos',
  'number',
  'page',
  'pages',
  'flight',
  'route',
  'highway',
  'room',
  'suite',
  'article',
  'section',
  'chapter',
  'resolution',
  'model',
  'code',
  'bus',
  'line',
  'platform',
  'gate',
  'apartment',
  'unit',
  'lot',
  'exit',
  'interstate',
  'channel',
  'track',
  'episode',
  'issue',
  'volume',
  'vol',
  'item',
  'rule',
  'hull',
  'serial',
  'id',
  'pin',
]);
const COUNT_NOUNS = new Set([
  'people',
  'men',
  'women',
  'children',
  'feet',
  'foot',
  'km',
  'kg',
  'mph',
  'ft',
  'sq',
  'per',
  'more',
  'other',
  'or',
  'to',
  'of',
  'troops',
  'police',
  'staff',
  'personnel',
  'kilometres',
  'kilometers',
  'metres',
  'meters',
  'miles',
  'tons',
  'tonnes',
  'cattle',
  'sheep',
  'head',
  'strong',
  'new',
  'additional',
  'extra',
  'hours',
  'hrs',
  'gmt',
  'utc',
  'times',
  'percent',
  'points',
  'yards',
]);
const NOT_PLURAL = new Set([
  'this',
  'was',
  'has',
  'does',
  'thus',
  'plus',
  'across',
  'unless',
  'whereas',
  'always',
  'perhaps',
  'towards',
  'versus',
  'afterwards',
  'is',
  'as',
  'its',
  'his',
  'series',
  'census',
  'olympics',
  'games',
  'elections',
  'talks',
  'protests',
  'floods',
  'riots',
  'attacks',
  'crisis',
  'us',
  'bus',
  'news',
  'status',
  'campus',
  'grammys',
  'oscars',
  'championships',
  'finals',
]);

/** Is a four-digit number at [s, e) a year rather than a count, an amount or a code? */
export function looksLikeYear(text: string, s: number, e: number, y: number): boolean {
  const before = text[s - 1] ?? ' ';
  const after = text.slice(e, e + 12);
  if (/[$£€¥#@\d]/.test(before)) return false;
  if ((before === '-' || before === '–') && !/(?:\d{4}|mid)\s*[-–]$/i.test(text.slice(Math.max(0, s - 6), s)))
    return false;
  if (
    /^(?:[.,]\d|\d|%|:\d|-?\s?(?:percent|per cent|pc)\b|\s*(?:hours|hrs|GMT|UTC|BST|EST|local time)\b)/i.test(
      after,
    )
  )
    return false;
  if (/^-(?:[a-z])/.test(after) && !/^-(?:era|style|vintage|model|born|present|era)\b/.test(after))
    return false;
  const prev = wordBefore(text, s);
  const next = wordAfter(text, e);
  const nextIsWord = next !== '' && /^\s+[A-Za-z]/.test(after);
  if (y < 1500 && !(TIME_PREPS.has(prev) || /^\s*(?:AD|BC|BCE|CE)\b/.test(after))) return false;
  const lower = next.toLowerCase();
  const nextCapital = /^[A-Z]/.test(next);
  if (nextIsWord && !nextCapital) {
    const countLike =
      COUNT_NOUNS.has(lower) ||
      (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss') && !NOT_PLURAL.has(lower));
    if (countLike && !(DETERMINERS.has(prev) || TIME_PREPS.has(prev))) return false;
    if (countLike && (prev === 'of' || prev === 'to' || prev === 'and' || prev === 'or' || prev === 'for'))
      return false;
  }
  if (HEDGES.has(prev) && nextIsWord && !nextCapital) return false;
  if (CODE_WORDS.has(prev)) return false;
  // "a 2000 year old tradition", "1500 km": a measure
  if (
    nextIsWord &&
    (/^(?:years|months|weeks|days|hours|minutes|km|kilometres?|kilometers?|metres?|meters?|miles?|feet|tons?|tonnes?)$/i.test(
      next,
    ) ||
      /^\s+(?:year|month|week|day|hour)[\s-]+(?:old|long)\b/i.test(after + text.slice(e + 12, e + 24)))
  )
    return false;
  // "a survey of 1709 schoolchildren": an old-looking year after "of" before a plain noun is a count
  if (prev === 'of' && y < 1900 && nextIsWord && !nextCapital && !YEAR_FOLLOWERS.has(lower)) return false;
  // "between 2000 and 3000 people": a range of counts
  const range = /^\s*(?:and|or|to|-|–)\s*\d[\d,]*\s+([a-z]+)/.exec(after + text.slice(e + 12, e + 40));
  if (range && (COUNT_NOUNS.has(range[1]) || (range[1].endsWith('s') && !NOT_PLURAL.has(range[1]))))
    return false;
  return true;
}

function refYear(st: State): number | null {
  return st.ref ? st.ref.y : null;
}

function yearValue(y: number | null): string {
  return y === null ? 'XXXX' : fmtYear(y);
}

function monthValue(y: number | null, m: number): string {
  return y === null ? `XXXX-${pad(m)}` : fmtMonth(y, m);
}

/** The year for a month named without one: the most recent (or, in future grammar, the next) such month. */
function yearForMonth(st: State, m: number, tense: 'future' | 'past' | null): number | null {
  if (!st.ref) return null;
  const { y, m: rm } = st.ref;
  if (tense === 'future') return m >= rm ? y : y + 1;
  return m <= rm ? y : y - 1;
}

/** The year for a month and day named without one: the nearest such day, leaning to the grammar's tense. */
function yearForDay(st: State, m: number, d: number, tense: 'future' | 'past' | null): number | null {
  if (!st.ref) return null;
  const r = st.ref;
  const rn = dayNumber(r.y, r.m, r.d);
  let best = r.y;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const y of [r.y - 1, r.y, r.y + 1]) {
    if (!isValidDate(y, m, d)) continue;
    const diff = dayNumber(y, m, d) - rn;
    let cost = Math.abs(diff);
    if (tense === 'future' && diff < -7) cost += 120;
    if (tense === 'past' && diff > 7) cost += 60;
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

function cand(start: number, end: number, prio: number, resolve: Candidate['resolve']): Candidate {
  return { start, end, prio, resolve };
}

const date = (value: string): Resolved => ({ type: 'DATE', value });

// ---------------------------------------------------------------- parsers

const RULES: Rule[] = [];
function rule(name: string, re: RegExp, handler: Handler): void {
  RULES.push({ name, re, handler });
}

// Look-ahead patterns used inside handlers, compiled once.
const COORDINATED_DAY = new RegExp(
  `^(\\s*(?:,\\s*(?:and|or)?|and|or|&|[-–]|to|through|until)\\s*)(${DAY})${NOT_NUM_AFTER}`,
);
const TRAILING_YEAR = new RegExp(`^(?:,\\s*|\\s+)(${YEAR})(?![\\d%]|[.,]\\d)`);
const MONTH_PAIR_YEAR = new RegExp(
  `^\\s*(?:and|or|to|through|until|[-–])\\s*(?:${MONTH_FULL}),?\\s+(${YEAR})(?![\\d%]|[.,]\\d|\\w)`,
);
const QUARTER_ENDED = new RegExp(
  `^\\s+(?:ended|ending|that\\s+ended|which\\s+ended|through)\\s+(${MONTH})\\s+\\d`,
);
const CLOCK_DAY = new RegExp(
  `^,?\\s+(?:on\\s+)?(?:(${WEEKDAY})|(today|tonight|yesterday|tomorrow))(?![\\w-])`,
  'i',
);

function dayFrom(s: string): number {
  return Number(s.replace(/\D/g, ''));
}

/** A day of a month, with or without a year. Impossible dates (February 30) are not given a value. */
function resolveDay(m: number, d: number, y: number | null, at: number, end: number) {
  return (st: State): Resolved | null => {
    const year = y ?? yearForDay(st, m, d, st.cues.at(at, end));
    if (year === null) return isValidDate(2000, m, d) ? date(`XXXX-${pad(m)}-${pad(d)}`) : null;
    if (!isValidDate(year, m, d)) return null;
    st.lastYear = year;
    st.lastMonth = { y: year, m };
    return date(fmtDate({ y: year, m, d }));
  };
}

// "June 19", "Tuesday, September 1, 2015", "Sept. 30, 1989", "June 18 and 19" (one expression per day).
rule(
  'month-day',
  new RegExp(
    `${B}(?:(${WEEKDAY}),?\\s+)?(${MONTH})\\s+(${DAY})${NOT_NUM_AFTER}(?:(?:,\\s*|\\s+)(${YEAR})(?![\\d%]|[.,]\\d))?`,
    'g',
  ),
  (m, text) => {
    const mon = monthNumber(m[2]);
    const d = dayFrom(m[3]);
    let year = m[4] ? Number(m[4]) : null;
    const start = m.index;
    const end = m.index + m[0].length;
    if (/^[A-Z][a-z]{2}$/.test(m[2]) && m[2] !== 'May' && !/^\s+\d/.test(text.slice(start + m[2].length)))
      return null;
    const out: Candidate[] = [];
    if (
      !year &&
      mon === 9 &&
      d === 11 &&
      /^\s+(?:terror|attack|hijack|commission)/i.test(text.slice(end, end + 14))
    )
      return cand(start, end, 5, () => date('2001-09-11')); // the September 11 attacks
    const extra: { s: number; e: number; d: number }[] = [];
    if (!year) {
      // coordinated days: "June 18 and 19", "June 18-19", "Nov. 20, 21 and 22"
      const co = COORDINATED_DAY;
      let pos = end;
      for (;;) {
        const c = co.exec(text.slice(pos, pos + 20));
        if (!c) break;
        const dd = dayFrom(c[2]);
        if (dd <= (extra.length ? extra[extra.length - 1].d : d)) break;
        const s = pos + c[1].length;
        extra.push({ s, e: s + c[2].length, d: dd });
        pos = s + c[2].length;
      }
      if (extra.length) {
        const y = TRAILING_YEAR.exec(text.slice(pos, pos + 8));
        if (y) {
          year = Number(y[1]);
          extra[extra.length - 1].e = pos + y[0].length;
        }
      }
    }
    out.push(cand(start, end, 5, resolveDay(mon, d, year, start, end)));
    for (const x of extra) out.push(cand(x.s, x.e, 5, resolveDay(mon, x.d, year, start, end)));
    return out;
  },
);

// "19 June 2024", "the 19th of June", "Tuesday 19 June"; "18 and 19 June" gives two.
rule(
  'day-month',
  new RegExp(
    `${B}(?:(${WEEKDAY}),?\\s+)?(?:the\\s+)?(?:(${DAY})\\s*(?:and|or|&|[-–]|to)\\s*)?(${DAY})(?:\\s+of)?\\s+(${MONTH})(?!\\s+(?:${DAY})${NOT_NUM_AFTER})(?:,?\\s+(${YEAR})(?![\\d%]|[.,]\\d))?`,
    'g',
  ),
  (m, text) => {
    const mon = monthNumber(m[4]);
    const d = dayFrom(m[3]);
    const year = m[5] ? Number(m[5]) : null;
    if (/^[A-Z][a-z]{2}$/.test(m[4]) && m[4] !== 'May' && !year) return null;
    if (/\d[,.]?\s?$/.test(text.slice(Math.max(0, m.index - 3), m.index))) return null;
    const out: Candidate[] = [];
    let start = m.index;
    if (m[2]) {
      const s1 = m.index + m[0].indexOf(m[2], m[1] ? m[1].length : 0);
      out.push(
        cand(s1, s1 + m[2].length, 5, resolveDay(mon, dayFrom(m[2]), year, s1, m.index + m[0].length)),
      );
      start = s1 + m[2].length;
      start += m[0].slice(start - m.index).search(/\d/);
    }
    const end = m.index + m[0].length;
    out.push(cand(start, end, 5, resolveDay(mon, d, year, start, end)));
    return out;
  },
);

// ISO dates and date-times: 2024-06-19, 2024/06/19, 2024-06-19T15:00.
rule(
  'iso',
  /(?<![\w./-])(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/-]|\.\d)/g,
  (m) => {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    if (!isValidDate(y, mo, d)) return null;
    const time = m[4] ? `T${m[4]}:${m[5]}` : '';
    return cand(m.index, m.index + m[0].length, 6, () => ({
      type: time ? 'TIME' : 'DATE',
      value: fmtDate({ y, m: mo, d }) + time,
    }));
  },
);

// Numeric dates: 6/19/2024 (US order), 19/6/2024 when the first number cannot be a month, 19.06.2024.
rule('numeric', /(?<![\w./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.,]\d)/g, (m) => {
  let a = +m[1];
  let b = +m[3];
  let y = +m[4];
  if (m[4].length === 2) y += y < 50 ? 2000 : 1900;
  if (m[2] === '.' || a > 12) [a, b] = [b, a]; // day first
  if (!isValidDate(y, a, b)) return null;
  const value = fmtDate({ y, m: a, d: b });
  return cand(m.index, m.index + m[0].length, 6, () => date(value));
});

// Named days.
const NAMED: Record<string, [number, number]> = {
  christmas: [12, 25],
  'christmas day': [12, 25],
  'christmas eve': [12, 24],
  "new year's day": [1, 1],
  "new year's eve": [12, 31],
  halloween: [10, 31],
  'valentine’s day': [2, 14],
  "valentine's day": [2, 14],
  'independence day': [7, 4],
};
rule(
  'named-day',
  /(?<![\w])(?:(Christmas(?: Day| Eve)?|New Year['’]s (?:Day|Eve)|Halloween|Valentine['’]s Day)|(9\/11))(?![\w/])/g,
  (m, text) => {
    if (m[2]) return cand(m.index, m.index + m[0].length, 4, () => date('2001-09-11'));
    const key = m[1].toLowerCase().replace('’', "'");
    const md = NAMED[key];
    if (!md) return null;
    // "Christmas sales", "Halloween costumes": a modifier, not a day
    if (
      !/\s(?:Day|Eve)$/.test(m[1]) &&
      !TIME_PREPS.has(wordBefore(text, m.index)) &&
      wordBefore(text, m.index) !== 'at'
    )
      return null;
    return cand(m.index, m.index + m[0].length, 3, (st, c) => {
      const y = yearForDay(st, md[0], md[1], st.cues.at(c.start, c.end));
      return date(y === null ? `XXXX-${pad(md[0])}-${pad(md[1])}` : fmtDate({ y, m: md[0], d: md[1] }));
    });
  },
);

const MOD =
  '(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd|[Ss]tart)-|(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Mm]id|[Tt]he\\s+end\\s+of|[Tt]he\\s+beginning\\s+of|[Tt]he\\s+start\\s+of|[Tt]he\\s+middle\\s+of|[Tt]he\\s+first\\s+half\\s+of|[Tt]he\\s+second\\s+half\\s+of|[Ee]nd\\s+of|[Ss]ometime|[Ss]ometime\\s+in)\\s+)';

// "September 2023", "June of 1998", "late November 1999", "mid-1996" is handled by the year rule.
rule(
  'month-year',
  new RegExp(
    `${B}(${MOD})?(?:the\\s+month\\s+of\\s+)?(${MONTH})(?:\\s+of)?,?\\s+(${YEAR}|['’]\\d\\d)(?![\\d%]|[.,]\\d|\\w)`,
    'g',
  ),
  (m, text) => {
    const mon = monthNumber(m[2]);
    let y = Number(m[3].replace(/\D/g, ''));
    if (y < 100) y += y < 50 ? 2000 : 1900;
    if (/^[A-Z][a-z]{2}$/.test(m[2]) && m[2] !== 'May') return null;
    if (
      !looksLikeYear(text, m.index + m[0].length - m[3].length, m.index + m[0].length, y) &&
      m[3].length === 4
    )
      return null;
    return cand(m.index, m.index + m[0].length, 4, (st) => {
      st.lastYear = y;
      st.lastMonth = { y, m: mon };
      return date(fmtMonth(y, mon));
    });
  },
);

const AMBIGUOUS_MONTHS = new Set(['May', 'March', 'June', 'April', 'August']);
const MONTH_CONTEXT = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'from',
  'to',
  'through',
  'and',
  'or',
  'between',
  'during',
  'before',
  'after',
  'of',
  'early',
  'late',
  'mid',
  'last',
  'next',
  'this',
  'past',
  'coming',
  'on',
  'throughout',
  'end',
  'beginning',
  'start',
  'middle',
  'for',
]);

// Months without a day or a year: "in June", "last May", "January this year", "late November".
rule(
  'month',
  new RegExp(
    `${B}(${MOD}|(?:[Ll]ast|[Nn]ext|[Tt]his|[Tt]his\\s+past|[Tt]his\\s+coming|[Tt]he\\s+past|[Tt]he\\s+coming)\\s+)?(${MONTH_FULL}|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.|Jan\\.|Feb\\.|Aug\\.)(?:(?:\\s+of)?\\s+(this|last|next)\\s+year)?(?![\\w-]|['’](?!s\\b)|\\s+\\d{1,2}(?!\\d))`,
    'g',
  ),
  (m, text) => {
    const name = m[2];
    const mon = monthNumber(name);
    const mod = (m[1] ?? '').trim().toLowerCase();
    const rel = m[3]?.toLowerCase();
    const start = m.index;
    const end = m.index + m[0].length;
    if (!mod && !rel) {
      const prev = wordBefore(text, start);
      const after = text.slice(end, end + 12);
      if (/^\s*(?:\d|[A-Z][a-z])/.test(after) && !/^\s*(?:\d{4}|[A-Z][a-z]+ \d)/.test(after)) {
        // "June Smith", "May 5" (another rule), "August Bank": not a bare month
        if (!/^\s*(?:\d)/.test(after) || AMBIGUOUS_MONTHS.has(name)) return null;
      }
      if (AMBIGUOUS_MONTHS.has(name) && !MONTH_CONTEXT.has(prev)) return null;
      if (name === 'May' && /^\s+(?:be|have|not|also|well|I|we|you|he|she|it|they)\b/.test(after))
        return null;
    }
    // "between March and May 2023": the year written at the end of the pair belongs to both months
    const pair = MONTH_PAIR_YEAR.exec(text.slice(end, end + 24));
    const pairYear = !mod && !rel && pair ? Number(pair[1]) : null;
    return cand(start, end, 3, (st, c) => {
      let y: number | null;
      if (pairYear !== null) y = pairYear;
      else if (rel) {
        const ry = refYear(st);
        y = ry === null ? null : ry + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
      } else if (/\bthis past\b/.test(mod)) {
        y = st.ref ? (mon < st.ref.m ? st.ref.y : st.ref.y - 1) : null;
      } else if (/\b(?:last|past)\b/.test(mod)) {
        // "last February" said in March is a year back: the month just gone would be "last month"
        y = st.ref ? (mon <= st.ref.m - 2 ? st.ref.y : st.ref.y - 1) : null;
      } else if (/\b(?:next|coming)\b/.test(mod)) {
        y = st.ref ? (mon > st.ref.m ? st.ref.y : st.ref.y + 1) : null;
      } else if (/\bthis\b/.test(mod)) {
        y = refYear(st);
      } else {
        const prev = wordBefore(st.text, c.start);
        const tense = /^(?:by|until|till|through)$/.test(prev) ? 'future' : st.cues.at(c.start, c.end);
        y = yearForMonth(st, mon, tense);
      }
      if (y !== null) {
        st.lastYear = y;
        st.lastMonth = { y, m: mon };
      }
      return date(monthValue(y, mon));
    });
  },
);

// Years: "1961", "in 2000", "mid-1996", "fiscal 1989", "the year 2000", "'98" — not "2000 troops" nor "$2024".
rule(
  'year',
  new RegExp(
    `(?<![\\w$£€¥#@.,/])(?<!(?:^|[^\\d])[-–])(${MOD}|mid-)?(?:the\\s+year\\s+|(?:fiscal(?:\\s+year)?|FY)\\s*)?(${YEAR})(?![\\d%]|[.,]\\d|['’]?s\\b|\\w)(?:\\s+(?:or\\s+later|or\\s+earlier|and\\s+beyond|and\\s+later|onwards?)(?![\\w-]))?`,
    'gi',
  ),
  (m, text) => {
    const y = Number(m[2]);
    const ys = m.index + m[0].indexOf(m[2], m[1]?.length ?? 0);
    const fiscal = /fiscal|FY/i.test(m[0]);
    const open = m.index + m[0].length > ys + 4; // "1994 or later", "1990 and beyond"
    if (open && /[$£€¥#@\d]/.test(text[ys - 1] ?? ' ')) return null;
    if (!fiscal && !m[1] && !open && !looksLikeYear(text, ys, ys + 4, y)) return null;
    return cand(m.index, m.index + m[0].length, 2, (st) => {
      st.lastYear = y;
      return date(fmtYear(y));
    });
  },
);

// Two-digit years after an apostrophe: "in '98", "fiscal '99".
rule('short-year', /(?<![\w])(?:(?:fiscal|FY)\s*)?['’](\d\d)(?![\w%]|['’]?s\b|[.,]\d)/gi, (m, text) => {
  const prev = wordBefore(text, m.index);
  if (!/fiscal|fy/i.test(m[0]) && !TIME_PREPS.has(prev) && !DETERMINERS.has(prev)) return null;
  const n = Number(m[1]);
  return cand(m.index, m.index + m[0].length, 2, (st) => {
    const ry = st.ref ? st.ref.y : 2000;
    let y = 2000 + n;
    if (y > ry + 10) y -= 100;
    st.lastYear = y;
    return date(fmtYear(y));
  });
});

// Decades: "the 1990s", "the late 1970s", "the '80s", "the nineties", "1930’s".
rule(
  'decade',
  /(?<![\w$])(?:the\s+)?(?:(?:early|late|mid)[-\s]?)?(?:(1\d\d|20\d)0['’]?s|['’](\d)0s|(?<=\bthe\s+(?:(?:early|late|mid)[-\s]?)?|\d0s\s+(?:and|or|to)\s+)([1-9])0s|(?<=the\s+(?:(?:early|late|mid)[-\s]?)?)(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b/gi,
  (m) => {
    return cand(m.index, m.index + m[0].length, 3, (st) => {
      if (m[1]) return date(m[1]);
      const ry = st.ref ? st.ref.y : 2000;
      const digit = m[2] ?? m[3];
      const d = digit !== undefined ? Number(digit) : decadeWord(m[4]);
      if (d === null) return null;
      let dec = 200 + d;
      if (dec * 10 > ry) dec -= 10;
      if (m[4]) dec = 190 + d;
      return date(String(dec));
    });
  },
);

// Centuries: "the 20th century", "the nineteenth century", "this century", "the past century".
rule(
  'century',
  new RegExp(
    `(?<![\\w])(?:the\\s+)?(?:(?:early|late|mid)[-\\s]?)?(?:(\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORD})|(this|last|the\\s+past|the\\s+last|the\\s+previous|next|the\\s+next))[\\s-]+century\\b`,
    'gi',
  ),
  (m) =>
    cand(m.index, m.index + m[0].length, 3, (st) => {
      if (m[1]) {
        const n = ordinalValue(m[1].replace(/\s+/, ' '));
        return n ? date(pad(n - 1)) : null;
      }
      if (!st.ref) return date('XX');
      const c = Math.floor(st.ref.y / 100);
      const rel = m[2].toLowerCase();
      return date(pad(/past|last|previous/.test(rel) ? c - 1 : /next/.test(rel) ? c + 1 : c));
    }),
);

// today, yesterday, tomorrow, tonight, the day before yesterday.
rule(
  'deictic-day',
  /(?<![\w-])(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+(before|after)\s+)?(today|tonight|yesterday|tomorrow)(?![\w-])/gi,
  (m, text) => {
    // "VOA Today", "USA Today": a name
    if (
      /^T/.test(m[2]) &&
      /[A-Z][A-Za-z]*\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index)) &&
      !/[.!?:"“]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index))
    )
      return null;
    return cand(m.index, m.index + m[0].length, 4, (st) => {
      const w = m[2].toLowerCase();
      if (!st.ref) return date(w === 'today' || w === 'tonight' ? 'PRESENT_REF' : 'XXXX-XX-XX');
      let off = w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
      if (m[1]) off += m[1].toLowerCase() === 'before' ? -1 : 1;
      const d = addDays(st.ref, off);
      st.lastYear = d.y;
      st.lastMonth = { y: d.y, m: d.m };
      return date(fmtDate(d));
    });
  },
);

// this morning, this afternoon, this evening → TIME on the reference day.
rule('part-of-day', /(?<![\w-])this\s+(morning|afternoon|evening)(?![\w-])/gi, (m) =>
  cand(m.index, m.index + m[0].length, 4, (st) => {
    const part = { morning: 'MO', afternoon: 'AF', evening: 'EV' }[m[1].toLowerCase()] ?? 'DT';
    return { type: 'TIME', value: `${st.ref ? fmtDate(st.ref) : 'XXXX-XX-XX'}T${part}` };
  }),
);

// Weekdays: "Thursday", "on Thursday", "last Monday", "next Friday", "this Sunday".
rule(
  'weekday',
  new RegExp(
    `(?<![\\w-])(?:([Ll]ast|[Nn]ext|[Tt]his|[Tt]his\\s+past|[Tt]his\\s+coming|[Ee]arly|[Ll]ate)\\s+)?(${WEEKDAY})(?:\\s+(?:morning|afternoon|evening|night))?(?![\\w-])`,
    'g',
  ),
  (m, text) => {
    const wd = weekdayNumber(m[2]);
    const end = m.index + m[0].length;
    // "Sundays" never matches (no word after); "Monday Night Football" — a name, not a day
    if (/^\s+(?:Night|Morning)\s+[A-Z]/.test(text.slice(end, end + 30))) return null;
    if (
      !m[1] &&
      /\b(?:Black|Cyber|Super|Ash|Good|Holy|Palm|Bloody|Easter|Whit|Shrove|Maundy)\s+$/.test(
        text.slice(Math.max(0, m.index - 8), m.index),
      )
    )
      return null; // a named day ("Black Monday", "Good Friday")
    const rel = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    // "on a Monday", "every Monday": any Monday, not a date
    const before = text.slice(Math.max(0, m.index - 7), m.index);
    if (!rel && /\b(?:every|each|any)\s+$/i.test(before)) return null;
    // "on a Monday we meet" is any Monday; "a Wednesday media event" is one
    if (!rel && /\b(?:a|one)\s+$/i.test(before)) {
      const next = /^\s+([a-z]+)/.exec(text.slice(end, end + 20));
      if (
        !next ||
        /^(?:to|and|or|when|in|at|of|the|we|you|they|he|she|it|i|for|with|morning|afternoon|evening|night)$/.test(
          next[1],
        )
      )
        return null;
    }
    return cand(m.index, end, 4, (st, c) => {
      const d = resolveWeekday(st, wd, rel, c.start, c.end);
      if (!d) return date(`XXXX-WXX-${wd}`);
      st.lastYear = d.y;
      st.lastMonth = { y: d.y, m: d.m };
      return date(fmtDate(d));
    });
  },
);

/** The day a weekday names: the most recent one (on or before the reference) unless the grammar looks ahead. */
function resolveWeekday(st: State, wd: number, rel: string, start: number, end: number): Ymd | null {
  if (!st.ref) return null;
  const rw = isoWeekday(st.ref);
  let off: number;
  if (rel === 'last' || rel === 'this past') off = -((rw - wd + 7) % 7 || 7);
  else if (rel === 'next' || rel === 'this coming') off = (wd - rw + 7) % 7 || 7;
  else if (rel === 'this') off = wd - rw;
  else {
    const prev = wordBefore(st.text, start);
    const tense = prev === 'until' || prev === 'till' ? 'future' : st.cues.at(start, end);
    off = tense === 'future' ? (wd - rw + 7) % 7 : -((rw - wd + 7) % 7);
  }
  return addDays(st.ref, off);
}

const REL =
  '(this|the(?=\\s+(?:year|month|week)\\b)|last|next|past|previous|coming|current|following|same|this\\s+past|this\\s+coming|the\\s+past|the\\s+previous|the\\s+coming|the\\s+current|the\\s+following|the\\s+next|the\\s+last|the\\s+same|that)';

// Calendar units relative to the reference: "last week", "this month", "earlier this year", "next quarter".
rule(
  'relative-unit',
  new RegExp(
    `(?<![\\w-])(${MOD}|(?:earlier|later)\\s+in\\s+)?${REL}\\s+(week|weekend|month|year|quarter|fiscal\\s+year|decade|spring|summer|fall|autumn|winter)(?![\\w-])`,
    'gi',
  ),
  (m, text) => {
    const rel = m[2].toLowerCase().replace(/\s+/g, ' ').replace(/^the /, '');
    const unit = m[3].toLowerCase().replace(/\s+/g, ' ');
    const end = m.index + m[0].length;
    // "the year" alone is as often a stretch of time: only "earlier in the year", "the end of the year"
    if (
      rel === 'the' &&
      !/^(?:earlier|later|the\s+end|the\s+beginning|the\s+start|the\s+middle|end)\b/i.test(m[1] ?? '')
    )
      return null;
    // "This Week" in mid-sentence is a title (a programme), not a week
    if (
      /^[A-Z]/.test(m[2]) &&
      /^[A-Z]/.test(m[3]) &&
      !/(?:^|[.!?]\s+|\n\s*)$/.test(text.slice(Math.max(0, m.index - 3), m.index))
    )
      return null;
    const after = text.slice(end, end + 20);
    // "the past year" is a stretch of time, "the last year of his term" neither: leave them to the duration rule
    if (
      /^(?:past|last|next|previous)$/.test(rel) &&
      /^the /i.test(m[2]) &&
      /^(?:week|month|year|decade)$/.test(unit)
    ) {
      if (!/^\s*(?:or so)?[,.;]/.test(after)) return null;
    }
    if (rel === 'coming' && !/^the /i.test(m[2])) {
      // "in coming months" is vague; "coming year" fine
    }
    return cand(m.index, end, 4, (st, c) => resolveRelativeUnit(st, rel, unit, c));
  },
);

const SEASONS: Record<string, string> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function resolveRelativeUnit(st: State, rel: string, unit: string, c: Candidate): Resolved | null {
  const r = st.ref;
  const dir = /^(last|past|previous|this past)$/.test(rel)
    ? -1
    : /^(next|coming|this coming|following)$/.test(rel)
      ? 1
      : 0;
  const anaphoric = rel === 'following' || rel === 'same' || rel === 'that';
  if (unit === 'week' || unit === 'weekend') {
    if (!r || anaphoric) return null;
    let d = addDays(r, dir * 7);
    if (unit === 'weekend' && dir === 0 && isoWeekday(r) < 6 && st.cues.at(c.start, c.end) === 'past')
      d = addDays(r, -7);
    return date(fmtWeek(d) + (unit === 'weekend' ? '-WE' : ''));
  }
  if (unit === 'month') {
    if (anaphoric) {
      if (!st.lastMonth) return null;
      const a = addMonths(st.lastMonth.y, st.lastMonth.m, rel === 'following' ? 1 : 0);
      return date(fmtMonth(a.y, a.m));
    }
    if (!r) return date('XXXX-XX');
    const a = addMonths(r.y, r.m, dir);
    st.lastMonth = a;
    st.lastYear = a.y;
    return date(fmtMonth(a.y, a.m));
  }
  if (unit === 'year' || unit === 'fiscal year') {
    if (anaphoric) {
      if (st.lastYear === null) return null;
      return date(fmtYear(st.lastYear + (rel === 'following' ? 1 : 0)));
    }
    if (!r) return date('XXXX');
    st.lastYear = r.y + dir;
    return date(fmtYear(r.y + dir));
  }
  if (unit === 'quarter') {
    if (!r) return date('XXXX-QX');
    const q = quarterOf(r.m) + dir;
    const y = r.y + Math.floor((q - 1) / 4);
    const qq = ((q - 1 + 4) % 4) + 1;
    st.lastQuarter = { y, q: qq, pos: c.start };
    return date(`${fmtYear(y)}-Q${qq}`);
  }
  if (unit === 'decade') {
    // "the past decade" is the ten years up to now, not the previous calendar decade
    if (rel === 'past' || rel === 'last') return { type: 'DURATION', value: 'P1DE' };
    if (!r) return null;
    return date(String(Math.floor(r.y / 10) + dir));
  }
  const season = SEASONS[unit];
  if (season) {
    if (!r) return date(`XXXX-${season}`);
    const start = SEASON_START[season];
    // the season instance running now or most recently begun (winter starts in December)
    let cur = r.m >= start ? r.y : r.y - 1;
    if (season === 'WI' && r.m < 3) cur = r.y - 1;
    let y = cur;
    if (dir === -1) y = season === 'WI' ? cur - (r.m === 12 || r.m < 3 ? 1 : 0) : r.y - 1;
    else if (dir === 1) y = season === 'WI' ? cur + 1 : r.m < start ? r.y : r.y + 1;
    else if (rel === 'this') y = r.y - (season === 'WI' && r.m < 3 ? 1 : 0);
    if (rel === 'this past')
      y = season === 'WI' ? cur - (r.m === 12 || r.m < 3 ? 1 : 0) : r.m >= start + 3 ? r.y : r.y - 1;
    return date(`${fmtYear(y)}-${season}`);
  }
  return null;
}

// Seasons with a year or bare: "the summer of 2012", "summer 2012", "in the winter".
rule(
  'season',
  new RegExp(
    `(?<![\\w-])(?:the\\s+)?(?:(?:early|late|mid)[-\\s]?)?(?:the\\s+)?(spring|summer|fall|autumn|winter)(?:(?:\\s+of)?,?\\s+(${YEAR}))?(?![\\w-])`,
    'gi',
  ),
  (m, text) => {
    const season = SEASONS[m[1].toLowerCase()];
    const end = m.index + m[0].length;
    if (/^[A-Z]/.test(m[1]) && /^\s+[A-Z]/.test(text.slice(end, end + 3))) return null; // "Winter Olympics"
    if (m[1].toLowerCase() === 'fall' && !m[2] && !/^the\s/i.test(m[0].slice(m[0].search(/the|fall/i)))) {
      if (
        !/\bthe\s+fall$/i.test(m[0]) &&
        !/(?:in|this|last|next|early|late)\s+$/i.test(text.slice(m.index - 8, m.index))
      )
        return null;
    }
    if (
      !m[2] &&
      !/\bthe\b/i.test(m[0]) &&
      !/(?:in|during|this|last|next|early|late)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))
    )
      return null;
    return cand(m.index, end, 2, (st, c) => {
      if (m[2]) return date(`${m[2]}-${season}`);
      if (!st.ref) return date(`XXXX-${season}`);
      const tense = st.cues.at(c.start, c.end);
      const start = SEASON_START[season];
      let y = st.ref.m >= start ? st.ref.y : st.ref.y - 1;
      if (season === 'WI' && st.ref.m < 3) y = st.ref.y - 1;
      if (tense === 'future' && st.ref.m >= start + 3) y += 1;
      return date(`${fmtYear(y)}-${season}`);
    });
  },
);

// Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1984",
// "this year's third quarter", "the fiscal first quarter", "Q3 2024", "the first half".
rule(
  'quarter',
  new RegExp(
    `(?<![\\w-])(?:the\\s+)?(?:(${MOD}))?(?:(this|last|next)\\s+year['’]s\\s+|(${YEAR})\\s+|(year-ago|year-earlier|comparable|prior-year|year-before)\\s+)?(?:fiscal[\\s-]+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\\s-]+(?:fiscal[\\s-]+)?(quarter|half)(?:\\s+(?:of\\s+)?(?:(?:fiscal|FY)\\s*)?(${YEAR}|this\\s+year|last\\s+year|next\\s+year|the\\s+year))?(?![\\w])`,
    'gi',
  ),
  (m) => {
    const half = m[6].toLowerCase() === 'half';
    const n = /^(?:last|final)$/i.test(m[5]) ? (half ? 2 : 4) : (ordinalValue(m[5]) ?? 1);
    if ((half && n > 2) || n > 4) return null;
    // "the first half" alone is as often a match's as a year's: only with a year, "fiscal" or as an adjective
    if (half && !m[2] && !m[3] && !m[7] && !/fiscal/i.test(m[0]) && !/-half$/i.test(m[0])) return null;
    const prior = !!m[4];
    // "the third-quarter results": the adjective is the expression, the article belongs to the noun
    const skip =
      /^the\s+/i.test(m[0]) && /-(?:fiscal-)?(?:quarter|half)$/i.test(m[0])
        ? /^the\s+/i.exec(m[0])![0].length
        : 0;
    return cand(m.index + skip, m.index + m[0].length, 4, (st, c) => {
      let y: number | null = null;
      const rel = (m[2] ?? m[7] ?? '').toLowerCase();
      if (m[3]) y = Number(m[3]);
      else if (/^\d{4}$/.test(rel)) y = Number(rel);
      else if (st.ref) {
        y = st.ref.y + (rel.startsWith('last') ? -1 : rel.startsWith('next') ? 1 : 0);
      }
      if (!rel && !m[3] && st.ref && y !== null && !half) {
        const cur = quarterOf(st.ref.m);
        if (n > cur && st.cues.at(c.start, c.end) !== 'future') y -= 1;
      }
      if (prior && y !== null) y -= 1;
      if (!half && !prior) st.lastQuarter = y === null ? null : { y, q: n, pos: c.start };
      return date(`${yearValue(y)}-${half ? 'H' : 'Q'}${n}`);
    });
  },
);

rule('q-quarter', new RegExp(`(?<![\\w-])Q([1-4])(?:\\s+|[-/])?(${YEAR}|['’]?\\d\\d)?(?![\\w])`, 'g'), (m) =>
  cand(m.index, m.index + m[0].length, 4, (st) => {
    let y: number | null = m[2] ? Number(m[2].replace(/\D/g, '')) : refYear(st);
    if (y !== null && y < 100) y += 2000;
    return date(`${yearValue(y)}-Q${m[1]}`);
  }),
);

/** The quarter the story is about: the last one it named, else the latest completed one. */
function storyQuarter(st: State): { y: number; q: number } | null {
  if (st.lastQuarter) return st.lastQuarter;
  if (!st.ref) return null;
  const q = quarterOf(st.ref.m) - 1;
  return q === 0 ? { y: st.ref.y - 1, q: 4 } : { y: st.ref.y, q };
}

// Reporting periods: "the latest quarter", "the quarter", "the year-ago quarter", "the year-earlier period".
rule(
  'period',
  /(?<![\w-])(?:the\s+)?(latest|current|recent|most\s+recent|year-ago|year-earlier|year-before|prior-year|comparable|same)?\s*(quarter|period)(?:\s+a\s+year\s+(?:ago|earlier))?(?![\w-])/gi,
  (m, text) => {
    const kind = (m[1] ?? '').toLowerCase();
    const unit = m[2].toLowerCase();
    const ago = /year\s+(?:ago|earlier)$/i.test(m[0]);
    if (unit === 'period' && !kind && !ago) return null;
    if (!/^the\b/i.test(m[0]) && !/^year-/.test(kind)) return null;
    if (
      kind === 'same' &&
      !ago &&
      !/^\s+(?:a\s+year|last\s+year)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))
    )
      return null;
    const prior = /^year-|prior-year|comparable/.test(kind) || ago;
    const ended = QUARTER_ENDED.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 30));
    const endMonth = ended ? monthNumber(ended[1]) : 0;
    return cand(m.index, m.index + m[0].length, 3, (st, c) => {
      if (kind === 'current' && st.ref) return date(`${fmtYear(st.ref.y)}-Q${quarterOf(st.ref.m)}`);
      let q = storyQuarter(st);
      if (endMonth && st.ref && endMonth % 3 === 0) {
        const y = endMonth > st.ref.m ? st.ref.y - 1 : st.ref.y;
        q = { y, q: endMonth / 3 };
      }
      if (!q) return date('XXXX-QX');
      if (!prior) st.lastQuarter = { y: q.y, q: q.q, pos: c.start };
      else if (st.lastQuarter) st.lastQuarter = { ...st.lastQuarter, pos: c.start };
      return date(`${fmtYear(q.y - (prior ? 1 : 0))}-Q${q.q}`);
    });
  },
);

// "the 1988 period", "the 1989 quarter": the story's quarter in that year.
rule('year-period', new RegExp(`(?<![\\w-])the\\s+(${YEAR})\\s+(?:period|quarter)(?![\\w-])`, 'gi'), (m) =>
  cand(m.index, m.index + m[0].length, 4, (st) => {
    const q = storyQuarter(st);
    return date(q ? `${m[1]}-Q${q.q}` : m[1]);
  }),
);

// "the year before", "the previous year", "the following year": relative to the last year mentioned.
rule(
  'year-anaphor',
  /(?<![\w-])the\s+(?:(previous|prior|preceding|following)\s+year|year\s+(before|after|earlier|previous|prior))(?![\w-])/gi,
  (m) =>
    cand(m.index, m.index + m[0].length, 3, (st) => {
      const base = st.lastYear ?? refYear(st);
      if (base === null) return null;
      const back = /previous|prior|preceding|before|earlier/i.test(m[0]);
      return date(fmtYear(base + (back ? -1 : 1)));
    }),
);

// The reporting day in market and daily news: "ended the day", "for the day", "later in the day".
rule(
  'the-day',
  /(?<![\w-])(?:(?:late|early|later|earlier)\s+in\s+)?the\s+day(?![\w-]|\s+(?:before|after|of|when|that|on|in|he|she|they|it)\b)/gi,
  (m, text) => {
    const inner = /^(?:late|early|later|earlier)\s+in/i.test(m[0]);
    const prev = wordBefore(text, m.index);
    if (
      !inner &&
      !/^(?:end|ending|ended|ends|finish|finished|finishing|close|closed|closing|closes|start|started|starting|open|opened|opening|for)$/.test(
        prev,
      )
    )
      return null;
    return cand(m.index, m.index + m[0].length, 3, (st) =>
      st.ref ? date(fmtDate(st.ref)) : date('PRESENT_REF'),
    );
  },
);

// The end of the year: "by year-end", "since year end", "by year's end".
rule(
  'year-end',
  /(?<![\w-])(?:(?:around|about)\s+)?(?:year[-\s]end|year['’]s\s+end)(?![\w-])/gi,
  (m, text) => {
    const prev = wordBefore(text, m.index);
    return cand(m.index, m.index + m[0].length, 3, (st, c) => {
      if (!st.ref) return date('XXXX-12-31');
      const past = prev === 'since' || (prev !== 'by' && st.cues.at(c.start, c.end) === 'past');
      return date(`${fmtYear(st.ref.y - (past ? 1 : 0))}-12-31`);
    });
  },
);

// "the full year", "the whole year", "the current year": this year.
rule('full-year', /(?<![\w-])the\s+(?:full|whole|entire)\s+year(?![\w-])/gi, (m) =>
  cand(m.index, m.index + m[0].length, 3, (st) => date(yearValue(refYear(st)))),
);

// "the weekend", "over the weekend": the most recent weekend (the coming one in future grammar).
rule('weekend', /(?<![\w-])the\s+weekend(?![\w-])/gi, (m) =>
  cand(m.index, m.index + m[0].length, 3, (st, c) => {
    if (!st.ref) return date('XXXX-WXX-WE');
    const wd = isoWeekday(st.ref);
    const future = st.cues.at(c.start, c.end) === 'future';
    const d = wd >= 6 || future ? st.ref : addDays(st.ref, -7);
    return date(`${fmtWeek(d)}-WE`);
  }),
);

// "the previous Friday", "the following Monday": a week-relative day.
rule(
  'weekday-anaphor',
  new RegExp(`(?<![\\w-])the\\s+(previous|following|next)\\s+(${WEEKDAY})(?![\\w-])`, 'g'),
  (m) => {
    const wd = weekdayNumber(m[2]);
    return cand(m.index, m.index + m[0].length, 5, (st) => {
      if (!st.ref) return date(`XXXX-WXX-${wd}`);
      const rw = isoWeekday(st.ref);
      const off = m[1] === 'previous' ? -((rw - wd + 7) % 7 || 7) : (wd - rw + 7) % 7 || 7;
      return date(fmtDate(addDays(st.ref, off)));
    });
  },
);

// Thanksgiving (the fourth Thursday of November).
rule('thanksgiving', /(?<![\w-])(?:last\s+|next\s+)?Thanksgiving(?:\s+Day)?(?![\w-])/g, (m) =>
  cand(m.index, m.index + m[0].length, 4, (st, c) => {
    if (!st.ref) return date('XXXX-11-XX');
    const day = (y: number) => {
      const first = isoWeekday({ y, m: 11, d: 1 });
      return { y, m: 11, d: 1 + ((4 - first + 7) % 7) + 21 };
    };
    let y = st.ref.y;
    const rn = dayNumber(st.ref.y, st.ref.m, st.ref.d);
    const t = day(y);
    const future = /^next/i.test(m[0]) || (!/^last/i.test(m[0]) && st.cues.at(c.start, c.end) === 'future');
    if (!future && dayNumber(t.y, t.m, t.d) > rn) y -= 1;
    if (future && dayNumber(t.y, t.m, t.d) < rn) y += 1;
    return date(fmtDate(day(y)));
  }),
);

// Years said aloud (broadcast transcripts): "nineteen ninety-six", "the year two thousand".
const TENS_WORD =
  '(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|oh[-\\s](?:one|two|three|four|five|six|seven|eight|nine))';
rule(
  'spoken-year',
  new RegExp(
    `(?<![\\w-])(?:(?:the\\s+)?(?:(winter|summer|spring|fall|autumn)\\s+of\\s+)|(${MONTH_FULL})\\s+)?(?:the\\s+year\\s+)?(?:(nineteen|twenty)\\s+(?:hundred\\s+(?:and\\s+)?)?(${TENS_WORD})|two\\s+thousand(?:\\s+(?:and\\s+)?(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![\\w-])`,
    'gi',
  ),
  (m) => {
    let y: number;
    if (m[3]) {
      const rest = m[4].toLowerCase().replace(/^oh[-\s]/, '');
      const n = numberValue(rest);
      if (n === null) return null;
      y = (m[3].toLowerCase() === 'nineteen' ? 1900 : 2000) + n;
    } else {
      y = 2000 + (m[5] ? (numberValue(m[5]) ?? 0) : 0);
    }
    if (!m[3] && !m[5] && !/year|of|[A-Z]/.test(m[0].slice(0, m[0].search(/two/i)))) return null;
    const season = m[1] ? SEASONS[m[1].toLowerCase()] : null;
    const mon = m[2] ? monthNumber(m[2]) : 0;
    return cand(m.index, m.index + m[0].length, 3, (st) => {
      st.lastYear = y;
      return date(season ? `${fmtYear(y)}-${season}` : mon ? fmtMonth(y, mon) : fmtYear(y));
    });
  },
);

// "current" as an adjective ("his current position", "current conditions"): the present.
rule(
  'current',
  /(?<![\w-])(?:then\s+)?current(?=\s+[a-z])(?!\s+(?:accounts?|affairs|events|assets|liabilities|year|quarter|month|week|fiscal|period|season)\b)/g,
  (m) => cand(m.index, m.index + m[0].length, 1, () => date(/^then/.test(m[0]) ? 'PAST_REF' : 'PRESENT_REF')),
);

// "year-earlier", "year-ago" as adjectives: "year-earlier net income".
rule('year-ago-adj', /(?<![\w-])(year-(?:earlier|ago))(?![\w-])/gi, (m, text) => {
  if (/^\s+(?:quarter|period)\b/i.test(text.slice(m.index + m[0].length))) return null;
  return cand(m.index, m.index + m[0].length, 2, (st) => {
    if (!st.ref) return date('XXXX');
    const near = st.lastQuarter && m.index - st.lastQuarter.pos < 600;
    if (near && st.lastQuarter) return date(`${fmtYear(st.lastQuarter.y - 1)}-Q${st.lastQuarter.q}`);
    return date(fmtYear(st.ref.y - 1));
  });
});

// "two days ago", "a year earlier", "nearly four years ago", "several years ago", "a couple of years back".
rule(
  'ago',
  new RegExp(
    `(?<![\\w-])(?:(?:about|nearly|almost|some|more\\s+than|less\\s+than|over|just\\s+over|just\\s+under|under|roughly|approximately|around|only|just|barely|fully|at\\s+least|exactly|precisely)\\s+)?\\[?(${NUMBER}|${VAGUE})\\]?[\\s-]+(hours?|days?|weeks?|months?|years?|decades?|centuries|century)\\s+(?:or\\s+so\\s+)?(ago|earlier|back|from\\s+now|hence)(?![\\w-])`,
    'gi',
  ),
  (m, text) => {
    const raw = m[1].toLowerCase();
    const n = numberValue(raw);
    const unit = unitOf(m[2]);
    const dirWord = m[3].toLowerCase();
    if (!unit) return null;
    if (dirWord === 'earlier' && !(n === 1 && unit === 'year')) {
      // "two days earlier" is relative to another event, not to the story's date
      return null;
    }
    if (dirWord === 'back' && /^\s+(?:to|in|into|from|home)\b/i.test(text.slice(m.index + m[0].length)))
      return null;
    const sign = /now|hence/.test(dirWord) ? 1 : -1;
    return cand(m.index, m.index + m[0].length, 4, (st) => {
      if (n === null) return date(sign < 0 ? 'PAST_REF' : 'FUTURE_REF');
      const r = st.ref;
      if (unit === 'year' && n === 1 && sign < 0) {
        const q = st.lastQuarter;
        if (q && m.index - q.pos < 600) return date(`${fmtYear(q.y - 1)}-Q${q.q}`);
      }
      if (!r) return date(sign < 0 ? 'PAST_REF' : 'FUTURE_REF');
      switch (unit) {
        case 'hour':
          return date(fmtDate(addDays(r, sign * Math.floor(n / 24))));
        case 'day':
          return date(fmtDate(addDays(r, sign * n)));
        case 'week': {
          // "a week ago" is a day; "six weeks ago" a week
          const d = addDays(r, sign * 7 * n);
          return date(n === 1 ? fmtDate(d) : fmtWeek(d));
        }
        case 'month': {
          const a = addMonths(r.y, r.m, sign * n);
          return date(fmtMonth(a.y, a.m));
        }
        case 'year':
          return date(fmtYear(r.y + sign * n));
        case 'decade':
          return date(fmtYear(r.y + sign * 10 * n));
        case 'century':
          return date(pad(Math.floor(r.y / 100) + sign * n));
        default:
          return null;
      }
    });
  },
);

// Reference words: now, currently, recently, the past, the future, in recent years, in coming months.
rule(
  'ref-words',
  /(?<![\w-])(?<!every\s+)(?:(right\s+now|now(?!\s+and\s+(?:then|again))|currently|presently|at\s+present|these\s+days|nowadays|at\s+the\s+moment|the\s+present|the\s+time\s+being)|((?:more\s+|most\s+)?recently|the\s+past(?!\s+(?:\d|few|several|couple|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|decade|century|year|month|week|day|hour|quarter|weekend|spring|summer|fall|autumn|winter|season))|(?:the\s+)?(?:most\s+)?recent\s+(?:days|weeks|months|years|decades|times)|(?:the\s+)?(?:past|last)\s+(?:few|several|couple\s+of)\s+(?:days|weeks|months|years|decades))|(the\s+(?:near\s+|foreseeable\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term|(?:the\s+)?(?:coming|next\s+few|next\s+several)\s+(?:days|weeks|months|years|decades)|the\s+(?:days|weeks|months|years)\s+ahead))(?![\w-])/gi,
  (m) => {
    const value = m[1] ? 'PRESENT_REF' : m[2] ? 'PAST_REF' : 'FUTURE_REF';
    return cand(m.index, m.index + m[0].length, 2, () => date(value));
  },
);

// Durations: "three years", "the past two months", "24 hours", "a five-year plan".
rule(
  'duration',
  new RegExp(
    `(?<![\\w-])(?:(?:the\\s+)?(?:past|last|next|first|coming|previous|following)\\s+)?(?:(?:about|nearly|almost|some|more\\s+than|less\\s+than|over|under|roughly|approximately|around|only|just|at\\s+least)\\s+)?(${NUMBER}|${VAGUE})[\\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)(?![\\w-]|-old|-long)`,
    'gi',
  ),
  (m) => {
    const n = numberValue(m[1]);
    const unit = unitOf(m[2]);
    if (!unit) return null;
    if (n !== null && n > 1000) return null;
    // a bare "a year" / "a day" is a rate as often as a duration: keep only with a determiner-free hedge
    if (/^an?$/i.test(m[1]) && m[0].trim().split(/\s+/).length === 2) return null;
    return cand(m.index, m.index + m[0].length, 1, () => ({
      type: 'DURATION',
      value: durationValue(n, unit),
    }));
  },
);

// Sets: "every week", "each year", "daily", "twice a year".
rule(
  'set',
  new RegExp(
    `(?<![\\w-])(?:(?:every|each)\\s+(?:other\\s+)?(day|week|month|year|morning|evening|night|${WEEKDAY}|spring|summer|autumn|fall|winter)|(daily|weekly|monthly|annually|yearly|nightly)|(?:once|twice|three\\s+times|\\d+\\s+times)\\s+(?:a|per|each)\\s+(day|week|month|year))(?![\\w-])`,
    'gi',
  ),
  (m) => {
    const unit = (m[1] ?? m[3] ?? m[2]).toLowerCase();
    let value = 'P1D';
    if (/week/.test(unit)) value = 'P1W';
    else if (/month/.test(unit)) value = 'P1M';
    else if (/year|annual/.test(unit)) value = 'P1Y';
    else if (weekdayNumber(unit) && /day$/.test(unit)) value = `XXXX-WXX-${weekdayNumber(unit)}`;
    else if (SEASONS[unit]) value = `XXXX-${SEASONS[unit]}`;
    else if (unit === 'morning') value = 'TMO';
    else if (unit === 'evening') value = 'TEV';
    else if (unit === 'night' || unit === 'nightly') value = 'TNI';
    return cand(m.index, m.index + m[0].length, 1, () => ({ type: 'SET', value }));
  },
);

// Clock times: "3 p.m.", "9:30 am", "noon", "15:11 GMT", "at 22:30".
rule(
  'clock',
  /(?<![\w:.,$])(?:(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?|(\d{1,2}):(\d{2})(?:(?=\s*(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|local\s+time|hours|h\b))|(?<=\b(?:at|by|until|till|from|around|before|after|since)\s+\d{1,2}:\d{2})(?![\d:.,]\d|\s*[-–]\s*\d))|(noon|midnight))(?:\s*(?:GMT|UTC|BST|CET|EST|EDT|CST|CDT|PST|PDT|local\s+time)\b)?/gi,
  (m, text) => {
    let h: number;
    let min = 0;
    if (m[6]) {
      h = m[6].toLowerCase() === 'noon' ? 12 : 0;
    } else if (m[1]) {
      h = Number(m[1]);
      min = m[2] ? Number(m[2]) : 0;
      if (h < 1 || h > 12) return null;
      const pm = m[3].toLowerCase() === 'p';
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    } else {
      h = Number(m[4]);
      min = Number(m[5]);
    }
    if (h > 23 || min > 59) return null;
    // "10 p.m. Wednesday", "noon Saturday", "9 a.m. EST today": one TIME on that day
    const day = CLOCK_DAY.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 24));
    const end = m.index + m[0].length + (day ? day[0].length : 0);
    return cand(m.index, end, 5, (st, c) => {
      let d: Ymd | null = st.ref;
      if (day?.[1]) d = resolveWeekday(st, weekdayNumber(day[1]), '', c.start, c.end);
      else if (day?.[2] && st.ref) {
        const w = day[2].toLowerCase();
        d = addDays(st.ref, w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0);
      }
      return { type: 'TIME', value: `${d ? fmtDate(d) : 'XXXX-XX-XX'}T${pad(h)}:${pad(min)}` };
    });
  },
);

// ---------------------------------------------------------------- the tagger

// Speed: rather than run every parser over the whole text, each parser names the words one of its matches
// must contain (its triggers). One pass over the words finds them; each parser then runs only on the
// stretches of text around its triggers (merged, cut at whitespace), which keeps the stage well under a
// millisecond per article. Numbers trigger by length: #2 (one or two digits), #4 (four), #d (other).
const MONTH_WORDS =
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
const WEEKDAY_WORDS = 'monday tuesday wednesday thursday friday saturday sunday';
const UNIT_WORDS =
  'second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries';
const TRIGGERS: Record<string, string> = {
  'month-day': MONTH_WORDS,
  'day-month': MONTH_WORDS,
  iso: '#4',
  numeric: '#2',
  'named-day': 'christmas new halloween valentine #2',
  'month-year': MONTH_WORDS,
  month: MONTH_WORDS,
  year: '#4',
  'short-year': '#2',
  decade: '#4 #2 twenties thirties forties fifties sixties seventies eighties nineties',
  century: 'century',
  'deictic-day': 'today tonight yesterday tomorrow',
  'part-of-day': 'morning afternoon evening',
  weekday: WEEKDAY_WORDS,
  'relative-unit': 'week weekend month year quarter decade spring summer fall autumn winter',
  season: 'spring summer fall autumn winter',
  quarter: 'quarter half',
  'q-quarter': 'q',
  period: 'quarter period',
  'year-period': 'quarter period',
  'year-anaphor': 'year',
  'the-day': 'day',
  'year-end': 'year',
  'full-year': 'year',
  weekend: 'weekend',
  'weekday-anaphor': WEEKDAY_WORDS,
  thanksgiving: 'thanksgiving',
  'spoken-year': 'nineteen twenty thousand',
  current: 'current',
  'year-ago-adj': 'year',
  ago: 'ago earlier back now hence',
  'ref-words':
    'now currently presently present days moment nowadays recently recent past future coming ahead weeks months years decades being term',
  duration: UNIT_WORDS,
  set: 'every each daily weekly monthly annually yearly nightly once twice times',
  clock: '#2 noon midnight',
};

const TRIGGER_INDEX = new Map<string, number[]>();
RULES.forEach((r, i) => {
  const words = TRIGGERS[r.name];
  if (!words) throw new Error(`times: parser ${r.name} has no trigger words`);
  for (const w of words.split(' ')) {
    const list = TRIGGER_INDEX.get(w) ?? [];
    list.push(i);
    TRIGGER_INDEX.set(w, list);
  }
});

const BACK = 60;
const AHEAD = 80;
const SAFE = 25;

function runRule(r: Rule, text: string, s: number, e: number, out: Candidate[]): void {
  const sub = s === 0 && e === text.length ? text : text.slice(s, e);
  r.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = r.re.exec(sub)) !== null) {
    if (m[0].length === 0) {
      r.re.lastIndex++;
      continue;
    }
    // a match running close to a cut end may have been shortened by it: its own trigger's stretch finds it whole
    if (e < text.length && m.index + m[0].length + SAFE > sub.length) break;
    m.index += s;
    const got = r.handler(m, text);
    if (!got) continue;
    if (Array.isArray(got)) out.push(...got);
    else out.push(got);
  }
}

/** Every candidate from every parser, unfiltered (for tests and debugging). */
export function candidates(text: string): Candidate[] {
  const hits: number[][] = RULES.map(() => []);
  const word = /[A-Za-z]+|\d+/g;
  let w: RegExpExecArray | null;
  while ((w = word.exec(text)) !== null) {
    const key =
      w[0].charCodeAt(0) <= 57
        ? w[0].length <= 2
          ? '#2'
          : w[0].length === 4
            ? '#4'
            : '#d'
        : w[0].toLowerCase();
    const rules = TRIGGER_INDEX.get(key);
    if (rules) for (const i of rules) hits[i].push(w.index);
  }
  const out: Candidate[] = [];
  RULES.forEach((r, i) => {
    const hs = hits[i];
    let k = 0;
    while (k < hs.length) {
      let s = Math.max(0, hs[k] - BACK);
      let e = Math.min(text.length, hs[k] + AHEAD);
      k++;
      while (k < hs.length && hs[k] - BACK <= e) {
        e = Math.min(text.length, hs[k] + AHEAD);
        k++;
      }
      while (s > 0 && !/\s/.test(text[s - 1])) s--;
      while (e < text.length && !/\s/.test(text[e])) e++;
      runRule(r, text, s, e, out);
    }
  });
  // the same match can be found from two stretches' overlap: keep one
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = `${c.start}:${c.end}:${c.prio}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Keep the longest candidates that do not overlap; a coordinated group's parts survive together. */
function select(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.prio - a.prio || a.start - b.start,
  );
  const taken: Candidate[] = [];
  // characters already covered, so a long document with many candidates stays linear
  const end = sorted.reduce((n, c) => Math.max(n, c.end), 0);
  const used = new Uint8Array(end);
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) if (used[i]) free = false;
    if (!free) continue;
    used.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

export interface TagOptions {
  referenceDate: string | null;
  sentences?: Span[];
}

export function tagTimes(text: string, ref: Ymd | null, sentences: Span[] = []): TimeExpression[] {
  const st: State = {
    text,
    ref,
    cues: new TenseCues(text, sentences),
    lastYear: ref ? ref.y : null,
    lastMonth: ref ? { y: ref.y, m: ref.m } : null,
    lastQuarter: null,
  };
  const out: TimeExpression[] = [];
  for (const c of select(candidates(text))) {
    const r = c.resolve(st, c);
    if (!r) continue;
    let start = c.start;
    let end = c.end;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    out.push({ start, end, text: text.slice(start, end), type: r.type, value: r.value });
  }
  return out;
}
