import type { Stage } from '../../document.js';

// Toponyms resolved to gazetteer records on their entities. Not built yet: the layer stays as it is.
export const placesStage: Stage = {
  name: 'places',
  version: '0.0.0',
  run: (doc) => doc,
};
