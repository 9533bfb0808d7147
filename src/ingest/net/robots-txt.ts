// robots.txt as RFC 9309 describes it: groups of user-agent lines, Allow/Disallow rules with `*` and `$`,
// the longest matching rule wins and Allow wins a tie. Crawl-delay and Sitemap are read as common extensions.

interface Rule {
  allow: boolean;
  /** The pattern as written, normalised; its length decides which rule wins. */
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** The rule that decided, e.g. `Disallow: /private/`; null when no rule matched. */
  rule: string | null;
}

// Percent-escapes are compared in upper case, and characters outside ASCII as their UTF-8 escapes.
function normalisePath(p: string): string {
  return p
    .replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase())
    .replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const src = body
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${src}${anchored ? '$' : ''}`);
}

export class RobotsTxt {
  private constructor(
    private readonly groups: Group[],
    readonly sitemaps: string[],
  ) {}

  static readonly ALLOW_ALL = new RobotsTxt([], []);
  static readonly DISALLOW_ALL = RobotsTxt.parse('User-agent: *\nDisallow: /\n');

  static parse(text: string): RobotsTxt {
    const groups: Group[] = [];
    const sitemaps: string[] = [];
    let current: Group | null = null;
    let lastWasAgent = false;
    for (const raw of text.split(/\r\n|\r|\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'user-agent') {
        if (!current || !lastWasAgent) {
          current = { agents: [], rules: [], crawlDelay: null };
          groups.push(current);
        }
        current.agents.push(value.toLowerCase());
        lastWasAgent = true;
        continue;
      }
      if (key === 'sitemap') {
        if (value) sitemaps.push(value);
        continue;
      }
      // Rules before the first user-agent line belong to no group.
      if (!current) continue;
      lastWasAgent = false;
      if (key === 'allow' || key === 'disallow') {
        if (!value) continue;
        const pattern = normalisePath(value.startsWith('/') || value.startsWith('*') ? value : `/${value}`);
        current.rules.push({ allow: key === 'allow', pattern, regex: compile(pattern) });
      } else if (key === 'crawl-delay') {
        const n = Number(value);
        if (Number.isFinite(n) && n >= 0) current.crawlDelay = n;
      }
    }
    return new RobotsTxt(groups, sitemaps);
  }

  /** The groups that apply to a product token: those naming it, else those for `*`. */
  private groupsFor(token: string): Group[] {
    const t = token.toLowerCase();
    const named = this.groups.filter((g) => g.agents.some((a) => a.split(/[/\s]/)[0] === t));
    return named.length ? named : this.groups.filter((g) => g.agents.includes('*'));
  }

  /** May a crawler calling itself `token` fetch `pathAndQuery` (e.g. `/news/1?page=2`)? */
  check(token: string, pathAndQuery: string): RobotsVerdict {
    const path = normalisePath(pathAndQuery || '/');
    if (path === '/robots.txt') return { allowed: true, rule: null };
    let best: Rule | null = null;
    for (const g of this.groupsFor(token)) {
      for (const r of g.rules) {
        if (!r.regex.test(path)) continue;
        if (
          !best ||
          r.pattern.length > best.pattern.length ||
          (r.pattern.length === best.pattern.length && r.allow && !best.allow)
        )
          best = r;
      }
    }
    if (!best) return { allowed: true, rule: null };
    return { allowed: best.allow, rule: `${best.allow ? 'Allow' : 'Disallow'}: ${best.pattern}` };
  }

  isAllowed(token: string, pathAndQuery: string): boolean {
    return this.check(token, pathAndQuery).allowed;
  }

  /** Crawl-delay in seconds for this token, or null when none is given. */
  crawlDelay(token: string): number | null {
    let out: number | null = null;
    for (const g of this.groupsFor(token)) if (g.crawlDelay !== null) out = Math.max(out ?? 0, g.crawlDelay);
    return out;
  }
}
