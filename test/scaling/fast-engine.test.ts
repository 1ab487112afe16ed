import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExactScaling } from '../../src/scaling/exact-engine.js';
import type { ScalingInput } from '../../src/scaling/exact-engine.js';
import { interpolationData, runFastScaling } from '../../src/scaling/fast-engine.js';
import { interpolateAll } from '../../src/scaling/centre-correlation.js';
import { axisNodes, coarseGrid } from '../../src/scaling/coarse-grid.js';
import { scalingVoxelRows } from '../../src/scaling/voxel-list.js';
import { pearson } from '../../src/grid/statistics.js';
import { noProgress } from '../../src/core/progress.js';
import { hashNoise } from '../helpers/golden.js';

function mapOf(n: number, f: (x: number, y: number, z: number) => number): Float32Array {
  const out = new Float32Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out[i++] = f(x, y, z);
  return out;
}

/** A blobby "molecule" (smooth, decaying outward) plus noise, and a smoother reference of it. */
function synthetic(n: number): ScalingInput {
  const c = n / 2;
  const blob = (x: number, y: number, z: number, s: number) =>
    Math.exp(-((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2) / (2 * (n / 5) ** 2)) *
    (1 + 0.5 * Math.sin(0.9 * x + s) * Math.cos(0.7 * y - s) * Math.sin(0.8 * z));
  const mask = new Uint8Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++, i++)
        mask[i] = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 < (n / 3) ** 2 ? 1 : 0;
  return {
    em: mapOf(n, (x, y, z) => blob(x, y, z, 0) + 0.05 * hashNoise(x, y, z)),
    reference: mapOf(n, (x, y, z) => blob(x, y, z, 0.1)),
    mask,
    shapeZyx: [n, n, n],
    wn: 10,
    apixA: 1.2,
    rules: [{ kind: 'reference', fscCutoffA: 3.5, measureBFactors: true }],
    measureMaps: true,
  };
}

function maxRelative(a: Float32Array, b: Float32Array, mask: Uint8Array): number {
  let peak = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) if (mask[i]) peak = Math.max(peak, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) if (mask[i]) worst = Math.max(worst, Math.abs(a[i] - b[i]) / peak);
  return worst;
}

test('axis nodes: stride S from wn/2, last node at n − wn/2 − 1, linear weights between', () => {
  const a = axisNodes(20, 8, 3);
  assert.deepEqual(Array.from(a.position), [4, 7, 10, 13, 15]);
  assert.equal(a.lower[3], -1);
  assert.deepEqual([a.lower[8], a.t[8]], [1, 1 / 3]);
  assert.deepEqual([a.lower[14], a.t[14]], [3, 0.5]);
  assert.deepEqual([a.lower[15], a.t[15]], [3, 1]); // the last node, reached with weight 1
});

test('coarse grid at S = 1 is exactly the listed voxels', () => {
  const input = synthetic(24);
  const rows = scalingVoxelRows(input.mask, input.shapeZyx, input.wn);
  const grid = coarseGrid(rows.voxels, input.shapeZyx, input.wn, [1, 1, 1]);
  assert.deepEqual(Array.from(grid.nodeVoxels), Array.from(rows.voxels));
});

test("interpolation to the voxels is trilinear between the bracketing nodes, for each voxel's rule", () => {
  const input = synthetic(24);
  const [nz, ny, nx] = input.shapeZyx;
  const voxels = scalingVoxelRows(input.mask, input.shapeZyx, input.wn).voxels;
  const ruleOf = new Uint8Array(nz * ny * nx).map((_, i) => (i % 7) % 2);
  const ruleCount = 2;
  for (const stride of [
    [2, 3, 1],
    [3, 3, 3],
    [1, 1, 1],
  ] as const) {
    const grid = coarseGrid(voxels, input.shapeZyx, input.wn, stride);
    const [, my, mx] = grid.shape;
    const perNode = Float64Array.from({ length: grid.nodeVoxels.length * ruleCount }, (_, i) =>
      Math.sin(1.7 * i),
    );
    const got = new Float64Array(voxels.length);
    interpolateAll(interpolationData(grid, voxels, input.shapeZyx, ruleOf), perNode, ruleCount, got);
    // written out independently: the bracketing node positions by search, weights from the distances
    const bracket = (positions: Int32Array, c: number): [number, number] => {
      let i = 0;
      while (i + 1 < positions.length && positions[i + 1] <= c) i++;
      const t = i + 1 < positions.length ? (c - positions[i]) / (positions[i + 1] - positions[i]) : 0;
      return [i, t];
    };
    voxels.forEach((index, v) => {
      const x = index % nx;
      const y = Math.floor(index / nx) % ny;
      const z = Math.floor(index / (nx * ny));
      const [iz, tz] = bracket(grid.axes[0].position, z);
      const [iy, ty] = bracket(grid.axes[1].position, y);
      const [ix, tx] = bracket(grid.axes[2].position, x);
      let want = 0;
      for (let c = 0; c < 8; c++) {
        const [dz, dy, dx] = [c >> 2, (c >> 1) & 1, c & 1];
        const w = (dz ? tz : 1 - tz) * (dy ? ty : 1 - ty) * (dx ? tx : 1 - tx);
        if (w === 0) continue;
        const node = grid.ordinal[((iz + dz) * my + (iy + dy)) * mx + (ix + dx)];
        assert.ok(node >= 0, `node needed by voxel ${index} is listed`);
        want += w * perNode[node * ruleCount + ruleOf[index]];
      }
      assert.ok(
        Math.abs(got[v] - want) < 1e-12,
        `S ${stride.join('×')}, voxel ${index}: ${got[v]} vs ${want}`,
      );
    });
  }
});

test('fast engine at S = 1 equals the exact engine to 1e-6 (values and local B)', async () => {
  const input = synthetic(24);
  const exact = await runExactScaling(input, { workers: 1, progress: noProgress });
  for (const interpolation of ['log', 'linear'] as const) {
    const fast = await runFastScaling(input, {
      workers: 1,
      progress: noProgress,
      strideZyx: [1, 1, 1],
      interpolation,
    });
    assert.equal(fast.voxelCount, exact.voxelCount);
    const mask = input.mask as Uint8Array;
    assert.ok(
      maxRelative(fast.value, exact.value, mask) < 1e-6,
      `${interpolation}: ${maxRelative(fast.value, exact.value, mask)}`,
    );
    assert.ok(maxRelative(fast.bFactor!, exact.bFactor!, mask) < 1e-6);
    for (let i = 0; i < mask.length; i++) if (!mask[i]) assert.equal(fast.value[i], 0);
  }
});

test('fast engine at S = 2, 3 stays close to the exact engine on a smooth map', async () => {
  const input = synthetic(32);
  const exact = await runExactScaling(input, { workers: 1, progress: noProgress });
  for (const stride of [2, 3]) {
    const fast = await runFastScaling(input, {
      workers: 1,
      progress: noProgress,
      strideZyx: [stride, stride, stride],
    });
    const cc = pearson(fast.value, exact.value, input.mask);
    assert.ok(cc > 0.999, `S=${stride}: CC ${cc}`);
  }
});

test('fast engine is bit-identical for 1 and 2 workers', async () => {
  const input = synthetic(24);
  const one = await runFastScaling(input, { workers: 1, progress: noProgress, strideZyx: [2, 2, 2] });
  const two = await runFastScaling(input, {
    workers: 2,
    progress: noProgress,
    strideZyx: [2, 2, 2],
    nodesPerChunk: 40,
  });
  assert.deepEqual(Buffer.from(two.value.buffer), Buffer.from(one.value.buffer));
});

test("a per-voxel rule choice (hybrid) picks each voxel's own factors", async () => {
  const input = synthetic(24);
  const ruleOf = new Uint8Array(input.mask.length);
  for (let i = 0; i < ruleOf.length; i++) ruleOf[i] = i % 3 === 0 ? 1 : 0;
  const withRules: ScalingInput = {
    ...input,
    rules: [input.rules[0], { kind: 'no-reference', wilsonCutoffA: 10, fscCutoffA: 3.5, targetBA2: 20 }],
    ruleOf,
  };
  const exact = await runExactScaling(withRules, { workers: 1, progress: noProgress });
  const fast = await runFastScaling(withRules, { workers: 1, progress: noProgress, strideZyx: [1, 1, 1] });
  assert.ok(maxRelative(fast.value, exact.value, input.mask as Uint8Array) < 1e-6);
  const plain = await runExactScaling(input, { workers: 1, progress: noProgress });
  assert.ok(maxRelative(plain.value, exact.value, input.mask as Uint8Array) > 1e-3); // the choice matters
});

test('no reference (case A): the EM profiles alone; S = 1 equals the exact engine, S = 2 stays close', async () => {
  const input: ScalingInput = {
    ...synthetic(24),
    reference: null,
    rules: [{ kind: 'no-reference', wilsonCutoffA: 10, fscCutoffA: 3.5, targetBA2: 20 }],
  };
  const exact = await runExactScaling(input, { workers: 1, progress: noProgress });
  const mask = input.mask as Uint8Array;
  const one = await runFastScaling(input, { workers: 2, progress: noProgress, strideZyx: [1, 1, 1] });
  assert.ok(maxRelative(one.value, exact.value, mask) < 1e-6, `${maxRelative(one.value, exact.value, mask)}`);
  const two = await runFastScaling(input, { workers: 1, progress: noProgress, strideZyx: [2, 2, 2] });
  assert.ok(
    pearson(two.value, exact.value, input.mask) > 0.99,
    `CC ${pearson(two.value, exact.value, input.mask)}`,
  );
});
