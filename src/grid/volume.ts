/**
 * The Volume: a 3-D map in C order `[z][y][x]` (x fastest) with its physical frame.
 *
 * Voxel (i, j, k) = (x, y, z index) sits at `originXyzA + (i, j, k) * voxelSizeXyzA` Å. Model and map meet only
 * through that mapping (architecture.md, "Coordinates").
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';
import { shapeEquals, voxelCount, formatShape } from '../core/vec.js';
import { UserError } from '../core/errors.js';

export interface VolumeFrame {
  /** Å per voxel along x, y, z. */
  readonly voxelSizeXyzA: Xyz;
  /** Å position of voxel (0, 0, 0) along x, y, z. */
  readonly originXyzA: Xyz;
}

/**
 * A real-valued grid with its frame, in single or double precision. Fourier-space analysis (spectra/) accepts
 * this, so float64 intermediates need no rounding to float32.
 */
export interface RealGrid extends VolumeFrame {
  /** Values in C order [z][y][x]. */
  readonly data: Float32Array | Float64Array;
  readonly shapeZyx: ShapeZyx;
}

/** The stored form of every map: float32 values in C order [z][y][x]; may be backed by a SharedArrayBuffer. */
export interface Volume extends RealGrid {
  readonly data: Float32Array;
}

/** A new zero-filled volume; `shared` allocates over a SharedArrayBuffer (for worker pools). */
export function createVolume(
  shapeZyx: ShapeZyx,
  frame: VolumeFrame,
  options: { shared?: boolean } = {},
): Volume {
  const n = voxelCount(shapeZyx);
  const data = options.shared
    ? new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT))
    : new Float32Array(n);
  return { data, shapeZyx, voxelSizeXyzA: frame.voxelSizeXyzA, originXyzA: frame.originXyzA };
}

/** A volume with the same shape and frame as `like`, holding `data` (length checked). */
export function volumeLike(like: Volume, data: Float32Array): Volume {
  if (data.length !== like.data.length) {
    throw new RangeError(`volumeLike: data length ${data.length} ≠ ${like.data.length}`);
  }
  return { data, shapeZyx: like.shapeZyx, voxelSizeXyzA: like.voxelSizeXyzA, originXyzA: like.originXyzA };
}

/** Flat index of voxel (z, y, x); no bounds check (caller guarantees 0 ≤ index < n on each axis). */
export function indexQ(shapeZyx: ShapeZyx, z: number, y: number, x: number): number {
  return (z * shapeZyx[1] + y) * shapeZyx[2] + x;
}

/** Mean of the three voxel sizes: LocScale 2.0's single "apix" (spec §0.1, §12 item 1). */
export function meanVoxelSizeA(volume: VolumeFrame): number {
  const [x, y, z] = volume.voxelSizeXyzA;
  return (x + y + z) / 3;
}

/** True when the voxel is (nearly) cubic: the three sizes agree to `relTol`. */
export function hasCubicVoxels(volume: VolumeFrame, relTol = 1e-4): boolean {
  const [x, y, z] = volume.voxelSizeXyzA;
  const m = (x + y + z) / 3;
  return Math.abs(x - m) <= relTol * m && Math.abs(y - m) <= relTol * m && Math.abs(z - m) <= relTol * m;
}

/**
 * Throws a `UserError` unless `b` lies on the same grid as `a` (shape, voxel size, origin).
 * `what` names the two maps for the message, e.g. ['map', 'mask'].
 */
export function requireSameGrid(a: RealGrid, b: RealGrid, what: readonly [string, string]): void {
  if (!shapeEquals(a.shapeZyx, b.shapeZyx)) {
    throw new UserError(
      `the ${what[1]} (${formatShape(b.shapeZyx)}) is not on the same grid as the ${what[0]} ` +
        `(${formatShape(a.shapeZyx)}); resample it onto the ${what[0]}'s grid first (e.g. ChimeraX "volume resample").`,
    );
  }
  for (let i = 0; i < 3; i++) {
    const va = a.voxelSizeXyzA[i];
    const vb = b.voxelSizeXyzA[i];
    if (Math.abs(va - vb) > 1e-3 * va) {
      throw new UserError(
        `the ${what[1]}'s voxel size (${b.voxelSizeXyzA.join(', ')} Å) differs from the ${what[0]}'s ` +
          `(${a.voxelSizeXyzA.join(', ')} Å); resample it onto the ${what[0]}'s grid first.`,
      );
    }
  }
}

/** Physical position (Å) of voxel (x, y, z) index. */
export function voxelToAngstrom(
  volume: VolumeFrame,
  x: number,
  y: number,
  z: number,
  out: number[],
): number[] {
  out[0] = volume.originXyzA[0] + x * volume.voxelSizeXyzA[0];
  out[1] = volume.originXyzA[1] + y * volume.voxelSizeXyzA[1];
  out[2] = volume.originXyzA[2] + z * volume.voxelSizeXyzA[2];
  return out;
}
