// From the tagger's CoNLL classes (PER, ORG, LOC, MISC) to the contract's types, and back for scoring.
//   LOC  → GPE for countries, cities, states (gazetteer, and by default); LOC for rivers, seas, regions, mountains.
//   MISC → NORP for nationalities, demonyms, religious and political groups; else MISC.
import type { EntityType } from '../../document.js';
import type { EntityClass } from './tagger.js';

const CONTINENTS = new Set(
  'europe asia africa antarctica arctic antarctic australasia oceania eurasia americas caribbean balkans scandinavia siberia sahara sahel levant maghreb mideast caucasus himalayas alps andes amazon patagonia'.split(
    ' ',
  ),
);
const REGION_PHRASES = new Set([
  'middle east',
  'near east',
  'far east',
  'latin america',
  'north america',
  'south america',
  'central america',
  'central asia',
  'east asia',
  'southeast asia',
  'south asia',
  'west africa',
  'east africa',
  'north africa',
  'southern africa',
  'horn of africa',
  'persian gulf',
  'west bank',
  'gaza strip',
]);
const GROUPS = new Set(
  'muslim muslims christian christians jewish jew jews catholic catholics protestant protestants buddhist buddhists hindu hindus sikh sikhs sunni sunnis shia shiite shiites islamist islamists democrat democrats republican republicans communist communists socialist socialists kurd kurds kurdish palestinians palestinian arab arabs'.split(
    ' ',
  ),
);

export interface TypeLexicon {
  places: Set<string>;
  locationWords: Set<string>;
  demonyms: Set<string>;
}

/** The contract type of a tagged span. `lower` are the span's tokens in lower case. */
export function contractType(cls: EntityClass, lower: string[], lex: TypeLexicon): EntityType {
  switch (cls) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC': {
      const phrase = lower.join(' ');
      if (lex.places.has(phrase)) return 'GPE';
      if (REGION_PHRASES.has(phrase)) return 'LOC';
      const first = lower[0];
      const last = lower[lower.length - 1];
      if (lex.locationWords.has(first) || lex.locationWords.has(last)) return 'LOC';
      if (CONTINENTS.has(last) || (lower.length === 1 && CONTINENTS.has(first))) return 'LOC';
      return 'GPE';
    }
    default: {
      const phrase = lower.join(' ');
      if (lex.demonyms.has(phrase) || GROUPS.has(phrase)) return 'NORP';
      // "North Korean", "South Africans": a compass word before a demonym.
      if (lower.length === 2 && /^(?:north|south|east|west)$/.test(lower[0]) && lex.demonyms.has(lower[1]))
        return 'NORP';
      return 'MISC';
    }
  }
}

/** Contract type → CoNLL class, as the gold data is scored: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, else MISC. */
export function conllClass(type: string): EntityClass {
  switch (type) {
    case 'PERSON':
      return 'PER';
    case 'ORG':
      return 'ORG';
    case 'GPE':
    case 'LOC':
    case 'FAC':
      return 'LOC';
    default:
      return 'MISC';
  }
}
