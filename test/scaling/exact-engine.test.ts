import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExactScaling } from '../../src/scaling/exact-engine.js';
import { makeKernel } from '../../src/scaling/kernel-runner.js';
import type { ScalingInput } from '../../src/scaling/exact-engine.js';
import { noProgress } from '../../src/core/progress.js';
import { scalingVoxelRows, rowCount } from '../../src/scaling/voxel-list.js';
import { golden, assertClose, goldenEmFormula, goldenModelFormula } from '../helpers/golden.js';
import { extractWindow, plainCentreValue, plainReferenceFactors } from './plain-window.js';

const A = golden.A_window_scaling_model_based as {
  N: number;
  wn: number;
  apix: number;
  scale_factor_arguments: { fsc_cutoff: number };
  voxels_zyx: [number, number, number][];
  sharpened_center_values: number[];
  bfactor_vals: number[];
  qfit_vals: number[];
};

function mapOf(n: number, f: (x: number, y: number, z: number) => number): Float32Array {
  const out = new Float32Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out[i++] = f(x, y, z);
  return out;
}

function goldenInput(mask: Uint8Array): ScalingInput {
  const n = A.N;
  return {
    em: mapOf(n, goldenEmFormula),
    reference: mapOf(n, goldenModelFormula),
    mask,
    shapeZyx: [n, n, n],
    wn: A.wn,
    apixA: A.apix,
    rules: [{ kind: 'reference', fscCutoffA: A.scale_factor_arguments.fsc_cutoff, measureBFactors: true }],
    measureMaps: true,
  };
}

test('golden A: model-based window scaling (case C) centre values and local B to 1e-6', async () => {
  const n = A.N;
  const mask = new Uint8Array(n * n * n);
  const at = ([z, y, x]: [number, number, number]) => (z * n + y) * n + x;
  for (const v of A.voxels_zyx) mask[at(v)] = 1;
  const r = await runExactScaling(goldenInput(mask), { workers: 1, progress: noProgress });
  assert.equal(r.voxelCount, 5);
  assertClose(
    A.voxels_zyx.map((v) => r.value[at(v)]),
    A.sharpened_center_values,
    1e-6,
    0,
    'centre',
  );
  assertClose(
    A.voxels_zyx.map((v) => r.bFactor![at(v)]),
    A.bfactor_vals,
    1e-6,
    0,
    'B',
  );
  assertClose(
    A.voxels_zyx.map((v) => r.qfit![at(v)]),
    A.qfit_vals,
    1e-6,
    0,
    'qfit',
  );
});

test('sliding windows equal a plain per-window implementation to 1e-9 (full mask, every voxel)', () => {
  const n = A.N;
  const mask = new Uint8Array(n * n * n).fill(1);
  const input = goldenInput(mask);
  const rows = scalingVoxelRows(mask, input.shapeZyx, input.wn);
  const value = new Float64Array(n * n * n);
  const sink = { kind: 'value' as const, value, bFactor: null, qfit: null };
  const kernel = makeKernel({ ...input, reference: input.reference, ruleOf: null, rows, sink });
  assert.equal(kernel.run(rows, 0, rowCount(rows)), 12 * 12 * 12);
  // every voxel in the valid region: rows are walked both ways and entered by slides along y (the snake)
  let checked = 0;
  let maxRel = 0;
  for (let z = 4; z < n - 4; z++)
    for (let y = 4; y < n - 4; y++)
      for (let x = 4; x < n - 4; x++) {
        const c: [number, number, number] = [z, y, x];
        const e = extractWindow(input.em, [n, n, n], c, A.wn);
        const m = extractWindow(input.reference!, [n, n, n], c, A.wn);
        const want = plainCentreValue(e, A.wn, plainReferenceFactors(e, m, A.wn));
        const got = value[(z * n + y) * n + x];
        maxRel = Math.max(maxRel, Math.abs(got - want) / Math.abs(want));
        checked++;
      }
  assert.equal(checked, 12 * 12 * 12);
  assert.ok(maxRel < 1e-9, `max relative difference ${maxRel}`);
  assert.equal(value[0], 0); // outside the window-valid region
});

test('results are bit-identical for 1 and 2 workers', async () => {
  const n = A.N;
  const mask = new Uint8Array(n * n * n);
  for (let i = 0; i < mask.length; i++) mask[i] = (i * 7919) % 5 === 0 ? 0 : 1;
  const one = await runExactScaling(goldenInput(mask), { workers: 1, progress: noProgress });
  const two = await runExactScaling(goldenInput(mask), {
    workers: 2,
    progress: noProgress,
    voxelsPerChunk: 50,
  });
  assert.deepEqual(Buffer.from(two.value.buffer), Buffer.from(one.value.buffer));
  assert.deepEqual(Buffer.from(two.bFactor!.buffer), Buffer.from(one.bFactor!.buffer));
});
