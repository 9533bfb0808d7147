// The search language, shared by both databases: words (implicit AND), "phrases", OR, NOT or -word,
// prefix*, and parentheses. Parsed once, then rendered for FTS5 or for PostgreSQL tsquery.

export type QueryNode =
  | { kind: 'term'; value: string; prefix: boolean }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'and' | 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode };

export class QuerySyntaxError extends Error {}

type Tok = { t: 'word' | 'phrase' | 'op' | 'lp' | 'rp' | 'minus'; v: string; prefix?: boolean };

function lex(q: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:"([^"]*)"?|(\()|(\))|(-)(?=[\p{L}\p{N}"(])|([\p{L}\p{N}][\p{L}\p{N}'’_.-]*)(\*)?|\S)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q)) !== null) {
    if (m[0].trim() === '') break;
    if (m[1] !== undefined) out.push({ t: 'phrase', v: m[1] });
    else if (m[2]) out.push({ t: 'lp', v: '(' });
    else if (m[3]) out.push({ t: 'rp', v: ')' });
    else if (m[4]) out.push({ t: 'minus', v: '-' });
    else if (m[5]) {
      if (!m[6] && /^(AND|OR|NOT)$/.test(m[5])) out.push({ t: 'op', v: m[5] });
      else out.push({ t: 'word', v: m[5], prefix: !!m[6] });
    }
  }
  return out;
}

function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function parseQuery(q: string): QueryNode | null {
  const toks = lex(q);
  let i = 0;
  const parseOr = (): QueryNode | null => {
    const items: QueryNode[] = [];
    let n = parseAnd();
    if (n) items.push(n);
    while (toks[i]?.t === 'op' && toks[i].v === 'OR') {
      i++;
      n = parseAnd();
      if (n) items.push(n);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: 'or', items };
  };
  const parseAnd = (): QueryNode | null => {
    const items: QueryNode[] = [];
    for (;;) {
      const t = toks[i];
      if (!t || t.t === 'rp' || (t.t === 'op' && t.v === 'OR')) break;
      if (t.t === 'op' && t.v === 'AND') {
        i++;
        continue;
      }
      const n = parseUnary();
      if (n) items.push(n);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const parseUnary = (): QueryNode | null => {
    const t = toks[i];
    if (t.t === 'minus' || (t.t === 'op' && t.v === 'NOT')) {
      i++;
      const n = toks[i] ? parseUnary() : null;
      return n ? { kind: 'not', item: n } : null;
    }
    i++;
    if (t.t === 'lp') {
      const n = parseOr();
      if (toks[i]?.t === 'rp') i++;
      return n;
    }
    if (t.t === 'phrase') {
      const w = words(t.v);
      return w.length === 0
        ? null
        : w.length === 1
          ? { kind: 'term', value: w[0], prefix: false }
          : { kind: 'phrase', words: w };
    }
    if (t.t === 'word') {
      const w = words(t.v);
      if (w.length === 0) return null;
      if (w.length === 1) return { kind: 'term', value: w[0], prefix: !!t.prefix };
      return { kind: 'phrase', words: w };
    }
    return null;
  };
  const root = parseOr();
  if (root && !hasPositive(root))
    throw new QuerySyntaxError('a search needs at least one word that is not negated');
  return root;
}

function hasPositive(n: QueryNode): boolean {
  switch (n.kind) {
    case 'term':
    case 'phrase':
      return true;
    case 'not':
      return false;
    case 'and':
      return n.items.some(hasPositive);
    case 'or':
      return n.items.every(hasPositive);
  }
}

/** FTS5 MATCH syntax. FTS5's NOT is binary, so negated parts of an AND are moved after its positive parts. */
export function toFts5(n: QueryNode): string {
  switch (n.kind) {
    case 'term':
      return `"${n.value}"${n.prefix ? '*' : ''}`;
    case 'phrase':
      return `"${n.words.join(' ')}"`;
    case 'or':
      return `(${n.items.map(toFts5).join(' OR ')})`;
    case 'not':
      throw new QuerySyntaxError('a negated word needs a positive word beside it');
    case 'and': {
      const pos = n.items.filter((x) => x.kind !== 'not');
      const neg = n.items.filter((x): x is Extract<QueryNode, { kind: 'not' }> => x.kind === 'not');
      if (!pos.length) throw new QuerySyntaxError('a negated word needs a positive word beside it');
      let s = `(${pos.map(toFts5).join(' AND ')})`;
      for (const x of neg) s += ` NOT ${toFts5(x.item)}`;
      return `(${s})`;
    }
  }
}

/** The words a query looks for, for highlighting where the database does not. */
export function queryWords(n: QueryNode | null): string[] {
  if (!n) return [];
  switch (n.kind) {
    case 'term':
      return [n.value];
    case 'phrase':
      return n.words;
    case 'not':
      return [];
    default:
      return n.items.flatMap(queryWords);
  }
}
