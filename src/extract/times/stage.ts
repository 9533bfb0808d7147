import type { Stage } from '../../document.js';

// Time expressions normalised to TIMEX3 values. Not built yet: the layer stays as it is.
export const timesStage: Stage = {
  name: 'times',
  version: '0.0.0',
  run: (doc) => doc,
};
