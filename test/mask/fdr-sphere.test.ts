import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  locscaleSphereAxis,
  locscaleSphereCount,
  locscaleSphereMask,
  locscaleSphereRadius,
} from '../../src/mask/fdr-sphere.js';

test('axis coordinates are numpy linspace(−⌊n/2⌋, −⌊n/2⌋ + n, n): step n/(n − 1), not 1', () => {
  const c = locscaleSphereAxis(40);
  assert.equal(c[0], -20);
  assert.equal(c[39], 20);
  assert.ok(Math.abs(c[1] - c[0] - 40 / 39) < 1e-15);
  // no coordinate is 0 for even n: the two middle voxels sit at ±20/39
  assert.ok(Math.abs(c[19] + 20 / 39) < 1e-14 && Math.abs(c[20] - 20 / 39) < 1e-14);
  assert.deepEqual([...locscaleSphereAxis(5)], [-2, -0.75, 0.5, 1.75, 3]);
  assert.deepEqual([...locscaleSphereAxis(1)], [0]);
});

test('sphere counts equal numpy makeCircularMask (values computed with numpy 1.24)', () => {
  const cases: [[number, number, number], number][] = [
    [[40, 40, 40], 30976],
    [[7, 9, 12], 520],
    [[10, 10, 10], 360],
    [[43, 70, 46], 114564],
    [[5, 5, 5], 17],
    [[2, 3, 4], 8],
  ];
  for (const [shape, count] of cases)
    assert.equal(locscaleSphereCount(shape), count, `shape ${shape.join('×')}`);
});

test('the quirk: for n = 40 the face-centre voxels (index 0 or 39, middle of the face) are outside the sphere', () => {
  const n = 40;
  const m = locscaleSphereMask([n, n, n]);
  const at = (z: number, y: number, x: number): number => m[(z * n + y) * n + x];
  // d = √(20² + 2·(20/39)²) > 20 = R, while a unit-step sphere about voxel 20 would contain (0, 20, 20)
  assert.equal(at(0, 20, 20), 0);
  assert.equal(at(39, 20, 20), 0);
  assert.equal(at(20, 0, 20), 0);
  assert.equal(at(1, 20, 20), 1);
  assert.equal(at(20, 20, 20), 1);
  // symmetric under i → n − 1 − i on every axis
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) assert.equal(at(z, y, x), at(n - 1 - z, n - 1 - y, n - 1 - x));
});

test('the radius is ⌊max(n)/2⌋, so in a flat box the sphere is cut by the short axis', () => {
  assert.equal(locscaleSphereRadius([10, 64, 20]), 32);
  const m = locscaleSphereMask([10, 64, 20]);
  // every z-slab holds sphere voxels: the short axes are entirely inside the radius
  for (let z = 0; z < 10; z++) {
    let s = 0;
    for (let i = 0; i < 64 * 20; i++) s += m[z * 64 * 20 + i];
    assert.ok(s > 0);
  }
});
