/**
 * What a (checked) MRC header means in space: the axis order, the grid in x/y/z, voxel size and origin.
 *
 * MRC stores columns fastest, then rows, then sections; MAPC/MAPR/MAPS (words 17–19) say which spatial axis
 * (1 = X, 2 = Y, 3 = Z) each of them is. Counts (NX, NY, NZ) and starts (NXSTART, …) follow that file order
 * (`...Crs`), while sampling (MX, MY, MZ), cell (CELLA) and ORIGIN are along X, Y, Z (`...Xyz`). Every
 * conversion goes through `crsToXyz`.
 *
 * These functions assume a header that passed the error rules of `checkMrcHeader` (defined mode, positive
 * grid, axis mapping a permutation of 1, 2, 3).
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';
import type { Crs, MrcHeader } from './mrc-header.js';
import { MRC_HEADER_BYTES } from './mrc-header.js';
import { MRC_READ_MODES } from './mrc-modes.js';

/** MAPC, MAPR, MAPS: the spatial axis (1 = X, 2 = Y, 3 = Z) of columns, rows, sections. */
export function mapCrs(header: MrcHeader): Crs {
  return [header.mapc, header.mapr, header.maps];
}

/** True when `map` is a permutation of 1, 2, 3. */
export function isAxisPermutation(map: Crs): boolean {
  return (
    map[0] !== map[1] &&
    map[1] !== map[2] &&
    map[0] !== map[2] &&
    map.every((a) => a === 1 || a === 2 || a === 3)
  );
}

/** Reorders a column/row/section triple into x/y/z: `xyz[mapCrs[i] − 1] = crs[i]`. */
export function crsToXyz(crs: Crs, map: Crs): Xyz {
  const xyz = [0, 0, 0];
  for (let i = 0; i < 3; i++) xyz[map[i] - 1] = crs[i];
  return [xyz[0], xyz[1], xyz[2]];
}

/** NX, NY, NZ (column/row/section counts). */
export function gridCrs(header: MrcHeader): Crs {
  return [header.nx, header.ny, header.nz];
}

/** NXSTART, NYSTART, NZSTART (column/row/section order, despite the names). */
export function startCrs(header: MrcHeader): Crs {
  return [header.nxstart, header.nystart, header.nzstart];
}

/** Number of voxels along x, y, z. */
export function mrcGridXyz(header: MrcHeader): Xyz {
  return crsToXyz(gridCrs(header), mapCrs(header));
}

/** Array shape of the normalised volume, `[nz, ny, nx]` in spatial axes. */
export function mrcShapeZyx(header: MrcHeader): ShapeZyx {
  const g = mrcGridXyz(header);
  return [g[2], g[1], g[0]];
}

/** MX, MY, MZ; an axis whose sampling is not positive falls back to the grid size along it (`mrc.sampling`). */
export function mrcSamplingXyz(header: MrcHeader): Xyz {
  const grid = mrcGridXyz(header);
  const m = [header.mx, header.my, header.mz];
  return [m[0] > 0 ? m[0] : grid[0], m[1] > 0 ? m[1] : grid[1], m[2] > 0 ? m[2] : grid[2]];
}

/** Å per voxel along x, y, z: CELLA / (MX, MY, MZ), the sampling, not the column count (as mrcfile). */
export function mrcVoxelSizeXyzA(header: MrcHeader): Xyz {
  const m = mrcSamplingXyz(header);
  return [header.cella[0] / m[0], header.cella[1] / m[1], header.cella[2] / m[2]];
}

/** True when any ORIGIN component (words 50–52) is non-zero. */
export function hasOrigin(header: MrcHeader): boolean {
  return header.origin[0] !== 0 || header.origin[1] !== 0 || header.origin[2] !== 0;
}

/** True when any of NXSTART, NYSTART, NZSTART is non-zero. */
export function hasStart(header: MrcHeader): boolean {
  return header.nxstart !== 0 || header.nystart !== 0 || header.nzstart !== 0;
}

/**
 * Å position of voxel (0, 0, 0): ORIGIN when it is non-zero, else the start indices (permuted to x/y/z)
 * times the voxel size (architecture.md, "Coordinates"; what ChimeraX does).
 */
export function mrcOriginXyzA(header: MrcHeader): Xyz {
  if (hasOrigin(header)) return header.origin;
  const start = crsToXyz(startCrs(header), mapCrs(header));
  const v = mrcVoxelSizeXyzA(header);
  return [start[0] * v[0], start[1] * v[1], start[2] * v[2]];
}

/** Byte offset of the data block: main header plus extended header (NSYMBT, word 24). */
export function mrcDataOffset(header: MrcHeader): number {
  return MRC_HEADER_BYTES + header.nsymbt;
}

/**
 * Length of the data block in bytes, NX · NY · NZ · bytes per voxel, as a JS number (exact below 2⁵³; plain
 * multiplication, never `| 0`, so maps past 2 GiB do not wrap). Assumes a mode LocScale-TS reads.
 */
export function mrcDataByteLength(header: MrcHeader): number {
  const mode = MRC_READ_MODES.get(header.mode);
  const bytes = mode === undefined ? 0 : mode.bytesPerVoxel;
  return header.nx * header.ny * header.nz * bytes;
}
