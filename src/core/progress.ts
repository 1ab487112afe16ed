/**
 * Progress and cancellation without coupling numerics to the terminal (Mol*'s RuntimeContext idea).
 * Kernels stay synchronous and work in chunks; between chunks they call `progress.report(done, total)`
 * when `shouldReport` is true, and check `signal?.aborted`. The sink (cli/) decides how to show it.
 */
import { Aborted } from './errors.js';

export interface Progress {
  /** True when the sink wants an update (it flips this on a timer); cheap to read in a loop. */
  readonly shouldReport: boolean;
  report(done: number, total: number, label?: string): void;
  readonly signal?: AbortSignal;
}

export const noProgress: Progress = {
  shouldReport: false,
  report: () => undefined,
};

/** Throws `Aborted` if the run was cancelled. */
export function checkAborted(progress: Progress): void {
  if (progress.signal?.aborted) throw new Aborted();
}
