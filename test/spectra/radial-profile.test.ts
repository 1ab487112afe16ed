import { test } from 'node:test';
import assert from 'node:assert/strict';
import { radialProfileOctantLocscale, radialProfile } from '../../src/spectra/radial-profile.js';
import { fitLogLinear } from '../../src/spectra/profile-fit.js';
import {
  golden,
  cubeFromFormula,
  assertClose,
  goldenEmFormula,
  goldenModelFormula,
} from '../helpers/golden.js';

const A = golden.A_window_scaling_model_based as {
  first_voxel: { em_profile: number[]; mod_profile: number[] };
};

/** The wn-window of formula f centred on voxel (c, c, c): indices c − wn/2 … c + wn/2 − 1. */
function windowAt(f: (x: number, y: number, z: number) => number, c: number, wn: number): Float64Array {
  const o = c - wn / 2;
  return cubeFromFormula(wn, (x, y, z) => f(x + o, y + o, z + o));
}

test('radialProfileOctantLocscale reproduces the golden window profiles (A, first voxel) to 1e-9', () => {
  assertClose(
    radialProfileOctantLocscale(windowAt(goldenEmFormula, 10, 8), 8),
    A.first_voxel.em_profile,
    1e-9,
    0,
    'goldenEmFormula',
  );
  assertClose(
    radialProfileOctantLocscale(windowAt(goldenModelFormula, 10, 8), 8),
    A.first_voxel.mod_profile,
    1e-9,
    0,
    'model',
  );
});

test('radialProfile of a Gaussian blob follows its analytic Guinier slope (B = 8π²σ²)', () => {
  const n = 48;
  const apix = 1.1;
  const sigmaA = 2.0;
  const c = n / 2;
  const s2 = (sigmaA / apix) ** 2;
  const data = cubeFromFormula(n, (x, y, z) =>
    Math.exp(-((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2) / (2 * s2)),
  );
  const p = radialProfile({
    data,
    shapeZyx: [n, n, n],
    voxelSizeXyzA: [apix, apix, apix],
    originXyzA: [0, 0, 0],
  });
  assert.equal(p.freqPerA.length, n / 2 + 1);
  assert.ok(Math.abs(p.freqPerA[1] - 1 / (n * apix)) < 1e-15);
  const fit = fitLogLinear(p.freqPerA, p.amplitude, 20, 4);
  const want = 8 * Math.PI ** 2 * sigmaA ** 2;
  assert.ok(Math.abs(fit.bFactorA2 - want) / want < 0.01, `B ${fit.bFactorA2} vs ${want}`);
  // full-sphere counts: ≈ 4πs² elements per shell away from the origin
  assert.ok(Math.abs(p.count[10] / (4 * Math.PI * 100) - 1) < 0.1);
});
