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
import { centreValueKernels } from './window-kernels.js';
import { rowsOfVoxels, scalingVoxelRows } from './voxel-list.js';

export type FactorInterpolation = 'log' | 'linear';

export interface FastScalingOptions {
  readonly workers: number;
  readonly progress: Progress;
  /** Coarse-grid spacing S in voxels (1 = every voxel). */
  readonly stride: number;
  readonly interpolation?: FactorInterpolation;
  readonly voxelsPerChunk?: number;
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
  const grid = coarseGrid(voxels, shapeZyx, wn, options.stride);
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

  // 3. b_r by whole-map correlations, streamed over r
  const interpolator = new VoxelInterpolator(grid, voxels, shapeZyx, input.ruleOf ?? null, ruleCount);
  const accumulated = new Float64Array(voxels.length);
  const box = correlationBox(voxels, shapeZyx, wn);
  const plan = realFftPlan3d(box.shapeZyx);
  const emSpectrum = new Float64Array(plan.spectrumLength);
  plan.forward(box.extract(input.em), emSpectrum);
  const kernels = centreValueKernels(wn);
  const embedded = new Float64Array(plan.realLength);
  const product = new Float64Array(plan.spectrumLength);
  const b = new Float64Array(plan.realLength);
  const nodeFactor = new Float64Array(nodeCount * ruleCount);
  for (let r = 0; r < nBins; r++) {
    await new Promise((resolve) => setImmediate(resolve));
    checkAborted(progress);
    embedCentred(kernels[r], wn, box.shapeZyx, embedded);
    plan.forward(embedded, product);
    // correlation: B = E·conj(K)
    for (let i = 0; i < product.length; i += 2) {
      const er = emSpectrum[i];
      const ei = emSpectrum[i + 1];
      const kr = product[i];
      const ki = product[i + 1];
      product[i] = er * kr + ei * ki;
      product[i + 1] = ei * kr - er * ki;
    }
    plan.inverse(product, b);
    for (let k = 0; k < nodeCount * ruleCount; k++) nodeFactor[k] = factors[k * nBins + r];
    for (let v = 0; v < voxels.length; v++) {
      const f = interpolator.at(v, nodeFactor);
      accumulated[v] += (log ? Math.exp(f) : f) * b[box.local[v]];
    }
    if (progress.shouldReport) progress.report(nodeCount + Math.round(((r + 1) * nodeCount) / nBins), total);
  }

  // 4. outputs
  const n = input.em.length;
  const value = new Float32Array(n);
  for (let v = 0; v < voxels.length; v++) value[voxels[v]] = accumulated[v];
  const bFactor = nodeB === null ? null : interpolatedMap(interpolator, nodeB, voxels, n);
  const qfit = nodeQ === null ? null : interpolatedMap(interpolator, nodeQ, voxels, n);
  progress.report(total, total);
  return { value, bFactor, qfit, voxelCount: voxels.length };
}

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
  const local = new Int32Array(voxels.length);
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
  interpolator: VoxelInterpolator,
  perNode: Float32Array,
  voxels: Int32Array,
  n: number,
): Float32Array {
  const out = new Float32Array(n);
  const values = Float64Array.from(perNode);
  for (let v = 0; v < voxels.length; v++) out[voxels[v]] = interpolator.at(v, values);
  return out;
}

/**
 * Places a wn³ window kernel K (window-local x, centre at wn/2) into a map-sized array as K′(u) = K(u + wn/2) at
 * index u mod n, so that the correlation Σ_u E(v + u)·K′(u) is the window sum centred on v.
 */
function embedCentred(
  kernel: Float64Array,
  wn: number,
  shapeZyx: readonly [number, number, number],
  out: Float64Array,
): void {
  const [nz, ny, nx] = shapeZyx;
  const h = wn / 2;
  out.fill(0);
  let i = 0;
  for (let z = 0; z < wn; z++) {
    const oz = (z - h + nz) % nz;
    for (let y = 0; y < wn; y++) {
      const oy = (y - h + ny) % ny;
      const row = (oz * ny + oy) * nx;
      for (let x = 0; x < wn; x++, i++) out[row + ((x - h + nx) % nx)] += kernel[i];
    }
  }
}

/** Trilinear interpolation from the needed coarse nodes to each listed voxel (for the voxel's rule). */
class VoxelInterpolator {
  private readonly zOf: Int32Array;
  private readonly yOf: Int32Array;
  private readonly xOf: Int32Array;
  private readonly ruleAt: Uint8Array | null;

  constructor(
    private readonly grid: CoarseGrid,
    voxels: Int32Array,
    shapeZyx: readonly [number, number, number],
    ruleOf: Uint8Array | null,
    private readonly ruleCount: number,
  ) {
    const [, ny, nx] = shapeZyx;
    this.zOf = new Int32Array(voxels.length);
    this.yOf = new Int32Array(voxels.length);
    this.xOf = new Int32Array(voxels.length);
    this.ruleAt = ruleOf === null ? null : new Uint8Array(voxels.length);
    for (let v = 0; v < voxels.length; v++) {
      const index = voxels[v];
      const x = index % nx;
      const y = ((index - x) / nx) % ny;
      this.xOf[v] = x;
      this.yOf[v] = y;
      this.zOf[v] = (index - x - y * nx) / (nx * ny);
      if (this.ruleAt !== null && ruleOf !== null) this.ruleAt[v] = ruleOf[index];
    }
  }

  /** Σ over the voxel's bracketing nodes of weight · perNode[ordinal·ruleCount + rule]. */
  at(v: number, perNode: Float64Array): number {
    const { axes, shape, ordinal } = this.grid;
    const [az, ay, ax] = axes;
    const z = this.zOf[v];
    const y = this.yOf[v];
    const x = this.xOf[v];
    const rule = this.ruleAt === null ? 0 : this.ruleAt[v];
    const tz = az.t[z];
    const ty = ay.t[y];
    const tx = ax.t[x];
    const z0 = az.lower[z];
    const y0 = ay.lower[y];
    const x0 = ax.lower[x];
    let sum = 0;
    for (let dz = 0; dz < 2; dz++) {
      const wz = dz === 0 ? 1 - tz : tz;
      if (wz === 0) continue;
      for (let dy = 0; dy < 2; dy++) {
        const wy = dy === 0 ? 1 - ty : ty;
        if (wy === 0) continue;
        for (let dx = 0; dx < 2; dx++) {
          const wx = dx === 0 ? 1 - tx : tx;
          if (wx === 0) continue;
          const node = ordinal[((z0 + dz) * shape[1] + (y0 + dy)) * shape[2] + (x0 + dx)];
          sum += wz * wy * wx * perNode[node * this.ruleCount + rule];
        }
      }
    }
    return sum;
  }
}
