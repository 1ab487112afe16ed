/**
 * Header statistics of a map (MRC2014 DMIN, DMAX, DMEAN, RMS), accumulated in float64 over the finite values.
 * RMS is the root-mean-square deviation from the mean (the population standard deviation), as MRC2014 and
 * mrcfile define it; two passes, so it stays accurate when the mean is large.
 */

export interface MapStats {
  /** Smallest, largest finite value (±Infinity when there are none). */
  readonly min: number;
  readonly max: number;
  /** Mean and RMS deviation of the finite values (NaN when there are none). */
  readonly mean: number;
  readonly rms: number;
  /** Count of NaN and ±Infinity values, left out of the statistics above. */
  readonly nonFinite: number;
}

export function mapStats(data: Float32Array): MapStats {
  const n = data.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    finite++;
  }
  const mean = finite > 0 ? sum / finite : NaN;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v - v !== 0) continue;
    const d = v - mean;
    sumSq += d * d;
  }
  const rms = finite > 0 ? Math.sqrt(sumSq / finite) : NaN;
  return { min, max, mean, rms, nonFinite: n - finite };
}
