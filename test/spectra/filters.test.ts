import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Volume } from '../../src/grid/volume.js';
import { lowPassTanh, sharpenLocscale, sharpenBFactor, tanhLowPassGain } from '../../src/spectra/filters.js';

/** A cosine plane wave with integer frequency index (kz, ky, kx): an exact Fourier mode of the box. */
function planeWave(
  shape: [number, number, number],
  k: [number, number, number],
  apix: [number, number, number],
): Volume {
  const [nz, ny, nx] = shape;
  const data = new Float32Array(nz * ny * nx);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        data[i++] = Math.cos(2 * Math.PI * ((k[0] * z) / nz + (k[1] * y) / ny + (k[2] * x) / nx));
  return { data, shapeZyx: shape, voxelSizeXyzA: apix, originXyzA: [0, 0, 0] };
}

function gainOf(filtered: Volume, original: Volume): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < original.data.length; i++) {
    num += filtered.data[i] * original.data[i];
    den += original.data[i] * original.data[i];
  }
  return num / den;
}

test('tanh gain: ½ at the cutoff, ≈1 well below, ≈0 well above', () => {
  assert.ok(Math.abs(tanhLowPassGain(0.25, 0.25) - 0.5) < 1e-12);
  assert.ok(tanhLowPassGain(0.1, 0.25) > 0.999999);
  assert.ok(tanhLowPassGain(0.4, 0.25) < 1e-6);
});

test('lowPassTanh multiplies each Fourier mode by the tanh gain at its physical frequency', () => {
  const apix: [number, number, number] = [1.2, 1.0, 1.5];
  const shape: [number, number, number] = [12, 16, 10];
  for (const k of [
    [1, 2, 1],
    [3, 0, 2],
    [0, 5, 4],
  ] as [number, number, number][]) {
    const w = planeWave(shape, k, apix);
    const f = Math.hypot(k[0] / (12 * 1.5), k[1] / (16 * 1.0), k[2] / (10 * 1.2));
    const got = gainOf(lowPassTanh(w, 5), w);
    assert.ok(Math.abs(got - tanhLowPassGain(f, 1 / 5)) < 1e-6, `k=${k.join()}: ${got}`);
  }
});

test('sharpenLocscale scales shell ⌊|k|⌋ by exp(B/4·f²) on the stretched axis, and leaves corners alone', () => {
  const n = 16;
  const apix = 1.3;
  const step = 1 / (2 * apix) / (n / 2 - 1);
  for (const k of [
    [0, 3, 4],
    [2, 2, 1],
    [6, 5, 4],
  ] as [number, number, number][]) {
    const w = planeWave([n, n, n], k, [apix, apix, apix]);
    const r = Math.floor(Math.hypot(...k));
    const want = r < n / 2 ? Math.exp((50 / 4) * (r * step) ** 2) : 1;
    const got = gainOf(sharpenLocscale(w, 50, apix), w);
    assert.ok(Math.abs(got / want - 1) < 1e-6, `k=${k.join()}: ${got} vs ${want}`);
  }
});

test('sharpenBFactor multiplies by exp(B/4·s²) at the true frequency; ±B cancel', () => {
  const w = planeWave([10, 12, 14], [2, 3, 4], [1.1, 1.1, 1.1]);
  const s2 = (2 / 11) ** 2 + (3 / 13.2) ** 2 + (4 / 15.4) ** 2;
  assert.ok(Math.abs(gainOf(sharpenBFactor(w, 40), w) / Math.exp(10 * s2) - 1) < 1e-6);
  const back = sharpenBFactor(sharpenBFactor(w, 40), -40);
  for (let i = 0; i < w.data.length; i++) assert.ok(Math.abs(back.data[i] - w.data[i]) < 1e-5);
});
