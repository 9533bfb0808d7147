// Name → checked address. The fetcher resolves names itself and then connects to the very address it
// checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address.js';
import { FetchFailure } from './failure.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolve a host name to every address it has (injectable, so tests never depend on real DNS). */
export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A URL's hostname without the brackets WHATWG keeps around IPv6 literals. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/**
 * Resolve and check every address the name has; any refused address refuses the name, because the
 * system could pick any of them. Returns the first address, to connect to it and nothing else.
 */
export async function resolveChecked(
  hostname: string,
  policy: AddressPolicy,
  lookup: LookupFn,
): Promise<ResolvedAddress> {
  const host = bareHost(hostname);
  let answers: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    answers = [{ address: host, family: isIP(host) }];
  } else {
    try {
      answers = await lookup(host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new FetchFailure('EDNS', `cannot resolve ${host} (${code})`);
    }
    if (!answers.length) throw new FetchFailure('EDNS', `cannot resolve ${host} (no addresses)`);
  }
  for (const a of answers) {
    const why = policy(a.address);
    if (why) {
      const via = a.address === host ? host : `${host} resolves to ${a.address}`;
      throw new FetchFailure(
        'EPRIVATE',
        `refused: ${via}, a ${why} (fetching private addresses needs --allow-private)`,
      );
    }
  }
  const first = answers[0];
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
