import type { Stage } from '../../document.js';

// Quotations attributed to resolved speakers. Not built yet: the layer stays as it is.
export const quotesStage: Stage = {
  name: 'quotes',
  version: '0.0.0',
  run: (doc) => doc,
};
