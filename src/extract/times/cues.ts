import type { Span } from '../../document.js';

// Tense cues: does the clause around a time expression speak of the future or of the past?
// News leans to the past, so a bare weekday or month is read as the most recent one unless a future
// cue ("will", "next", "is scheduled to") is nearer to it than a past one ("said", "was", "-ed").

export type Tense = 'future' | 'past' | null;

const FUTURE = new Set([
  'will',
  'll',
  'shall',
  'would',
  'going',
  'scheduled',
  'slated',
  'plans',
  'plan',
  'planning',
  'planned',
  'expected',
  'expects',
  'expect',
  'intends',
  'intend',
  'next',
  'upcoming',
  'due',
  'hopes',
  'aims',
  'soon',
  'ahead',
  'tomorrow',
  'payable',
  'wo',
]);
const PAST = new Set([
  'was',
  'were',
  'had',
  'did',
  'ago',
  'last',
  'yesterday',
  'said',
  'told',
  'met',
  'began',
  'came',
  'went',
  'took',
  'made',
  'gave',
  'left',
  'held',
  'won',
  'lost',
  'fell',
  'rose',
  'saw',
  'found',
  'sent',
  'spoke',
  'wrote',
  'became',
  'got',
  'ran',
  'paid',
  'sold',
  'bought',
  'brought',
  'led',
  'struck',
  'hit',
  'shot',
  'fled',
  'broke',
  'earlier',
  'since',
]);
const NOT_PAST_ED = new Set([
  'need',
  'feed',
  'speed',
  'seed',
  'bed',
  'red',
  'hundred',
  'proceed',
  'exceed',
  'succeed',
]);

interface Cue {
  pos: number;
  tense: Tense;
}

const AUX_PAST = new Set(['was', 'were', 'had']);
/** After these an -ed word is an adjective ("a still unspecified date", "the recently passed law"). */
const ADJECTIVE_BEFORE = new Set([
  'a',
  'an',
  'the',
  'still',
  'newly',
  'recently',
  'previously',
  'its',
  'his',
  'her',
  'their',
  'our',
  'this',
  'that',
  'these',
  'those',
  'very',
  'more',
  'most',
  'less',
  'well',
  'fully',
]);
const PRESENT = new Set(['is', 'are', 'am', 'says', 'say']);

export class TenseCues {
  private readonly cache = new Map<number, Cue[]>();

  constructor(
    private readonly text: string,
    private readonly sentences: Span[],
  ) {}

  private sentenceAt(pos: number): Span {
    const ss = this.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ss[mid].end <= pos) lo = mid + 1;
      else if (ss[mid].start > pos) hi = mid - 1;
      else return ss[mid];
    }
    // No sentence layer (or a gap): the stretch between terminal punctuation or line breaks.
    let s = pos;
    while (s > 0 && !/[.!?\n]/.test(this.text[s - 1])) s--;
    let e = pos;
    while (e < this.text.length && !/[.!?\n]/.test(this.text[e])) e++;
    return { start: s, end: e };
  }

  private cues(sentence: Span): Cue[] {
    const hit = this.cache.get(sentence.start);
    if (hit) return hit;
    const out: Cue[] = [];
    const re = /[A-Za-z]+/g;
    const s = this.text.slice(sentence.start, sentence.end);
    let m: RegExpExecArray | null;
    let prev = '';
    while ((m = re.exec(s)) !== null) {
      const w = m[0].toLowerCase();
      const pos = sentence.start + m.index;
      if (FUTURE.has(w)) {
        // "going to", "is to" … but not "going" alone; "wo" only in "won't"
        if (w === 'going' && !/^going\s+to\b/i.test(s.slice(m.index))) {
        } else if (w === 'wo' && !/^wo\s*n['’]t/i.test(s.slice(m.index))) {
        } else out.push({ pos, tense: 'future' });
      } else if (w === 'to' && (prev === 'is' || prev === 'are' || prev === 'set')) {
        out.push({ pos, tense: 'future' });
      } else if (PAST.has(w) || (w.length > 4 && w.endsWith('ed') && !NOT_PAST_ED.has(w))) {
        // "was scheduled to", "were planning", "had planned": the future word that follows decides
        const aheadFuture =
          AUX_PAST.has(w) &&
          /^\w+\s+(?:scheduled|planning|planned|expected|going|due|set|about|to)\b/i.test(s.slice(m.index));
        // a participle after "be" ("to be held", "will be signed") is not a past tense
        const participle = prev === 'be' || prev === 'being' || prev === 'been' || ADJECTIVE_BEFORE.has(prev);
        if (!aheadFuture && !participle) out.push({ pos, tense: 'past' });
      } else if (PRESENT.has(w)) {
        out.push({ pos, tense: null });
      }
      prev = w;
    }
    this.cache.set(sentence.start, out);
    return out;
  }

  /** The tense of the nearest cue in the sentence around [start, end), outside the expression itself. */
  at(start: number, end: number): Tense {
    const sentence = this.sentenceAt(start);
    let best: Cue | null = null;
    let bestDist = Number.POSITIVE_INFINITY;
    for (const c of this.cues(sentence)) {
      if (c.pos >= start && c.pos < end) continue;
      const d = c.pos < start ? start - c.pos : c.pos - end;
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    return best ? best.tense : null;
  }
}
