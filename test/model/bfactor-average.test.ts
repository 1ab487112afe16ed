import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageBFactorsWithinRadius } from '../../src/model/bfactor-average.js';
import type { AtomsWithB } from '../../src/model/bfactor-average.js';
import { readStructure } from '../../src/io/structure-read.js';
import { UserError } from '../../src/core/errors.js';

const model = (await readStructure(new URL('../fixtures/real/6i5a_box_model.pdb', import.meta.url).pathname))
  .atoms;

/** A deterministic pseudo-random B per atom (20–150 Å²). */
function testB(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    const h = Math.sin(12.9898 * i + 1.7) * 43758.5453;
    return 20 + 130 * (h - Math.floor(h));
  });
}

function bruteForceAverage(atoms: AtomsWithB, r: number, selection?: ArrayLike<number>): Float64Array {
  const out = Float64Array.from({ length: atoms.count }, (_, i) => atoms.bIsoA2[i]);
  for (let i = 0; i < atoms.count; i++) {
    if (selection !== undefined && !selection[i]) continue;
    let s = 0;
    let c = 0;
    for (let j = 0; j < atoms.count; j++) {
      const d2 =
        (atoms.x[i] - atoms.x[j]) ** 2 + (atoms.y[i] - atoms.y[j]) ** 2 + (atoms.z[i] - atoms.z[j]) ** 2;
      if (d2 < r * r) {
        s += atoms.bIsoA2[j];
        c++;
      }
    }
    out[i] = s / c;
  }
  return out;
}

const atoms: AtomsWithB = { ...model, bIsoA2: testB(model.count) };

for (const r of [25, 10, 3, 1.2, 60]) {
  test(`B averaging within ${r} Å equals the brute-force O(N²) mean (TMV box model, ${model.count} atoms)`, () => {
    const fast = averageBFactorsWithinRadius(atoms, r);
    const slow = bruteForceAverage(atoms, r);
    let worst = 0;
    for (let i = 0; i < model.count; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    assert.ok(worst < 1e-10, `max |Δ| = ${worst}`);
  });
}

test('B averaging: a selection updates only the selected atoms, neighbours include all atoms (hybrid)', () => {
  const sel = Uint8Array.from({ length: model.count }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const fast = averageBFactorsWithinRadius(atoms, 3, sel);
  const slow = bruteForceAverage(atoms, 3, sel);
  for (let i = 0; i < model.count; i++) {
    assert.ok(Math.abs(fast[i] - slow[i]) < 1e-10);
    if (!sel[i]) assert.equal(fast[i], atoms.bIsoA2[i]);
  }
});

test('B averaging: hand-made cases (strict radius, simultaneous update, lone atom, coincident atoms)', () => {
  const a: AtomsWithB = {
    count: 4,
    x: [0, 2, 4, 100],
    y: [0, 0, 0, 0],
    z: [0, 0, 0, 0],
    bIsoA2: [10, 20, 60, 7],
  };
  // r = 2: distance exactly 2 is not within (d < r); every atom keeps its own B.
  assert.deepEqual(Array.from(averageBFactorsWithinRadius(a, 2)), [10, 20, 60, 7]);
  // r = 2.5: 0↔1, 1↔2; simultaneous: atom 1 = (10+20+60)/3 from the old values.
  assert.deepEqual(Array.from(averageBFactorsWithinRadius(a, 2.5)), [15, 30, 40, 7]);
  const same: AtomsWithB = { count: 2, x: [1, 1], y: [2, 2], z: [3, 3], bIsoA2: [10, 30] };
  assert.deepEqual(Array.from(averageBFactorsWithinRadius(same, 0.5)), [20, 20]);
  assert.equal(averageBFactorsWithinRadius({ count: 0, x: [], y: [], z: [], bIsoA2: [] }, 25).length, 0);
});

test('B averaging: bad arguments are UserErrors', () => {
  assert.throws(() => averageBFactorsWithinRadius(atoms, 0), UserError);
  assert.throws(() => averageBFactorsWithinRadius(atoms, 25, [1, 0]), UserError);
  assert.throws(
    () => averageBFactorsWithinRadius({ count: 1, x: [0], y: [0], z: [0], bIsoA2: [Number.NaN] }, 3),
    UserError,
  );
});
