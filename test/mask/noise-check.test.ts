import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBlobs, blobMap, correlatedNoise, mulberry32, tubeLatticeMap } from '../helpers/synthetic-maps.js';
import { checkNoiseBoxes } from '../../src/mask/noise-check.js';
import { defaultNoiseBoxes, estimateNoise, noiseBoxesAt } from '../../src/mask/noise-boxes.js';

const N = 64;
const SHAPE = [N, N, N] as const;

function check(data: Float32Array, w = 8) {
  return checkNoiseBoxes(data, SHAPE, estimateNoise(data, SHAPE, defaultNoiseBoxes(SHAPE, w)));
}

test('effective sample size: ≈ w³ for white noise, ≈ w³/τ³ with τ ≈ 2.4 for [1,2,1]-smoothed noise', () => {
  const rand = mulberry32(5);
  const white = Float32Array.from({ length: N ** 3 }, () => rand() - 0.5);
  const cw = check(white);
  assert.ok(cw.effectiveSamplesPerBox > 0.7 * 512, `white: ${cw.effectiveSamplesPerBox}`);
  assert.ok(cw.lag1CorrelationZyx.every((r) => Math.abs(r) < 0.05));
  const cc = check(correlatedNoise(N, 5));
  // ρ(1) = 2/3, ρ(2) = 1/6: τ = 1 + 2(7/8·2/3 + 6/8·1/6) ≈ 2.42 per axis
  assert.ok(cc.lag1CorrelationZyx.every((r) => Math.abs(r - 2 / 3) < 0.05));
  assert.ok(cc.autocorrelationTimeZyx.every((t) => Math.abs(t - 2.42) < 0.2));
  assert.ok(cc.effectiveSamplesPerBox > 25 && cc.effectiveSamplesPerBox < 50, `${cc.effectiveSamplesPerBox}`);
});

test('solvent boxes: no finding; the dark reference is the noise (σ_dark ≈ 1)', () => {
  for (const seed of [1, 2, 3, 4]) {
    const c = check(blobMap(N, seed, { amplitude: 8 }).volume.data);
    assert.equal(c.contaminated, false, JSON.stringify(c.findings));
    assert.ok(c.dark !== null && Math.abs(Math.sqrt(c.dark.variance) - 1) < 0.1);
    assert.equal(c.dark.cubeCount, 512);
    assert.equal(c.dark.darkCount, 51);
  }
});

test('boxes on tube walls are brighter than solvent', () => {
  const c = check(tubeLatticeMap(N, 1).data);
  assert.ok(c.findings.some((f) => f.code === 'brighter-than-solvent'));
  const f = c.findings.find((x) => x.code === 'brighter-than-solvent')!;
  assert.ok(f.value > f.threshold && /noise σ above/.test(f.text));
});

test('one box on density among three in solvent: the boxes disagree (and the pooled σ is inflated)', () => {
  const data = correlatedNoise(N, 8);
  // a dense, rough patch right where the first default box is (z 28–35, y 1–8, x 28–35)
  const rand = mulberry32(1);
  const spots: [number, number, number][] = [];
  for (let k = 0; k < 12; k++) spots.push([28 + 8 * rand(), 1 + 8 * rand(), 28 + 8 * rand()]);
  addBlobs(data, N, spots, 6, 1.2);
  const c = check(data);
  assert.ok(
    c.findings.some((f) => f.code === 'boxes-disagree'),
    JSON.stringify(c.findings),
  );
});

test('user-placed boxes are checked too; a single box cannot disagree with itself', () => {
  const data = tubeLatticeMap(N, 2).data;
  const onWall = estimateNoise(data, SHAPE, noiseBoxesAt(SHAPE, 8, [[32, 5, 32]]));
  const c = checkNoiseBoxes(data, SHAPE, onWall);
  assert.ok(c.contaminated && !c.findings.some((f) => f.code === 'boxes-disagree'));
  const inSolvent = estimateNoise(data, SHAPE, noiseBoxesAt(SHAPE, 8, check(data).suggestedCentresZyx));
  assert.equal(checkNoiseBoxes(data, SHAPE, inSolvent).contaminated, false);
});

test('a map with fewer than 20 cubes of the box edge has no dark reference (only the box-agreement test)', () => {
  const n = 16;
  const shape = [n, n, n] as const;
  const data = correlatedNoise(n, 2);
  const c = checkNoiseBoxes(data, shape, estimateNoise(data, shape, defaultNoiseBoxes(shape, 6)));
  assert.equal(c.dark, null);
  assert.deepEqual(c.suggestedCentresZyx, []);
  assert.equal(c.contaminated, false);
});
