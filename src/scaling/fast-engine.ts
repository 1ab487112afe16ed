/**
 * The fast local-scaling engine (architecture.md, "why a fast path exists"; issue: same maps, sooner).
 *
 * The exact centre value at voxel v is Σ_r k_r(v)·b_r(v), where b_r is the map correlated with the fixed kernel
 * K_r (window-kernels.ts). So:
 * 1. the scale factors k_r are computed only on a coarse grid of window centres (stride S, coarse-grid.ts), from
 *    the same octant profiles and rules as the exact engine's, the profiles by separable sliding transforms
 *    (octant-windows.ts, factor-kernel.ts);
 * 2. they are interpolated trilinearly to every masked voxel, in log space (k > 0 varies multiplicatively) or
 *    linearly;
 * 3. each b_r is one whole-map correlation by large FFTs, computed, accumulated into the output and freed in turn
 *    (streaming keeps memory at a few map-sized arrays whatever wn is); the top bin's is the map minus the others'
 *    (centre-correlation.ts), so it needs none.
 * S = 1 gives the exact engine's factors at every voxel, so the result equals the exact engine up to rounding.
 * Both phases run as tasks on one pool of threads (fast-tasks.ts), whose workers start loading first.
 */
import type { Progress } from '../core/progress.js';
import type { ShapeZyx } from '../core/vec.js';
import { checkAborted } from '../core/progress.js';
import { realFftPlan3d } from '../fft/index.js';
import type { ScalingInput, ScalingResult } from './exact-engine.js';
import { sharedZeros } from './exact-engine.js';
import { coarseGrid } from './coarse-grid.js';
import type { CoarseGrid } from './coarse-grid.js';
import { chunkRows, toShared } from './kernel-runner.js';
import {
  centreValues,
  correlationBox,
  correlationWorkBytes,
  CORRELATION_GROUPS,
  interpolateAll,
} from './centre-correlation.js';
import type { CorrelationJob, InterpolationData } from './centre-correlation.js';
import type { FactorSink } from './factor-kernel.js';
import { fastThread, runFastTask } from './fast-tasks.js';
import type { FastJob, FastTask } from './fast-tasks.js';
import { WorkerPool, siblingScriptUrl } from '../core/worker-pool.js';
import { rowsOfVoxels, scalingVoxelRows } from './voxel-list.js';

export type FactorInterpolation = 'log' | 'linear';

export interface FastScalingOptions {
  readonly workers: number;
  readonly progress: Progress;
  /** Coarse-grid spacing in voxels along z, y and x (1, 1, 1: every voxel, the exact engine's factors). */
  readonly strideZyx: ShapeZyx;
  readonly interpolation?: FactorInterpolation;
  /** Coarse-grid nodes per task of the first phase (whole rows of nodes). */
  readonly nodesPerChunk?: number;
  /** Memory the correlation phase may use across workers (bytes); fewer workers run it when it is short. */
  readonly memoryBudgetBytes?: number;
}

/**
 * Nodes per task of the first phase: each task starts its stages afresh (octant-windows.ts), so a task spans a few
 * z planes of nodes (a plane of the 200³ test map holds about 1 800) to let A slide from plane to plane.
 */
const NODES_PER_CHUNK = 4096;

export async function runFastScaling(
  input: ScalingInput,
  options: FastScalingOptions,
): Promise<ScalingResult> {
  // the workers load their scripts while this thread lays out the job
  const pool =
    options.workers > 1
      ? new WorkerPool<FastJob, FastTask, number>(
          siblingScriptUrl(import.meta.url, 'fast-worker'),
          options.workers,
        )
      : null;
  try {
    return await fastScaling(input, options, pool);
  } finally {
    await pool?.close();
  }
}

async function fastScaling(
  input: ScalingInput,
  options: FastScalingOptions,
  pool: WorkerPool<FastJob, FastTask, number> | null,
): Promise<ScalingResult> {
  const { shapeZyx, wn } = input;
  const nx = shapeZyx[2];
  const voxels = scalingVoxelRows(input.mask, shapeZyx, wn).voxels;
  const grid = coarseGrid(voxels, shapeZyx, wn, options.strideZyx);
  const nodeCount = grid.nodeVoxels.length;
  const ruleCount = input.rules.length;
  const nBins = wn / 2 + 1;
  const measure = input.measureMaps === true;
  const sink: FactorSink = {
    kind: 'factors',
    factors: new Float64Array(new SharedArrayBuffer(nodeCount * ruleCount * nBins * 8)),
    bFactor: measure ? sharedZeros(nodeCount * ruleCount) : null,
    qfit: measure ? sharedZeros(nodeCount * ruleCount) : null,
  };

  const box = correlationBox(voxels, shapeZyx, wn);
  const workers = pool?.size ?? 1;
  // the bins below the top one (centre-correlation.ts), dealt to the groups
  const groupCount = Math.min(CORRELATION_GROUPS, nBins - 1);
  // the correlations' threads each need two box-sized arrays: as many as the memory budget allows
  const correlationWorkers = Math.min(
    workers,
    groupCount,
    Math.max(
      1,
      Math.floor((options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET) / correlationWorkBytes(box.shapeZyx)),
    ),
  );
  // each group's partial sums: one array per group when workers run the groups; on one thread a single array
  // serves every group in turn. Either way the total adds them up in group order: the same additions
  const single = pool === null ? new Float64Array(voxels.length) : null;
  const correlation: CorrelationJob = {
    wn,
    boxStartZyx: box.startZyx,
    boxShapeZyx: box.shapeZyx,
    kernels: new Float64Array(new SharedArrayBuffer(nBins * wn * wn * wn * 8)),
    mapSpectrum: new Float64Array(new SharedArrayBuffer(realFftPlan3d(box.shapeZyx).spectrumLength * 8)),
    boxIndex: box.local,
    interpolation: interpolationData(grid, voxels, shapeZyx, input.ruleOf ?? null),
    factors: sink.factors,
    ruleCount,
    log: (options.interpolation ?? 'log') === 'log',
    partial: Array.from(
      { length: groupCount },
      () => single ?? new Float64Array(new SharedArrayBuffer(voxels.length * 8)),
    ),
  };
  const job: FastJob = {
    em: toShared(input.em),
    reference: input.reference === null ? null : toShared(input.reference),
    shapeZyx,
    wn,
    apixA: input.apixA,
    rules: input.rules,
    nodes: rowsOfVoxels(toShared(grid.nodeVoxels), nx),
    sink,
    correlation,
  };

  // phase 1: the map's spectrum, the kernels and the factors at the nodes; phase 2: the bin groups
  const setUp: FastTask[] = [{ kind: 'map-spectrum' }, { kind: 'kernels' }];
  const nodeTasks: FastTask[] = chunkRows(job.nodes, options.nodesPerChunk ?? NODES_PER_CHUNK).map((c) => ({
    kind: 'nodes',
    ...c,
  }));
  const groups: FastTask[] = Array.from({ length: groupCount }, (_, group) => ({
    kind: 'group',
    group,
  }));
  // progress: the nodes, then one node-equivalent per (correlated bin, nodeCount / (nBins − 1))
  const { progress } = options;
  const total = 2 * nodeCount;
  let nodesDone = 0;
  let binsDone = 0;
  const onDone = (task: FastTask, count: number) => {
    checkAborted(progress);
    if (task.kind === 'nodes') nodesDone += count;
    if (task.kind === 'group') binsDone += count;
    if (progress.shouldReport)
      progress.report(nodesDone + Math.round((binsDone * nodeCount) / (nBins - 1)), total);
  };
  const sums = new Float64Array(voxels.length);
  const addToSums = (partial: Float64Array) => {
    for (let i = 0; i < sums.length; i++) sums[i] += partial[i];
  };
  if (pool === null) {
    const thread = fastThread(job);
    for (const task of [...setUp, ...nodeTasks, ...groups]) {
      // yield to the event loop between tasks, so an interrupt or a timer can be seen
      await new Promise((resolve) => setImmediate(resolve));
      checkAborted(progress);
      const count = runFastTask(thread, task);
      if (task.kind === 'group') {
        const partial = correlation.partial[task.group]; // the one array every group shares here
        addToSums(partial);
        partial.fill(0);
      }
      onDone(task, count);
    }
  } else {
    pool.init(job);
    const phase1 = [...setUp, ...nodeTasks];
    await pool.run(phase1, (count, i) => onDone(phase1[i], count));
    await pool.run(groups, (count, i) => onDone(groups[i], count), correlationWorkers);
    correlation.partial.forEach(addToSums);
  }
  const centre = centreValues(
    correlation,
    sums,
    Float64Array.from(voxels, (index) => input.em[index]),
  );

  // outputs
  const n = input.em.length;
  const value = new Float32Array(n);
  for (let v = 0; v < voxels.length; v++) value[voxels[v]] = centre[v];
  const bFactor =
    sink.bFactor === null
      ? null
      : interpolatedMap(correlation.interpolation, sink.bFactor, voxels, n, ruleCount);
  const qfit =
    sink.qfit === null ? null : interpolatedMap(correlation.interpolation, sink.qfit, voxels, n, ruleCount);
  progress.report(total, total);
  return { value, bFactor, qfit, voxelCount: voxels.length };
}

/** Working memory the correlation phase may use across its workers (each needs two box-sized arrays). */
const DEFAULT_MEMORY_BUDGET = 2.5e9;

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
