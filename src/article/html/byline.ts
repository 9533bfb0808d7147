// Bylines as pages write them ("By Jane Doe and John Roe, Reuters", "Jane Doe | Staff Writer",
// "Email the author", "@janedoe", "Updated 3:04 PM") turned into clean person names.

const ROLE_WORDS =
  /\b(?:staff|senior|chief|contributing|special|national|political|foreign|business|sports|science|technology|tech|health|auto|investigative|deputy|associate|managing|executive|news|digital|freelance|guest|opinion|staff writer|writer|reporter|correspondent|editor|columnist|contributor|journalist|producer|photographer|analyst|author|bureau chief|for|the|at|of|in)\b/gi;
const ORG_WORDS =
  /\b(?:associated press|reuters|afp|agence france-presse|bloomberg|ap|upi|cnn|bbc|news|press|agency|wire|staff|media|times|post|journal|tribune|herald|gazette|daily|online|magazine|network|newsroom|desk|team|editorial|editors?|contributors?)\b/i;

/** Account names that stand for no one: "Admin", "Guest", "Redaktion". */
const GENERIC =
  /^(?:admin|administrator|guest|гость|администратор|редакция|redaktion|redacción|redação|rédaction|redazione|staff|editor|editors|editorial|webmaster|user|anonymous|anonym|anónimo)$/iu;

function titleCaseWords(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 1 || words.length > 5) return false;
  // Every main word starts with a capital; particles (van, de, bin) may not.
  return words.every(
    (w) => /^[\p{Lu}]/u.test(w) || /^(?:van|von|der|de|da|di|del|la|le|bin|al|el|ter|ten|du|dos)$/i.test(w),
  );
}

/** One raw author string → zero or more person names. */
export function splitAuthors(raw: string): string[] {
  let s = raw
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ')
    .replace(/(?:^|\s)@\w+/g, ' ')
    .replace(/\b(?:e-?mail|contact|follow)(?: the)? (?:author|reporter|writer)s?\b/gi, ' ')
    .replace(/\b(?:updated|published|posted)\b.*$/i, ' ')
    .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*$/i, ' ')
    .replace(/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}.*$/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^(?:written |reported |story |text |words |photos? )?by[:\s]+/i, '');
  // "Text: Jane Doe", "Текст: …", "Autor: …": a label before the name.
  s = s.replace(/^[\p{L}]{2,12}:\s+/u, '');
  const parts = s
    .split(/\s*(?:,|;|\||\/|&|—|–|\s-\s)\s*|\s+(?:and|AND|And|und|et|y|e)\s+|(?<=\p{L}{2})\.\s+/u)
    .map((p) => p.replace(/^by\s+/i, '').trim());
  const out: string[] = [];
  for (const p of parts) {
    const name = p.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').trim();
    if (!name || /\d/.test(name)) continue;
    if (GENERIC.test(name)) continue;
    if (ORG_WORDS.test(name) && name.replace(ROLE_WORDS, '').trim().split(/\s+/).length < 2) continue;
    if (name.replace(ROLE_WORDS, '').replace(/\s+/g, '').length === 0) continue;
    if (ORG_WORDS.test(name)) continue;
    if (!titleCaseWords(name) && !/^[\p{Lu}\s.'’-]+$/u.test(name)) continue;
    if (name.split(/\s+/).length < 2 && name.length < 3) continue;
    out.push(/^[\p{Lu}\s.'’-]+$/u.test(name) && name.length > 3 ? capitalise(name) : name);
  }
  return out;
}

/** JANE DOE → Jane Doe. */
function capitalise(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** The distinct clean names from several raw author strings, in order; the publisher's own name is not a person. */
export function cleanByline(raws: string[], publisher: string | null = null): string[] {
  const seen = new Set<string>();
  const pub = publisher ? publisher.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : '';
  const out: string[] = [];
  for (const r of raws) {
    for (const n of splitAuthors(r)) {
      const key = n.toLowerCase();
      if (seen.has(key)) continue;
      const flat = key.replace(/[^\p{L}\p{N}]+/gu, '');
      // Containment only for names long enough not to match by chance ("AP" is inside "Pappas").
      const contains = Math.min(flat.length, pub.length) >= 5 && (pub.includes(flat) || flat.includes(pub));
      if (pub && (flat === pub || contains)) continue;
      if (/\.(?:com|org|net|co|info|news)\b/i.test(n)) continue;
      seen.add(key);
      out.push(n);
    }
  }
  return out;
}
