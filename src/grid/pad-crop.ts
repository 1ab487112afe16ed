/**
 * Padding and cropping. Both keep the physical frame: the origin moves so that every kept voxel stays at the
 * same position in Å, and outputs overlay their inputs in a viewer.
 */
import type { ShapeZyx } from '../core/vec.js';
import { roundUpProper } from '../core/rounding.js';
import type { Volume } from './volume.js';
import { createVolume } from './volume.js';

/**
 * Copies the box of `shapeZyx` starting at voxel `startZyx` of `volume` (may lie partly outside: those voxels
 * take `fill`). Negative starts pad before, boxes beyond the end pad after.
 */
export function extractBox(volume: Volume, startZyx: ShapeZyx, shapeZyx: ShapeZyx, fill = 0): Volume {
  const [nz, ny, nx] = volume.shapeZyx;
  const [sz, sy, sx] = startZyx;
  const [oz, oy, ox] = shapeZyx;
  const [ax, ay, az] = volume.voxelSizeXyzA;
  const out = createVolume(shapeZyx, {
    voxelSizeXyzA: volume.voxelSizeXyzA,
    originXyzA: [
      volume.originXyzA[0] + sx * ax,
      volume.originXyzA[1] + sy * ay,
      volume.originXyzA[2] + sz * az,
    ],
  });
  const src = volume.data;
  const dst = out.data;
  if (fill !== 0) dst.fill(fill);
  const x0 = Math.max(0, -sx);
  const x1 = Math.min(ox, nx - sx);
  if (x1 <= x0) return out;
  for (let z = 0; z < oz; z++) {
    const iz = z + sz;
    if (iz < 0 || iz >= nz) continue;
    for (let y = 0; y < oy; y++) {
      const iy = y + sy;
      if (iy < 0 || iy >= ny) continue;
      const srcRow = (iz * ny + iy) * nx + sx;
      const dstRow = (z * oy + y) * ox;
      dst.set(src.subarray(srcRow + x0, srcRow + x1), dstRow + x0);
    }
  }
  return out;
}

/**
 * Pads by `before` voxels before and `after` voxels after on each axis (z, y, x order), filling with `fill`.
 */
export function padVolume(volume: Volume, beforeZyx: ShapeZyx, afterZyx: ShapeZyx, fill = 0): Volume {
  const s = volume.shapeZyx;
  return extractBox(
    volume,
    [-beforeZyx[0], -beforeZyx[1], -beforeZyx[2]],
    [s[0] + beforeZyx[0] + afterZyx[0], s[1] + beforeZyx[1] + afterZyx[1], s[2] + beforeZyx[2] + afterZyx[2]],
    fill,
  );
}

/**
 * Centred pad or crop to `targetZyx`, as LocScale's `pad_or_crop_volume` (spec §2.4): on each axis the
 * difference d = target − n is split as before = round_up_proper(d/2), after = d − before (padding), or the box
 * starts at round_up_proper(−d/2) (cropping). For even d (LocScale pads by wn/2 on both sides) both are d/2.
 */
export function padOrCropCentred(volume: Volume, targetZyx: ShapeZyx, fill = 0): Volume {
  const start = [0, 1, 2].map((a) => {
    const d = targetZyx[a] - volume.shapeZyx[a];
    return d >= 0 ? -roundUpProper(d / 2) : roundUpProper(-d / 2);
  });
  return extractBox(volume, [start[0], start[1], start[2]], targetZyx, fill);
}
