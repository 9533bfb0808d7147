import type { Stage } from '../../document.js';

// Named-entity mentions (the trained tagger) → doc.mentions of kind 'name'. Not built yet: the layer stays as it is.
export const nerStage: Stage = {
  name: 'ner',
  version: '0.0.0',
  run: (doc) => doc,
};
