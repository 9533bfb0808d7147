// Politeness: requests to one host are spaced out, across every caller in the process (a feed poller,
// a batch of URLs and a redirect chain all share the same queue).
import { setTimeout as sleep } from 'node:timers/promises';

export class HostQueue {
  /** When the next request to each host may start (epoch ms). */
  private readonly next = new Map<string, number>();

  constructor(
    /** The default gap between two request starts to the same host. */
    readonly delayMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Take the next slot for `host` and wait for it. Slots are reserved synchronously, so concurrent
   * callers line up instead of all waking at once. Resolves to the milliseconds waited.
   */
  async acquire(host: string, delayMs = this.delayMs, signal?: AbortSignal): Promise<number> {
    const key = host.toLowerCase();
    const now = this.now();
    const at = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, at + delayMs);
    this.forgetOld(now);
    const wait = at - now;
    if (wait > 0) await sleep(wait, undefined, { signal });
    return wait;
  }

  /** Milliseconds a request to `host` would wait now. */
  pending(host: string): number {
    return Math.max(0, (this.next.get(host.toLowerCase()) ?? 0) - this.now());
  }

  // A long-running poller visits many hosts; drop the ones whose slot is long past.
  private forgetOld(now: number): void {
    if (this.next.size < 1024) return;
    for (const [k, t] of this.next) if (t < now) this.next.delete(k);
  }
}
