// Which IP addresses the fetcher may connect to. A URL from an article, a feed or a redirect must not
// reach the machine's own services or its network, so every resolved address is classified here.
import { isIP } from 'node:net';

/** Returns why an address is refused, or null when it may be reached. */
export type AddressPolicy = (address: string) => string | null;

/** Parse dotted-quad IPv4 into a 32-bit unsigned number (the URL parser has already normalised odd forms). */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** Parse IPv6 (with `::`, an embedded dotted quad, optional brackets and zone) into eight 16-bit groups. */
export function parseIPv6(s: string): number[] | null {
  s = s.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!s.includes(':')) return null;
  // An embedded dotted quad (::ffff:10.0.0.1) becomes its two hex groups.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const n = parseIPv4(last);
    if (n === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const group = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length;
  if (halves.length === 1) return given === 8 ? head : null;
  if (given > 7) return null;
  return [...head, ...new Array(8 - given).fill(0), ...rest];
}

interface V4Range {
  base: number;
  bits: number;
  kind: string;
}

const v4 = (cidr: string, kind: string): V4Range => {
  const [a, b] = cidr.split('/');
  return { base: parseIPv4(a)!, bits: Number(b), kind };
};

// Ranges that are not the public internet (RFC 6890 special-purpose registry, the parts that matter).
const V4_REFUSED: V4Range[] = [
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignment'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', '6to4 relay anycast'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

function inV4(n: number, r: V4Range): boolean {
  if (r.bits === 0) return true;
  const shift = 32 - r.bits;
  return n >>> shift === r.base >>> shift;
}

/** The kind of non-public range an IPv4 address falls in, or null when it is public. */
export function classifyIPv4(n: number): string | null {
  if (n === 0xffffffff) return 'broadcast';
  for (const r of V4_REFUSED) if (inV4(n, r)) return r.kind;
  return null;
}

const v4From = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0;

/** The kind of non-public range an IPv6 address falls in, or null when it is public. */
export function classifyIPv6(g: number[]): string | null {
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // Forms that carry an IPv4 address inside: judge the IPv4 address.
  const embedded = (label: string, n: number) => {
    const k = classifyIPv4(n);
    return k ? `${k} (${label})` : null;
  };
  if (zeroUpTo(5) && g[5] === 0xffff) return embedded('IPv4-mapped', v4From(g[6], g[7]));
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return embedded('IPv4-translated', v4From(g[6], g[7]));
  if (zeroUpTo(6)) return embedded('IPv4-compatible', v4From(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return embedded('NAT64', v4From(g[6], g[7]));
  if (g[0] === 0x2002) return embedded('6to4', v4From(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'discard-only';
  // Teredo hides an arbitrary IPv4 endpoint behind a relay: refuse rather than guess.
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo tunnel';
  return null;
}

/** Why this address is not a public internet address, or null when it is one. Unparseable → refused. */
export function classifyAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) return classifyIPv4(parseIPv4(bare)!);
  if (family === 6) {
    const g = parseIPv6(bare);
    return g ? classifyIPv6(g) : 'unparseable';
  }
  return 'not an IP address';
}

/** The default: only public internet addresses. */
export const publicOnly: AddressPolicy = (address) => {
  const kind = classifyAddress(address);
  return kind ? `${kind} address` : null;
};

export const allowAll: AddressPolicy = () => null;
