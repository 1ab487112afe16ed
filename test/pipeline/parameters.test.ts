import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowSizeVoxels, nyquistA, wilsonCutoffA, windowBleeds } from '../../src/pipeline/parameters.js';

test('window size from the voxel size, or the user value rounded up to even (spec §2.4)', () => {
  assert.equal(windowSizeVoxels(1.2156), 22);
  assert.equal(windowSizeVoxels(1.0), 26);
  assert.equal(windowSizeVoxels(1.4), 18);
  assert.equal(windowSizeVoxels(1.0, 21), 22);
  assert.equal(windowSizeVoxels(1.0, 20.7), 20);
});

test("nyquist = (round(20·apix) + 1)/10 with banker's rounding (spec §2.9 examples)", () => {
  assert.equal(nyquistA(1.2156), 2.5);
  assert.equal(nyquistA(1.0), 2.1);
  assert.equal(nyquistA(0.83), 1.8);
  assert.equal(nyquistA(1.025), 2.1); // round(20.5) = 20
});

test('Wilson cutoff: V = 744 500 Å³ gives ≈ 9.8 Å (spec §2.8 example)', () => {
  const mask = new Float32Array(744500).fill(1); // 744 500 voxels of 1 Å³
  assert.ok(Math.abs(wilsonCutoffA(mask, 1) - 9.8) < 0.05);
  const d = wilsonCutoffA(mask, 1);
  assert.ok(Math.abs(d - 1 / (0.309 * (0.8 * 744500) ** (-1 / 12))) < 1e-12);
});

test('window bleeding: a mask voxel closer than wn/2 to an edge', () => {
  const shape: [number, number, number] = [20, 20, 20];
  const mask = new Uint8Array(8000);
  mask[(10 * 20 + 10) * 20 + 10] = 1;
  assert.equal(windowBleeds(mask, shape, 8), false);
  mask[(10 * 20 + 10) * 20 + 3] = 1;
  assert.equal(windowBleeds(mask, shape, 8), true);
  const edge = new Uint8Array(8000);
  edge[(10 * 20 + 10) * 20 + 16] = 1; // x = n − wn/2: no padding (the crop later excludes it, spec §2.4 note)
  assert.equal(windowBleeds(edge, shape, 8), false);
});
