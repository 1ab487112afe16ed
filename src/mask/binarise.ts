/** Binarising a confidence map (or any map) into a 0/1 mask. */
import type { RealGrid, Volume } from '../grid/volume.js';

/**
 * 1 where value ≥ `threshold`, else 0, as a float32 volume on the same grid (LocScale's
 * `binarise_map(..., threshold_type='gteq')`). LocScale cuts the FDR confidence map at 0.99 (spec §2.5.6–7), and
 * user masks at 0.5. Note that `fdrConfidenceMap` already returns its mask decided on float64 values; cutting
 * its float32 `confidence` here can differ for values within float32 rounding of the threshold, which is what the
 * original does for the steps that re-read the saved raw map (Wilson cutoff, pseudo-atom count).
 */
export function binariseConfidence(grid: RealGrid, threshold = 0.99): Volume {
  const src = grid.data;
  const data = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) if (src[i] >= threshold) data[i] = 1;
  return { data, shapeZyx: grid.shapeZyx, voxelSizeXyzA: grid.voxelSizeXyzA, originXyzA: grid.originXyzA };
}

/** The number of voxels with value ≥ `threshold`. */
export function countAtLeast(data: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] >= threshold) n++;
  return n;
}
