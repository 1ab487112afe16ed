import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centreValueKernels } from '../../src/scaling/window-kernels.js';
import { cubeFromFormula, hashNoise } from '../helpers/golden.js';
import { plainCentreValue } from './plain-window.js';

test('Σ_r k_r·⟨W, K_r⟩ equals the plain rescaled centre value (any factors) to 1e-12', () => {
  for (const wn of [8, 10]) {
    const kernels = centreValueKernels(wn);
    assert.equal(kernels.length, wn / 2 + 1);
    const w = cubeFromFormula(wn, (x, y, z) => Math.sin(0.4 * x - 0.3 * y * z) + hashNoise(x, y, z));
    const factors = Array.from({ length: wn / 2 + 1 }, (_, r) => 1 + 0.7 * Math.cos(1.3 * r) + r * r * 0.05);
    let value = 0;
    for (let r = 0; r < kernels.length; r++) {
      let dot = 0;
      for (let i = 0; i < w.length; i++) dot += w[i] * kernels[r][i];
      value += factors[r] * dot;
    }
    const want = plainCentreValue(w, wn, factors);
    assert.ok(Math.abs(value - want) <= 1e-12 * Math.max(1, Math.abs(want)), `wn ${wn}: ${value} vs ${want}`);
  }
});

test('with all factors 1 the kernels sum to a delta at the window centre', () => {
  const wn = 8;
  const kernels = centreValueKernels(wn);
  const centre = ((wn / 2) * wn + wn / 2) * wn + wn / 2;
  for (let i = 0; i < wn ** 3; i++) {
    const s = kernels.reduce((acc, k) => acc + k[i], 0);
    assert.ok(Math.abs(s - (i === centre ? 1 : 0)) < 1e-12, `voxel ${i}: ${s}`);
  }
});
