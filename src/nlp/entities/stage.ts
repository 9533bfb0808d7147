import type { Stage } from '../../document.js';
import { resolveEntities } from './resolve.js';

// Entities: name mentions (from the tagger, plus country forms it missed) linked to countries, grouped into
// entities by name variants, pronouns and descriptions; attributes from titles and appositives.
export const entitiesStage: Stage = {
  name: 'entities',
  version: '1.0.0',
  run: (doc) => resolveEntities(doc),
};
