/** Small fixed-length tuples used for shapes, voxel sizes and coordinates. */

/** A grid shape in array order `[nz, ny, nx]` (x fastest). */
export type ShapeZyx = readonly [nz: number, ny: number, nx: number];

/** A triple in x, y, z order (coordinates in Å, voxel sizes in Å, ...). */
export type Xyz = readonly [x: number, y: number, z: number];

export function shapeEquals(a: ShapeZyx, b: ShapeZyx): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

export function voxelCount(shape: ShapeZyx): number {
  return shape[0] * shape[1] * shape[2];
}

export function formatShape(shape: ShapeZyx): string {
  return `${shape[2]}×${shape[1]}×${shape[0]} (x×y×z)`;
}
