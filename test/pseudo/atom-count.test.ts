import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hybridPseudoAtomCount,
  maskAtomCount,
  pseudoAtomCountFromMask,
  pseudoAtomCountFromMolecularWeight,
} from '../../src/pseudo/atom-count.js';
import { UserError } from '../../src/core/errors.js';

/**
 * A float32 mask with `count` voxels ≥ 0.99: count − 1 at 1 and one at float32(0.99) (= 0.99000001, counted, as
 * numpy 1.x counts it comparing in float32), one at 0.98 (not counted) and the rest 0.
 */
function maskWith(count: number): Float32Array {
  const m = new Float32Array(count + 50);
  m.fill(1, 0, count - 1);
  m[count - 1] = 0.99;
  m[count] = 0.98;
  return m;
}

test('-mw: N = int(MW · 1000 / 13.14)', () => {
  assert.equal(pseudoAtomCountFromMolecularWeight(50), 3805); // 3805.175…
  assert.equal(pseudoAtomCountFromMolecularWeight(0.5), 38); // 38.05…
  assert.equal(pseudoAtomCountFromMolecularWeight(13.14), 1000);
  assert.throws(() => pseudoAtomCountFromMolecularWeight(-5), UserError);
  assert.throws(() => pseudoAtomCountFromMolecularWeight(Number.NaN), UserError);
});

test('mask volume: N₀ = round(1.35 · V / 13.14 · N_A), N = int(round(N₀ / 1.55)); hybrid keeps N₀', () => {
  // 1000 voxels of 1 Å: V = 1e-21 cm³, 1.35e-21 g / 13.14 g/mol · 6.02214076e23 = 61.871… → 62; 62/1.55 = 40
  assert.deepEqual(maskAtomCount(new Float32Array(1000).fill(1), 1.0), {
    maskVoxels: 1000,
    volumeA3: 1000,
    atomsInVolume: 62,
  });
  assert.equal(pseudoAtomCountFromMask(new Float32Array(1000).fill(1), 1.0), 40);
  assert.equal(hybridPseudoAtomCount(new Float32Array(1000).fill(1), 1.0), 62);
  // 12 345 voxels of 1.2 Å: 1319.85 → 1320; 1320 / 1.55 = 851.6 → 852
  const m = maskWith(12345);
  assert.equal(maskAtomCount(m, 1.2).maskVoxels, 12345);
  assert.equal(maskAtomCount(m, 1.2).atomsInVolume, 1320);
  assert.equal(pseudoAtomCountFromMask(m, 1.2), 852);
  // a float32 voxel size as read from a header: 250 000 voxels of float32(0.8) Å → 7919.53 → 7920 → 5109.68 → 5110
  const big = new Uint8Array(250000).fill(1);
  assert.equal(maskAtomCount(big, Math.fround(0.8)).atomsInVolume, 7920);
  assert.equal(pseudoAtomCountFromMask(big, Math.fround(0.8)), 5110);
  // 60 voxels of 1.5 Å: 12.53 → 13 (hybrid), 8.39 → 8
  assert.equal(hybridPseudoAtomCount(new Uint8Array(60).fill(1), 1.5), 13);
  assert.equal(pseudoAtomCountFromMask(new Uint8Array(60).fill(1), 1.5), 8);
  // another threshold
  assert.equal(maskAtomCount(Float32Array.of(0.4, 0.5, 0.6), 1, 0.5).maskVoxels, 2);
  // the density the factors amount to: N₀/V ≈ 0.0619 atoms/Å³, N/V ≈ 0.0399 atoms/Å³
  const perA3 = maskAtomCount(new Uint8Array(1_000_000).fill(1), 1).atomsInVolume / 1e6;
  assert.ok(Math.abs(perA3 - 0.06187) < 1e-4 && Math.abs(perA3 / 1.55 - 0.0399) < 1e-4);
});

test('hybrid: no unmodelled density is an error that says to run model-based LocScale', () => {
  assert.throws(
    () => hybridPseudoAtomCount(new Float32Array(100), 1.0),
    (e: unknown) => e instanceof UserError && /model-based LocScale/.test(e.message),
  );
  // 8 voxels of 1 Å give N₀ = round(0.49) = 0 too
  assert.throws(() => hybridPseudoAtomCount(new Float32Array(8).fill(1), 1.0), UserError);
});
