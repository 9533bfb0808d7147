import type { Stage } from '../document.js';
import { paragraphs, splitSentences } from './sentences.js';
import { tokenize } from './tokenize.js';

/** Tokens, sentences and paragraphs: the layer every later stage reads. */
export const languageStage: Stage = {
  name: 'language',
  version: '1.0.0',
  run(doc) {
    const tokens = tokenize(doc.text);
    return { ...doc, tokens, sentences: splitSentences(doc.text, tokens), paragraphs: paragraphs(doc.text) };
  },
};
