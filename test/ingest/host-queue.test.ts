import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostQueue } from '../../src/ingest/net/host-queue.js';

describe('per-host politeness queue', () => {
  it('spaces requests to one host by the delay, and leaves other hosts alone', async () => {
    const q = new HostQueue(150);
    const t0 = performance.now();
    const starts: Record<string, number[]> = { a: [], b: [] };
    await Promise.all([
      ...[1, 2, 3].map(() => q.acquire('a.example').then(() => starts.a.push(performance.now() - t0))),
      q.acquire('B.example').then(() => starts.b.push(performance.now() - t0)),
    ]);
    starts.a.sort((x, y) => x - y);
    assert.ok(starts.a[0] < 100, `first request waits for nothing (${starts.a[0]})`);
    assert.ok(starts.a[1] >= 145, `second waits one delay (${starts.a[1]})`);
    assert.ok(starts.a[2] >= 295, `third waits two delays (${starts.a[2]})`);
    assert.ok(starts.b[0] < 100, 'another host is not delayed');
  });

  it('treats host names case-insensitively and honours a longer per-call delay', async () => {
    const q = new HostQueue(0);
    await q.acquire('News.Example', 60);
    const waited = await q.acquire('news.example');
    assert.ok(waited >= 50, `waited ${waited}`);
  });

  it('works across separate calls made later in the process', async () => {
    const q = new HostQueue(50);
    await q.acquire('x');
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(await q.acquire('x'), 0, 'the gap already passed');
    assert.ok(q.pending('x') > 0);
  });

  it('can be cancelled while waiting', async () => {
    const q = new HostQueue(5000);
    await q.acquire('slow');
    const ac = new AbortController();
    const p = q.acquire('slow', undefined, ac.signal);
    ac.abort();
    await assert.rejects(p, { name: 'AbortError' });
  });
});
