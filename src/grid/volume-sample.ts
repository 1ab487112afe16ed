/**
 * Reading a volume at a physical position (Å), through its frame: voxel index = (position − origin) / voxel size
 * along each axis (`volume.ts`). Used to compare maps with atomic models.
 */
import type { Volume } from './volume.js';

/**
 * Value of the voxel nearest to (xA, yA, zA) Å, i.e. at index round((p − origin) / voxel size) on each axis;
 * NaN outside the grid.
 */
export function valueNearestAngstrom(volume: Volume, xA: number, yA: number, zA: number): number {
  const [nz, ny, nx] = volume.shapeZyx;
  const x = Math.round((xA - volume.originXyzA[0]) / volume.voxelSizeXyzA[0]);
  const y = Math.round((yA - volume.originXyzA[1]) / volume.voxelSizeXyzA[1]);
  const z = Math.round((zA - volume.originXyzA[2]) / volume.voxelSizeXyzA[2]);
  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return NaN;
  return volume.data[(z * ny + y) * nx + x];
}

/**
 * Trilinear interpolation at (xA, yA, zA) Å between the eight surrounding voxel centres; NaN outside the box
 * spanned by the first and last voxel centres.
 */
export function valueTrilinearAngstrom(volume: Volume, xA: number, yA: number, zA: number): number {
  const [nz, ny, nx] = volume.shapeZyx;
  const fx = (xA - volume.originXyzA[0]) / volume.voxelSizeXyzA[0];
  const fy = (yA - volume.originXyzA[1]) / volume.voxelSizeXyzA[1];
  const fz = (zA - volume.originXyzA[2]) / volume.voxelSizeXyzA[2];
  if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx <= nx - 1 && fy <= ny - 1 && fz <= nz - 1)) return NaN;
  // Lower corner, kept one below the last index so the upper corner exists (weights make it exact at the edge).
  const x0 = Math.min(Math.floor(fx), Math.max(nx - 2, 0));
  const y0 = Math.min(Math.floor(fy), Math.max(ny - 2, 0));
  const z0 = Math.min(Math.floor(fz), Math.max(nz - 2, 0));
  const x1 = Math.min(x0 + 1, nx - 1);
  const y1 = Math.min(y0 + 1, ny - 1);
  const z1 = Math.min(z0 + 1, nz - 1);
  const tx = fx - x0;
  const ty = fy - y0;
  const tz = fz - z0;
  const d = volume.data;
  const r00 = (z0 * ny + y0) * nx; // row starts: (z, y) = (z0, y0), (z0, y1), (z1, y0), (z1, y1)
  const r01 = (z0 * ny + y1) * nx;
  const r10 = (z1 * ny + y0) * nx;
  const r11 = (z1 * ny + y1) * nx;
  const c00 = d[r00 + x0] * (1 - tx) + d[r00 + x1] * tx;
  const c01 = d[r01 + x0] * (1 - tx) + d[r01 + x1] * tx;
  const c10 = d[r10 + x0] * (1 - tx) + d[r10 + x1] * tx;
  const c11 = d[r11 + x0] * (1 - tx) + d[r11 + x1] * tx;
  const c0 = c00 * (1 - ty) + c01 * ty;
  const c1 = c10 * (1 - ty) + c11 * ty;
  return c0 * (1 - tz) + c1 * tz;
}
