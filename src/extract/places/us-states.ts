// US state abbreviations as news writes them: AP style ("Tenn.", "W.Va.") and postal codes ("TN").
// Postal codes are trusted only right after "City, " (many are words: IN, OR, ME, OK).

/** AP-style abbreviation (with its periods) → postal code. */
export const AP_STATES: Record<string, string> = {
  'Ala.': 'AL',
  'Ariz.': 'AZ',
  'Ark.': 'AR',
  'Calif.': 'CA',
  'Cal.': 'CA',
  'Colo.': 'CO',
  'Conn.': 'CT',
  'Del.': 'DE',
  'D.C.': 'DC',
  'Fla.': 'FL',
  'Ga.': 'GA',
  'Ill.': 'IL',
  'Ind.': 'IN',
  'Kan.': 'KS',
  'Kans.': 'KS',
  'Ky.': 'KY',
  'La.': 'LA',
  'Md.': 'MD',
  'Mass.': 'MA',
  'Mich.': 'MI',
  'Minn.': 'MN',
  'Miss.': 'MS',
  'Mo.': 'MO',
  'Mont.': 'MT',
  'Neb.': 'NE',
  'Nebr.': 'NE',
  'Nev.': 'NV',
  'N.H.': 'NH',
  'N.J.': 'NJ',
  'N.M.': 'NM',
  'N.Mex.': 'NM',
  'N.Y.': 'NY',
  'N.C.': 'NC',
  'N.D.': 'ND',
  'Okla.': 'OK',
  'Ore.': 'OR',
  'Oreg.': 'OR',
  'Pa.': 'PA',
  'Penn.': 'PA',
  'R.I.': 'RI',
  'S.C.': 'SC',
  'S.D.': 'SD',
  'Tenn.': 'TN',
  'Tex.': 'TX',
  'Vt.': 'VT',
  'Va.': 'VA',
  'Wash.': 'WA',
  'W.Va.': 'WV',
  'W. Va.': 'WV',
  'Wis.': 'WI',
  'Wisc.': 'WI',
  'Wyo.': 'WY',
};

export const POSTAL_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);

/** Abbreviations that stand alone as a state even without "City, " before them (they are not words). */
const SAFE = new Set([
  'Calif.',
  'Conn.',
  'Fla.',
  'Ga.',
  'Tenn.',
  'W.Va.',
  'W. Va.',
  'N.Y.',
  'N.J.',
  'N.C.',
  'S.C.',
  'N.H.',
  'N.M.',
  'N.D.',
  'S.D.',
  'R.I.',
  'D.C.',
  'Ky.',
  'Okla.',
  'Ariz.',
  'Ala.',
  'Colo.',
  'Mass.',
  'Mich.',
  'Minn.',
  'Ark.',
  'Neb.',
  'Nev.',
  'Wyo.',
  'Wis.',
  'Tex.',
  'Calif.',
  'Kan.',
  'Md.',
  'Vt.',
  'Ore.',
]);

const AP_RE = new RegExp(
  `(?<![\\p{L}.])(?:${Object.keys(AP_STATES)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/\./g, '\\.').replace(/ /g, '\\s?'))
    .join('|')})`,
  'gu',
);

export interface StateAbbrev {
  start: number;
  end: number;
  text: string;
  state: string;
  /** Right after "Word, ": the second half of a "City, State" pair. */
  afterComma: boolean;
}

/** AP-style state abbreviations in the text, and postal codes right after "City, ". */
export function findStateAbbreviations(text: string): StateAbbrev[] {
  const out: StateAbbrev[] = [];
  AP_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AP_RE.exec(text)) !== null) {
    const state = AP_STATES[m[0]] ?? AP_STATES[m[0].replace(/\s+/g, '')];
    if (!state) continue;
    const afterComma = /\p{L}\.?,\s$/u.test(text.slice(Math.max(0, m.index - 3), m.index));
    if (!afterComma && !SAFE.has(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], state, afterComma });
  }
  const postal = /(?<=\p{Lu}[\p{L}.]*,\s)([A-Z]{2})\b(?![.-]?\p{L})/gu;
  while ((m = postal.exec(text)) !== null) {
    if (!POSTAL_STATES.has(m[1])) continue;
    out.push({ start: m.index, end: m.index + 2, text: m[1], state: m[1], afterComma: true });
  }
  return out.sort((a, b) => a.start - b.start);
}
