import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Aborted, UserError } from '../../src/core/errors.js';
import type { ShapeZyx } from '../../src/core/vec.js';
import type { Volume } from '../../src/grid/volume.js';
import { extractBox } from '../../src/grid/pad-crop.js';
import { pearson } from '../../src/grid/statistics.js';
import type { Mat3 } from '../../src/symmetry/mat3.js';
import { IDENTITY3, axisAngleRotation } from '../../src/symmetry/mat3.js';
import { pointGroupOperators } from '../../src/symmetry/point-groups.js';
import {
  symmetrizationCubeEdge,
  symmetrizeMap,
  symmetrizeMapWithOperators,
} from '../../src/symmetry/symmetrize.js';
import type { Point } from './helpers.js';
import {
  boxCentre,
  gaussianMap,
  referenceSymmetrize,
  rotateAbout,
  rotateRealSpace,
  seededNormal,
  seededRandom,
  sphereMask,
} from './helpers.js';

const GROUPS = ['C4', 'D7', 'T', 'O', 'I'] as const;
const SIGMA_VOX = 1.8; // Gaussian "atoms": band-limited well below Nyquist

/** `count` points at distances rMin…rMax (voxels) from `c`, in no symmetric arrangement (seeded). */
function asymmetricUnit(c: Point, count: number, rMin: number, rMax: number, seed: number): Point[] {
  const rnd = seededRandom(seed);
  const out: Point[] = [];
  for (let i = 0; i < count; i++) {
    const r = rMin + (rMax - rMin) * rnd();
    const cosT = 2 * rnd() - 1;
    const sinT = Math.sqrt(1 - cosT * cosT);
    const phi = 2 * Math.PI * rnd();
    out.push([c[0] + r * sinT * Math.cos(phi), c[1] + r * sinT * Math.sin(phi), c[2] + r * cosT]);
  }
  return out;
}

/** Every symmetry copy R·(p − c) + c of every point. */
function symmetryCopies(ops: readonly Mat3[], points: readonly Point[], c: Point): Point[] {
  const out: Point[] = [];
  for (const r of ops) for (const p of points) out.push(rotateAbout(r, p, c));
  return out;
}

function std(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  const mean = s / data.length;
  let ss = 0;
  for (let i = 0; i < data.length; i++) ss += (data[i] - mean) ** 2;
  return Math.sqrt(ss / data.length);
}

function withNoise(v: Volume, sigma: number, seed: number): Volume {
  const g = seededNormal(seed);
  return { ...v, data: Float32Array.from(v.data, (x) => x + sigma * g()) };
}

function cube(n: number): ShapeZyx {
  return [n, n, n];
}

test('matches a direct transcription of the original algorithm (random 12³ map, C4, D7, I, an arbitrary pair)', () => {
  const n = 12;
  const g = seededNormal(3);
  const data = Float32Array.from({ length: n ** 3 }, () => g());
  const vol: Volume = { data, shapeZyx: cube(n), voxelSizeXyzA: [1.1, 1.1, 1.1], originXyzA: [0, 0, 0] };
  const sets: [string, readonly Mat3[]][] = [
    ['identity', [IDENTITY3]],
    ['C4', pointGroupOperators('C4')],
    ['D7', pointGroupOperators('D7')],
    ['I', pointGroupOperators('I')],
    ['pair', [IDENTITY3, axisAngleRotation([0.3, -0.5, 0.8], 0.7)]],
  ];
  for (const [name, ops] of sets) {
    const expected = referenceSymmetrize(data, n, ops);
    const got = symmetrizeMapWithOperators(vol, ops).data;
    let maxDiff = 0;
    let maxRef = 0;
    for (let i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - got[i]));
      maxRef = Math.max(maxRef, Math.abs(expected[i]));
    }
    // float32 output: agreement to its rounding
    assert.ok(maxDiff <= 1e-6 * maxRef, `${name}: max |Δ| ${maxDiff} vs max ${maxRef}`);
  }
});

test('an already-symmetric map is unchanged (CC ≥ 0.999): C4, D7, T, O, I', (t) => {
  const shape = cube(40);
  const c = boxCentre(shape);
  const au = asymmetricUnit(c, 24, 2, 8, 7);
  for (const sym of GROUPS) {
    const sym0 = gaussianMap(shape, symmetryCopies(pointGroupOperators(sym), au, c), SIGMA_VOX);
    const out = symmetrizeMap(sym0, sym);
    const cc = pearson(out.data, sym0.data);
    t.diagnostic(`${sym}: CC(symmetrised, input) = ${cc.toFixed(5)}`);
    assert.ok(cc >= 0.999, `${sym}: CC ${cc}`);
  }
});

test('asymmetric unit + noise → correlates ≥ 0.99 with the noise-free symmetric map: C4, D7, T, O, I', (t) => {
  const shape = cube(40);
  const c = boxCentre(shape);
  const au = asymmetricUnit(c, 24, 2, 8, 7);
  for (const sym of GROUPS) {
    const ops = pointGroupOperators(sym);
    const clean = gaussianMap(shape, symmetryCopies(ops, au, c), SIGMA_VOX);
    const sd = std(clean.data);
    // (a) the asymmetric unit alone: symmetrising must rebuild the symmetric map (tests the frame and centre)
    const fromAu = symmetrizeMap(gaussianMap(shape, au, SIGMA_VOX), sym);
    const ccAu = pearson(fromAu.data, clean.data);
    // (b) the symmetric map plus white noise of 0.3 σ (1 σ for I)
    const noiseSd = (sym === 'I' ? 1 : 0.3) * sd;
    const noisy = withNoise(clean, noiseSd, 11);
    const ccBefore = pearson(noisy.data, clean.data);
    const ccAfter = pearson(symmetrizeMap(noisy, sym).data, clean.data);
    t.diagnostic(
      `${sym}: asymmetric unit → CC ${ccAu.toFixed(5)}; noise ${noiseSd === sd ? '1' : '0.3'}σ: ` +
        `CC ${ccBefore.toFixed(4)} → ${ccAfter.toFixed(5)}`,
    );
    assert.ok(ccAu >= 0.99, `${sym}: asymmetric unit CC ${ccAu}`);
    assert.ok(ccAfter >= 0.99, `${sym}: noisy CC ${ccAfter}`);
    assert.ok(ccAfter > ccBefore, `${sym}: symmetrising removed noise`);
  }
});

test('a symmetrised map is invariant under every operator (independent real-space rotation, CC ≥ 0.995)', (t) => {
  const shape = cube(40);
  const c = boxCentre(shape);
  const mask = sphereMask(shape, c, 17); // where R·p stays in the box
  const asym = gaussianMap(shape, asymmetricUnit(c, 30, 2, 12, 5), SIGMA_VOX);
  for (const sym of GROUPS) {
    const ops = pointGroupOperators(sym);
    const s = symmetrizeMap(asym, sym);
    let worst = 1;
    for (const r of ops) worst = Math.min(worst, pearson(rotateRealSpace(s, r, c), s.data, mask));
    t.diagnostic(`${sym}: min over ${ops.length} operators of CC(R·map, map) = ${worst.toFixed(5)}`);
    assert.ok(worst >= 0.995, `${sym}: ${worst}`);
  }
});

test('the operators act in x, y, z: a C4 about x (the wrong frame) does not rebuild a C4-about-z map', (t) => {
  const shape = cube(32);
  const c = boxCentre(shape);
  const au = asymmetricUnit(c, 6, 5, 10, 9);
  const c4z = pointGroupOperators('C4');
  const clean = gaussianMap(shape, symmetryCopies(c4z, au, c), SIGMA_VOX);
  const c4x = [0, 1, 2, 3].map((k) => axisAngleRotation([1, 0, 0], (k * Math.PI) / 2));
  const right = pearson(symmetrizeMapWithOperators(gaussianMap(shape, au, SIGMA_VOX), c4z).data, clean.data);
  const wrong = pearson(symmetrizeMapWithOperators(gaussianMap(shape, au, SIGMA_VOX), c4x).data, clean.data);
  t.diagnostic(
    `CC with the C4-about-z map: ${right.toFixed(5)} (C4 about z), ${wrong.toFixed(5)} (C4 about x)`,
  );
  assert.ok(right > 0.999, `C4 about z: ${right}`);
  assert.ok(wrong < 0.6, `C4 about x: ${wrong}`);
});

test('non-cubic and odd boxes: zero-padded to an even cube about voxel floor(n/2), symmetrised, cropped', (t) => {
  // [nz, ny, nx] = [30, 34, 38]: centre (x, y, z) = (19, 17, 15)
  const shape: ShapeZyx = [30, 34, 38];
  const c = boxCentre(shape);
  const ops = pointGroupOperators('D7');
  const au = asymmetricUnit(c, 20, 2, 8, 13);
  const clean = gaussianMap(shape, symmetryCopies(ops, au, c), SIGMA_VOX);
  const vol: Volume = {
    ...gaussianMap(shape, au, SIGMA_VOX),
    voxelSizeXyzA: [1.3, 1.3, 1.3],
    originXyzA: [5, 6, 7],
  };
  const out = symmetrizeMap(vol, 'D7');
  assert.deepEqual(out.shapeZyx, shape);
  assert.deepEqual(out.voxelSizeXyzA, vol.voxelSizeXyzA);
  assert.deepEqual(out.originXyzA, vol.originXyzA);
  const cc = pearson(out.data, clean.data);
  t.diagnostic(`D7 in a 38×34×30 box: CC with the analytic symmetric map ${cc.toFixed(5)}`);
  assert.ok(cc >= 0.99, `${cc}`);
  // exactly what padding to the 38³ cube (voxel floor(n/2) → 19) by hand and cropping back gives
  const m = symmetrizationCubeEdge(shape);
  assert.equal(m, 38);
  const start: ShapeZyx = [15 - 19, 17 - 19, 19 - 19];
  const padded = extractBox(vol, start, cube(m));
  const viaCube = extractBox(symmetrizeMap(padded, 'D7'), [-start[0], -start[1], -start[2]], shape);
  for (let i = 0; i < out.data.length; i++) assert.equal(out.data[i], viaCube.data[i]);

  // odd cube: the centre is voxel 16 of 33
  const odd = cube(33);
  const co = boxCentre(odd);
  assert.deepEqual(co, [16, 16, 16]);
  const oOps = pointGroupOperators('O');
  const auO = asymmetricUnit(co, 12, 2, 8, 17);
  const cleanO = gaussianMap(odd, symmetryCopies(oOps, auO, co), SIGMA_VOX);
  const ccOdd = pearson(symmetrizeMap(gaussianMap(odd, auO, SIGMA_VOX), 'O').data, cleanO.data);
  t.diagnostic(`O in a 33³ box: CC ${ccOdd.toFixed(5)}`);
  assert.ok(ccOdd >= 0.99, `${ccOdd}`);
});

test('oversampling 2 reduces the damping of trilinear Fourier interpolation (a wide particle, I)', (t) => {
  const shape = cube(32);
  const c = boxCentre(shape);
  const ops = pointGroupOperators('I');
  const clean = gaussianMap(shape, symmetryCopies(ops, asymmetricUnit(c, 6, 6, 10, 21), c), SIGMA_VOX);
  const plain = pearson(symmetrizeMap(clean, 'I').data, clean.data);
  const over = pearson(symmetrizeMap(clean, 'I', { oversampling: 2 }).data, clean.data);
  t.diagnostic(
    `I, atoms 6–10 voxels from the centre of 32³: CC ${plain.toFixed(5)} (faithful), ${over.toFixed(5)} (×2)`,
  );
  assert.ok(over > plain);
  assert.ok(over >= 0.9995, `${over}`);
  assert.equal(symmetrizationCubeEdge(shape, 2), 64);
  assert.equal(symmetrizationCubeEdge([33, 20, 21], 1), 34);
  assert.equal(symmetrizationCubeEdge([33, 20, 21], 1.5), 50);
});

test('C1 returns an unchanged copy; the input is never modified; the frame is kept', () => {
  const vol = withNoise(gaussianMap(cube(16), [[8, 8, 8]], 2), 0.1, 1);
  const before = Float32Array.from(vol.data);
  const c1 = symmetrizeMap(vol, 'c1');
  assert.notEqual(c1.data, vol.data);
  assert.deepEqual(c1.data, vol.data);
  symmetrizeMap(vol, 'I');
  assert.deepEqual(vol.data, before);
});

test('bad input: UserError for anisotropic voxels, unknown symbols, non-rotations and bad oversampling', () => {
  const vol = gaussianMap(cube(16), [[8, 8, 8]], 2);
  assert.throws(() => symmetrizeMap({ ...vol, voxelSizeXyzA: [1, 1, 1.2] }, 'C2'), UserError);
  assert.doesNotThrow(() => symmetrizeMap({ ...vol, voxelSizeXyzA: [1, 1, 1.0004] }, 'C2'));
  assert.throws(() => symmetrizeMap(vol, 'Q7'), UserError);
  const mirror: Mat3 = [
    [-1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  assert.throws(() => symmetrizeMapWithOperators(vol, [IDENTITY3, mirror]), UserError);
  assert.throws(() => symmetrizeMapWithOperators(vol, []), UserError);
  assert.throws(() => symmetrizeMap(vol, 'C2', { oversampling: 0.5 }), UserError);
  assert.throws(() => symmetrizeMap(vol, 'C2', { oversampling: Number.NaN }), UserError);
});

test('progress: one report per operator; cancellation between operators throws Aborted', () => {
  const vol = gaussianMap(cube(16), [[8, 8, 8]], 2);
  const seen: [number, number][] = [];
  symmetrizeMap(vol, 'D3', {
    progress: { shouldReport: true, report: (done, total) => seen.push([done, total]) },
  });
  assert.deepEqual(
    seen,
    [1, 2, 3, 4, 5, 6].map((d) => [d, 6]),
  );
  const controller = new AbortController();
  let calls = 0;
  assert.throws(
    () =>
      symmetrizeMap(vol, 'O', {
        progress: {
          shouldReport: true,
          signal: controller.signal,
          report: () => {
            calls++;
            if (calls === 2) controller.abort();
          },
        },
      }),
    Aborted,
  );
  assert.equal(calls, 2);
});
