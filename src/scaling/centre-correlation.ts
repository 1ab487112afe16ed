/**
 * The fast engine's second phase: value(v) = Σ_r k_r(v)·b_r(v), with b_r the map correlated with the kernel K_r
 * (window-kernels.ts) by large FFTs in the correlation box, and k_r(v) interpolated from the coarse grid. The
 * interpolation hats of the scale function sum to one at every frequency, so Σ_r b_r(v) is the unscaled centre
 * value, the map m(v) itself: the top bin's b_L = m − Σ_{r<L} b_r needs no correlation, and
 *
 *     value(v) = Σ_{r<L} (k_r(v) − k_L(v))·b_r(v) + k_L(v)·m(v).
 *
 * The other bins are split into fixed groups (independent of the number of workers), each accumulating its terms
 * in its own array in bin order; the groups are added in group order at the end: results are bit-identical whether
 * one thread or several run them.
 */
import { realFftPlan3d } from '../fft/index.js';
import type { RealFftPlan3d } from '../fft/index.js';
import type { ShapeZyx } from '../core/vec.js';
import type { AxisNodes } from './coarse-grid.js';
import { centreValueKernels } from './window-kernels.js';

/** Floor for log-space interpolation of factors that are exactly 0 (degenerate windows). */
const LOG_FLOOR = 1e-300;

/**
 * The correlated bins (all but the top one) are dealt to this many groups, r ≡ g (mod GROUPS); each group is one
 * task. Enough groups for the cores of a workstation (at wn 28, 14 bins make 6 groups of 2 and two of 1: 7 bins
 * for each of two workers), few enough that their partial sums (one value per voxel each) stay small beside the
 * box arrays.
 */
export const CORRELATION_GROUPS = 8;

/** Everything a group needs, as shared memory. */
export interface CorrelationJob {
  readonly wn: number;
  /** The correlation box in the map: its first voxel and its shape (`correlationBox`). */
  readonly boxStartZyx: ShapeZyx;
  readonly boxShapeZyx: ShapeZyx;
  /** The kernels K_r of all bins, wn³ values each, one after another (`writeKernels`). */
  readonly kernels: Float64Array;
  /** rfftn of the map in the correlation box (`writeMapSpectrum`). */
  readonly mapSpectrum: Float64Array;
  /** Each listed voxel's flat index in the box. */
  readonly boxIndex: Int32Array;
  readonly interpolation: InterpolationData;
  /** Factors per node, rule and bin: [(node·ruleCount + rule)·nBins + r]. */
  readonly factors: Float64Array;
  readonly ruleCount: number;
  /** Interpolate the factors' logarithms (k > 0 varies multiplicatively), not the factors. */
  readonly log: boolean;
  /** Per group, Σ (k_r − k_L)·b_r over the group's bins at each listed voxel. */
  readonly partial: readonly Float64Array[];
}

/** The coarse grid and each listed voxel's place in it. */
export interface InterpolationData {
  readonly axes: readonly [AxisNodes, AxisNodes, AxisNodes];
  readonly nodeShape: ShapeZyx;
  readonly ordinal: Int32Array;
  readonly zOf: Int32Array;
  readonly yOf: Int32Array;
  readonly xOf: Int32Array;
  /** Each voxel's rule, or null for rule 0 everywhere. */
  readonly ruleAt: Uint8Array | null;
}

/**
 * Trilinear interpolation of a per-node quantity to every listed voxel (for the voxel's rule) into `out`:
 * Σ over the bracketing nodes of weight · perNode[ordinal·ruleCount + rule]. Listed voxels come in rows along x
 * (voxel-list.ts), so the z and y weights and node rows are looked up once per row. The weight 1 − t of a lower
 * node is never 0 (t < 1); a zero t skips the upper node, which need not exist.
 */
export function interpolateAll(
  d: InterpolationData,
  perNode: Float64Array,
  ruleCount: number,
  out: Float64Array,
): void {
  const [az, ay, ax] = d.axes;
  const [, my, mx] = d.nodeShape;
  const { zOf, yOf, xOf, ruleAt, ordinal } = d;
  const n = zOf.length;
  // the row's (z, y) corners: first node index of their node row, and weight
  const cornerBase = new Int32Array(4);
  const cornerWeight = new Float64Array(4);
  for (let v = 0; v < n;) {
    const z = zOf[v];
    const y = yOf[v];
    let corners = 0;
    for (let dz = 0; dz < 2; dz++) {
      const wz = dz === 0 ? 1 - az.t[z] : az.t[z];
      if (wz === 0) continue;
      for (let dy = 0; dy < 2; dy++) {
        const wy = dy === 0 ? 1 - ay.t[y] : ay.t[y];
        if (wy === 0) continue;
        cornerBase[corners] = ((az.lower[z] + dz) * my + (ay.lower[y] + dy)) * mx;
        cornerWeight[corners++] = wz * wy;
      }
    }
    for (; v < n && zOf[v] === z && yOf[v] === y; v++) {
      const x = xOf[v];
      const tx = ax.t[x];
      const x0 = ax.lower[x];
      const rule = ruleAt === null ? 0 : ruleAt[v];
      let sum = 0;
      for (let c = 0; c < corners; c++) {
        const node = cornerBase[c] + x0;
        let along = (1 - tx) * perNode[ordinal[node] * ruleCount + rule];
        if (tx !== 0) along += tx * perNode[ordinal[node + 1] * ruleCount + rule];
        sum += cornerWeight[c] * along;
      }
      out[v] = sum;
    }
  }
}

/**
 * Places a wn³ window kernel K (window-local x, centre at wn/2) into a box-sized array as K′(u) = K(u + wn/2) at
 * index u mod n, so that the correlation Σ_u E(v + u)·K′(u) is the window sum centred on v. Only the z planes
 * `planes` are written (zero but for the kernel); the others are left as they were.
 */
function embedCentred(
  kernel: Float64Array,
  wn: number,
  shapeZyx: ShapeZyx,
  planes: readonly (readonly [number, number])[],
  out: Float64Array,
): void {
  const [nz, ny, nx] = shapeZyx;
  const h = wn / 2;
  for (const [begin, end] of planes) out.fill(0, begin * ny * nx, end * ny * nx);
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

/** Bytes of working memory one thread's groups need beyond the shared job (two box-sized arrays). */
export function correlationWorkBytes(boxShapeZyx: ShapeZyx): number {
  const [nz, ny, nx] = boxShapeZyx;
  return 2 * 8 * nz * ny * (nx + 2);
}

/**
 * b_r in the box: the map (given by its spectrum) correlated with the wn³ window kernel K_r, into `real` on the
 * box rows `rows` (ranges of z·ny + y; the other rows are not to be read). `product` is scratch of the plan's
 * spectrum length, left overwritten.
 */
export function kernelCorrelation(
  plan: RealFftPlan3d,
  mapSpectrum: Float64Array,
  kernel: Float64Array,
  wn: number,
  real: Float64Array,
  product: Float64Array,
  rows: readonly (readonly [number, number])[],
): void {
  const planes = kernelPlanes(wn, plan.shapeZyx[0]);
  embedCentred(kernel, wn, plan.shapeZyx, planes, real);
  // correlation: b = irfftn(E·conj(K))
  plan.correlateRows(mapSpectrum, real, planes, product, real, rows);
}

/** The z planes an embedded wn³ kernel fills: within wn/2 of plane 0, cyclically. */
function kernelPlanes(wn: number, nz: number): [number, number][] {
  return wn >= nz
    ? [[0, nz]]
    : [
        [0, wn / 2],
        [nz - wn / 2, nz],
      ];
}

/** The box rows (ranges of z·ny + y) that hold the listed voxels (`boxIndex`, increasing). */
export function rowsOfBox(boxIndex: Int32Array, boxShapeZyx: ShapeZyx): [number, number][] {
  const nx = boxShapeZyx[2];
  const ranges: [number, number][] = [];
  for (let v = 0; v < boxIndex.length; v++) {
    const row = Math.floor(boxIndex[v] / nx);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && row < last[1]) continue;
    if (last !== undefined && row === last[1]) last[1] = row + 1;
    else ranges.push([row, row + 1]);
  }
  return ranges;
}

/**
 * Scratch for `accumulateGroup`, made once per thread and job once the factors are written: one box-sized real array
 * holds an embedded kernel and then b_r; another the spectra; one value per listed voxel the interpolated factors
 * of a bin, another those of the top bin; and the box rows that hold listed voxels.
 */
export interface CorrelationScratch {
  readonly real: Float64Array;
  readonly product: Float64Array;
  readonly factorAt: Float64Array;
  readonly topFactor: Float64Array;
  readonly rows: readonly (readonly [number, number])[];
}

export function correlationScratch(job: CorrelationJob): CorrelationScratch {
  const plan = realFftPlan3d(job.boxShapeZyx);
  return {
    real: new Float64Array(plan.realLength),
    product: new Float64Array(plan.spectrumLength),
    factorAt: new Float64Array(job.boxIndex.length),
    topFactor: topFactors(job),
    rows: rowsOfBox(job.boxIndex, job.boxShapeZyx),
  };
}

/**
 * Accumulates the bins r ≡ group (mod CORRELATION_GROUPS), r below the top bin, into `job.partial[group]`; `onBin`
 * after each bin.
 */
export function accumulateGroup(
  job: CorrelationJob,
  group: number,
  scratch: CorrelationScratch,
  onBin: () => void = () => undefined,
): void {
  const { wn, boxShapeZyx, mapSpectrum, boxIndex, factors } = job;
  const nBins = wn / 2 + 1;
  const volume = wn * wn * wn;
  const plan = realFftPlan3d(boxShapeZyx);
  const { real, product, factorAt, topFactor, rows } = scratch;
  const nodeFactor = new Float64Array(factors.length / nBins);
  const out = job.partial[group];
  for (let r = group; r < nBins - 1; r += CORRELATION_GROUPS) {
    const kernel = job.kernels.subarray(r * volume, (r + 1) * volume);
    kernelCorrelation(plan, mapSpectrum, kernel, wn, real, product, rows);
    factorsAtVoxels(job, r, nodeFactor, factorAt);
    for (let v = 0; v < boxIndex.length; v++) out[v] += (factorAt[v] - topFactor[v]) * real[boxIndex[v]];
    onBin();
  }
}

/** The factor of bin r at every listed voxel (for the voxel's rule) into `out`; `nodeFactor` is scratch. */
function factorsAtVoxels(job: CorrelationJob, r: number, nodeFactor: Float64Array, out: Float64Array): void {
  const nBins = job.wn / 2 + 1;
  const { factors, log } = job;
  for (let k = 0; k < nodeFactor.length; k++) {
    const factor = factors[k * nBins + r];
    nodeFactor[k] = log ? Math.log(Math.max(factor, LOG_FLOOR)) : factor;
  }
  interpolateAll(job.interpolation, nodeFactor, job.ruleCount, out);
  if (log) for (let v = 0; v < out.length; v++) out[v] = Math.exp(out[v]);
}

/** The top bin's factor k_L at every listed voxel. */
function topFactors(job: CorrelationJob): Float64Array {
  const top = new Float64Array(job.boxIndex.length);
  factorsAtVoxels(job, job.wn / 2, new Float64Array(job.factors.length / (job.wn / 2 + 1)), top);
  return top;
}

/** The centre values: the groups' terms added up (`sums`) plus k_L·m, `map` holding m at each listed voxel. */
export function centreValues(job: CorrelationJob, sums: Float64Array, map: Float64Array): Float64Array {
  const top = topFactors(job);
  return sums.map((sum, v) => sum + top[v] * map[v]);
}

/** Writes the centre-value kernels K_r (window-kernels.ts) of all bins into `out`, wn³ values each, in bin order. */
export function writeKernels(wn: number, out: Float64Array): void {
  const volume = wn * wn * wn;
  centreValueKernels(wn).forEach((k, r) => out.set(k, r * volume));
}

/** Smallest m ≥ n whose prime factors are 2, 3 and 5 (fast transform sizes). */
export function nextFastFftSize(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let k = m;
    for (const p of [2, 3, 5]) while (k % p === 0) k /= p;
    if (k === 1) return m;
  }
}

/** The correlation box: its first voxel and shape in the map, and each listed voxel's flat index in it. */
export interface CorrelationBox {
  readonly startZyx: ShapeZyx;
  readonly shapeZyx: ShapeZyx;
  readonly local: Int32Array;
}

/**
 * The box the correlations run in: the listed voxels' bounding box grown by wn/2 on each side (all their windows),
 * enlarged to fast transform sizes (zeros beyond the map change nothing: no window reaches them).
 */
export function correlationBox(voxels: Int32Array, shapeZyx: ShapeZyx, wn: number): CorrelationBox {
  const [nz, ny, nx] = shapeZyx;
  const lo = [nz, ny, nx];
  const hi = [-1, -1, -1];
  const coordinates = (index: number) => {
    const x = index % nx;
    const y = ((index - x) / nx) % ny;
    return [(index - x - y * nx) / (nx * ny), y, x];
  };
  for (let v = 0; v < voxels.length; v++) {
    const c = coordinates(voxels[v]);
    for (let a = 0; a < 3; a++) {
      if (c[a] < lo[a]) lo[a] = c[a];
      if (c[a] > hi[a]) hi[a] = c[a];
    }
  }
  const h = wn / 2;
  const start = lo.map((l) => Math.max(0, l - h));
  const end = hi.map((e, a) => Math.min(shapeZyx[a], e + h));
  const shape = [0, 1, 2].map((a) => nextFastFftSize(Math.max(1, end[a] - start[a])));
  const local = new Int32Array(new SharedArrayBuffer(voxels.length * 4));
  for (let v = 0; v < voxels.length; v++) {
    const [z, y, x] = coordinates(voxels[v]);
    local[v] = ((z - start[0]) * shape[1] + (y - start[1])) * shape[2] + (x - start[2]);
  }
  return { startZyx: [start[0], start[1], start[2]], shapeZyx: [shape[0], shape[1], shape[2]], local };
}

/** The rfftn of the map's values in the job's box (zero where the box extends past the map) into mapSpectrum. */
export function writeMapSpectrum(job: CorrelationJob, map: Float32Array, shapeZyx: ShapeZyx): void {
  const [, ny, nx] = shapeZyx;
  const [z0, y0, x0] = job.boxStartZyx;
  const [bz, by, bx] = job.boxShapeZyx;
  const plan = realFftPlan3d(job.boxShapeZyx);
  const box = new Float64Array(plan.realLength);
  for (let z = z0; z < Math.min(z0 + bz, shapeZyx[0]); z++)
    for (let y = y0; y < Math.min(y0 + by, ny); y++) {
      const src = (z * ny + y) * nx;
      const dst = ((z - z0) * by + (y - y0)) * bx - x0;
      for (let x = x0; x < Math.min(x0 + bx, nx); x++) box[dst + x] = map[src + x];
    }
  plan.forward(box, job.mapSpectrum);
}
