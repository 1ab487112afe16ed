/**
 * Point-group symmetrisation of a map (spec §7; LocScale 2.0 `symmetrize_map.py:symmetrize_map_known_pg`).
 *
 * ## Contract (what `locscale symmetrize IN -sym G -o OUT` calls)
 * `symmetrizeMap(volume, symbol, options)` returns a new `Volume` with the input's shape, voxel size and
 * origin: the average of the map turned by every operator of the group about the box centre, each turned
 * copy made by trilinear interpolation of the centred complex spectrum, with a spherical cutoff at
 * |s| ≤ N/2 + 0.5 (the original's algorithm, `fourier-rotation.ts`). The input is never modified.
 * - Symbols: `pointGroupOperators` (C<n>, D<n>, T, T222, O, I, I1–I4; case-insensitive). Unknown → `UserError`.
 * - `C1` returns an unchanged copy (LocScale only symmetrises when `-sym` ≠ C1).
 * - Operators act on (x, y, z) about the rotation centre, voxel floor(N/2) on each axis (N/2 for even N,
 *   exactly the original's fftshift origin). The Volume's array is [z][y][x]; the permutation is internal.
 * - Voxels must be cubic (the three voxel sizes equal within 0.1 %), else `UserError`: rotating in voxel
 *   units is only a rotation in space for cubic voxels.
 * - Box shape: an even cube of edge N is processed exactly as the original does (no padding). Any other box
 *   (odd edges, non-cubic) is zero-padded to the smallest even cube M ≥ every edge, with voxel floor(n/2) of
 *   each axis placed at M/2 (so the rotation centre stays at floor(n/2) per axis), symmetrised, and cropped
 *   back. Density that the rotations carry out of the input box is lost and the padding brings zeros in,
 *   which is what "the map is zero outside its box" means. (The original does not handle these boxes: its
 *   kernel assumes a cube, and for odd N its fftshift origin is voxel (N+1)/2.)
 * - `oversampling` (default 1 = faithful): pad to an even cube of edge ≥ oversampling × the largest edge
 *   first. Trilinear interpolation of the spectrum damps a turned copy by about sinc²(π·r/N) at distance r
 *   from the centre (0.81 at r = N/4, 0.41 at r = N/2); oversampling 2 cuts that loss to ~0.95 at r = N/4
 *   at 8× the memory and time. An improvement beside the faithful default, never on by default.
 * - Memory: about 24·M³ bytes of float64 work space (a 256³ map: ≈ 0.4 GB) plus input and output.
 * - Progress: `progress.report(done, total, 'symmetrise')` after each operator when the sink asks, and
 *   cancellation (`progress.signal`) is checked between operators (throws `Aborted`).
 */
import { UserError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { checkAborted, noProgress } from '../core/progress.js';
import type { ShapeZyx } from '../core/vec.js';
import type { Volume } from '../grid/volume.js';
import { createVolume } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';
import type { Mat3 } from './mat3.js';
import { rotationDefect3 } from './mat3.js';
import { parsePointGroup, pointGroupOperators } from './point-groups.js';
import {
  accumulateRotatedSpectrum,
  accumulatorLength,
  centredSpectrumFromHalf,
  createPlaneScratch,
  halfSpectrumForInverse,
} from './fourier-rotation.js';

export interface SymmetrizeOptions {
  /** Progress sink and cancellation; reported once per operator. */
  readonly progress?: Progress;
  /**
   * Pad to an even cube of edge ≥ `oversampling` × the largest box edge before symmetrising (1 … 4;
   * default 1, the original's behaviour). See the module doc.
   */
  readonly oversampling?: number;
}

/** Relative tolerance on the three voxel sizes. */
const CUBIC_VOXEL_TOL = 1e-3;

function requireCubicVoxels(volume: Volume): void {
  const [x, y, z] = volume.voxelSizeXyzA;
  const m = (x + y + z) / 3;
  const tol = CUBIC_VOXEL_TOL * m;
  if (!(Math.abs(x - m) <= tol && Math.abs(y - m) <= tol && Math.abs(z - m) <= tol)) {
    throw new UserError(
      `symmetrisation needs cubic voxels, but this map's voxel size is ${x} × ${y} × ${z} Å (x × y × z); ` +
        'resample it to equal voxel sizes first (e.g. ChimeraX "volume resample … spacing").',
    );
  }
}

/** Edge of the even work cube for `shape` and `oversampling`. */
export function symmetrizationCubeEdge(shapeZyx: ShapeZyx, oversampling = 1): number {
  const edge = Math.ceil(Math.max(shapeZyx[0], shapeZyx[1], shapeZyx[2]) * oversampling - 1e-9);
  return edge % 2 === 0 ? edge : edge + 1;
}

/**
 * Symmetrises `volume` under point group `symbol` (module doc for the full contract). Returns a new Volume
 * on the same grid.
 */
export function symmetrizeMap(volume: Volume, symbol: string, options: SymmetrizeOptions = {}): Volume {
  const group = parsePointGroup(symbol);
  if (group.order === 1) {
    const out = createVolume(volume.shapeZyx, volume);
    out.data.set(volume.data);
    return out;
  }
  return symmetrizeMapWithOperators(volume, pointGroupOperators(symbol), options);
}

/**
 * Averages `volume` over the given rotations (each a `Mat3` on column vectors (x, y, z) about the box centre;
 * include the identity). The result is symmetric only if the operators form a group. Runs the full
 * Fourier-space procedure even for a lone identity (which then acts as the spherical low-pass cutoff).
 */
export function symmetrizeMapWithOperators(
  volume: Volume,
  operators: readonly Mat3[],
  options: SymmetrizeOptions = {},
): Volume {
  const progress = options.progress ?? noProgress;
  const oversampling = options.oversampling ?? 1;
  if (!(oversampling >= 1 && oversampling <= 4)) {
    throw new UserError(`oversampling must be between 1 and 4, got ${oversampling}.`);
  }
  if (operators.length === 0) throw new UserError('symmetrisation needs at least one operator.');
  for (let i = 0; i < operators.length; i++) {
    const d = rotationDefect3(operators[i]);
    if (!(d < 1e-6)) {
      throw new UserError(
        `operator ${i + 1} is not a proper rotation matrix (|RᵀR − I|, |det R − 1| up to ${d}).`,
      );
    }
  }
  requireCubicVoxels(volume);
  checkAborted(progress);

  const [nz, ny, nx] = volume.shapeZyx;
  const m = symmetrizationCubeEdge(volume.shapeZyx, oversampling);
  const half = m / 2;
  // input voxel floor(n/2) goes to work voxel m/2 on each axis
  const oz = half - Math.floor(nz / 2);
  const oy = half - Math.floor(ny / 2);
  const ox = half - Math.floor(nx / 2);
  const m3 = m * m * m;

  const plan = realFftPlan3d([m, m, m]);
  // F: the centred spectrum (2·m³); first used to hold the padded real map
  const F = new Float64Array(2 * m3);
  // acc: first the rfftn half spectrum, then the half-space accumulator (same length), then the real output
  const acc = new Float64Array(Math.max(accumulatorLength(m), plan.spectrumLength));

  const real = F.subarray(0, m3);
  const src = volume.data;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const s = (z * ny + y) * nx;
      const d = ((z + oz) * m + (y + oy)) * m + ox;
      for (let x = 0; x < nx; x++) real[d + x] = src[s + x];
    }
  }
  const halfSpectrum = acc.subarray(0, plan.spectrumLength);
  plan.forward(real, halfSpectrum);
  centredSpectrumFromHalf(halfSpectrum, m, F);
  acc.fill(0);

  const scratch = createPlaneScratch(m);
  const total = operators.length;
  for (let i = 0; i < total; i++) {
    accumulateRotatedSpectrum(F, m, operators[i], acc, scratch);
    checkAborted(progress);
    if (progress.shouldReport) progress.report(i + 1, total, 'symmetrise');
  }

  const H = F.subarray(0, plan.spectrumLength);
  halfSpectrumForInverse(acc, m, 1 / total, H);
  const outReal = acc.subarray(0, m3);
  plan.inverseDestroyingInput(H, outReal);

  const out = createVolume(volume.shapeZyx, volume);
  const dst = out.data;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const d = (z * ny + y) * nx;
      const s = ((z + oz) * m + (y + oy)) * m + ox;
      for (let x = 0; x < nx; x++) dst[d + x] = outReal[s + x];
    }
  }
  return out;
}
