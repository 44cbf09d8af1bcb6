/**
 * A tiny progress bar on stderr with rate and ETA. On a terminal it redraws one line; otherwise
 * (CI logs, `npm start` output) it prints a line about every 10% instead of control characters.
 */

export interface ProgressOptions {
  /** Draw the bar (default: when stderr is a terminal). */
  bar?: boolean;
  log?: (line: string) => void;
  stream?: NodeJS.WriteStream;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-AU');
}

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly stream: NodeJS.WriteStream;
  private readonly redraw: boolean;
  private readonly log: (line: string) => void;

  constructor(
    private readonly label: string,
    private readonly total: number,
    options: ProgressOptions = {}
  ) {
    this.stream = options.stream ?? process.stderr;
    // Redrawing needs a terminal; a requested bar on a pipe falls back to one line per 10%.
    this.redraw = (options.bar ?? this.stream.isTTY === true) && this.stream.isTTY === true;
    this.log = options.log ?? ((line) => this.stream.write(`${line}\n`));
  }

  line(done: number, extra: string): string {
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (this.total - done) / rate : Number.NaN;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const pct = `${(fraction * 100).toFixed(0).padStart(3)}%`;
    return `${this.label} ${bar} ${pct} ${formatCount(done)}/${formatCount(this.total)} · ${formatCount(rate)}/s${extra ? ` · ${extra}` : ''} · ETA ${formatDuration(eta)}`;
  }

  update(done: number, extra = ''): void {
    if (this.redraw) {
      const t = Date.now();
      if (t - this.lastDraw < 200 && done < this.total) return;
      this.lastDraw = t;
      this.stream.write(`\r${this.line(done, extra)}\u001b[K`);
      return;
    }
    const decile = this.total > 0 ? Math.floor((done / this.total) * 10) : 10;
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.log(this.line(done, extra));
    }
  }

  finish(): void {
    if (this.redraw) this.stream.write('\n');
  }
}
