import type { Entity } from '../document.js';

// Entities are merged across articles by a key: a country by its ISO code, a place by its GeoNames id,
// anything else by type and normalised name. Aliases are the other names seen for the same key.

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function entityKey(e: Pick<Entity, 'type' | 'name' | 'ids'>): string {
  if (e.ids.iso && (e.type === 'GPE' || e.type === 'LOC')) return `iso:${e.ids.iso}`;
  if (e.ids.geonames) return `geo:${e.ids.geonames}`;
  if (e.ids.wikidata) return `wd:${e.ids.wikidata}`;
  const type = e.type === 'LOC' || e.type === 'FAC' ? 'GPE' : e.type;
  return `${type.toLowerCase()}:${normaliseName(e.name)}`;
}

/** The country an entity stands for or belongs to (ISO alpha-2), for relations between countries. */
export function entityCountry(e: Pick<Entity, 'ids' | 'attributes'>): string | null {
  return e.ids.iso ?? (typeof e.attributes.country === 'string' ? e.attributes.country : null);
}
