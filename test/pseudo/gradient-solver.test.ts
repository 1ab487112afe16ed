import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gradientScale,
  maxMaskedGradient,
  solveGradient,
  GRADIENT_SOLVER_DEFAULTS,
} from '../../src/pseudo/gradient-solver.js';
import { ljForce, ljPotential, equilibriumDistanceVox } from '../../src/pseudo/lennard-jones.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { Volume } from '../../src/grid/volume.js';
import type { PseudoAtomPositions } from '../../src/pseudo/placement.js';
import { pseudoFixture } from './fixture.js';

const fx = pseudoFixture.gradient_solver;

function fixtureMap(): { map: Volume; mask: Float32Array; start: PseudoAtomPositions } {
  const map: Volume = {
    data: Float32Array.from(fx.map_times_1024, (v) => v / 1024),
    shapeZyx: fx.shape_zyx,
    voxelSizeXyzA: [fx.apix, fx.apix, fx.apix],
    originXyzA: [0, 0, 0],
  };
  const mask = Float32Array.from(fx.mask_times_256, (v) => v / 256);
  const n = fx.start_xyz.length / 3;
  const start = {
    count: n,
    x: Float64Array.from({ length: n }, (_, i) => fx.start_xyz[3 * i]),
    y: Float64Array.from({ length: n }, (_, i) => fx.start_xyz[3 * i + 1]),
    z: Float64Array.from({ length: n }, (_, i) => fx.start_xyz[3 * i + 2]),
  };
  return { map, mask, start };
}

test('LJ force: zero at r_m, repulsive (negative) inside, attractive outside, F = dV/dr, known values', () => {
  const rm = 1.2;
  assert.equal(ljForce(rm, rm), 0);
  // r = 1: 12 · 1.2⁶ · (1 − 1.2⁶) = 12 · 2.985984 · (−1.985984) = −71.16139…
  assert.ok(Math.abs(ljForce(1, rm) - 12 * 2.985984 * (1 - 2.985984)) < 1e-12);
  assert.ok(Math.abs(ljForce(1, rm) + 71.16139) < 1e-4);
  // r = 2: 12 · 2.985984 · (64 − 2.985984) / 8192 = 0.266875…
  assert.ok(Math.abs(ljForce(2, rm) - (12 * 2.985984 * (64 - 2.985984)) / 8192) < 1e-15);
  assert.ok(ljForce(0.9, rm) < 0 && ljForce(1.5, rm) > 0);
  for (const r of [0.8, 1.1, 1.3, 2.5, 3.5]) {
    const h = 1e-6;
    const dVdr = (ljPotential(r + h, rm) - ljPotential(r - h, rm)) / (2 * h);
    assert.ok(Math.abs(ljForce(r, rm) - dVdr) < 1e-5 * Math.max(1, Math.abs(dVdr)), `r = ${r}`);
  }
  assert.equal(ljPotential(rm, rm), -1);
  assert.equal(equilibriumDistanceVox(1.2, 0.6), 2);
});

test('two atoms closer than r_m are pushed apart along their axis; beyond it they are pulled together', () => {
  // a flat map (no gradient), mask 1 everywhere: only LJ and friction act
  const shape = [12, 12, 12] as const;
  const map: Volume = {
    data: new Float32Array(12 ** 3),
    shapeZyx: shape,
    voxelSizeXyzA: [1, 1, 1],
    originXyzA: [0, 0, 0],
  };
  const mask = new Float32Array(12 ** 3).fill(1);
  const close = {
    count: 2,
    x: Float64Array.of(5.5, 6.5),
    y: Float64Array.of(6, 6),
    z: Float64Array.of(6, 6),
  };
  const issues = new IssueList();
  const r = solveGradient(map, mask, close, { iterations: 1, diagnostics: issues });
  assert.equal(r.gradientScale, 0);
  assert.deepEqual(
    issues.issues.map((i) => i.code),
    ['pseudo.flat-map'],
  );
  // Euler step: v = a·dt, x += v·dt with a = −F(1)·û = ∓71.16 along x
  const f = ljForce(1, 1.2);
  assert.ok(Math.abs(r.positions.x[0] - (5.5 + f * 0.01)) < 1e-12);
  assert.ok(Math.abs(r.positions.x[1] - (6.5 - f * 0.01)) < 1e-12);
  assert.equal(r.positions.y[0], 6);
  const far = { count: 2, x: Float64Array.of(5, 7), y: Float64Array.of(6, 6), z: Float64Array.of(6, 6) };
  const r2 = solveGradient(map, mask, far, { iterations: 1 });
  assert.ok(r2.positions.x[1] - r2.positions.x[0] < 2);
  // beyond 3 r_m = 3.6 voxels nothing acts
  const apart = { count: 2, x: Float64Array.of(3, 6.7), y: Float64Array.of(6, 6), z: Float64Array.of(6, 6) };
  const r3 = solveGradient(map, mask, apart, { iterations: 3 });
  assert.deepEqual(Array.from(r3.positions.x), [3, 6.7]);
  // the cap: at r = 0.5 F is ~ −2.5e5, capped to 100 → the Euler step moves each atom by 100 · dt² = 1 voxel
  const squeezed = {
    count: 2,
    x: Float64Array.of(5.75, 6.25),
    y: Float64Array.of(6, 6),
    z: Float64Array.of(6, 6),
  };
  const r4 = solveGradient(map, mask, squeezed, { iterations: 1 });
  assert.ok(Math.abs(r4.positions.x[0] - 4.75) < 1e-12 && Math.abs(r4.positions.x[1] - 7.25) < 1e-12);
});

test('g = round(100 / max(mask·|∇ρ|)) with Python rounding; g = 0 above 200 is kept and reported', () => {
  const { map, mask } = fixtureMap();
  const max = maxMaskedGradient(map, mask);
  assert.equal(max, Math.fround(fx.max_masked_gradient)); // numpy float32, bit for bit
  assert.equal(gradientScale(max, 'locscale'), fx.g);
  // Python's round is half to even
  assert.equal(gradientScale(100 / 2.5, 'locscale'), 2);
  assert.equal(gradientScale(100 / 3.5, 'locscale'), 4);
  assert.equal(gradientScale(100 / 0.5, 'locscale'), 0); // 100/200 = 0.5 → 0
  const issues = new IssueList();
  assert.equal(gradientScale(250, 'locscale', issues), 0);
  assert.equal(issues.issues[0].code, 'pseudo.gradient-scale-zero');
  assert.equal(gradientScale(250, 'unrounded'), 0.4);
  assert.equal(gradientScale(250, 7), 7);
  // a map in large units: g is 0, the solver warns and only LJ acts
  const big: Volume = { ...map, data: map.data.map((v) => v * 1000) };
  const found = new IssueList();
  const r = solveGradient(big, mask, fixtureMap().start, { iterations: 2, diagnostics: found });
  assert.equal(r.gradientScale, 0);
  assert.ok(found.issues.some((i) => i.code === 'pseudo.gradient-scale-zero'));
  // 'unrounded' lets the map act at any scale: the same as the 1× map with the unrounded g
  const a = solveGradient(big, mask, fixtureMap().start, { iterations: 4, gradientScale: 'unrounded' });
  const b = solveGradient(map, mask, fixtureMap().start, { iterations: 4, gradientScale: 'unrounded' });
  for (let i = 0; i < a.positions.count; i++) assert.ok(Math.abs(a.positions.x[i] - b.positions.x[i]) < 1e-3);
});

test('solveGradient follows an independent numpy implementation of the spec pseudo-code, iteration by iteration', () => {
  const { map, mask, start } = fixtureMap();
  const iterations = fx.positions_xyz_per_iteration.length;
  let worst = 0;
  for (let it = 1; it <= iterations; it++) {
    const r = solveGradient(map, mask, start, { iterations: it, distanceA: fx.distance_A });
    assert.equal(r.gradientScale, fx.g);
    assert.equal(r.iterations.length, it);
    const want = fx.positions_xyz_per_iteration[it - 1];
    for (let i = 0; i < start.count; i++) {
      worst = Math.max(
        worst,
        Math.abs(r.positions.x[i] - want[3 * i]),
        Math.abs(r.positions.y[i] - want[3 * i + 1]),
        Math.abs(r.positions.z[i] - want[3 * i + 2]),
      );
    }
  }
  assert.ok(worst < 1e-9, `largest difference ${worst} voxels`);
  // the start is not modified
  assert.equal(start.x[0], fx.start_xyz[0]);
});

test('the solver reports progress once per iteration and its defaults are the spec constants', () => {
  const { map, mask, start } = fixtureMap();
  const seen: number[] = [];
  solveGradient(map, mask, start, {
    iterations: 5,
    progress: { shouldReport: true, report: (done, total) => seen.push(done / total) },
  });
  assert.deepEqual(seen, [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(GRADIENT_SOLVER_DEFAULTS, {
    iterations: 50,
    friction: 10,
    timeStep: 0.1,
    mapAccelerationCap: 100,
    ljAccelerationCap: 100,
    targetMapAcceleration: 100,
  });
});
