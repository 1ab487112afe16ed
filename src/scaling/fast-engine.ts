/**
 * The fast local-scaling engine (architecture.md, "why a fast path exists"; issue: same maps, sooner).
 *
 * The exact centre value at voxel v is Σ_r k_r(v)·b_r(v), where b_r is the map correlated with the fixed kernel
 * K_r (window-kernels.ts). So:
 * 1. the scale factors k_r are computed only on a coarse grid of window centres (stride S, coarse-grid.ts) with the
 *    same window kernel as the exact engine, in 'factors' mode;
 * 2. they are interpolated trilinearly to every masked voxel, in log space (k > 0 varies multiplicatively) or
 *    linearly;
 * 3. each b_r is one whole-map correlation by large FFTs, computed, accumulated into the output and freed in turn
 *    (streaming keeps memory at a few map-sized arrays whatever wn is).
 * S = 1 gives the exact engine's factors at every voxel, so the result equals the exact engine up to rounding.
 */
import type { Progress } from '../core/progress.js';
import { checkAborted } from '../core/progress.js';
import { realFftPlan3d } from '../fft/index.js';
import type { ScalingInput, ScalingResult } from './exact-engine.js';
import { sharedZeros } from './exact-engine.js';
import { coarseGrid } from './coarse-grid.js';
import type { CoarseGrid } from './coarse-grid.js';
import { runWindowKernel, toShared } from './kernel-runner.js';
import {
  accumulateGroup,
  correlationScratch,
  correlationWorkBytes,
  CORRELATION_GROUPS,
  interpolateAll,
  writeKernels,
} from './centre-correlation.js';
import type { CorrelationJob, InterpolationData } from './centre-correlation.js';
import { WorkerPool, siblingScriptUrl } from '../core/worker-pool.js';
import { rowsOfVoxels, scalingVoxelRows } from './voxel-list.js';

export type FactorInterpolation = 'log' | 'linear';

export interface FastScalingOptions {
  readonly workers: number;
  readonly progress: Progress;
  /**
   * Coarse-grid spacing S in voxels (1 = every voxel): along z and y; along x too when `strideX` is not given.
   * Along x the window slides voxel by voxel anyway, so a finer x spacing costs only the profiles.
   */
  readonly stride: number;
  readonly strideX?: number;
  readonly interpolation?: FactorInterpolation;
  readonly voxelsPerChunk?: number;
  /** Memory the correlation phase may use across workers (bytes); fewer workers run when it is short. */
  readonly memoryBudgetBytes?: number;
}

/** Floor for log-space interpolation of factors that are exactly 0 (degenerate windows). */
const LOG_FLOOR = 1e-300;

export async function runFastScaling(
  input: ScalingInput,
  options: FastScalingOptions,
): Promise<ScalingResult> {
  const { shapeZyx, wn } = input;
  const nx = shapeZyx[2];
  const rows = scalingVoxelRows(input.mask, shapeZyx, wn);
  const voxels = rows.voxels;
  const grid = coarseGrid(voxels, shapeZyx, wn, [
    options.stride,
    options.stride,
    options.strideX ?? options.stride,
  ]);
  const nodeCount = grid.nodeVoxels.length;
  const ruleCount = input.rules.length;
  const nBins = wn / 2 + 1;
  const { progress } = options;
  // progress: phase 1 counts nodes, phase 2 counts one node-equivalent per (r, nodeCount / nBins)
  const total = 2 * nodeCount;
  const phase1: Progress = {
    get shouldReport() {
      return progress.shouldReport;
    },
    signal: progress.signal,
    report: (done) => progress.report(done, total),
  };

  // 1. scale factors on the coarse grid
  const factors = new Float64Array(new SharedArrayBuffer(nodeCount * ruleCount * nBins * 8));
  const measure = input.measureMaps === true;
  const nodeB = measure ? sharedZeros(nodeCount * ruleCount) : null;
  const nodeQ = measure ? sharedZeros(nodeCount * ruleCount) : null;
  await runWindowKernel(
    {
      em: toShared(input.em),
      reference: input.reference === null ? null : toShared(input.reference),
      shapeZyx,
      wn,
      apixA: input.apixA,
      rules: input.rules,
      ruleOf: null,
      rows: rowsOfVoxels(toShared(grid.nodeVoxels), nx),
      sink: { kind: 'factors', factors, bFactor: nodeB, qfit: nodeQ },
    },
    { workers: options.workers, progress: phase1, voxelsPerChunk: options.voxelsPerChunk },
  );

  // 2. interpolation space
  const log = (options.interpolation ?? 'log') === 'log';
  if (log) for (let i = 0; i < factors.length; i++) factors[i] = Math.log(Math.max(factors[i], LOG_FLOOR));

  // 3. b_r by whole-map correlations, streamed over r in fixed groups (centre-correlation.ts). The job lives in
  // shared memory: the workers start and make their scratch while this thread fills in the map's spectrum and the
  // kernels, which they read only in their tasks, posted once both are written
  const box = correlationBox(voxels, shapeZyx, wn);
  const boxPlan = realFftPlan3d(box.shapeZyx);
  const workers = Math.min(
    options.workers,
    CORRELATION_GROUPS,
    Math.max(
      1,
      Math.floor((options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET) / correlationWorkBytes(box.shapeZyx)),
    ),
  );
  // each group's partial sums: in shared memory, one array per group, when workers run the groups; on one thread a
  // single array serves every group in turn. Either way the total adds them up in group order: the same additions
  const oneThread = workers <= 1;
  const single = oneThread ? new Float64Array(voxels.length) : null;
  const job: CorrelationJob = {
    wn,
    kernels: new Float64Array(new SharedArrayBuffer(nBins * wn * wn * wn * 8)),
    boxShapeZyx: box.shapeZyx,
    mapSpectrum: new Float64Array(new SharedArrayBuffer(boxPlan.spectrumLength * 8)),
    boxIndex: box.local,
    interpolation: interpolationData(grid, voxels, shapeZyx, input.ruleOf ?? null),
    factors,
    ruleCount,
    log,
    partial: Array.from(
      { length: CORRELATION_GROUPS },
      () => single ?? new Float64Array(new SharedArrayBuffer(voxels.length * 8)),
    ),
  };
  const pool = oneThread
    ? null
    : new WorkerPool<CorrelationJob, number, number>(
        siblingScriptUrl(import.meta.url, 'correlation-worker'),
        workers,
        job,
      );
  const sum = new Float64Array(voxels.length);
  const addToSum = (partial: Float64Array) => {
    for (let v = 0; v < voxels.length; v++) sum[v] += partial[v];
  };
  let binsDone = 0;
  const onBins = (count: number) => {
    binsDone += count;
    if (progress.shouldReport) progress.report(nodeCount + Math.round((binsDone * nodeCount) / nBins), total);
  };
  try {
    boxPlan.forward(box.extract(input.em), job.mapSpectrum);
    writeKernels(wn, job.kernels);
    if (pool === null) {
      const scratch = correlationScratch(box.shapeZyx, voxels.length); // garbage once the groups are done
      for (let g = 0; g < CORRELATION_GROUPS; g++) {
        await new Promise((resolve) => setImmediate(resolve));
        checkAborted(progress);
        job.partial[g].fill(0);
        accumulateGroup(job, g, scratch, () => onBins(1));
        addToSum(job.partial[g]);
      }
    } else {
      const groups = Array.from({ length: CORRELATION_GROUPS }, (_, g) => g);
      await pool.run(groups, () => {
        checkAborted(progress);
        onBins(Math.ceil(nBins / CORRELATION_GROUPS));
      });
      for (const partial of job.partial) addToSum(partial);
    }
  } finally {
    await pool?.close();
  }

  // 4. outputs
  const n = input.em.length;
  const value = new Float32Array(n);
  for (let v = 0; v < voxels.length; v++) value[voxels[v]] = sum[v];
  const bFactor = nodeB === null ? null : interpolatedMap(job.interpolation, nodeB, voxels, n, ruleCount);
  const qfit = nodeQ === null ? null : interpolatedMap(job.interpolation, nodeQ, voxels, n, ruleCount);
  progress.report(total, total);
  return { value, bFactor, qfit, voxelCount: voxels.length };
}

/** Working memory the correlation phase may use across its workers (each needs four box-sized arrays). */
const DEFAULT_MEMORY_BUDGET = 2.5e9;

/** Smallest m ≥ n whose prime factors are 2, 3 and 5 (fast transform sizes). */
export function nextFastFftSize(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let k = m;
    for (const p of [2, 3, 5]) while (k % p === 0) k /= p;
    if (k === 1) return m;
  }
}

/**
 * The box the correlations run in: the listed voxels' bounding box grown by wn/2 on each side (all their windows),
 * enlarged to fast transform sizes (zeros beyond the map change nothing: no window reaches them).
 */
function correlationBox(voxels: Int32Array, shapeZyx: readonly [number, number, number], wn: number) {
  const [nz, ny, nx] = shapeZyx;
  const lo = [nz, ny, nx];
  const hi = [-1, -1, -1];
  for (let v = 0; v < voxels.length; v++) {
    const index = voxels[v];
    const x = index % nx;
    const y = ((index - x) / nx) % ny;
    const z = (index - x - y * nx) / (nx * ny);
    const c = [z, y, x];
    for (let a = 0; a < 3; a++) {
      if (c[a] < lo[a]) lo[a] = c[a];
      if (c[a] > hi[a]) hi[a] = c[a];
    }
  }
  const h = wn / 2;
  const start = lo.map((l) => Math.max(0, l - h));
  const end = hi.map((e, a) => Math.min(shapeZyx[a], e + h));
  const shape = [0, 1, 2].map((a) => nextFastFftSize(Math.max(1, end[a] - start[a]))) as [
    number,
    number,
    number,
  ];
  const local = new Int32Array(new SharedArrayBuffer(voxels.length * 4));
  for (let v = 0; v < voxels.length; v++) {
    const index = voxels[v];
    const x = index % nx;
    const y = ((index - x) / nx) % ny;
    const z = (index - x - y * nx) / (nx * ny);
    local[v] = ((z - start[0]) * shape[1] + (y - start[1])) * shape[2] + (x - start[2]);
  }
  return {
    shapeZyx: shape,
    local,
    /** The map's values in the box (float64), zero where the box extends past the map. */
    extract(map: Float32Array): Float64Array {
      const out = new Float64Array(shape[0] * shape[1] * shape[2]);
      for (let z = start[0]; z < end[0]; z++)
        for (let y = start[1]; y < end[1]; y++) {
          const src = (z * ny + y) * nx;
          const dst = ((z - start[0]) * shape[1] + (y - start[1])) * shape[2] - start[2];
          for (let x = start[2]; x < end[2]; x++) out[dst + x] = map[src + x];
        }
      return out;
    },
  };
}

function interpolatedMap(
  d: InterpolationData,
  perNode: Float32Array,
  voxels: Int32Array,
  n: number,
  ruleCount: number,
): Float32Array {
  const atVoxel = new Float64Array(voxels.length);
  interpolateAll(d, Float64Array.from(perNode), ruleCount, atVoxel);
  const out = new Float32Array(n);
  for (let v = 0; v < voxels.length; v++) out[voxels[v]] = atVoxel[v];
  return out;
}

/** Each listed voxel's coordinates and rule, beside the coarse grid, in shared memory. */
export function interpolationData(
  grid: CoarseGrid,
  voxels: Int32Array,
  shapeZyx: readonly [number, number, number],
  ruleOf: Uint8Array | null,
): InterpolationData {
  const [, ny, nx] = shapeZyx;
  const int32 = () => new Int32Array(new SharedArrayBuffer(voxels.length * 4));
  const zOf = int32();
  const yOf = int32();
  const xOf = int32();
  const ruleAt = ruleOf === null ? null : new Uint8Array(new SharedArrayBuffer(voxels.length));
  for (let v = 0; v < voxels.length; v++) {
    const index = voxels[v];
    const x = index % nx;
    const y = ((index - x) / nx) % ny;
    xOf[v] = x;
    yOf[v] = y;
    zOf[v] = (index - x - y * nx) / (nx * ny);
    if (ruleAt !== null && ruleOf !== null) ruleAt[v] = ruleOf[index];
  }
  return { axes: grid.axes, nodeShape: grid.shape, ordinal: toShared(grid.ordinal), zOf, yOf, xOf, ruleAt };
}
