import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RealGrid } from '../../src/grid/volume.js';
import { golden, cubeFromFormula, hashNoise } from '../helpers/golden.js';
import { addBlobs, blobMap, correlatedNoise, cubeVolume, tubeLatticeMap } from '../helpers/synthetic-maps.js';
import {
  fdrConfidenceMap,
  confidenceFromNoise,
  defaultMinMaskVoxels,
} from '../../src/mask/fdr-confidence.js';
import { binariseConfidence, countAtLeast } from '../../src/mask/binarise.js';
import { locscaleSphereMask } from '../../src/mask/fdr-sphere.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { Aborted, UserError } from '../../src/core/errors.js';

interface GoldenE {
  N: number;
  window_size: number;
  noise_mean: number;
  noise_var: number;
  no_filter: {
    sum_conf: number;
    'count_conf_ge_0.99': number;
    'count_conf_ge_0.5': number;
    samples_zyx: [number, number, number][];
    sample_values: number[];
  };
  lowpass_5A: { sum_conf: number; 'count_conf_ge_0.99': number; sample_values: number[] };
}
const E = golden.E_FDR_confidence_map as unknown as GoldenE;

/** The golden map: 3·exp(−|r − (20, 21, 19)|²/32) + hash noise, on a 40³ grid at 1 Å. */
function goldenMap(precision: 'float64' | 'float32'): RealGrid {
  const d = cubeFromFormula(
    E.N,
    (x, y, z) =>
      3 * Math.exp(-((x - 20) ** 2 + (y - 21) ** 2 + (z - 19) ** 2) / (2 * 16)) + hashNoise(x, y, z),
  );
  return {
    data: precision === 'float64' ? d : Float32Array.from(d),
    shapeZyx: [E.N, E.N, E.N],
    voxelSizeXyzA: [1, 1, 1],
    originXyzA: [0, 0, 0],
  };
}

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

function samples(conf: Float64Array): number[] {
  return E.no_filter.samples_zyx.map(([z, y, x]) => conf[(z * E.N + y) * E.N + x]);
}

function assertSamples(got: number[], want: number[], tol: number): void {
  for (let i = 0; i < want.length; i++) {
    const err = want[i] === 0 ? Math.abs(got[i]) : rel(got[i], want[i]);
    assert.ok(
      err <= tol,
      `sample ${i} (zyx ${E.no_filter.samples_zyx[i].join(',')}): ${got[i]} vs ${want[i]}`,
    );
  }
}

// Tolerances. The golden numbers were computed by the original on float64 input (Appendix A), so a float64 grid
// reproduces them to rounding: measured 1.5e-10 (μ: a near-cancelling mean of ±0.5 values, and the hash noise
// itself differs in the last bits between numpy's and V8's sin), 3e-13 (σ², Σ confidence), and bit-identical
// samples and counts. 1e-9 relative is asserted.
test('golden E, no pre-filter, float64 input: μ, σ², Σ confidence, counts and samples to 1e-9', () => {
  const r = fdrConfidenceMap(goldenMap('float64'), { windowSize: E.window_size, keepFloat64: true });
  assert.ok(rel(r.noise.mean, E.noise_mean) < 1e-9, `μ ${r.noise.mean} vs ${E.noise_mean}`);
  assert.ok(rel(r.noise.variance, E.noise_var) < 1e-9, `σ² ${r.noise.variance} vs ${E.noise_var}`);
  assert.ok(
    rel(r.confidenceSum, E.no_filter.sum_conf) < 1e-9,
    `Σ ${r.confidenceSum} vs ${E.no_filter.sum_conf}`,
  );
  assert.equal(r.maskVoxelCount, E.no_filter['count_conf_ge_0.99']);
  assert.equal(r.halfConfidenceCount, E.no_filter['count_conf_ge_0.5']);
  assertSamples(samples(r.confidence64!), E.no_filter.sample_values, 1e-9);
  assert.equal(r.testedVoxelCount, 30976);
  assert.equal(r.noiseCheck.contaminated, false);
});

test('golden E, 5 Å pre-filter (float64 throughout, as the original): Σ confidence, count and samples to 1e-9', () => {
  const r = fdrConfidenceMap(goldenMap('float64'), {
    windowSize: E.window_size,
    lowPassA: 5,
    keepFloat64: true,
  });
  assert.ok(
    rel(r.confidenceSum, E.lowpass_5A.sum_conf) < 1e-9,
    `Σ ${r.confidenceSum} vs ${E.lowpass_5A.sum_conf}`,
  );
  assert.equal(r.maskVoxelCount, E.lowpass_5A['count_conf_ge_0.99']);
  assertSamples(samples(r.confidence64!), E.lowpass_5A.sample_values, 1e-9);
  assert.equal(r.noiseCheck.contaminated, false);
});

// A float32 Volume (what an MRC file gives) rounds the inputs by up to 3e-8; μ, a mean of ±0.5 values that nearly
// cancels, then moves by 8e-10 absolute (2e-6 relative), σ² by 3e-10 relative, Σ confidence by 2e-9 and the
// samples by 1e-10; the counts do not change. (The original computes this case in float32, spec Appendix B.)
test('golden E from a float32 volume: counts exact, μ to 5e-9 absolute, Σ confidence to 1e-8', () => {
  const r = fdrConfidenceMap(goldenMap('float32'), { windowSize: E.window_size, keepFloat64: true });
  assert.ok(Math.abs(r.noise.mean - E.noise_mean) < 5e-9);
  assert.ok(rel(r.noise.variance, E.noise_var) < 1e-8);
  assert.ok(rel(r.confidenceSum, E.no_filter.sum_conf) < 1e-8);
  assert.equal(r.maskVoxelCount, E.no_filter['count_conf_ge_0.99']);
  assert.equal(r.halfConfidenceCount, E.no_filter['count_conf_ge_0.5']);
  assertSamples(samples(r.confidence64!), E.no_filter.sample_values, 1e-8);
});

test('outputs: confidence is 0 outside the sphere, the mask is confidence ≥ 0.99, float32 matches float64', () => {
  const r = fdrConfidenceMap(goldenMap('float64'), { windowSize: 4, keepFloat64: true });
  const sphere = locscaleSphereMask([40, 40, 40]);
  const c64 = r.confidence64!;
  for (let i = 0; i < sphere.length; i++) {
    if (sphere[i] === 0) assert.equal(r.confidence.data[i], 0);
    assert.equal(r.mask.data[i], c64[i] >= 0.99 ? 1 : 0);
    assert.equal(r.confidence.data[i], Math.fround(c64[i]));
  }
  assert.equal(countAtLeast(r.mask.data, 0.5), r.maskVoxelCount);
  assert.deepEqual(binariseConfidence(r.confidence, 0.99).data, r.mask.data);
  assert.deepEqual(r.mask.shapeZyx, [40, 40, 40]);
  assert.equal(r.lowPassA, null);
  assert.equal(r.method, 'BY');
});

test('BY is stricter than BH voxel by voxel (q_BY ≥ q_BH), so the BY mask lies inside the BH mask', () => {
  const g = goldenMap('float64');
  const by = fdrConfidenceMap(g, { windowSize: 4 });
  const bh = fdrConfidenceMap(g, { windowSize: 4, method: 'BH' });
  for (let i = 0; i < by.confidence.data.length; i++) {
    assert.ok(bh.confidence.data[i] >= by.confidence.data[i]);
    if (by.mask.data[i] === 1) assert.equal(bh.mask.data[i], 1);
  }
  assert.ok(bh.maskVoxelCount > by.maskVoxelCount);
});

test('a particle in solvent: the mask covers every blob, stays near them, excludes the corners; no warning', () => {
  for (const seed of [1, 2]) {
    const n = 64;
    const { volume, centresZyx } = blobMap(n, seed, { amplitude: 8 });
    const issues = new IssueList();
    const r = fdrConfidenceMap(volume, { diagnostics: issues });
    assert.equal(r.windowSize, 8);
    for (const c of centresZyx) {
      const i = (Math.round(c[0]) * n + Math.round(c[1])) * n + Math.round(c[2]);
      assert.equal(r.mask.data[i], 1, `blob at ${c.map((v) => v.toFixed(1)).join(', ')} not in the mask`);
    }
    let far = 0;
    for (let i = 0; i < r.mask.data.length; i++) {
      if (r.mask.data[i] === 0) continue;
      const x = i % n;
      const y = Math.floor(i / n) % n;
      const z = Math.floor(i / (n * n));
      if (Math.min(...centresZyx.map((c) => Math.hypot(z - c[0], y - c[1], x - c[2]))) > 6) far++;
    }
    assert.ok(
      far <= 0.01 * r.maskVoxelCount,
      `${far} of ${r.maskVoxelCount} mask voxels far from every blob`,
    );
    for (const z of [0, n - 1])
      for (const y of [0, n - 1])
        for (const x of [0, n - 1]) assert.equal(r.confidence.data[(z * n + y) * n + x], 0);
    assert.deepEqual(
      issues.issues.map((i) => i.code),
      ['fdr.small-window'],
    );
    assert.equal(r.noiseCheck.contaminated, false);
  }
});

test('(a) a pre-masked map (solvent set to 0) is a UserError that says so and asks for -ma, with or without -fdr_f', () => {
  const n = 64;
  const { volume } = blobMap(n, 4, { amplitude: 8 });
  const masked = Float32Array.from(volume.data);
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        if ((z - 32) ** 2 + (y - 32) ** 2 + (x - 32) ** 2 > 22 ** 2) masked[(z * n + y) * n + x] = 0;
  const vol = cubeVolume(n, masked);
  for (const lowPassA of [undefined, 5]) {
    assert.throws(
      () => fdrConfidenceMap(vol, { lowPassA }),
      (e: unknown) => e instanceof UserError && /pre-masked/.test(e.message) && /-ma\b/.test(e.message),
    );
  }
  // boxes with a few exact zeros: a warning, not an error
  const some = Float32Array.from(volume.data);
  for (let y = 2; y < 6; y++) for (let x = 28; x < 36; x++) some[(30 * n + y) * n + x] = 0; // 32 of 2048
  const issues = new IssueList();
  fdrConfidenceMap(cubeVolume(n, some), { diagnostics: issues });
  assert.ok(issues.issues.some((i) => i.code === 'fdr.noise-box-zeros'));
});

test('(b) a map filled to the edges (tube lattice): the contamination warning fires, explains, and suggests positions', () => {
  const n = 64;
  const issues = new IssueList();
  const r = fdrConfidenceMap(tubeLatticeMap(n, 1), { diagnostics: issues, minMaskVoxels: 0 });
  assert.equal(r.noiseCheck.contaminated, true);
  const w = issues.issues.find((i) => i.code === 'fdr.noise-contaminated');
  assert.ok(w !== undefined && w.severity === 'warning');
  assert.match(w.message, /contaminated by density/);
  assert.match(w.message, /-ma\b/);
  assert.match(w.message, /noise-box centres/);
  assert.equal(r.noiseCheck.suggestedCentresZyx.length, 4);
  // the suggested boxes lie in solvent: using them, the check is clean and the tubes come out
  const issues2 = new IssueList();
  const r2 = fdrConfidenceMap(tubeLatticeMap(n, 1), {
    diagnostics: issues2,
    noiseBoxCentresZyx: r.noiseCheck.suggestedCentresZyx,
  });
  assert.equal(r2.noiseCheck.contaminated, false);
  assert.ok(!issues2.issues.some((i) => i.code === 'fdr.noise-contaminated'));
  assert.equal(r.maskVoxelCount, 0);
  assert.ok(r2.maskVoxelCount > 0.02 * n ** 3, `mask ${r2.maskVoxelCount}`);
});

test('(b) no false alarm: maps with solvent (several seeds, with and without -fdr_f, the golden map) stay quiet', () => {
  for (const seed of [3, 5, 6]) {
    for (const lowPassA of [undefined, 5]) {
      const r = fdrConfidenceMap(blobMap(64, seed, { amplitude: 8 }).volume, { lowPassA });
      assert.equal(
        r.noiseCheck.contaminated,
        false,
        `seed ${seed}, -fdr_f ${lowPassA}: ${JSON.stringify(r.noiseCheck.findings)}`,
      );
    }
  }
  const big = fdrConfidenceMap(blobMap(96, 9, { amplitude: 8 }).volume);
  assert.equal(big.noiseCheck.contaminated, false);
});

test('(c) an empty mask is a UserError naming the count and the remedies, not a crash', () => {
  const noise = cubeVolume(48, correlatedNoise(48, 11));
  assert.throws(
    () => fdrConfidenceMap(noise, { lowPassA: 5 }),
    (e: unknown) =>
      e instanceof UserError &&
      /mask is empty: 0 voxels/.test(e.message) &&
      /-ma\b/.test(e.message) &&
      /noise-box/.test(e.message) &&
      /-fdr_f/.test(e.message),
  );
  // the original's crash case: a filled map with the 5 Å pre-filter leaves no voxel; here the error also names
  // the contaminated noise estimate as the likely cause
  const issues = new IssueList();
  assert.throws(
    () => fdrConfidenceMap(tubeLatticeMap(64, 2), { lowPassA: 5, diagnostics: issues }),
    (e: unknown) => e instanceof UserError && /empty/.test(e.message) && /sit on density/.test(e.message),
  );
  assert.ok(issues.issues.some((i) => i.code === 'fdr.noise-contaminated'));
  assert.equal(defaultMinMaskVoxels(64 ** 3), 100);
  assert.equal(defaultMinMaskVoxels(384 ** 3), 5663);
});

test('(c) a small mask with a contaminated noise estimate (under 1 % of the box) is an error too', () => {
  // the walls stay below significance, a few bright spots on them pass (like side chains of a helical map)
  const vol = tubeLatticeMap(64, 3);
  addBlobs(
    vol.data,
    64,
    [
      [10, 5, 32],
      [40, 32, 6],
      [50, 58, 32],
      [20, 32, 58],
    ],
    30,
    2,
  );
  const r = fdrConfidenceMap(vol, { minMaskVoxels: 0 });
  assert.ok(r.noiseCheck.contaminated);
  assert.ok(r.maskVoxelCount > 0 && r.maskVoxelCount < 0.01 * 64 ** 3, `mask ${r.maskVoxelCount}`);
  assert.throws(
    () => fdrConfidenceMap(vol),
    (e: unknown) => e instanceof UserError && /implausibly small/.test(e.message),
  );
});

test('bad input and options are UserErrors; a cancelled run throws Aborted', () => {
  const { volume } = blobMap(32, 1, { amplitude: 8 });
  const bad = Float32Array.from(volume.data);
  bad[123] = NaN;
  assert.throws(() => fdrConfidenceMap(cubeVolume(32, bad)), /non-finite value \(NaN\)/);
  assert.throws(() => fdrConfidenceMap(volume, { windowSize: 40 }), UserError);
  assert.throws(() => fdrConfidenceMap(volume, { lowPassA: -5 }), UserError);
  assert.throws(() => fdrConfidenceMap(volume, { method: 'Holm' as 'BY' }), UserError);
  const controller = new AbortController();
  controller.abort();
  assert.throws(
    () =>
      fdrConfidenceMap(volume, {
        progress: { shouldReport: false, report: () => undefined, signal: controller.signal },
      }),
    Aborted,
  );
});

test('progress is reported through the Progress sink', () => {
  const labels = new Set<string>();
  const { volume } = blobMap(32, 1, { amplitude: 8 });
  fdrConfidenceMap(volume, {
    minMaskVoxels: 0,
    progress: { shouldReport: true, report: (_d, _t, label) => labels.add(label ?? '') },
  });
  assert.ok(labels.has('FDR: p-values') && labels.has('FDR: sorting'));
});

test('confidenceFromNoise with the golden μ, σ² gives the golden confidence (steps 3–6 alone)', () => {
  const g = goldenMap('float64');
  const c = confidenceFromNoise(g.data, g.shapeZyx, E.noise_mean, E.noise_var, 'BY', undefined, true);
  assert.equal(c.maskCount, E.no_filter['count_conf_ge_0.99']);
  assert.ok(rel(c.sum, E.no_filter.sum_conf) < 1e-9);
});
