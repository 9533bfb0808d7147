import type { Stage } from '../../document.js';
import { parseReference } from './calendar.js';
import { tagTimes } from './tagger.js';

// Time expressions normalised to TIMEX3 values against the story's own date (dateline, else published).
// Pure: the reference comes from the context, never from the clock; without one, relative expressions keep
// their unknown parts as X ("XXXX-06", "PRESENT_REF").
export const timesStage: Stage = {
  name: 'times',
  version: '1.0.0',
  run(doc, ctx) {
    const ref = parseReference(ctx.referenceDate);
    return { ...doc, times: tagTimes(doc.text, ref, doc.sentences) };
  },
};
