import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExactScaling } from '../../src/scaling/exact-engine.js';
import { makeScaleRule } from '../../src/scaling/scale-rules.js';
import { noProgress } from '../../src/core/progress.js';
import { golden, assertClose, goldenEmFormula, goldenModelFormula } from '../helpers/golden.js';

const B = golden.B_window_scaling_theoretical_profile as {
  N: number;
  wn: number;
  apix: number;
  scale_factor_arguments: {
    wilson: number;
    fsc_cutoff: number;
    nyquist: number;
    boost_secondary_structure: number;
  };
  voxels_zyx: [number, number, number][];
  sharpened_center_values: number[];
  bfactor_vals: number[];
  qfit_vals: number[];
  first_voxel: {
    em_profile: number[];
    mod_profile: number[];
    scale_factors: number[];
    bfactor: number;
    qfit: number;
  };
};
const args = B.scale_factor_arguments;
const spec = {
  kind: 'theoretical' as const,
  wilsonCutoffA: args.wilson,
  fscCutoffA: args.fsc_cutoff,
  nyquistA: args.nyquist,
  boost: args.boost_secondary_structure,
};

function mapOf(n: number, f: (x: number, y: number, z: number) => number): Float32Array {
  const out = new Float32Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out[i++] = f(x, y, z);
  return out;
}

test('golden B, first voxel: theoretical-profile scale factors, local B and R² from the golden profiles to 1e-9', () => {
  const rule = makeScaleRule(spec, B.wn, B.apix);
  const factors = new Float64Array(B.wn / 2 + 1);
  const fit = { bFactorA2: NaN, qfit: NaN };
  rule.compute(
    Float64Array.from(B.first_voxel.em_profile),
    Float64Array.from(B.first_voxel.mod_profile),
    factors,
    fit,
  );
  assertClose(factors, B.first_voxel.scale_factors, 1e-9, 0, 'k');
  assertClose([fit.bFactorA2, fit.qfit], [B.first_voxel.bfactor, B.first_voxel.qfit], 1e-9);
});

test('golden B: window scaling with the theoretical profile (case B), centre values, local B, R² to 1e-6', async () => {
  const n = B.N;
  const mask = new Uint8Array(n * n * n);
  const at = ([z, y, x]: [number, number, number]) => (z * n + y) * n + x;
  for (const v of B.voxels_zyx) mask[at(v)] = 1;
  const r = await runExactScaling(
    {
      em: mapOf(n, goldenEmFormula),
      reference: mapOf(n, goldenModelFormula),
      mask,
      shapeZyx: [n, n, n],
      wn: B.wn,
      apixA: B.apix,
      rules: [spec],
      measureMaps: true,
    },
    { workers: 1, progress: noProgress },
  );
  assert.equal(r.voxelCount, 4);
  assertClose(
    B.voxels_zyx.map((v) => r.value[at(v)]),
    B.sharpened_center_values,
    1e-6,
    0,
    'centre',
  );
  assertClose(
    B.voxels_zyx.map((v) => r.bFactor![at(v)]),
    B.bfactor_vals,
    1e-6,
    0,
    'B',
  );
  assertClose(
    B.voxels_zyx.map((v) => r.qfit![at(v)]),
    B.qfit_vals,
    1e-6,
    0,
    'R²',
  );
});
