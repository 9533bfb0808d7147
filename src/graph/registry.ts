import { normaliseName } from './entity-key.js';

// The agreement registry merges reports of one agreement across documents: same parties, same kind of
// instrument and overlapping name words. Its status is the latest one reported.

const INSTRUMENT =
  /\b(treaty|agreement|accord|deal|pact|memorandum|convention|protocol|charter|declaration|contract|ceasefire|truce|understanding)\b/;

export function registryKey(name: string, parties: (string | null)[]): string {
  const n = normaliseName(name);
  const kind = INSTRUMENT.exec(n)?.[1] ?? 'agreement';
  const words = n
    .split(' ')
    .filter(
      (w) =>
        w.length > 3 &&
        !INSTRUMENT.test(w) &&
        !['between', 'with', 'the', 'and', 'new', 'bilateral'].includes(w),
    )
    .sort()
    .slice(0, 6);
  const p = [...new Set(parties.filter((x): x is string => !!x).map((x) => x.toUpperCase()))].sort();
  return `${kind}|${p.join(',')}|${words.join(' ')}`;
}

const ORDER = ['proposed', 'negotiated', 'signed', 'ratified', 'in-force', 'suspended', 'withdrawn'];

/** The registry status: the status of the most recent report; ties go to the later stage of an agreement's life. */
export function registryStatus(history: { status: string; seen: string | null }[]): string {
  const sorted = [...history].sort(
    (a, b) => (a.seen ?? '').localeCompare(b.seen ?? '') || ORDER.indexOf(a.status) - ORDER.indexOf(b.status),
  );
  return sorted.at(-1)?.status ?? 'signed';
}
