import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveKick } from '../../src/pseudo/kick-solver.js';
import { placePseudoAtoms } from '../../src/pseudo/placement.js';
import { separateCloseAtoms } from '../../src/pseudo/separation.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { PseudoAtomPositions } from '../../src/pseudo/placement.js';
import type { ShapeZyx } from '../../src/core/vec.js';

function minPairDistance(p: PseudoAtomPositions): number {
  let min = Infinity;
  for (let i = 0; i < p.count; i++)
    for (let j = i + 1; j < p.count; j++) {
      const d = Math.hypot(p.x[i] - p.x[j], p.y[i] - p.y[j], p.z[i] - p.z[j]);
      if (d < min) min = d;
    }
  return min;
}

const shape: ShapeZyx = [20, 20, 20];

test('the kick solver removes every contact at or below dst, then stops after three quiet rounds', () => {
  // 300 atoms in a 12³ block of 1 Å voxels: many contacts
  const mask = new Float32Array(8000);
  for (let z = 4; z < 16; z++)
    for (let y = 4; y < 16; y++) for (let x = 4; x < 16; x++) mask[(z * 20 + y) * 20 + x] = 1;
  const start = placePseudoAtoms(mask, shape, 300, { seed: 3 });
  assert.ok(minPairDistance(start) < 1.2);
  const issues = new IssueList();
  const r = solveKick(start, shape, 1.0, { iterations: 200, seed: 9, diagnostics: issues });
  assert.ok(minPairDistance(r.positions) > 1.2, `min ${minPairDistance(r.positions)}`);
  assert.equal(r.remainingContacts, 0);
  const c = r.contactsPerRound;
  assert.ok(c[0] > 30, `first round ${c[0]}`);
  assert.deepEqual(c.slice(-3), [0, 0, 0]);
  assert.ok(c[c.length - 4] > 0);
  assert.ok(c.length < 200);
  assert.deepEqual(issues.issues, []);
  // reproducible from the seed; another seed kicks differently
  assert.deepEqual(solveKick(start, shape, 1.0, { iterations: 200, seed: 9 }), r);
  assert.notDeepEqual(solveKick(start, shape, 1.0, { iterations: 200, seed: 10 }).positions.x, r.positions.x);
});

test('kick solver: a contact-free start stops after one round; too few rounds warns', () => {
  const spread = {
    count: 3,
    x: Float64Array.of(2, 6, 10),
    y: Float64Array.of(5, 5, 5),
    z: Float64Array.of(5, 5, 5),
  };
  const r = solveKick(spread, shape, 1.0, { iterations: 50 });
  assert.deepEqual(r.contactsPerRound, [0]);
  assert.deepEqual(r.positions, spread);
  // dst in Å over the voxel size: at 0.25 Å/voxel, 1.2 Å = 4.8 voxels and the atoms 4 voxels apart touch
  const r2 = solveKick(spread, shape, 0.25, { iterations: 1 });
  assert.equal(r2.contactsPerRound[0], 3);
  const mask = new Float32Array(8000).fill(1);
  const crowded = placePseudoAtoms(mask, shape, 2000, { seed: 1 });
  const issues = new IssueList();
  const r3 = solveKick(crowded, shape, 1.0, { iterations: 2, diagnostics: issues });
  assert.ok(r3.remainingContacts > 0);
  assert.deepEqual(
    issues.issues.map((i) => i.code),
    ['pseudo.kick-contacts-remain'],
  );
});

test('separateCloseAtoms pushes every pair to the minimum distance and barely moves the rest', () => {
  const mask = new Float32Array(8000);
  for (let z = 5; z < 15; z++)
    for (let y = 5; y < 15; y++) for (let x = 5; x < 15; x++) mask[(z * 20 + y) * 20 + x] = 1;
  const start = placePseudoAtoms(mask, shape, 600, { seed: 8 });
  // add an exact duplicate of atom 0 (distance 0)
  const p = {
    count: 601,
    x: Float64Array.from([...start.x, start.x[0]]),
    y: Float64Array.from([...start.y, start.y[0]]),
    z: Float64Array.from([...start.z, start.z[0]]),
  };
  const r = separateCloseAtoms(p, shape, 0.9);
  assert.equal(r.remainingPairs, 0);
  assert.ok(minPairDistance(r.positions) >= 0.9);
  assert.ok(r.maxShiftVox < 1.5, `max shift ${r.maxShiftVox}`);
  assert.ok(r.sweeps > 0 && r.movedAtoms > 1);
  // nothing to do: unchanged
  const none = separateCloseAtoms(r.positions, shape, 0.5);
  assert.equal(none.sweeps, 0);
  assert.deepEqual(none.positions, r.positions);
});
