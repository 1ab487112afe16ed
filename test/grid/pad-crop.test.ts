import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Volume } from '../../src/grid/volume.js';
import { extractBox, padVolume, padOrCropCentred } from '../../src/grid/pad-crop.js';

function ramp(shape: [number, number, number]): Volume {
  const n = shape[0] * shape[1] * shape[2];
  return {
    data: Float32Array.from({ length: n }, (_, i) => i + 1),
    shapeZyx: shape,
    voxelSizeXyzA: [1.5, 2, 2.5],
    originXyzA: [10, 20, 30],
  };
}

test('padVolume fills the margin, keeps the content and shifts the origin', () => {
  const v = ramp([2, 3, 4]);
  const p = padVolume(v, [1, 2, 3], [0, 1, 2], -7);
  assert.deepEqual(p.shapeZyx, [3, 6, 9]);
  assert.deepEqual(p.originXyzA, [10 - 3 * 1.5, 20 - 2 * 2, 30 - 1 * 2.5]);
  assert.equal(p.data[0], -7);
  // voxel (z=1, y=2, x=3) of the padded box is voxel (0, 0, 0) of the input
  assert.equal(p.data[(1 * 6 + 2) * 9 + 3], 1);
  assert.equal(p.data[(2 * 6 + 4) * 9 + 6], v.data[v.data.length - 1]);
});

test('padOrCropCentred: pad by wn/2 per side and crop back is the identity', () => {
  const v = ramp([5, 6, 7]);
  const p = padOrCropCentred(v, [13, 14, 15], 0);
  assert.deepEqual(p.originXyzA, [10 - 4 * 1.5, 20 - 4 * 2, 30 - 4 * 2.5]);
  const back = padOrCropCentred(p, [5, 6, 7]);
  assert.deepEqual(Array.from(back.data), Array.from(v.data));
  assert.deepEqual(back.originXyzA, v.originXyzA);
});

test('odd differences put the extra voxel before (round half up)', () => {
  const v = ramp([1, 1, 2]);
  const p = padOrCropCentred(v, [1, 1, 5]);
  assert.deepEqual(Array.from(p.data), [0, 0, 1, 2, 0]);
  const c = padOrCropCentred(ramp([1, 1, 5]), [1, 1, 2]);
  assert.deepEqual(Array.from(c.data), [3, 4]);
});

test('extractBox partly outside the volume fills with the given value', () => {
  const v = ramp([1, 1, 3]);
  assert.deepEqual(Array.from(extractBox(v, [0, 0, -1], [1, 1, 5], 9).data), [9, 1, 2, 3, 9]);
});
