import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placementCandidates, placePseudoAtoms } from '../../src/pseudo/placement.js';
import { UserError } from '../../src/core/errors.js';
import type { ShapeZyx } from '../../src/core/vec.js';

const shape: ShapeZyx = [10, 12, 14];
const n = 10 * 12 * 14;

test('candidates: voxels ≥ threshold, never within 2 voxels of a face', () => {
  const mask = new Float32Array(n).fill(1);
  const c = placementCandidates(mask, shape);
  assert.equal(c.length, 6 * 8 * 10);
  for (const v of c) {
    const x = v % 14;
    const y = Math.floor(v / 14) % 12;
    const z = Math.floor(v / 168);
    assert.ok(x >= 2 && x <= 11 && y >= 2 && y <= 9 && z >= 2 && z <= 7);
  }
  mask[(5 * 12 + 5) * 14 + 5] = 0.98;
  assert.equal(placementCandidates(mask, shape).length, 6 * 8 * 10 - 1);
  assert.equal(placementCandidates(mask, shape, 0.5).length, 6 * 8 * 10);
});

test('placement: N distinct candidate voxels, each atom within ±0.5 voxel of its voxel', () => {
  const mask = new Float32Array(n);
  // candidates: a 4×5×6 block
  for (let z = 3; z < 7; z++)
    for (let y = 3; y < 8; y++) for (let x = 4; x < 10; x++) mask[(z * 12 + y) * 14 + x] = 1;
  const p = placePseudoAtoms(mask, shape, 120, { seed: 5 });
  assert.equal(p.count, 120);
  const voxels = new Set<number>();
  for (let i = 0; i < p.count; i++) {
    const ix = Math.round(p.x[i]);
    const iy = Math.round(p.y[i]);
    const iz = Math.round(p.z[i]);
    assert.ok(Math.abs(p.x[i] - ix) <= 0.5 && Math.abs(p.y[i] - iy) <= 0.5 && Math.abs(p.z[i] - iz) <= 0.5);
    assert.equal(mask[(iz * 12 + iy) * 14 + ix], 1);
    voxels.add((iz * 12 + iy) * 14 + ix);
  }
  assert.equal(voxels.size, 120); // all 120 candidates, each once
  // all candidates taken: the sample is the whole set; a statistical check of the jitter: mean offset ≈ 0
  let mean = 0;
  for (let i = 0; i < p.count; i++) mean += p.x[i] - Math.round(p.x[i]);
  assert.ok(Math.abs(mean / p.count) < 0.1);
});

test('placement is reproducible from the seed, and different seeds give different models', () => {
  const mask = new Float32Array(n).fill(1);
  const a = placePseudoAtoms(mask, shape, 50, { seed: 42 });
  const b = placePseudoAtoms(mask, shape, 50, { seed: 42 });
  const c = placePseudoAtoms(mask, shape, 50, { seed: 43 });
  const d = placePseudoAtoms(mask, shape, 50); // default seed 42
  assert.deepEqual(a, b);
  assert.deepEqual(a, d);
  assert.notDeepEqual(a.x, c.x);
});

test('more atoms than candidates is a UserError that says what to do', () => {
  const mask = new Float32Array(n);
  mask[(5 * 12 + 5) * 14 + 5] = 1;
  mask[(5 * 12 + 5) * 14 + 6] = 1;
  mask[0] = 1; // on the border: not a candidate
  assert.equal(placePseudoAtoms(mask, shape, 2).count, 2);
  assert.throws(
    () => placePseudoAtoms(mask, shape, 3),
    (e: unknown) => e instanceof UserError && /only 2 voxels/.test(e.message) && /-mw/.test(e.message),
  );
  assert.equal(placePseudoAtoms(mask, shape, 0).count, 0);
});
