import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, parseIPv6, publicOnly } from '../../src/ingest/net/address.js';
import { resolveChecked } from '../../src/ingest/net/resolve.js';

describe('address classification', () => {
  it('refuses every non-public IPv4 range', () => {
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback',
      '127.255.0.9': 'loopback',
      '10.0.0.1': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'link-local',
      '100.64.0.1': 'carrier-grade NAT',
      '100.127.255.254': 'carrier-grade NAT',
      '224.0.0.251': 'multicast',
      '239.255.255.250': 'multicast',
      '0.0.0.0': 'unspecified',
      '255.255.255.255': 'broadcast',
      '240.0.0.1': 'reserved',
    };
    for (const [a, kind] of Object.entries(refused)) assert.equal(classifyAddress(a), kind, a);
  });

  it('lets public IPv4 addresses through, including the neighbours of private ranges', () => {
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '172.15.255.255',
      '172.32.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '11.0.0.1',
    ])
      assert.equal(classifyAddress(a), null, a);
  });

  it('refuses non-public IPv6 ranges', () => {
    const refused: Record<string, RegExp> = {
      '::1': /loopback/,
      '::': /unspecified/,
      'fe80::1': /link-local/,
      'fe80::1%eth0': /link-local/,
      'fc00::1': /unique-local/,
      'fd12:3456:789a::1': /unique-local/,
      'ff02::1': /multicast/,
      '[::1]': /loopback/,
    };
    for (const [a, kind] of Object.entries(refused)) assert.match(classifyAddress(a) ?? '', kind, a);
  });

  it('judges IPv4 addresses carried inside IPv6 by the IPv4 address', () => {
    assert.match(classifyAddress('::ffff:127.0.0.1') ?? '', /loopback \(IPv4-mapped\)/);
    assert.match(classifyAddress('::ffff:7f00:1') ?? '', /loopback \(IPv4-mapped\)/);
    assert.match(classifyAddress('::ffff:10.1.2.3') ?? '', /private/);
    assert.match(classifyAddress('::ffff:192.168.0.1') ?? '', /private/);
    assert.match(classifyAddress('::ffff:169.254.169.254') ?? '', /link-local/);
    assert.match(classifyAddress('64:ff9b::10.0.0.1') ?? '', /private \(NAT64\)/);
    assert.match(classifyAddress('2002:c0a8:0101::1') ?? '', /private \(6to4\)/);
    assert.match(classifyAddress('::127.0.0.1') ?? '', /loopback/);
    assert.equal(classifyAddress('::ffff:8.8.8.8'), null);
  });

  it('lets public IPv6 addresses through', () => {
    for (const a of ['2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '2001:4860:4860::8888'])
      assert.equal(classifyAddress(a), null, a);
  });

  it('parses IPv6 forms and rejects malformed ones', () => {
    assert.deepEqual(parseIPv6('1::'), [1, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), null);
    assert.equal(parseIPv6('1::2::3'), null);
    assert.equal(parseIPv6('12345::'), null);
    assert.equal(classifyAddress('example.org'), 'not an IP address');
  });
});

describe('resolution before connecting', () => {
  const lookupTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name that resolves to a private address, naming both', async () => {
    await assert.rejects(
      resolveChecked('intranet.example', publicOnly, lookupTo('10.0.0.1')),
      (e: Error & { code: string }) => {
        assert.equal(e.code, 'EPRIVATE');
        assert.match(e.message, /intranet\.example resolves to 10\.0\.0\.1, a private address/);
        assert.match(e.message, /--allow-private/);
        return true;
      },
    );
  });

  it('refuses the name when any one of its addresses is private', async () => {
    await assert.rejects(
      resolveChecked('mixed.example', publicOnly, lookupTo('93.184.216.34', '192.168.1.1')),
      /192\.168\.1\.1/,
    );
    await assert.rejects(resolveChecked('v6.example', publicOnly, lookupTo('::ffff:127.0.0.1')), /loopback/);
  });

  it('checks literals without asking DNS and returns the address to connect to', async () => {
    let asked = 0;
    const lookup = async () => {
      asked++;
      return [];
    };
    await assert.rejects(resolveChecked('[::1]', publicOnly, lookup), /loopback/);
    assert.deepEqual(await resolveChecked('93.184.216.34', publicOnly, lookup), {
      address: '93.184.216.34',
      family: 4,
    });
    assert.equal(asked, 0);
    assert.deepEqual(await resolveChecked('news.example', publicOnly, lookupTo('93.184.216.34')), {
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('reports a name that does not resolve', async () => {
    const fail = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await assert.rejects(
      resolveChecked('nowhere.invalid', publicOnly, fail),
      (e: Error & { code: string }) => {
        assert.equal(e.code, 'EDNS');
        assert.match(e.message, /cannot resolve nowhere\.invalid \(ENOTFOUND\)/);
        return true;
      },
    );
  });
});
