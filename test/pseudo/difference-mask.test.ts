import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differenceMask, uniformFilterInteger } from '../../src/pseudo/difference-mask.js';
import { hybridPseudoAtomCount } from '../../src/pseudo/atom-count.js';
import { UserError } from '../../src/core/errors.js';
import type { ShapeZyx } from '../../src/core/vec.js';
import { pseudoFixture } from './fixture.js';

/** Binary erosion by a 3×3×3 cube, the outside counting as set (= scipy's reflect border for this size). */
function erodeCube3(data: ArrayLike<number>, [nz, ny, nx]: ShapeZyx): Int32Array {
  const out = new Int32Array(data.length);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        let all = 1;
        for (let dz = -1; dz <= 1 && all; dz++)
          for (let dy = -1; dy <= 1 && all; dy++)
            for (let dx = -1; dx <= 1 && all; dx++) {
              const zz = z + dz;
              const yy = y + dy;
              const xx = x + dx;
              if (zz < 0 || yy < 0 || xx < 0 || zz >= nz || yy >= ny || xx >= nx) continue;
              if (data[(zz * ny + yy) * nx + xx] === 0) all = 0;
            }
        out[(z * ny + y) * nx + x] = all;
      }
  return out;
}

test('uniformFilterInteger equals scipy 1.10 uniform_filter on integer arrays (every size and shape)', () => {
  assert.ok(pseudoFixture.uniform_filter.length >= 10);
  for (const c of pseudoFixture.uniform_filter) {
    const got = uniformFilterInteger(c.input, c.shape, c.size);
    assert.deepEqual(Array.from(got), c.output, c.name);
  }
});

test('size 3 on a 0/1 array is a binary erosion by a 3×3×3 cube (scipy and our erosion agree)', () => {
  const binary = pseudoFixture.uniform_filter[1];
  assert.equal(binary.size, 3);
  const filtered = uniformFilterInteger(binary.input, binary.shape, 3);
  assert.deepEqual(Array.from(filtered), pseudoFixture.erosion_3_of_binary);
  assert.deepEqual(filtered, erodeCube3(binary.input, binary.shape));
  // and on a shape with a face-touching blob
  const blob = pseudoFixture.uniform_filter.find((c) => c.name.startsWith('ellipsoid') && c.size === 3);
  assert.ok(blob);
  assert.deepEqual(uniformFilterInteger(blob.input, blob.shape, 3), erodeCube3(blob.input, blob.shape));
});

test('differenceMask: D = max(FDR ≥ 0.99 − model, 0), then the erosion; counts without the /1.55 factor', () => {
  const shape: ShapeZyx = [12, 12, 12];
  const n = 12 ** 3;
  const frame = { voxelSizeXyzA: [1.5, 1.5, 1.5] as const, originXyzA: [3, -2, 7] as const };
  // confidence: 1 in a 8×8×8 cube from 2 to 9, 0.98 (below the threshold) in one slab of it
  const fdr = new Float32Array(n);
  const model = new Uint8Array(n);
  for (let z = 0; z < 12; z++)
    for (let y = 0; y < 12; y++)
      for (let x = 0; x < 12; x++) {
        const i = (z * 12 + y) * 12 + x;
        if (z >= 2 && z <= 9 && y >= 2 && y <= 9 && x >= 2 && x <= 9) fdr[i] = z === 9 ? 0.98 : 1;
        if (x >= 6) model[i] = 1; // the model explains the half x ≥ 6
      }
  const d = differenceMask({ data: fdr, shapeZyx: shape, ...frame }, model);
  // binarised: z 2..8, y 2..9, x 2..5 → 7·8·4
  assert.equal(d.binarisedVoxels, 7 * 8 * 4);
  // eroded by one voxel on every side: z 3..7, y 3..8, x 3..4
  assert.equal(d.maskVoxels, 5 * 6 * 2);
  assert.equal(d.mask.data[(5 * 12 + 5) * 12 + 3], 1);
  assert.equal(d.mask.data[(5 * 12 + 5) * 12 + 5], 0);
  assert.deepEqual(d.mask.voxelSizeXyzA, frame.voxelSizeXyzA);
  assert.deepEqual(d.mask.originXyzA, frame.originXyzA);
  // N₀ = round(1.35 · 60 · 1.5³ · 1e-24 / 13.14 · 6.02214076e23) = round(12.52…) = 13, no /1.55
  assert.equal(hybridPseudoAtomCount(d.mask.data, 1.5), 13);
  // a model explaining everything leaves nothing: an error telling to run model-based LocScale
  const all = new Uint8Array(n).fill(1);
  const none = differenceMask({ data: fdr, shapeZyx: shape, ...frame }, all);
  assert.equal(none.maskVoxels, 0);
  assert.throws(
    () => hybridPseudoAtomCount(none.mask.data, 1.5),
    (e: unknown) => {
      return e instanceof UserError && /model-based/.test(e.message);
    },
  );
});
