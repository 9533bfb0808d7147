// Words the time tagger reads: month and weekday names, numbers written as words, ordinals.

export const MONTH_FULL =
  'January|February|March|April|May|June|July|August|September|October|November|December';
/** A month name or its abbreviation (with or without the point): "Sept.", "Oct", "June". */
export const MONTH = `(?:${MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)`;
export const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export function monthNumber(word: string): number {
  return MONTHS[word.slice(0, 3).toLowerCase()] ?? 0;
}

const WEEKDAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

export function weekdayNumber(word: string): number {
  return WEEKDAYS[word.slice(0, 3).toLowerCase()] ?? 0;
}

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** A cardinal written in digits or words ("two", "twenty-four", "a", "a dozen"), up to 99. */
export const NUMBER =
  '(?:\\d{1,3}(?:,\\d{3})*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred|a|an)';
/** Vague amounts: the value is left unspecified (X). */
export const VAGUE = '(?:a few|a couple of|a couple|a number of|several|many|some|few)';

/** The value of a NUMBER match, or null for anything vague. */
export function numberValue(text: string): number | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d/.test(t)) return Number(t.replace(/,/g, ''));
  if (t === 'a' || t === 'an') return 1;
  if (t === 'a dozen') return 12;
  if (t === 'a hundred') return 100;
  if (t in UNITS) return UNITS[t];
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(t);
  if (m && m[1] in TENS) return TENS[m[1]] + (m[2] ? (UNITS[m[2]] ?? 0) : 0);
  return null;
}

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
  'twenty first': 21,
};
export const ORDINAL_WORD =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first)';

/** "third" → 3, "3rd" → 3. */
export function ordinalValue(text: string): number | null {
  const t = text.toLowerCase().trim();
  const d = /^(\d+)(?:st|nd|rd|th)$/.exec(t);
  if (d) return Number(d[1]);
  return ORDINALS[t] ?? null;
}

const DECADE_WORDS: Record<string, number> = {
  twenties: 2,
  thirties: 3,
  forties: 4,
  fifties: 5,
  sixties: 6,
  seventies: 7,
  eighties: 8,
  nineties: 9,
};

export function decadeWord(word: string): number | null {
  return DECADE_WORDS[word.toLowerCase()] ?? null;
}

export type Unit =
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year'
  | 'decade'
  | 'century';

export function unitOf(word: string): Unit | null {
  const w = word.toLowerCase().replace(/s$/, '');
  switch (w) {
    case 'second':
    case 'minute':
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
    case 'quarter':
    case 'year':
    case 'decade':
      return w;
    case 'centurie':
    case 'century':
      return 'century';
    default:
      return null;
  }
}

/** TIMEX3 duration for n units ("P3Y", "PT5H"); n null gives an unspecified amount ("PXY"). */
export function durationValue(n: number | null, unit: Unit): string {
  const k = n === null ? 'X' : String(n);
  switch (unit) {
    case 'second':
      return `PT${k}S`;
    case 'minute':
      return `PT${k}M`;
    case 'hour':
      return `PT${k}H`;
    case 'day':
      return `P${k}D`;
    case 'week':
      return `P${k}W`;
    case 'month':
      return `P${k}M`;
    case 'quarter':
      return `P${k}Q`;
    case 'year':
      return `P${k}Y`;
    case 'decade':
      return `P${k}DE`;
    case 'century':
      return `P${k}CE`;
  }
}
