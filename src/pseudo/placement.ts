/**
 * Initial placement of pseudo-atoms (spec §4.2 "Initial placement", LocScale's `extract_model_from_mask`):
 *
 * 1. the mask with a 2-voxel border set to zero; candidates = voxels whose value is ≥ the threshold (0.99);
 * 2. N distinct candidates drawn uniformly at random;
 * 3. each atom at its voxel plus U(−0.5, 0.5) per axis, drawn x, y, z for each atom in turn.
 *
 * Positions are in voxels with x = column index (the fastest axis), as in the original. The random numbers come
 * from the project's seeded generator (`core/random.ts`), not CPython's `random.sample` over a set (whose order
 * depends on set iteration): the draw is statistically the same, and reproducible from the seed (spec §12 item 15).
 */
import { UserError } from '../core/errors.js';
import { seededRandom } from '../core/random.js';
import type { ShapeZyx } from '../core/vec.js';
import { PSEUDO_MASK_THRESHOLD } from './atom-count.js';

/** Pseudo-atom positions in voxels (x = column index, y = row, z = section), one entry per atom. */
export interface PseudoAtomPositions {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
}

/** LocScale's seed for the placement (`random.seed(42)`, `numpy.random.seed(42)`). */
export const DEFAULT_PSEUDO_SEED = 42;
/** Voxels this close to a face of the box are never candidates. */
export const PLACEMENT_BORDER_VOX = 2;

export interface PlacementOptions {
  /** Candidates are voxels with mask value ≥ this (default 0.99). */
  readonly threshold?: number;
  /** Seed of the random draw (default 42). */
  readonly seed?: number;
}

/** The candidate voxels (flat C-order indices, ascending): value ≥ threshold after zeroing the 2-voxel border. */
export function placementCandidates(
  mask: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  threshold = PSEUDO_MASK_THRESHOLD,
): Int32Array {
  const [nz, ny, nx] = shapeZyx;
  if (mask.length !== nz * ny * nx) {
    throw new RangeError(`placementCandidates: mask length ${mask.length} ≠ ${nz}·${ny}·${nx}`);
  }
  const b = PLACEMENT_BORDER_VOX;
  const out = new Int32Array(mask.length);
  let n = 0;
  for (let z = 0; z < nz; z++) {
    const zIn = z >= b && z < nz - b;
    for (let y = 0; y < ny; y++) {
      const yIn = zIn && y >= b && y < ny - b;
      const row = (z * ny + y) * nx;
      for (let x = 0; x < nx; x++) {
        // the original multiplies the mask by a border of zeros, so a threshold ≤ 0 would admit the border too
        const v = yIn && x >= b && x < nx - b ? mask[row + x] : 0;
        if (v >= threshold) out[n++] = row + x;
      }
    }
  }
  return out.slice(0, n);
}

/**
 * `count` pseudo-atoms placed at distinct random candidate voxels of `mask` (see the module comment).
 * More atoms than candidates is a `UserError`.
 */
export function placePseudoAtoms(
  mask: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  count: number,
  options: PlacementOptions = {},
): PseudoAtomPositions {
  const threshold = options.threshold ?? PSEUDO_MASK_THRESHOLD;
  if (!Number.isInteger(count) || count < 0) {
    throw new UserError(`the number of pseudo-atoms must be a whole number ≥ 0 (got ${count}).`);
  }
  const candidates = placementCandidates(mask, shapeZyx, threshold);
  const k = candidates.length;
  if (count > k) {
    throw new UserError(
      `cannot place ${count} pseudo-atoms: the mask has only ${k} voxels with value ≥ ${threshold} at least ` +
        `${PLACEMENT_BORDER_VOX} voxels from the box edge, and each atom starts in its own voxel. Give a larger ` +
        'mask, a smaller molecular weight (-mw), or a map with smaller voxels.',
    );
  }
  const random = seededRandom(options.seed ?? DEFAULT_PSEUDO_SEED);
  // partial Fisher–Yates: the first `count` entries become a uniform random sample without replacement
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (k - i));
    const t = candidates[i];
    candidates[i] = candidates[j];
    candidates[j] = t;
  }
  const [, ny, nx] = shapeZyx;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const z = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = candidates[i];
    const ix = v % nx;
    const iy = Math.floor(v / nx) % ny;
    const iz = Math.floor(v / (nx * ny));
    x[i] = ix + (random() - 0.5);
    y[i] = iy + (random() - 0.5);
    z[i] = iz + (random() - 0.5);
  }
  return { count, x, y, z };
}
