import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RealGrid } from '../../src/grid/volume.js';
import {
  fscLocscale,
  fscStandard,
  resolutionFromFscLocscale,
  resolutionFromFsc,
} from '../../src/spectra/fsc.js';
import { golden, cubeFromFormula, hashNoise, assertClose } from '../helpers/golden.js';

const G = golden.G_FSC as {
  fsc_curve: number[];
  'freq_axis_used(apix=1.2)': number[];
  'resolution_at_0.143_unrounded': number;
};

function grid(data: Float64Array, n: number, apix: number): RealGrid {
  return {
    data,
    shapeZyx: [n, n, n],
    voxelSizeXyzA: [apix, apix, apix],
    originXyzA: [0, 0, 0],
  };
}

// The golden maps are float64 (spectra/ accepts float64 grids, so nothing is rounded to float32).
function goldenMaps(): [RealGrid, RealGrid] {
  const m1 = cubeFromFormula(32, (x, y, z) =>
    Math.exp(-((x - 16) ** 2 + (y - 15) ** 2 + (z - 17) ** 2) / 18),
  );
  const m2 = cubeFromFormula(32, (x, y, z) => m1[(z * 32 + y) * 32 + x] + 0.3 * hashNoise(x, y, z));
  return [grid(m1, 32, 1.2), grid(m2, 32, 1.2)];
}

test('fscLocscale reproduces the golden FSC curve and frequency axis (G) to 1e-9', () => {
  const [h1, h2] = goldenMaps();
  const curve = fscLocscale(h1, h2, 1.2);
  assertClose(curve.fsc, G.fsc_curve, 1e-9, 1e-3, 'fsc');
  assertClose(curve.freqPerA, G['freq_axis_used(apix=1.2)'], 1e-12, 0, 'freq');
});

test('resolutionFromFscLocscale reproduces the golden resolution (G) to 1e-9', () => {
  const [h1, h2] = goldenMaps();
  const res = resolutionFromFscLocscale(fscLocscale(h1, h2, 1.2));
  assert.ok(res !== null);
  assertClose([res], [G['resolution_at_0.143_unrounded']], 1e-9);
});

test('resolutionFromFscLocscale returns null when the curve never reaches the threshold', () => {
  const curve = { freqPerA: Float64Array.from([0, 0.1, 0.2]), fsc: Float64Array.from([1, 0.9, 0.5]) };
  assert.equal(resolutionFromFscLocscale(curve), null);
});

test('standard FSC: identical maps correlate perfectly; the crossing is interpolated between shells', () => {
  const [h1, h2] = goldenMaps();
  const same = fscStandard(h1, h1);
  for (const v of same.fsc) assert.ok(Math.abs(v - 1) < 1e-12 || v === 0);
  assert.equal(same.fsc.length, 17);
  assert.ok(Math.abs(same.freqPerA[16] - 1 / 2.4) < 1e-12);
  const noisy = fscStandard(h1, h2);
  const r = resolutionFromFsc(noisy);
  assert.ok(r.crossed);
  // the curve falls through 0.143 between shells 5 (f = 5/38.4) and 6, like the original's curve
  assert.ok(r.resolutionA > 38.4 / 6 && r.resolutionA < 38.4 / 5, `resolution ${r.resolutionA}`);
  const flat = { freqPerA: Float64Array.from([0, 0.1, 0.2]), fsc: Float64Array.from([1, 0.9, 0.5]) };
  assert.deepEqual(resolutionFromFsc(flat), { resolutionA: 5, crossed: false });
});
