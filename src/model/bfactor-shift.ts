/**
 * LocScale's B-factor shift after refinement (spec §3.4, `shift_bfactors_by_probability` with threshold 0.01 and
 * minimum 0): the B-factors are lowered by their 1 % quantile, estimated from a Gaussian kernel density estimate.
 *
 * 1. KDE of all B values as scipy's `gaussian_kde(b, bw_method='silverman')`: kernel standard deviation
 *    h = σ·(3n/4)^{−1/5}, σ² the unbiased sample variance (ddof 1).
 * 2. CDF(x) = (1/n)·Σᵢ [Φ((x − bᵢ)/h) − Φ((b_min − bᵢ)/h)] (`integrate_box_1d(b_min, x)`: the mass below b_min
 *    is ignored), on the 1000 points x_k = `linspace(b_min, b_max, 1000)`.
 * 3. If the threshold p lies strictly between min CDF and max CDF, x_p = linear interpolation of x at CDF = p
 *    (scipy `interp1d(cdf, x)`: the bracketing points are the first k with CDF_k ≥ p and k − 1); else x_p = 0.
 * 4. x_p < minimum → minimum; every B ← max(B − x_p, minimum).
 *
 * The CDF is monotone in x, so only the grid points of the bisection that brackets p are evaluated (≈ 12 of the
 * 1000): the result is the same as evaluating all of them, at O(n log 1000) instead of O(1000·n).
 * A single value or values that are all equal (spread below 1e-9 of their magnitude) have no KDE (scipy raises on
 * the singular covariance): the shift is then the minimum and `degenerate` is true.
 */
import { UserError } from '../core/errors.js';
import { standardNormalCdf } from '../core/erf.js';

/** Number of CDF points between min and max B (the original's `compute_cdf` default). */
export const KDE_CDF_POINTS = 1000;

export interface BFactorShiftResult {
  /** The shifted B-factors (Å²), one per input value. */
  readonly bIsoA2: Float64Array;
  /** The quantile x_p that was subtracted (Å²), after clamping to the minimum. */
  readonly shiftA2: number;
  /** The KDE kernel standard deviation h (Å²); 0 when degenerate. */
  readonly bandwidthA2: number;
  /** True when the KDE could not be formed (fewer than two values, or zero variance): no shift. */
  readonly degenerate: boolean;
}

/** scipy `gaussian_kde(…, bw_method='silverman')` in one dimension: the kernel standard deviation. */
export function silvermanBandwidth(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const variance = ss / (n - 1);
  const factor = Math.pow(0.75 * n, -0.2);
  return Math.sqrt(variance) * factor;
}

/** `linspace(lo, hi, count)` element k, as numpy computes it (the last element is `hi` exactly). */
export function linspaceAt(lo: number, hi: number, count: number, k: number): number {
  if (k === count - 1) return hi;
  return lo + k * ((hi - lo) / (count - 1));
}

/** Beyond this many bandwidths a kernel's CDF is 0 or 1 to within 1e-23 (Φ(−10) ≈ 7.6e-24). */
const KERNEL_REACH = 10;

/**
 * Σᵢ Φ((x − bᵢ)/h) / n for sorted values: values below x − 10h count 1, values above x + 10h count 0, the rest
 * are evaluated (an error below 1e-23 per value).
 */
function kdeMassBelow(sorted: Float64Array, h: number, x: number): number {
  const lo = lowerBound(sorted, x - KERNEL_REACH * h);
  const hi = lowerBound(sorted, x + KERNEL_REACH * h);
  let s = 0;
  for (let i = lo; i < hi; i++) s += standardNormalCdf((x - sorted[i]) / h);
  return (lo + s) / sorted.length;
}

/** True when the values have no spread a KDE can use (n < 2, or h ≤ 1e-9 of the mean magnitude). */
function isDegenerate(n: number, h: number, sorted: Float64Array): boolean {
  if (n < 2) return true;
  const scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]), 1);
  return !(h > 1e-9 * scale);
}

/** First index i with sorted[i] ≥ v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m] < v) a = m + 1;
    else b = m;
  }
  return a;
}

/** The KDE's CDF from b_min to x: scipy `gaussian_kde.integrate_box_1d(b_min, x)` with Silverman's bandwidth. */
export function kdeCdfFromMinimum(values: ArrayLike<number>, x: number): number {
  const sorted = Float64Array.from(values).sort();
  const h = silvermanBandwidth(sorted);
  if (isDegenerate(sorted.length, h, sorted)) return 0;
  return kdeMassBelow(sorted, h, x) - kdeMassBelow(sorted, h, sorted[0]);
}

/**
 * The p-quantile x_p of the KDE of `values` as LocScale computes it (steps 1–3 of the file comment), without the
 * clamp; 0 when p is outside (min CDF, max CDF); null when the KDE is degenerate.
 */
export function kdeQuantileLocscale(values: ArrayLike<number>, probability: number): number | null {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const h = silvermanBandwidth(sorted);
  if (isDegenerate(n, h, sorted)) return null;
  const bMin = sorted[0];
  const bMax = sorted[n - 1];
  const base = kdeMassBelow(sorted, h, bMin);
  const cache = new Map<number, number>();
  const cdfAt = (k: number): number => {
    let v = cache.get(k);
    if (v === undefined) {
      // integrate_box_1d(b_min, x_0) is exactly 0 (equal limits).
      v = k === 0 ? 0 : kdeMassBelow(sorted, h, linspaceAt(bMin, bMax, KDE_CDF_POINTS, k)) - base;
      cache.set(k, v);
    }
    return v;
  };
  const last = KDE_CDF_POINTS - 1;
  // min CDF = CDF(x_0) = 0 and max CDF = CDF(x_last) (the CDF is non-decreasing).
  if (!(probability > cdfAt(0) && probability < cdfAt(last))) return 0;
  // interp1d: hi = first k with CDF_k ≥ p (searchsorted 'left'), clipped to [1, last]; lo = hi − 1.
  let a = 0;
  let b = last;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cdfAt(m) < probability) a = m + 1;
    else b = m;
  }
  const hi = Math.min(Math.max(a, 1), last);
  const lo = hi - 1;
  const c0 = cdfAt(lo);
  const c1 = cdfAt(hi);
  const x0 = linspaceAt(bMin, bMax, KDE_CDF_POINTS, lo);
  const x1 = linspaceAt(bMin, bMax, KDE_CDF_POINTS, hi);
  return x0 + ((probability - c0) * (x1 - x0)) / (c1 - c0);
}

/**
 * LocScale's B shift (spec §3.4): B ← max(B − x_p, minimum) with x_p the `probability` quantile of the Gaussian
 * KDE of the B-factors (clamped to ≥ minimum). Defaults are LocScale's call: probability 0.01, minimum 0 Å².
 */
export function shiftBFactorsByProbability(
  bIsoA2: ArrayLike<number>,
  probability = 0.01,
  minimumBA2 = 0,
): BFactorShiftResult {
  for (let i = 0; i < bIsoA2.length; i++) {
    if (!Number.isFinite(bIsoA2[i])) {
      throw new UserError(`B-factor shift: B-factor ${i} is ${bIsoA2[i]}; every B must be a finite number.`);
    }
  }
  if (!(probability > 0 && probability < 1)) {
    throw new UserError(`B-factor shift: the probability must lie in (0, 1), got ${probability}.`);
  }
  const quantile = kdeQuantileLocscale(bIsoA2, probability);
  const degenerate = quantile === null;
  const shift = Math.max(quantile ?? 0, minimumBA2);
  const out = new Float64Array(bIsoA2.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(bIsoA2[i] - shift, minimumBA2);
  return {
    bIsoA2: out,
    shiftA2: shift,
    bandwidthA2: degenerate ? 0 : silvermanBandwidth(bIsoA2),
    degenerate,
  };
}
