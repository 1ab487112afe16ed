/**
 * Loading the user's maps: the full map (or the average of two half maps), its voxel size, and the mask.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { readMap } from '../io/mrc-read.js';
import type { Volume } from '../grid/volume.js';
import { requireSameGrid, volumeLike } from '../grid/volume.js';
import type { RunContext } from './run-context.js';

/** Reads a map, records it as an input (path, sha256, size) and refuses NaN/Inf values. */
export async function readInputMap(path: string, role: string, ctx: RunContext): Promise<Volume> {
  const absolute = resolve(path);
  const { volume } = await readMap(absolute, ctx);
  recordInput(absolute, role, ctx);
  requireFinite(volume, absolute);
  const [nz, ny, nx] = volume.shapeZyx;
  const size = volume.voxelSizeXyzA.map((a) => Number(a.toPrecision(5))).join('×');
  ctx.detail(`${role}: ${absolute} (${nx}×${ny}×${nz} voxels of ${size} Å)`);
  return volume;
}

/** Records an input file in the run record with its sha256. */
export function recordInput(absolutePath: string, role: string, ctx: RunContext): void {
  const bytes = readFileSync(absolutePath);
  ctx.record.inputs[role] = {
    path: absolutePath,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: statSync(absolutePath).size,
  };
}

export function requireFinite(volume: Volume, path: string): void {
  let bad = 0;
  for (let i = 0; i < volume.data.length; i++) if (!Number.isFinite(volume.data[i])) bad++;
  if (bad > 0) {
    throw new UserError(
      `${path}: ${bad} voxel(s) are NaN or infinite; fix the map (e.g. replace them with 0 in ChimeraX ` +
        `"volume threshold") before running LocScale`,
    );
  }
}

/** (H1 + H2)/2 on the same grid (spec §2.2). */
export function averageHalfMaps(h1: Volume, h2: Volume): Volume {
  requireSameGrid(h1, h2, ['first half map', 'second half map']);
  const out = new Float32Array(h1.data.length);
  for (let i = 0; i < out.length; i++) out[i] = (h1.data[i] + h2.data[i]) / 2;
  return volumeLike(h1, out);
}

/** Binarises a mask at ≥ 0.5 (spec §2.6): the scaling mask. */
export function binariseMask(mask: Volume): Uint8Array {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] >= 0.5 ? 1 : 0;
  return out;
}

export function countNonZero(mask: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  return n;
}
