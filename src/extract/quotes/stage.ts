import type { Stage } from '../../document.js';
import { extractQuotes } from './extract.js';

// Quotations attributed to resolved speakers: direct, indirect and mixed, with the cue and the speaker's
// mention and entity. Pure: reads tokens, sentences, paragraphs, mentions and entities. Rules, then two learned
// layers trained on PolNeAR train (an acceptance filter and a recall model for reported speech; models/quotes-*.json).
export const quotesStage: Stage = {
  name: 'quotes',
  version: '1.2.0',
  run: (doc) => ({ ...doc, quotes: extractQuotes(doc) }),
};
