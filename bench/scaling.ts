/**
 * Exact-engine throughput: windows per second per core at wn 22 and 26, the speed-up with 2 workers, and the
 * ratio to a plain per-window implementation (full forward FFT, scale, full inverse FFT, centre) measured in the
 * same run. Run: node --import tsx bench/scaling.ts [--size 96]
 */
import { runExactScaling } from '../src/scaling/exact-engine.js';
import type { ScalingInput } from '../src/scaling/exact-engine.js';
import { noProgress } from '../src/core/progress.js';
import { extractWindow, plainCentreValue, plainReferenceFactors } from '../test/scaling/plain-window.js';

const sizeArg = process.argv.indexOf('--size');
const n = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 96;

function smoothNoise(seed: number): Float32Array {
  const out = new Float32Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        out[i++] =
          Math.sin(0.31 * x + seed) * Math.cos(0.17 * y - 0.4 * seed) +
          Math.sin(0.23 * z + 0.11 * x * (1 + seed)) +
          0.2 * Math.sin(12.9898 * x + 78.233 * y + 37.719 * z + seed);
  return out;
}

function sphereMask(radius: number): Uint8Array {
  const m = new Uint8Array(n * n * n);
  const c = n / 2;
  let i = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++, i++)
        m[i] = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius ? 1 : 0;
  return m;
}

const em = smoothNoise(0.3);
const reference = smoothNoise(1.7);
const mask = sphereMask(n / 2 - 14);
console.log(`map ${n}³, spherical mask of radius ${n / 2 - 14} voxels`);
console.log(
  'wn | voxels | 1 worker (windows/s) | 2 workers (windows/s) | speed-up | plain per-window (windows/s) | exact / plain',
);
for (const wn of [22, 26]) {
  const input: ScalingInput = {
    em,
    reference,
    mask,
    shapeZyx: [n, n, n],
    wn,
    apixA: 1,
    rules: [{ kind: 'reference', fscCutoffA: 3.5, measureBFactors: false }],
  };
  await runExactScaling({ ...input, mask: sphereMask(4) }, { workers: 1, progress: noProgress }); // warm-up
  let t = performance.now();
  const r1 = await runExactScaling(input, { workers: 1, progress: noProgress });
  const one = r1.voxelCount / ((performance.now() - t) / 1000);
  t = performance.now();
  const r2 = await runExactScaling(input, { workers: 2, progress: noProgress });
  const two = r2.voxelCount / ((performance.now() - t) / 1000);
  // plain baseline on a sample of windows
  const sample = 300;
  let s = 0;
  t = performance.now();
  for (let k = 0; k < sample; k++) {
    const c: [number, number, number] = [n / 2, n / 2 - 5 + (k % 10), n / 2 - 15 + Math.floor(k / 10)];
    const e = extractWindow(em, [n, n, n], c, wn);
    const m = extractWindow(reference, [n, n, n], c, wn);
    s += plainCentreValue(e, wn, plainReferenceFactors(e, m, wn));
  }
  const plain = sample / ((performance.now() - t) / 1000);
  if (!Number.isFinite(s)) throw new Error('plain baseline produced NaN');
  console.log(
    `${wn} | ${r1.voxelCount} | ${one.toFixed(0)} | ${two.toFixed(0)} | ${(two / one).toFixed(2)}× | ${plain.toFixed(0)} | ${(one / plain).toFixed(1)}×`,
  );
}
