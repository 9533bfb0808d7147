import type { Mention, Span, Stage, Token } from '../../document.js';
import { type NerModel, nerModel } from './model.js';
import { cutAtPossessive, extendOrganisations } from './refine.js';
import { contractType, type TypeLexicon } from './types.js';

let lexicon: (TypeLexicon & { orgWords: Set<string> }) | undefined;
const EXTEND_ORGS = process.env.NEWSGRAPH_NER_NO_EXTEND !== '1';

function typeLexicon(model: NerModel): TypeLexicon & { orgWords: Set<string> } {
  if (lexicon) return lexicon;
  const places = new Set<string>();
  const locationWords = new Set<string>();
  const demonyms = new Set<string>();
  const orgWords = new Set<string>();
  for (const list of model.resources.gazetteer.values()) {
    for (const { cat, toks } of list) {
      const phrase = toks.join(' ');
      if (cat === 'country' || cat === 'city' || cat === 'region') places.add(phrase);
      else if (cat === 'lockey') locationWords.add(phrase);
      else if (cat === 'demonym') demonyms.add(phrase);
      else if (cat === 'orgsuffix') orgWords.add(phrase);
    }
  }
  lexicon = { places, locationWords, demonyms, orgWords };
  return lexicon;
}

/** Named-entity mentions of a document given as runs of tokens (its sentences), with contract types. */
export function tagTokenRuns(text: string, runs: Token[][], model: NerModel | null = nerModel()): Mention[] {
  if (!model) return [];
  const lex = typeLexicon(model);
  const words = runs.map((r) => r.map((t) => t.text));
  const tagged = model.tagDocument(words);
  const out: Mention[] = [];
  for (let r = 0; r < runs.length; r++) {
    const tokens = runs[r];
    const cut = cutAtPossessive(words[r], tagged[r]);
    const spans = EXTEND_ORGS
      ? extendOrganisations(words[r], cut, lex.orgWords, model.resources.lowerCommon)
      : cut;
    for (const s of spans) {
      const start = tokens[s.start].start;
      const end = tokens[s.end - 1].end;
      const lower = words[r].slice(s.start, s.end).map((w) => w.toLowerCase());
      out.push({
        start,
        end,
        text: text.slice(start, end),
        type: contractType(s.cls, lower, lex),
        kind: 'name',
        entity: null,
        score: s.score,
      });
    }
  }
  return out;
}

/** Named-entity mentions of one run of tokens (a sentence) on its own, with contract types. */
export function tagTokens(text: string, tokens: Token[], model: NerModel | null = nerModel()): Mention[] {
  return tokens.length ? tagTokenRuns(text, [tokens], model) : [];
}

/** Tag every sentence of a document: tokens are grouped by the sentence spans they fall in. */
export function tagSentences(text: string, tokens: Token[], sentences: Span[]): Mention[] {
  const runs: Token[][] = [];
  let k = 0;
  for (const s of sentences) {
    while (k < tokens.length && tokens[k].start < s.start) k++;
    const first = k;
    while (k < tokens.length && tokens[k].end <= s.end) k++;
    if (k > first) runs.push(tokens.slice(first, k));
  }
  return tagTokenRuns(text, runs);
}

// Named-entity mentions from the trained tagger (models/ner-model.json.gz) → doc.mentions of kind 'name'.
export const nerStage: Stage = {
  name: 'ner',
  version: '1.0.0',
  run(doc) {
    const names = tagSentences(doc.text, doc.tokens, doc.sentences);
    const others = doc.mentions.filter((m) => m.kind !== 'name');
    const mentions = [...others, ...names].sort((a, b) => a.start - b.start || b.end - a.end);
    return { ...doc, mentions };
  },
};
