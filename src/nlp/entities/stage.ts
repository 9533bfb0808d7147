import type { Stage } from '../../document.js';

// Entities: mentions grouped into entities, countries linked, coreference, attributes. Not built yet: the layer stays as it is.
export const entitiesStage: Stage = {
  name: 'entities',
  version: '0.0.0',
  run: (doc) => doc,
};
