import type { Stage } from '../../document.js';
import { extractQuotes } from './extract.js';

// Quotations attributed to resolved speakers: direct, indirect and mixed, with the cue and the speaker's
// mention and entity. Pure: reads tokens, sentences, paragraphs, mentions and entities.
export const quotesStage: Stage = {
  name: 'quotes',
  version: '1.1.0',
  run: (doc) => ({ ...doc, quotes: extractQuotes(doc) }),
};
