/**
 * A binary mask of the grid points near atoms: servalcat's model mask (`mask_points_in_constant_radius`, radius
 * 3 Å by default), used to restrict the B-factor refinement target and to measure map–model correlation.
 * The grid is periodic like the model-map simulation (an atom near a face marks points across it).
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';

export interface MaskGrid {
  readonly shapeZyx: ShapeZyx;
  readonly voxelSizeXyzA: Xyz;
  readonly originXyzA: Xyz;
}

/**
 * 1 at every grid point closer than `radiusA` (strictly) to one of the points (x, y, z)[i] for i in `indices`
 * (all when null), else 0; C order [z][y][x]. Coordinates in Å, placed through the grid's origin and voxel size.
 */
export function maskAroundPoints(
  grid: MaskGrid,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
  indices: ArrayLike<number> | null,
  radiusA: number,
): Uint8Array {
  const [nz, ny, nx] = grid.shapeZyx;
  const [sx, sy, sz] = grid.voxelSizeXyzA;
  const [ox, oy, oz] = grid.originXyzA;
  const mask = new Uint8Array(nx * ny * nz);
  const r2 = radiusA * radiusA;
  const count = indices === null ? x.length : indices.length;
  const hx = Math.min(Math.ceil(radiusA / sx), nx);
  const hy = Math.min(Math.ceil(radiusA / sy), ny);
  const hz = Math.min(Math.ceil(radiusA / sz), nz);
  for (let k = 0; k < count; k++) {
    const i = indices === null ? k : indices[k];
    const gx = (x[i] - ox) / sx;
    const gy = (y[i] - oy) / sy;
    const gz = (z[i] - oz) / sz;
    const cx = Math.round(gx);
    const cy = Math.round(gy);
    const cz = Math.round(gz);
    for (let w = cz - hz; w <= cz + hz; w++) {
      const dz = (w - gz) * sz;
      const dz2 = dz * dz;
      if (dz2 >= r2) continue;
      const zi = (((w % nz) + nz) % nz) * ny;
      for (let v = cy - hy; v <= cy + hy; v++) {
        const dy = (v - gy) * sy;
        const dyz2 = dz2 + dy * dy;
        if (dyz2 >= r2) continue;
        const row = (zi + (((v % ny) + ny) % ny)) * nx;
        for (let u = cx - hx; u <= cx + hx; u++) {
          const dx = (u - gx) * sx;
          if (dyz2 + dx * dx < r2) mask[row + (((u % nx) + nx) % nx)] = 1;
        }
      }
    }
  }
  return mask;
}
