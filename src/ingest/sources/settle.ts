import type { SourceItem } from './types.js';

/**
 * Runs `commit` once every item of a feed has been stored (or found stored), and only then: a feed's
 * ETag is remembered after its entries are safe, so an interrupted or failed run polls it in full again.
 */
export class Settlement {
  private pending = 0;
  private ok = true;
  private closed = false;
  private committed = false;

  constructor(private readonly commit: () => Promise<void>) {}

  wrap(it: SourceItem): SourceItem {
    this.pending++;
    const inner = it.settled;
    return {
      ...it,
      settled: async (ok: boolean) => {
        await inner?.(ok);
        if (!ok) this.ok = false;
        this.pending--;
        await this.maybeCommit();
      },
    };
  }

  /** No more items will be wrapped. */
  close(): Promise<void> {
    this.closed = true;
    return this.maybeCommit();
  }

  private async maybeCommit(): Promise<void> {
    if (!this.closed || this.pending > 0 || !this.ok || this.committed) return;
    this.committed = true;
    // Losing the validators only costs a full fetch next round: never fail an item over it.
    await this.commit().catch(() => {});
  }
}
