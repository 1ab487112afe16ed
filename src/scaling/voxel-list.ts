/**
 * The voxels LocScale rescales (spec §6.1): every voxel with mask ≠ 0 whose window fits in the box,
 * wn/2 ≤ index < n − wn/2 on every axis, in C order (z slowest). Voxels not listed stay 0 in the output.
 *
 * They are grouped by row (z, y): a worker always takes whole rows, which is what makes results independent of
 * the number of workers (the sliding window re-anchors per row, see sliding-spectrum.ts).
 */
import type { ShapeZyx } from '../core/vec.js';

export interface VoxelRows {
  /** Flat C-order index of every listed voxel, increasing. */
  readonly voxels: Int32Array;
  /** Start of each row's voxels in `voxels`; row r holds voxels[rowStart[r] … rowStart[r + 1]). */
  readonly rowStart: Int32Array;
}

export function scalingVoxelRows(mask: ArrayLike<number>, shapeZyx: ShapeZyx, wn: number): VoxelRows {
  const [nz, ny, nx] = shapeZyx;
  const h = wn / 2;
  const voxels: number[] = [];
  for (let z = h; z < nz - h; z++)
    for (let y = h; y < ny - h; y++) {
      const row = (z * ny + y) * nx;
      for (let x = h; x < nx - h; x++) if (mask[row + x] !== 0) voxels.push(row + x);
    }
  return rowsOfVoxels(Int32Array.from(voxels), nx);
}

/** Groups increasing flat indices of a map with rows of length `nx` into rows. */
export function rowsOfVoxels(voxels: Int32Array, nx: number): VoxelRows {
  const rowStart: number[] = [];
  let currentRow = -1;
  for (let v = 0; v < voxels.length; v++) {
    const row = Math.floor(voxels[v] / nx);
    if (row !== currentRow) {
      rowStart.push(v);
      currentRow = row;
    }
  }
  rowStart.push(voxels.length);
  return { voxels, rowStart: Int32Array.from(rowStart) };
}

/** Row r of `rows` on a grid of shape [·, ny, nx]: its voxels [begin, end) in `rows.voxels`, and its z and y. */
export function rowAt(
  rows: VoxelRows,
  r: number,
  ny: number,
  nx: number,
): { begin: number; end: number; z: number; y: number } {
  const begin = rows.rowStart[r];
  const zy = Math.floor(rows.voxels[begin] / nx);
  return { begin, end: rows.rowStart[r + 1], z: Math.floor(zy / ny), y: zy % ny };
}

/** Number of rows in a `VoxelRows`. */
export function rowCount(rows: VoxelRows): number {
  return rows.rowStart.length - 1;
}
