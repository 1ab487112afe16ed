/**
 * Map statistics accumulated in float64.
 */

export interface Moments {
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** True where the mask counts: value ≥ `threshold` (LocScale binarises masks at ≥ 0.5). */
export type MaskArray = ArrayLike<number>;

/** Mean, population σ, min and max over all voxels, or over voxels where mask ≥ threshold. */
export function moments(data: ArrayLike<number>, mask: MaskArray | null = null, threshold = 0.5): Moments {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (mask !== null && !(mask[i] >= threshold)) continue;
    const v = data[i];
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < data.length; i++) {
    if (mask !== null && !(mask[i] >= threshold)) continue;
    const d = data[i] - mean;
    ss += d * d;
  }
  return { count: n, mean, std: n > 0 ? Math.sqrt(ss / n) : NaN, min, max };
}

/**
 * Pearson correlation of `a` and `b` over all voxels, or over voxels where mask ≥ threshold.
 * NaN when either has zero variance there.
 */
export function pearson(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  mask: MaskArray | null = null,
  threshold = 0.5,
): number {
  if (a.length !== b.length) throw new RangeError(`pearson: lengths differ (${a.length} vs ${b.length})`);
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask !== null && !(mask[i] >= threshold)) continue;
    n++;
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask !== null && !(mask[i] >= threshold)) continue;
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}
