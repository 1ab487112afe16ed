/**
 * 1-D complex FFT plans of any length n ≥ 1.
 *
 * Conventions (numpy's `fft`/`ifft`), on interleaved complex `Float64Array`s [re0, im0, re1, im1, ...]:
 *
 *     forward   X[k] = Σ_{j<n} x[j]·exp(−2πi·j·k/n)            (unnormalised)
 *     inverse   x[j] = (1/n)·Σ_{k<n} X[k]·exp(+2πi·j·k/n)        (so inverse(forward(x)) = x)
 *
 * A plan holds the twiddle tables and the scratch for its length (built once); calls allocate nothing.
 * Output arrays belong to the caller. `out` may be the very same array as `input` (in place); partially
 * overlapping views are refused with a `RangeError`.
 *
 * Plans are cached per length in a per-thread cache (`complexFftPlan1d`); they hold mutable scratch, so a
 * plan must not be shared across worker threads (each thread builds its own). `clearFftPlanCache` (in
 * `plan-cache.ts`) empties the caches.
 *
 * Algorithm: Stockham autosort passes (radix 2, 3, 4, 5, 6, 7, 8, 11, 13, 22, 26, generic odd ≤ 31) over
 * blocks of lines; Bluestein for lengths with a larger prime factor (`line-kernel.ts`).
 */
import { checkLength, refusePartialAliasing } from './array-checks.js';
import { blockLines, MAX_BLOCK_LINES, transformRows } from './line-blocks.js';
import type { LineKernel } from './line-kernel.js';
import { lineKernel } from './line-kernel.js';

export interface ComplexFftPlan1d {
  /** Transform length (complex points). */
  readonly n: number;
  /** Forward DFT of one line: `input` and `out` hold 2·n floats; `out` may be `input`. */
  forward(input: Float64Array, out: Float64Array): void;
  /** Inverse DFT (with the 1/n) of one line; `out` may be `input`. */
  inverse(input: Float64Array, out: Float64Array): void;
  /**
   * Forward DFT of `count` consecutive lines (line c at floats 2·n·c .. 2·n·(c+1)); `input` and `out` hold
   * 2·n·count floats; `out` may be `input`.
   */
  forwardMany(input: Float64Array, out: Float64Array, count: number): void;
  /** Inverse DFT (with the 1/n) of `count` consecutive lines; `out` may be `input`. */
  inverseMany(input: Float64Array, out: Float64Array, count: number): void;
}

class Plan1d implements ComplexFftPlan1d {
  readonly n: number;
  private readonly kernel: LineKernel;
  private readonly block: number;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.kernel = lineKernel(n);
    this.block = blockLines(n, MAX_BLOCK_LINES);
    this.kernel.reserve(this.block);
    this.bufA = new Float64Array(2 * n * this.block);
    this.bufB = new Float64Array(2 * n * this.block);
  }

  forward(input: Float64Array, out: Float64Array): void {
    this.exec('forward', input, out, 1, false);
  }

  inverse(input: Float64Array, out: Float64Array): void {
    this.exec('inverse', input, out, 1, true);
  }

  forwardMany(input: Float64Array, out: Float64Array, count: number): void {
    this.exec('forwardMany', input, out, count, false);
  }

  inverseMany(input: Float64Array, out: Float64Array, count: number): void {
    this.exec('inverseMany', input, out, count, true);
  }

  private exec(name: string, input: Float64Array, out: Float64Array, count: number, inverse: boolean): void {
    const where = `ComplexFftPlan1d(${this.n}).${name}`;
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`${where}: count must be a non-negative integer, got ${count}`);
    }
    const len = 2 * this.n * count;
    checkLength(where, 'input', input, len);
    checkLength(where, 'out', out, len);
    refusePartialAliasing(where, input, out);
    const scale = inverse ? 1 / this.n : 1;
    const { bufA, bufB } = this;
    transformRows(this.kernel, input, 0, out, 0, count, this.block, bufA, bufB, inverse, scale);
  }
}

const plan1dCache = new Map<number, ComplexFftPlan1d>();

/** Checks a transform length: a positive safe integer. */
export function checkFftLength(where: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 26) {
    throw new RangeError(`${where}: length must be an integer in 1..2^26, got ${n}`);
  }
}

/** The cached 1-D complex FFT plan for length n (built on first use in this thread). */
export function complexFftPlan1d(n: number): ComplexFftPlan1d {
  let plan = plan1dCache.get(n);
  if (plan === undefined) {
    checkFftLength('complexFftPlan1d', n);
    plan = new Plan1d(n);
    plan1dCache.set(n, plan);
  }
  return plan;
}

/** Drops the cached 1-D plans (part of `clearFftPlanCache`). */
export function clearPlan1dCache(): void {
  plan1dCache.clear();
}
