// robots.txt is fetched once per origin and kept for a day (RFC 9309 asks crawlers not to keep it longer).
import type { RobotsTxt } from './robots-txt.js';

const DAY_MS = 24 * 3600 * 1000;

export class RobotsCache {
  private readonly entries = new Map<string, { at: number; robots: Promise<RobotsTxt> }>();

  constructor(
    private readonly ttlMs = DAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The robots.txt of `origin` (`https://host:port`), loaded by `load` on first use. Concurrent callers
   * share one load; a load that fails (timeout, refused) is not cached, so the next call tries again.
   */
  get(origin: string, load: () => Promise<RobotsTxt>): Promise<RobotsTxt> {
    const hit = this.entries.get(origin);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.robots;
    const robots = load();
    this.entries.set(origin, { at: this.now(), robots });
    robots.catch(() => {
      if (this.entries.get(origin)?.robots === robots) this.entries.delete(origin);
    });
    return robots;
  }

  clear(): void {
    this.entries.clear();
  }
}
