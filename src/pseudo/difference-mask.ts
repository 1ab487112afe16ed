/**
 * The hybrid mode's difference mask (spec §5.1, LocScale's `find_unmodelled_mask_region`): where the confidence
 * map says there is density but the model has no atom.
 *
 *   D = max((FDR ≥ threshold) − (model mask ≥ 0.5), 0)             integers 0/1
 *   D ← scipy.ndimage.uniform_filter(D, size = averaging window)   on the integer array
 *
 * scipy filters one axis after the other (axis 0 = z first) into an array of the input's integer type, so every
 * pass truncates the running mean to an integer. On a 0/1 array with size 3 the mean is 1 only where all three
 * values are 1: the "averaging" is a binary erosion by a 3×3×3 cube, with the border mode "reflect" (the mask
 * continues mirrored beyond the box: d c b a | a b c d | d c b a). `uniformFilterInteger` reproduces scipy's
 * arithmetic for any size: a running window sum (exact for integers) divided by the size, truncated toward zero
 * after each axis. `test/pseudo/difference-mask.test.ts` checks it against scipy 1.10 (whose running mean is
 * kept as a sum: an older scipy that added (new − old)/size to a running mean would truncate some exact
 * integer means to the integer below).
 */
import type { ShapeZyx } from '../core/vec.js';
import type { RealGrid, Volume } from '../grid/volume.js';
import { requireSameGrid } from '../grid/volume.js';
import { PSEUDO_MASK_THRESHOLD } from './atom-count.js';

/** LocScale's `-avg_w` default. */
export const DEFAULT_AVERAGING_WINDOW = 3;

/** Index into [0, n) of position p on a line extended with scipy's "reflect" mode (half-sample symmetric). */
function reflectIndex(p: number, n: number): number {
  const period = 2 * n;
  let q = p % period;
  if (q < 0) q += period;
  return q < n ? q : period - 1 - q;
}

/**
 * scipy's `uniform_filter(data, size, mode='reflect')` on an integer array: per axis (z, then y, then x) the mean
 * over a window of `size` values (from ⌊size/2⌋ before to size − ⌊size/2⌋ − 1 after), computed as scipy does
 * (a running window sum in float64, divided by the size) and truncated toward zero into the integer output. `size` is one number for all axes
 * or [z, y, x]; size 1 leaves an axis unchanged.
 */
export function uniformFilterInteger(
  data: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  size: number | readonly [number, number, number],
): Int32Array {
  const sizes = typeof size === 'number' ? [size, size, size] : size;
  const [nz, ny, nx] = shapeZyx;
  if (data.length !== nz * ny * nx) {
    throw new RangeError(`uniformFilterInteger: data length ${data.length} ≠ ${nz}·${ny}·${nx}`);
  }
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 1)
      throw new RangeError(`uniformFilterInteger: size must be ≥ 1, got ${s}`);
  }
  let cur = Int32Array.from(data, (v) => Math.trunc(v));
  const strides = [nx * ny, nx, 1];
  for (let axis = 0; axis < 3; axis++) {
    const s = sizes[axis];
    if (s === 1) continue;
    const n = shapeZyx[axis];
    const stride = strides[axis];
    const before = Math.floor(s / 2);
    const line = new Float64Array(n + s - 1);
    const out = new Int32Array(cur.length);
    const outer = cur.length / n;
    // lines along `axis`: every start index with coordinate 0 on that axis
    for (let l = 0; l < outer; l++) {
      const start = axis === 2 ? l * nx : axis === 1 ? Math.floor(l / nx) * nx * ny + (l % nx) : l;
      for (let k = 0; k < line.length; k++) line[k] = cur[start + reflectIndex(k - before, n) * stride];
      let sum = 0;
      for (let k = 0; k < s; k++) sum += line[k];
      out[start] = Math.trunc(sum / s);
      for (let k = 1; k < n; k++) {
        sum += line[k + s - 1] - line[k - 1];
        out[start + k * stride] = Math.trunc(sum / s);
      }
    }
    cur = out;
  }
  return cur;
}

export interface DifferenceMaskResult {
  /** D = max((FDR ≥ threshold) − model mask, 0) as 0/1 (LocScale's `<mask>_difference_mask_binarised.mrc`). */
  readonly binarised: Volume;
  /** D after the integer uniform filter (LocScale's `<mask>_difference_mask.mrc`, the one used afterwards). */
  readonly mask: Volume;
  /** Voxels set in `binarised` and in `mask`. */
  readonly binarisedVoxels: number;
  readonly maskVoxels: number;
}

/**
 * The difference mask of spec §5.1 on the grid of `fdrRaw` (the raw confidence map): `modelMask` (0/1, e.g.
 * `mask/model-mask.ts`'s `modelMask`, binarised here at ≥ 0.5 as the original) on the same grid, FDR cut at
 * `threshold` (0.99), then `uniformFilterInteger` with `averagingWindow` (`-avg_w`, 3).
 */
export function differenceMask(
  fdrRaw: RealGrid,
  modelMask: ArrayLike<number> | RealGrid,
  threshold = PSEUDO_MASK_THRESHOLD,
  averagingWindow: number = DEFAULT_AVERAGING_WINDOW,
): DifferenceMaskResult {
  let model: ArrayLike<number>;
  if ('shapeZyx' in modelMask) {
    requireSameGrid(fdrRaw, modelMask, ['confidence map', 'model mask']);
    model = modelMask.data;
  } else {
    model = modelMask;
  }
  const fdr = fdrRaw.data;
  if (model.length !== fdr.length) {
    throw new RangeError(
      `differenceMask: model mask length ${model.length} ≠ confidence map length ${fdr.length}`,
    );
  }
  const d = new Int32Array(fdr.length);
  let binarisedVoxels = 0;
  for (let i = 0; i < fdr.length; i++) {
    const v = (fdr[i] >= threshold ? 1 : 0) - (model[i] >= 0.5 ? 1 : 0);
    if (v > 0) {
      d[i] = 1;
      binarisedVoxels++;
    }
  }
  const filtered = uniformFilterInteger(d, fdrRaw.shapeZyx, averagingWindow);
  let maskVoxels = 0;
  for (let i = 0; i < filtered.length; i++) if (filtered[i] !== 0) maskVoxels++;
  const frame = {
    shapeZyx: fdrRaw.shapeZyx,
    voxelSizeXyzA: fdrRaw.voxelSizeXyzA,
    originXyzA: fdrRaw.originXyzA,
  };
  return {
    binarised: { ...frame, data: Float32Array.from(d) },
    mask: { ...frame, data: Float32Array.from(filtered) },
    binarisedVoxels,
    maskVoxels,
  };
}
