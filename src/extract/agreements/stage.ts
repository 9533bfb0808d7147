import type { Stage } from '../../document.js';

// Agreements and treaties. Not built yet: the layer stays as it is.
export const agreementsStage: Stage = {
  name: 'agreements',
  version: '0.0.0',
  run: (doc) => doc,
};
