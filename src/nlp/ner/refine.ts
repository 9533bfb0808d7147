// Span refinements after tagging, general rules over the tagger's output.
import type { TaggedSpan } from './model.js';

const ORG_CONNECTORS = new Set(['of', 'for', 'de', 'du', 'des', '&']);

/** A capitalised name word: "Strategic", "U.N."; not "Minneapolis-based". */
function capitalised(w: string): boolean {
  const c = w[0];
  return c !== undefined && c.toLowerCase() !== c && !/-\p{Ll}/u.test(w);
}

/**
 * A formal organisation name is one run of capitalised words joined by "of", "for", "&", with an
 * organisation word before the connector (Institute, Ministry, Party…): when the tagger marks only part of
 * such a run as ORG ("Russian [Institute for Strategic Studies]"), the ORG span grows to the whole run,
 * absorbing MISC (nationality) or untagged words but never a person or a place.
 */
export function extendOrganisations(
  words: string[],
  spans: TaggedSpan[],
  orgWords: Set<string>,
  lowerCommon: Set<string>,
): TaggedSpan[] {
  if (!spans.some((s) => s.cls === 'ORG')) return spans;
  const n = words.length;
  const owner = new Int32Array(n).fill(-1);
  spans.forEach((s, k) => {
    for (let i = s.start; i < s.end; i++) owner[i] = k;
  });
  const drop = new Set<number>();
  const out = spans.map((s) => ({ ...s }));
  for (let k = 0; k < out.length; k++) {
    const s = out[k];
    if (s.cls !== 'ORG' || drop.has(k)) continue;
    // The capitalised run around the span.
    let a = s.start;
    while (a > 0 && capitalised(words[a - 1])) a--;
    for (;;) {
      if (a > 1 && ORG_CONNECTORS.has(words[a - 1].toLowerCase()) && capitalised(words[a - 2])) a -= 2;
      else if (a > 0 && capitalised(words[a - 1])) a--;
      else break;
    }
    let b = s.end;
    for (;;) {
      if (b < n && capitalised(words[b])) b++;
      else if (b + 1 < n && ORG_CONNECTORS.has(words[b].toLowerCase()) && capitalised(words[b + 1])) b += 2;
      else break;
    }
    // No sentence-initial or common word ("The") at the front.
    while (a < s.start && lowerCommon.has(words[a].toLowerCase())) a++;
    if (a === s.start && b === s.end) continue;
    // Only formal names: an organisation word followed by "of"/"for" ("Institute for Strategic Studies",
    // "Ministry of Defence"); not "German Foreign Ministry", where CoNLL keeps the nationality apart.
    let formal = false;
    let seenOrgWord = false;
    for (let i = a; i < b; i++) {
      const w = words[i].toLowerCase();
      if (orgWords.has(w)) seenOrgWord = true;
      else if (seenOrgWord && ORG_CONNECTORS.has(w)) formal = true;
    }
    if (!formal) continue;
    let ok = true;
    const absorbed: number[] = [];
    for (let i = a; i < b; i++) {
      const o = owner[i];
      if (o < 0 || o === k) continue;
      const other = spans[o];
      if (other.cls === 'PER' || other.cls === 'LOC' || other.start < a || other.end > b) ok = false;
      else absorbed.push(o);
    }
    if (!ok) continue;
    for (const o of absorbed) drop.add(o);
    s.start = a;
    s.end = b;
  }
  return out.filter((_, k) => !drop.has(k));
}

const POSSESSIVE = new Set(["'", '’', "'s", '’s', "'S", '’S']);

/**
 * A name ends before a possessive followed by a common word ("US’ actions" → "US"); names that go on in
 * capitals ("Queen's Park", "Toronto Bond Traders' Association") or end in 's ("Lord's") stay whole.
 */
export function cutAtPossessive(words: string[], spans: TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const s of spans) {
    let end = s.end;
    for (let i = s.start + 1; i < s.end - 1; i++)
      if (POSSESSIVE.has(words[i]) && !capitalised(words[i + 1])) {
        end = i;
        break;
      }
    out.push(end === s.end ? s : { ...s, end });
  }
  return out;
}
