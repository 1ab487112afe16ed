import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dilateBall, modelMask } from '../../src/mask/model-mask.js';

test('dilateBall sets every voxel within r of a seed (ball, not cube)', () => {
  const shape: [number, number, number] = [9, 9, 9];
  const seed = new Uint8Array(729);
  seed[(4 * 9 + 4) * 9 + 4] = 1;
  const d = dilateBall(seed, shape, 2);
  let count = 0;
  for (const v of d) count += v;
  assert.equal(count, 33); // lattice points with dz² + dy² + dx² ≤ 4
  assert.equal(d[(4 * 9 + 4) * 9 + 6], 1);
  assert.equal(d[(5 * 9 + 5) * 9 + 5], 1); // distance √3
  assert.equal(d[(6 * 9 + 6) * 9 + 4], 0); // distance √8
});

test('modelMask covers the atoms (through the frame) and not far from them', () => {
  const shape: [number, number, number] = [30, 30, 30];
  const frame = { voxelSizeXyzA: [1, 1, 1] as const, originXyzA: [-5, 10, 0] as const };
  const atoms = { count: 2, x: [5, 12], y: [25, 25], z: [15, 15] }; // voxels (10, 15, 15) and (17, 15, 15)
  const m = modelMask(atoms, shape, frame, 3, 1);
  assert.equal(m[(15 * 30 + 15) * 30 + 10], 1);
  assert.equal(m[(15 * 30 + 15) * 30 + 17], 1);
  // the cosine smoothing and the 0.5 threshold take about one voxel off a lone 3-voxel ball
  assert.equal(m[(15 * 30 + 15) * 30 + 12], 1);
  assert.equal(m[(15 * 30 + 15) * 30 + 14], 0);
  assert.equal(m[(15 * 30 + 15) * 30 + 25], 0);
  assert.equal(m[(5 * 30 + 15) * 30 + 10], 0);
  let count = 0;
  for (const v of m) count += v;
  assert.ok(count > 100 && count < 300, `mask size ${count}`);
});
