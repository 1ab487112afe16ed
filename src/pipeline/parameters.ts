/**
 * LocScale 2.0's automatic parameters (spec §2.4, §2.8, §2.9): window size, Nyquist, the global Wilson cutoff.
 */
import { roundHalfEven, roundUpToEven } from '../core/rounding.js';
import type { ShapeZyx } from '../core/vec.js';

/** Window edge in voxels: round_up_to_even(25 Å / apix), or the user's value rounded up to even (spec §2.4). */
export function windowSizeVoxels(apixA: number, userWindow?: number): number {
  return userWindow !== undefined ? roundUpToEven(Math.trunc(userWindow)) : roundUpToEven(25 / apixA);
}

/** `nyquist` = (round(20·apix) + 1)/10 Å, with Python's banker's rounding (spec §2.9). */
export function nyquistA(apixA: number): number {
  return (roundHalfEven(20 * apixA) + 1) / 10;
}

/**
 * Global Wilson cutoff (spec §2.8, after Singer): V = (voxels ≥ 0.99)·apix³ Å³, MW = 0.8 Da/Å³·V,
 * f_W = 0.309·MW^(−1/12) 1/Å, d_W = 1/f_W Å.
 */
export function wilsonCutoffA(maskRaw: ArrayLike<number>, apixA: number): number {
  let count = 0;
  for (let i = 0; i < maskRaw.length; i++) if (maskRaw[i] >= 0.99) count++;
  const molecularWeightDa = 0.8 * count * apixA ** 3;
  return 1 / (0.309 * molecularWeightDa ** (-1 / 12));
}

/**
 * True when a mask voxel lies within half a window of the box edge on any axis: then the maps are padded by wn/2
 * per side (spec §2.4, `check_for_window_bleeding`: a coordinate < wn/2 or > n − wn/2).
 */
export function windowBleeds(mask: ArrayLike<number>, shapeZyx: ShapeZyx, wn: number): boolean {
  const [nz, ny, nx] = shapeZyx;
  const h = wn / 2;
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        if (z < h || y < h || x < h || z > nz - h || y > ny - h || x > nx - h) return true;
      }
  return false;
}
