// Toponym recognition: which spans of the text name places. Three sources, in order of trust:
//   1. the entity layer and the tagger's mentions (types GPE and LOC);
//   2. the dateline's place;
//   3. our own gazetteer matches over capitalised token runs, kept only where the name is unambiguous enough or the
//      context says "place" ("in X", "X, Texas", "X County"), and not inside a person's or other non-place name.
import type { AnnotatedDocument, Mention, Token } from '../../document.js';
import { type Country, countryByName } from '../../nlp/gazetteer/countries.js';
import { countryPlace, type Place, placeKey, placesByKey } from './gazetteer.js';
import { loadAmbiguous } from './lexicon.js';
import { AP_STATES, findStateAbbreviations } from './us-states.js';

export type ToponymSource = 'entity' | 'mention' | 'dateline' | 'gazetteer' | 'state';

export interface Toponym {
  start: number;
  end: number;
  text: string;
  source: ToponymSource;
  /** The entity this span is a mention of, when the entity layer has one. */
  entity: string | null;
  /** Gazetteer records the name can mean. */
  candidates: Place[];
  /** A country the name denotes directly (country names and aliases, or the entity's ids.iso). */
  country: Country | null;
  /** The index of the toponym this one sits in ("Atlanta, Georgia": Georgia contains Atlanta), or -1. */
  container: number;
  /** In a list of states or countries ("Utah, Washington and Wyoming"): read as one of them. */
  inList?: boolean;
  /** "Washington state", "the state of New York": a first-level division is meant. */
  stateCue?: boolean;
  /** How strongly the recogniser believes this is a place (0–1): context cues and the source. */
  confidence: number;
}

/** Words before a name that say it is a place. */
const PLACE_CUES = new Set([
  'in',
  'at',
  'near',
  'from',
  'to',
  'outside',
  'across',
  'into',
  'throughout',
  'around',
  'toward',
  'towards',
  'via',
  'of',
  'between',
  'inside',
  'visited',
  'visit',
  'downtown',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'rural',
  'suburban',
]);

/** Prepositions that make the next name a place even when it could be a person's ("in Monroe"). */
const LOCATIVE = new Set([
  'in',
  'near',
  'at',
  'outside',
  'across',
  'into',
  'throughout',
  'around',
  'toward',
  'towards',
]);

/** Capitalised words that may stand right before a place name without being part of a longer name. */
const PRE_MODIFIERS = new Set([
  'The',
  'North',
  'South',
  'East',
  'West',
  'Northeast',
  'Northwest',
  'Southeast',
  'Southwest',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Central',
  'Metro',
  'Downtown',
  'Greater',
  'Upstate',
  'Downstate',
  'Rural',
  'Historic',
  'Metropolitan',
  'Suburban',
  'Uptown',
  'Midtown',
  'In',
  'At',
  'From',
  'Near',
  'Outside',
]);

/** Capitalised words after a place name that make an institution of it while it stays a place ("Gainesville Police"). */
const INSTITUTION_HEADS = new Set([
  'Police',
  'Sheriff',
  "Sheriff's",
  'City',
  'Department',
  'State',
  'Mayor',
  'Fire',
  'High',
  'Middle',
  'Elementary',
  'Community',
  'Public',
  'District',
  'Council',
  'Highway',
  'School',
  'Schools',
  'Board',
  'Jail',
  'Town',
  'Township',
  'Regional',
  'Circuit',
  'Superior',
  'County',
  'Municipal',
  'Metropolitan',
  'Area',
  'Chamber',
  'Government',
  'Ministry',
  'Parliament',
  'Legislature',
  'Senate',
  'Assembly',
  'Court',
  'Army',
  'Navy',
  'Health',
  'Hospital',
  'Medical',
  'Airport',
  'Coroner',
  'Detention',
  'Senior',
  'Volunteer',
]);

/** Connectors allowed inside a multi-word place name ("Bosnia and Herzegovina", "Newcastle upon Tyne"). */
const CONNECTORS = new Set([
  'of',
  'the',
  'and',
  'de',
  'del',
  'da',
  'do',
  'du',
  'la',
  'le',
  'upon',
  'on',
  'al',
  'el',
]);

/** Country names that English also uses as ordinary or other words: need a cue. */
const WEAK_COUNTRY_NAMES = new Set([
  'chad',
  'jordan',
  'georgia',
  'turkey',
  'guinea',
  'niger',
  'jersey',
  'china',
]);

const MAX_TOKENS = 6;
/** A gazetteer-only populated place without a cue needs this population. */
const MIN_POP_UNCUED = 15000;
/** A gazetteer-only populated place with a cue needs this population (smaller places come with a state or county). */
const MIN_POP_CUED = 0;

const isCap = (s: string) => /^\p{Lu}/u.test(s);
const isAllCaps = (s: string) => /^[\p{Lu}\d.&'-]+$/u.test(s) && /\p{Lu}{2}/u.test(s);

/** Gazetteer records and the country a name can mean. */
/** Lookups repeat across a corpus ("U.S.", "Texas"): remember the last few thousand. */
const lookupCache = new Map<string, { places: Place[]; country: Country | null }>();
const LOOKUP_CACHE_MAX = 20000;

export function lookupName(name: string): { places: Place[]; country: Country | null } {
  const hit = lookupCache.get(name);
  if (hit) return { places: [...hit.places], country: hit.country };
  const r = lookupNameUncached(name);
  if (lookupCache.size >= LOOKUP_CACHE_MAX) lookupCache.clear();
  lookupCache.set(name, { places: [...r.places], country: r.country });
  return r;
}

function lookupNameUncached(name: string): { places: Place[]; country: Country | null } {
  let s = name.trim().replace(/^the\s+/i, '');
  s = s.replace(/['’]s$/, '');
  const ap = AP_STATES[s] ?? AP_STATES[s.replace(/\s+/g, '')];
  if (ap) {
    const st = placesByKey(placeKey(stateName(ap))).find((x) => x.kind === 'admin1' && x.country === 'US');
    if (st) return { places: [st], country: null };
  }
  const country = s ? countryByName(s) : null;
  const places = [...placesByKey(placeKey(s))];
  if (country) {
    const cp = countryPlace(country.iso2);
    if (cp && !places.includes(cp)) places.unshift(cp);
  }
  return { places, country };
}

/**
 * A tagged name whose first word the tagger left out: "ST. [PARIS]", "Fort [Worth]". The span grows by the word
 * before it when the longer name is in the gazetteer.
 */
function extendLeft(
  text: string,
  m: { start: number; end: number; text: string },
): { start: number; end: number; text: string } {
  const before =
    /(?:^|[\s(])((?:St|Ste|Ft|Mt|ST|FT|MT)\.\s|(?:Saint|Fort|Mount|Port|Lake|New|North|South|East|West|SAINT|FORT|MOUNT|PORT|NEW|NORTH|SOUTH|EAST|WEST)\s)$/.exec(
      text.slice(Math.max(0, m.start - 8), m.start),
    );
  if (!before) return m;
  const start = m.start - before[1].length;
  const longer = text.slice(start, m.end);
  const { places } = lookupName(longer);
  return places.length ? { start, end: m.end, text: longer } : m;
}

interface Blocker {
  start: number;
  end: number;
  type: string;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sentence starts as a set of token indices. */
function sentenceStarts(doc: AnnotatedDocument): Set<number> {
  const out = new Set<number>();
  const starts = new Set(doc.sentences.map((s) => s.start));
  doc.tokens.forEach((t, i) => {
    if (i === 0 || starts.has(t.start)) out.add(i);
    else {
      const gap = doc.text.slice(doc.tokens[i - 1].end, t.start);
      if (gap.includes('\n')) out.add(i);
    }
  });
  return out;
}

export function recognize(doc: AnnotatedDocument): Toponym[] {
  const out: Toponym[] = [];
  const taken: { start: number; end: number }[] = [];
  const isTaken = (s: number, e: number) => taken.some((t) => s < t.end && t.start < e);
  const push = (t: Toponym) => {
    out.push(t);
    taken.push(t);
  };

  // 1. The entity layer and the tagger.
  const placeTypes = new Set(['GPE', 'LOC']);
  /** Place names (by the tagger) that the gazetteer does not know as a whole. */
  const shells: Blocker[] = [];
  for (const e of doc.entities) {
    if (!placeTypes.has(e.type)) continue;
    const iso = e.ids.iso ? countryPlace(e.ids.iso) : null;
    for (const m0 of e.mentions) {
      if (!plausibleName(m0.text) || isTaken(m0.start, m0.end)) continue;
      const m = extendLeft(doc.text, m0);
      const { places, country } = lookupName(m.text);
      if (iso && !places.includes(iso) && !places.length) places.push(iso);
      // A name the gazetteer does not know ("Cottonport Fire Station", "Northeast Georgia"): look inside it.
      if (!places.length && !country) shells.push({ start: m.start, end: m.end, type: e.type });
      else push(mkToponym(m, 'entity', e.id, places, country, 0.9));
    }
  }
  const blockers: Blocker[] = [];
  for (const m of doc.mentions as Mention[]) {
    if (m.kind !== 'name') continue;
    if (placeTypes.has(m.type)) {
      if (isTaken(m.start, m.end) || !plausibleName(m.text)) continue;
      const mm = extendLeft(doc.text, m);
      const { places, country } = lookupName(mm.text);
      if (!places.length && !country) shells.push({ start: m.start, end: m.end, type: m.type });
      else push(mkToponym(mm, 'mention', m.entity, places, country, 0.85));
    } else blockers.push({ start: m.start, end: m.end, type: m.type });
  }
  for (const e of doc.entities)
    if (!placeTypes.has(e.type))
      for (const m of e.mentions)
        if (isCap(m.text)) blockers.push({ start: m.start, end: m.end, type: e.type });
  // A facility is named after its place ("Cottonport Fire Station", "Parkers Prairie High School").
  for (const b of blockers) if (b.type === 'FAC') shells.push(b);

  // 2. The dateline's place.
  const dl = doc.article.dateline;
  if (dl?.place) {
    const i = doc.text.slice(dl.start, dl.end).toLowerCase().indexOf(dl.place.toLowerCase());
    if (i >= 0) {
      const s = dl.start + i;
      const e = s + dl.place.length;
      if (!isTaken(s, e)) {
        const { places, country } = lookupName(dl.place);
        push(
          mkToponym({ start: s, end: e, text: doc.text.slice(s, e) }, 'dateline', null, places, country, 1),
        );
      }
    }
  }

  // 3. State abbreviations and gazetteer matches over capitalised runs.
  for (const a of findStateAbbreviations(doc.text)) {
    if (isTaken(a.start, a.end)) continue;
    const p = placesByKey(placeKey(stateName(a.state))).find(
      (x) => x.kind === 'admin1' && x.country === 'US',
    );
    if (p) push(mkToponym(a, 'state', null, [p], null, a.afterComma ? 0.95 : 0.8));
  }
  scanGazetteer(
    doc,
    blockers,
    shells.filter((sh) => !FEATURE_WORD.test(doc.text.slice(sh.start, sh.end))),
    isTaken,
    push,
  );

  out.sort((a, b) => a.start - b.start);
  linkContainers(doc.text, out);
  for (const t of out) {
    const before = doc.text.slice(Math.max(0, t.start - 12), t.start);
    const after = doc.text.slice(t.end, t.end + 7);
    if (/\bstate of\s+$/i.test(before) || /^\s+state\b/.test(after)) t.stateCue = true;
  }
  return out;
}

const US_STATE_NAMES: Record<string, string> = {};
function stateName(code: string): string {
  if (!Object.keys(US_STATE_NAMES).length) {
    const names =
      'AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming';
    for (const kv of names.split('|')) US_STATE_NAMES[kv.slice(0, 2)] = kv.slice(3);
  }
  return US_STATE_NAMES[code] ?? code;
}

function mkToponym(
  span: { start: number; end: number; text: string },
  source: ToponymSource,
  entity: string | null,
  candidates: Place[],
  country: Country | null,
  confidence: number,
): Toponym {
  let { start, end, text } = span;
  // "the United States" → "United States"; "Georgia's" → "Georgia".
  const lead = /^the\s+/i.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  const poss = /['’]s?$/.exec(text);
  if (poss && text.length > poss[0].length + 1) {
    end -= poss[0].length;
    text = text.slice(0, -poss[0].length);
  }
  return { start, end, text, source, entity, candidates, country, container: -1, confidence };
}

/** Words that make a name a natural feature or a street, whose inner names are not the place meant ("Lake Vermont"). */
const FEATURE_WORD =
  /\b(Lake|River|Creek|Mountains?|Mount|Mt\.?|Island|Islands|Valley|Bay|Sea|Ocean|Gulf|Canyon|Forest|Park|Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Drive|Highway|Parkway|Lane|Trail|Bridge|Dam|Falls|Springs?|Beach|Peninsula)\b/;

function scanGazetteer(
  doc: AnnotatedDocument,
  blockers: Blocker[],
  shells: Blocker[],
  isTaken: (s: number, e: number) => boolean,
  push: (t: Toponym) => void,
): void {
  const { text } = doc;
  const toks: Token[] = doc.tokens;
  const starts = sentenceStarts(doc);
  const ambiguous = loadAmbiguous();
  // Per token, once: capitalised; joined to the previous token (one space or nothing, not a sentence start,
  // has a letter); capitalised or a connector (may sit inside a name).
  const nt = toks.length;
  const cap = new Uint8Array(nt);
  const joins = new Uint8Array(nt);
  const inner = new Uint8Array(nt);
  for (let k = 0; k < nt; k++) {
    const t = toks[k];
    cap[k] = isCap(t.text) ? 1 : 0;
    inner[k] = cap[k] || CONNECTORS.has(t.text) ? 1 : 0;
    if (k > 0) {
      const g = t.start - toks[k - 1].end;
      joins[k] =
        (g === 0 || (g === 1 && text.charCodeAt(t.start - 1) === 32)) &&
        !starts.has(k) &&
        /[\p{L}]/u.test(t.text)
          ? 1
          : 0;
    }
  }
  for (let i = 0; i < toks.length; i++) {
    const t0 = toks[i];
    if (!cap[i] || isTaken(t0.start, t0.end)) continue;
    // The longest run from i that is a gazetteer name: j ends a candidate when every token after i up to j
    // joins its predecessor and every token strictly inside is capitalised or a connector.
    let best: { j: number; places: Place[]; country: Country | null } | null = null;
    let reach = i;
    while (reach + 1 < Math.min(nt, i + MAX_TOKENS) && joins[reach + 1] && (reach === i || inner[reach]))
      reach++;
    for (let j = reach; j >= i; j--) {
      const tj = toks[j];
      if (!cap[j]) continue;
      const s = text.slice(t0.start, tj.end);
      const r = lookupName(s);
      if (r.places.length || r.country) {
        best = { j, ...r };
        break;
      }
    }
    if (!best) {
      // "Gainesville-area", "Fargo-Moorhead", "Watertown-ML": the name before the hyphen.
      const hy = /^(\p{Lu}[\p{L}.'’]+)[-\u2010\u2013]/u.exec(t0.text);
      if (hy) {
        const span = { start: t0.start, end: t0.start + hy[1].length, text: hy[1] };
        const r = lookupName(hy[1]);
        const strong = !!r.country || r.places.some((p) => p.kind !== 'place');
        const pop = Math.max(0, ...r.places.map((p) => p.population));
        const ok =
          (strong || pop >= 5000) &&
          !NEVER.has(hy[1].toLowerCase()) &&
          !ambiguous.has(placeKey(hy[1])) &&
          !blockers.some((b) => b.type === 'PERSON' && overlaps(b, span)) &&
          !isTaken(span.start, span.end);
        if (ok) push(mkToponym(span, 'gazetteer', null, r.places, r.country, 0.6));
      }
      continue;
    }
    const tj = toks[best.j];
    const span = { start: t0.start, end: tj.end, text: text.slice(t0.start, tj.end) };
    if (isTaken(span.start, span.end)) continue;
    const shell = shells.find((sh) => sh.start <= span.start && span.end <= sh.end);
    const conf = shell
      ? insideShell(doc, toks, i, best.j, best.places, best.country, shell, blockers, ambiguous)
      : acceptance(doc, toks, i, best.j, best.places, best.country, starts, blockers, ambiguous);
    if (conf > 0) {
      push(mkToponym(span, 'gazetteer', null, best.places, best.country, conf));
      i = best.j;
    }
  }
}

/** Month and weekday names and other capitalised words that are never places in running text. */
const NEVER = new Set([
  // compass and generic words that some place somewhere is called ("Central", "City", "Gulf", "Union")
  'north',
  'south',
  'east',
  'west',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'central',
  'northern',
  'southern',
  'eastern',
  'western',
  'northeastern',
  'northwestern',
  'southeastern',
  'southwestern',
  'midwest',
  'upper',
  'lower',
  'greater',
  'inner',
  'outer',
  'city',
  'county',
  'state',
  'states',
  'region',
  'district',
  'province',
  'federal',
  'national',
  'capital',
  'metro',
  'coast',
  'gulf',
  'union',
  'commerce',
  'hall',
  'center',
  'centre',
  'village',
  'town',
  'harbor',
  'harbour',
  'valley',
  'miss',
  'mr',
  'mrs',
  'lot',
  'pack',
  'delta',
  'pacific',
  'atlantic',
  'arctic',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'god',
  'christmas',
  'easter',
  'of',
  'the',
  'and',
  'in',
  'on',
  'at',
  'again',
  'will',
  'can',
  'said',
  'says',
]);

/** Whether a toponym from the tagger or the entity layer is plausible as a name at all ("Of", "March" are not). */
export function plausibleName(text: string): boolean {
  const t = text.replace(/^the\s+/i, '').trim();
  if (!/^\p{Lu}/u.test(t)) return false;
  return !NEVER.has(t.toLowerCase());
}

/** How much a gazetteer match looks like a place here (0: not at all). */
function acceptance(
  doc: AnnotatedDocument,
  toks: Token[],
  i: number,
  j: number,
  places: Place[],
  country: Country | null,
  starts: Set<number>,
  blockers: Blocker[],
  ambiguous: Set<string>,
): number {
  const { text } = doc;
  const span = { start: toks[i].start, end: toks[j].end };
  const surface = text.slice(span.start, span.end);
  const key = placeKey(surface);
  const single = i === j;
  if (NEVER.has(surface.toLowerCase())) return 0;
  // All capitals: headlines and acronyms. Only country acronyms ("US", "UK") and long words pass.
  if (isAllCaps(surface) && !country && surface.replace(/\W/g, '').length < 4) return 0;

  const kinds = new Set(places.map((p) => p.kind));
  /** Names that are places whatever surrounds them: countries, states, provinces, counties, continents. */
  const strong = !!country || kinds.has('county') || kinds.has('admin1') || kinds.has('region');
  const maxPop = Math.max(0, ...places.filter((p) => p.kind === 'place').map((p) => p.population));
  const isAmbiguous = single && ambiguous.has(key);

  const prev = i > 0 ? toks[i - 1] : null;
  const next = j + 1 < toks.length ? toks[j + 1] : null;
  const sentenceInitial = starts.has(i);
  const cue = prev ? PLACE_CUES.has(prev.text.toLowerCase()) : false;
  // "X, State" or "X, Country" right after.
  const after = text.slice(span.end, span.end + 40);
  const commaPlace = /^,\s+\p{Lu}/u.test(after) && commaFollowsPlace(after.slice(1).trimStart());

  // Inside a name the tagger gave another type. A person's name: only when the whole name is a strong place
  // ("Georgia" tagged PERSON). An organisation's ("Georgia Bureau of Investigation", "University of Georgia",
  // "Richmond Police Department"): strong places anywhere, towns at its start before an institution word.
  for (const b of blockers) {
    if (!overlaps(b, span)) continue;
    const exact = b.start === span.start && b.end === span.end;
    if (b.type === 'PERSON') {
      if (exact && strong && !isAmbiguous) continue;
      return 0;
    }
    if (b.type === 'NORP') return 0;
    if (exact) continue;
    if (strong && !isAmbiguous) continue;
    // Organisations and facilities named after their town start with it ("Nashville Film Festival",
    // "The Atlanta Journal-Constitution", "Vancouver International Airport").
    const lead = text.slice(b.start, span.start);
    if ((b.start === span.start || /^the\s+$/i.test(lead)) && maxPop >= 1000 && !isAmbiguous) continue;
    if (prev?.text === 'of' && maxPop >= 50000 && !isAmbiguous) continue;
    return 0;
  }

  const prevAdjacent = prev && text.slice(prev.end, toks[i].start) === ' ';
  const nextAdjacent = next && text.slice(toks[j].end, next.start) === ' ';
  // Part of a longer capitalised name ("Chiquita Raquel Henry", "Paris Hilton"); strong names stay places
  // ("Six Flags Over Texas", "Texas Southern University").
  const capBefore =
    prevAdjacent && prev && isCap(prev.text) && !sentenceInitial && !PRE_MODIFIERS.has(prev.text);
  const capAfter = nextAdjacent && next && isCap(next.text) && !starts.has(j + 1);
  if (capBefore && !(strong && !isAmbiguous)) return 0;
  if (capAfter && !(strong && !isAmbiguous) && !(next && INSTITUTION_HEADS.has(next.text) && !isAmbiguous))
    return 0;

  if (country) {
    if (WEAK_COUNTRY_NAMES.has(key) && sentenceInitial && !cue && !commaPlace) return 0.5;
    return 0.95;
  }
  if (kinds.has('county')) return 0.95;
  if (kinds.has('admin1') || kinds.has('region')) {
    if (isAmbiguous && !cue && !commaPlace) return 0;
    const big = places.some(
      (p) => p.kind === 'region' || (p.kind === 'admin1' && (p.country === 'US' || p.population > 1e6)),
    );
    return big || cue ? 0.9 : 0.6;
  }
  if (commaPlace) return 0.9;
  if (isAmbiguous) {
    // "in Monroe", "near Jackson": a locative preposition makes a namesake of a person a place.
    const locative = prev ? LOCATIVE.has(prev.text.toLowerCase()) : false;
    return locative && maxPop >= 1000 ? 0.5 : cue && maxPop >= 50000 ? 0.6 : 0;
  }
  if (sentenceInitial && !cue && single && maxPop < 100000) return 0;
  if (cue && maxPop >= MIN_POP_CUED) return maxPop >= 5000 ? 0.8 : 0.5;
  if (maxPop >= MIN_POP_UNCUED) return 0.7;
  return 0;
}

/**
 * A gazetteer name inside a name that the tagger called a place or facility but the gazetteer does not know:
 * "Northeast [Georgia]", "[Cottonport] Fire Station", "[Fargo]-Moorhead", "[Washington], D.C.".
 */
function insideShell(
  doc: AnnotatedDocument,
  toks: Token[],
  i: number,
  j: number,
  places: Place[],
  country: Country | null,
  shell: Blocker,
  blockers: Blocker[],
  ambiguous: Set<string>,
): number {
  const span = { start: toks[i].start, end: toks[j].end };
  const surface = doc.text.slice(span.start, span.end);
  if (NEVER.has(surface.toLowerCase())) return 0;
  if (blockers.some((b) => b.type === 'PERSON' && overlaps(b, span))) return 0;
  const strong = !!country || places.some((p) => p.kind !== 'place');
  if (strong) return 0.8;
  if (i === j && ambiguous.has(placeKey(surface))) return 0;
  // A town: at the start of the name ("Cottonport Fire Station") or at its end ("South Arlington").
  const atEdge = span.start === shell.start || span.end === shell.end;
  return atEdge && places.length ? 0.7 : 0;
}

/** Whether the text after "X, " starts with a state, province or country name. */
function commaFollowsPlace(s: string): boolean {
  const abbr = findStateAbbreviations(`X, ${s}`).find((a) => a.start === 3);
  if (abbr) return true;
  const m = /^(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})/u.exec(s);
  if (!m) return false;
  const words = m[1].split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const r = lookupName(words.slice(0, n).join(' '));
    if (r.country || r.places.some((p) => p.kind === 'admin1')) return true;
  }
  return false;
}

/** "Atlanta, Georgia", "Paris, Texas", "Charleston, W.Va.": the second toponym contains the first. */
function linkContainers(text: string, tops: Toponym[]): void {
  const big = (t: Toponym) =>
    !!t.country || t.candidates.some((p) => p.kind === 'admin1' || p.kind === 'country');
  const listed = (x: Toponym, y: Toponym) =>
    /^(,\s*|,?\s+and\s+|,?\s+or\s+)$/.test(text.slice(x.end, y.start));
  for (let k = 0; k + 1 < tops.length; k++) {
    const a = tops[k];
    const b = tops[k + 1];
    if (!/^,\s*$/.test(text.slice(a.end, b.start)) || !big(b)) continue;
    // Not a list of states or countries: "Utah, Washington, Pennsylvania and California".
    const prev = tops[k - 1];
    const next = tops[k + 2];
    if ((prev && listed(prev, a) && big(prev)) || (next && listed(b, next) && big(next))) {
      a.inList = true;
      continue;
    }
    a.container = k + 1;
  }
  for (let k = 0; k + 1 < tops.length; k++) {
    if (listed(tops[k], tops[k + 1]) && big(tops[k]) && big(tops[k + 1])) {
      tops[k].inList = true;
      tops[k + 1].inList = true;
    }
  }
}
