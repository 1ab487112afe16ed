import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Volume } from '../../src/grid/volume.js';
import { valueNearestAngstrom, valueTrilinearAngstrom } from '../../src/grid/volume-sample.js';

/** f = 1 + 2x + 3y + 5z (in voxel indices) on a 4 × 3 × 2 grid, voxel (0.5, 2, 1.5) Å, origin (10, -4, 1) Å. */
const f = (x: number, y: number, z: number) => 1 + 2 * x + 3 * y + 5 * z;
const volume: Volume = (() => {
  const data = new Float32Array(24);
  for (let z = 0; z < 2; z++)
    for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) data[(z * 3 + y) * 4 + x] = f(x, y, z);
  return { data, shapeZyx: [2, 3, 4], voxelSizeXyzA: [0.5, 2, 1.5], originXyzA: [10, -4, 1] };
})();
const angstrom = (x: number, y: number, z: number) => [10 + 0.5 * x, -4 + 2 * y, 1 + 1.5 * z] as const;

test('valueNearestAngstrom returns the voxel nearest to the position', () => {
  assert.equal(valueNearestAngstrom(volume, ...angstrom(3, 2, 1)), f(3, 2, 1));
  assert.equal(valueNearestAngstrom(volume, ...angstrom(1.4, 0.6, 0.2)), f(1, 1, 0));
  assert.equal(valueNearestAngstrom(volume, ...angstrom(-0.4, 0, 0)), f(0, 0, 0));
});

test('valueNearestAngstrom is NaN outside the grid', () => {
  assert.ok(Number.isNaN(valueNearestAngstrom(volume, ...angstrom(-0.6, 0, 0))));
  assert.ok(Number.isNaN(valueNearestAngstrom(volume, ...angstrom(0, 0, 1.6))));
});

test('valueTrilinearAngstrom reproduces a linear function exactly, up to the last voxel', () => {
  const points: readonly (readonly [number, number, number])[] = [
    [0, 0, 0],
    [1.25, 0.5, 0.75],
    [3, 2, 1],
    [2.9, 1.1, 0.3],
    [3, 0.5, 1],
  ];
  for (const p of points) {
    assert.ok(Math.abs(valueTrilinearAngstrom(volume, ...angstrom(...p)) - f(...p)) < 1e-9, p.join(','));
  }
});

test('valueTrilinearAngstrom is NaN outside the voxel centres', () => {
  assert.ok(Number.isNaN(valueTrilinearAngstrom(volume, ...angstrom(3.01, 0, 0))));
  assert.ok(Number.isNaN(valueTrilinearAngstrom(volume, ...angstrom(0, -0.01, 0))));
  assert.ok(Number.isNaN(valueTrilinearAngstrom(volume, NaN, 0, 0)));
});
