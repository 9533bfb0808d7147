// A progress line on standard error: count, percentage, rate and ETA. Redrawn in place on a terminal,
// printed every few seconds otherwise, silent with --quiet.
export class Progress {
  private t0 = performance.now();
  private lastDraw = 0;
  constructor(
    private readonly label: string,
    private readonly enabled = true,
    private readonly tty = !!process.stderr.isTTY,
  ) {}

  update(done: number, total: number, extra = ''): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.lastDraw < (this.tty ? 100 : 5000) && done < total) return;
    this.lastDraw = now;
    const secs = (now - this.t0) / 1000;
    const rate = done / Math.max(secs, 1e-3);
    const eta = rate > 0 && total > done ? (total - done) / rate : 0;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${done}/${total} ${pct}% ${rate.toFixed(1)}/s ETA ${fmt(eta)}${extra ? `  ${extra}` : ''}`;
    if (this.tty) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  done(): void {
    if (this.enabled && this.tty) process.stderr.write('\n');
  }
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
