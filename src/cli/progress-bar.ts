/**
 * Progress display for the terminal: a bar with percentage and ETA redrawn in place on a TTY, plain lines at
 * every tenth otherwise (logs, CI, pipes). At most one redraw every 250 ms.
 */
import type { StageProgress } from '../pipeline/run-context.js';

const REDRAW_MS = 250;
const BAR_WIDTH = 28;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(label: string, done: number, total: number, elapsedS: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const eta = fraction > 0 ? (elapsedS * (1 - fraction)) / fraction : Infinity;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  const pct = (fraction * 100).toFixed(0).padStart(3);
  return `${label} ${bar} ${pct}% ${done}/${total} elapsed ${formatDuration(elapsedS)} ETA ${formatDuration(eta)}`;
}

export function terminalProgress(
  label: string,
  stream: NodeJS.WriteStream,
  signal?: AbortSignal,
): StageProgress {
  const tty = stream.isTTY === true;
  const start = performance.now();
  let last = -Infinity;
  let lastTenth = 0;
  let drawn = false;
  return {
    get shouldReport() {
      return performance.now() - last >= REDRAW_MS;
    },
    signal,
    report(done, total) {
      last = performance.now();
      const line = progressLine(label, done, total, (last - start) / 1000);
      if (tty) {
        stream.write(`\r${line}\x1b[K`);
        drawn = true;
      } else {
        const tenth = total > 0 ? Math.floor((10 * done) / total) : 0;
        if (tenth > lastTenth && tenth < 10) {
          lastTenth = tenth;
          stream.write(`${line}\n`);
        }
      }
    },
    finish() {
      if (tty && drawn) stream.write('\n');
      const elapsedS = (performance.now() - start) / 1000;
      if (!tty && elapsedS >= 2) stream.write(`${label}: done in ${formatDuration(elapsedS)}\n`);
    },
  };
}
