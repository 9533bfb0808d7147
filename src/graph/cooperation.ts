import type { PloverType } from '../document.js';

// How cooperative (+) or conflictual (−) each PLOVER event type is, on the −10..+10 Goldstein scale: the mean
// Goldstein score of the CAMEO codes that map to each PLOVER type in the PLOVER CAMEO→PLOVER mapping
// (cameo-plover-map.tsv, CC BY-SA 4.0), rounded to one decimal.
export const COOPERATION_WEIGHT: Record<PloverType, number> = {
  AGREE: 5.9,
  CONSULT: 2.8,
  SUPPORT: 5.1,
  CONCEDE: 5.0,
  COOPERATE: 6.7,
  AID: 7.5,
  RETREAT: 8.0,
  REQUEST: -5.0,
  ACCUSE: -2.0,
  REJECT: -4.2,
  THREATEN: -6.2,
  PROTEST: -6.9,
  SANCTION: -5.8,
  MOBILIZE: -7.2,
  COERCE: -6.7,
  ASSAULT: -9.6,
};
