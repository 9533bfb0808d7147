// Feed and sitemap dates → ISO. RSS writes RFC 822 dates ("Wed, 19 Jun 2024 10:00:00 +0900"), Atom and
// sitemaps W3C/ISO dates. The publisher's own offset is kept: converting to UTC can move the day, and the
// day is what relative times in the article ("yesterday") are resolved against.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** An ISO date or date-time with the source's offset, or null when the value is not a date. */
export function feedDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const d = new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3]));
    if (d.getUTCMonth() !== +iso[2] - 1 || d.getUTCDate() !== +iso[3]) return null;
    if (iso[4] === undefined) return `${iso[1]}-${iso[2]}-${iso[3]}`;
    const sec = iso[6] ?? '00';
    const zone =
      iso[7] === undefined ? '' : iso[7] === 'Z' ? 'Z' : iso[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${sec}${zone}`;
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const m = /([+-])(\d{2}):?(\d{2})\s*$/.exec(s) ?? null;
  const named = /\b([A-Z]{1,3}T?|UTC)\s*$/.exec(s);
  let offset = 0;
  if (m) offset = (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
  else if (named && named[1] in ZONES) offset = ZONES[named[1]];
  const local = new Date(t + offset * 60_000);
  const zone =
    offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`
  );
}
