/**
 * False-discovery-rate adjustment of p-values, as LocScale's FDR code does it (`FDRutil.pAdjust`, spec §2.5.5).
 *
 * Sort the n p-values ascending; walking from the largest rank i = n down to 1,
 * q₍ᵢ₎ = min(q₍ᵢ₊₁₎, p₍ᵢ₎·(n/i)·Hₙ) for Benjamini–Yekutieli and min(q₍ᵢ₊₁₎, p₍ᵢ₎·n/i) for Benjamini–Hochberg,
 * with q₍ₙ₊₁₎ = 1. Hₙ is the original's series approximation of the harmonic number (`harmonicNumberLocscale`).
 * The floating-point operations are done in the original's order, so results agree to the last bit or two.
 *
 * Ties: all p-values that are equal get the same q whatever order a sort puts them in (the running minimum
 * reaches the tie group at its highest rank, whose candidate value is the smallest of the group), so q is a
 * function of the p-value alone and numpy's unstable argsort and our stable radix sort give the same answer.
 */
import { sortNonNegativeWithPayload } from './radix-sort.js';

export type FdrMethod = 'BY' | 'BH';

/**
 * LocScale's approximation of the harmonic number H_n = Σ 1/k:
 * ln n + 0.5772 + 1/(2n) − 1/(12n²) + 1/(120n⁴), with the integer powers formed exactly (as Python's ints are)
 * and rounded once.
 */
export function harmonicNumberLocscale(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`harmonicNumberLocscale: n must be a positive integer, got ${n}`);
  const b = BigInt(n);
  return Math.log(n) + 0.5772 + 0.5 / n - 1.0 / Number(12n * b * b) + 1.0 / Number(120n * b * b * b * b);
}

/**
 * Replaces `sorted` (ascending p-values, the `sorted.length` smallest of `nTotal` tests) by their adjusted
 * values, in place. The `nTotal − sorted.length` tests not given must have adjusted values ≥ 1 (so their
 * running minimum is the starting value 1); `fdrPValueCutoff` gives a bound that guarantees it.
 */
export function adjustSortedInPlace(sorted: Float64Array, nTotal: number, method: FdrMethod): void {
  const m = sorted.length;
  if (m > nTotal) throw new RangeError(`adjustSortedInPlace: ${m} p-values for ${nTotal} tests`);
  if (m === 0) return;
  let prev = 1.0;
  if (method === 'BY') {
    const hn = harmonicNumberLocscale(nTotal);
    for (let i = m - 1; i >= 0; i--) {
      const v = sorted[i] * (nTotal / (i + 1.0)) * hn;
      // Python's min(prev, v): keeps prev unless v < prev
      if (v < prev) prev = v;
      sorted[i] = prev;
    }
  } else {
    for (let i = m - 1; i >= 0; i--) {
      const v = (sorted[i] * nTotal) / (i + 1.0);
      if (v < prev) prev = v;
      sorted[i] = prev;
    }
  }
}

/**
 * The smallest p-value c such that every p ≥ c has an adjusted value ≥ 1 exactly (in floating point, for any
 * rank), so it can be left out of the sort: its q is 1. BY: the least c with fl(c·Hₙ) ≥ 1 (because
 * fl(p·fl(n/i)) ≥ p and rounding is monotone). BH: 1 (p = 1, the right-sided test's t < 0).
 */
export function fdrPValueCutoff(nTotal: number, method: FdrMethod): number {
  if (method === 'BH') return 1;
  const hn = harmonicNumberLocscale(nTotal);
  let c = 1 / hn;
  while (c * hn < 1) c += c * Number.EPSILON;
  return c;
}

/**
 * FDR-adjusted p-values (q-values) in the order of `p`: LocScale's `pAdjust` with 'BY' (Benjamini–Yekutieli,
 * LocScale's default) or 'BH' (Benjamini–Hochberg). p-values must lie in [0, 1].
 */
export function pAdjust(p: ArrayLike<number>, method: FdrMethod): Float64Array {
  const n = p.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const sorted = new Float64Array(n);
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = p[i];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`pAdjust: p[${i}] = ${v} is not a p-value in [0, 1]`);
    sorted[i] = v + 0; // −0 → +0
    index[i] = i;
  }
  sortNonNegativeWithPayload(sorted, index);
  adjustSortedInPlace(sorted, n, method);
  for (let k = 0; k < n; k++) out[index[k]] = sorted[k];
  return out;
}
