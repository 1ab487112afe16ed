/**
 * The spherical region LocScale's FDR code tests (`mapUtil.makeCircularMask`, spec §2.5.3), quirks included:
 * - the radius is R = ⌊max(nz, ny, nx)/2⌋ voxels (so for a non-cubic box the sphere leaves the shorter axes);
 * - each axis's coordinates are numpy's `linspace(−⌊n/2⌋, −⌊n/2⌋ + n, n)`, i.e. steps of n/(n − 1), not 1;
 * - a voxel is inside when 0 < √(c_z² + c_y² + c_x²) ≤ R (the test is literal, in that order of operations).
 */
import type { ShapeZyx } from '../core/vec.js';

/** numpy `linspace(−⌊n/2⌋, −⌊n/2⌋ + n, n)`: start + i·step with step = n/(n − 1), the last value exactly the stop. */
export function locscaleSphereAxis(n: number): Float64Array {
  const start = 0 - Math.floor(n / 2); // +0 for n = 1 (Python ints have no −0)
  const stop = start + n;
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

/** The sphere radius R = ⌊max(n)/2⌋ in voxels. */
export function locscaleSphereRadius(shapeZyx: ShapeZyx): number {
  return Math.floor(Math.max(shapeZyx[0], shapeZyx[1], shapeZyx[2]) / 2);
}

/** Per-axis squared coordinates and the radius, for kernels that walk the grid themselves. */
export interface LocscaleSphere {
  readonly z2: Float64Array;
  readonly y2: Float64Array;
  readonly x2: Float64Array;
  readonly radius: number;
}

export function locscaleSphere(shapeZyx: ShapeZyx): LocscaleSphere {
  const sq = (a: Float64Array): Float64Array => a.map((v) => v * v);
  return {
    z2: sq(locscaleSphereAxis(shapeZyx[0])),
    y2: sq(locscaleSphereAxis(shapeZyx[1])),
    x2: sq(locscaleSphereAxis(shapeZyx[2])),
    radius: locscaleSphereRadius(shapeZyx),
  };
}

/** True when the voxel with squared-coordinate sum (z² + y²) + x² lies in the sphere (0 < d ≤ R). */
export function insideLocscaleSphere(sumOfSquares: number, radius: number): boolean {
  const d = Math.sqrt(sumOfSquares);
  return d > 0 && d <= radius;
}

/** The number of voxels in the sphere. */
export function locscaleSphereCount(shapeZyx: ShapeZyx): number {
  const { z2, y2, x2, radius } = locscaleSphere(shapeZyx);
  let n = 0;
  for (let z = 0; z < z2.length; z++) {
    for (let y = 0; y < y2.length; y++) {
      const szy = z2[z] + y2[y];
      for (let x = 0; x < x2.length; x++) {
        const d = Math.sqrt(szy + x2[x]);
        if (d > 0 && d <= radius) n++;
      }
    }
  }
  return n;
}

/** The sphere as a 0/1 array in C order [z][y][x] (for inspection and tests; kernels test voxels on the fly). */
export function locscaleSphereMask(shapeZyx: ShapeZyx): Uint8Array {
  const { z2, y2, x2, radius } = locscaleSphere(shapeZyx);
  const out = new Uint8Array(shapeZyx[0] * shapeZyx[1] * shapeZyx[2]);
  let i = 0;
  for (let z = 0; z < z2.length; z++) {
    for (let y = 0; y < y2.length; y++) {
      const szy = z2[z] + y2[y];
      for (let x = 0; x < x2.length; x++, i++) {
        const d = Math.sqrt(szy + x2[x]);
        if (d > 0 && d <= radius) out[i] = 1;
      }
    }
  }
  return out;
}
