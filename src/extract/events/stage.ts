import type { Stage } from '../../document.js';

// PLOVER events. Not built yet: the layer stays as it is.
export const eventsStage: Stage = {
  name: 'events',
  version: '0.0.0',
  run: (doc) => doc,
};
