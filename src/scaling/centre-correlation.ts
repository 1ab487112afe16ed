/**
 * The fast engine's second phase: value(v) = Σ_r k_r(v)·b_r(v), with b_r the map correlated with the kernel K_r
 * (window-kernels.ts) by large FFTs in the correlation box, and k_r(v) interpolated from the coarse grid. The bins r
 * are split into fixed groups (independent of the number of workers), each accumulated in its own array in bin
 * order and summed in group order at the end: results are bit-identical whether one thread or several run them.
 */
import { realFftPlan3d } from '../fft/index.js';
import type { RealFftPlan3d } from '../fft/index.js';
import type { ShapeZyx } from '../core/vec.js';
import type { AxisNodes } from './coarse-grid.js';
import { centreValueKernels } from './window-kernels.js';

/**
 * Bins are dealt to this many groups, r ≡ g (mod GROUPS); each group is one task. Enough groups for the cores of
 * a workstation (at wn 28, 15 bins make 7 groups of 2 and one of 1), few enough that their partial sums (one value
 * per voxel each) stay small beside the box arrays.
 */
export const CORRELATION_GROUPS = 8;

/** Everything a group needs, as shared memory. */
export interface CorrelationJob {
  readonly wn: number;
  readonly boxShapeZyx: ShapeZyx;
  /** The kernels K_r of all bins, wn³ values each, one after another (`writeKernels`). */
  readonly kernels: Float64Array;
  /** rfftn of the map in the correlation box. */
  readonly mapSpectrum: Float64Array;
  /** Each listed voxel's flat index in the box. */
  readonly boxIndex: Int32Array;
  readonly interpolation: InterpolationData;
  /** Factors (or their logs) per node, rule and bin: [(node·ruleCount + rule)·nBins + r]. */
  readonly factors: Float64Array;
  readonly ruleCount: number;
  /** True when `factors` holds logarithms. */
  readonly log: boolean;
  /** One partial sum per group, one value per listed voxel. */
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
 * index u mod n, so that the correlation Σ_u E(v + u)·K′(u) is the window sum centred on v.
 */
function embedCentred(kernel: Float64Array, wn: number, shapeZyx: ShapeZyx, out: Float64Array): void {
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

/** Bytes of working memory one group needs beyond the shared job (two box-sized arrays and the plan's). */
export function correlationWorkBytes(boxShapeZyx: ShapeZyx): number {
  const [nz, ny, nx] = boxShapeZyx;
  return 3 * 8 * nz * ny * (nx + 2);
}

/**
 * b_r in the box: the map (given by its spectrum) correlated with the wn³ window kernel K_r, into `real`
 * (`product` is scratch of the plan's spectrum length).
 */
export function kernelCorrelation(
  plan: RealFftPlan3d,
  mapSpectrum: Float64Array,
  kernel: Float64Array,
  wn: number,
  real: Float64Array,
  product: Float64Array,
): void {
  const nz = plan.shapeZyx[0];
  embedCentred(kernel, wn, plan.shapeZyx, real);
  // the embedded kernel fills only the z planes within wn/2 of plane 0 (cyclically)
  const kernelPlanes: [number, number][] =
    wn >= nz
      ? [[0, nz]]
      : [
          [0, wn / 2],
          [nz - wn / 2, nz],
        ];
  plan.forwardPlanes(real, product, kernelPlanes);
  // correlation: B = E·conj(K)
  for (let i = 0; i < product.length; i += 2) {
    const er = mapSpectrum[i];
    const ei = mapSpectrum[i + 1];
    const kr = product[i];
    const ki = product[i + 1];
    product[i] = er * kr + ei * ki;
    product[i + 1] = ei * kr - er * ki;
  }
  plan.inverse(product, real);
}

/**
 * Scratch for `accumulateGroup`, made once per thread and job: one box-sized real array holds an embedded kernel
 * and then, once the forward transform has read it, b_r; another the spectra; and one value per listed voxel the
 * interpolated factors of a bin.
 */
export interface CorrelationScratch {
  readonly real: Float64Array;
  readonly product: Float64Array;
  readonly factorAt: Float64Array;
}

export function correlationScratch(boxShapeZyx: ShapeZyx, voxelCount: number): CorrelationScratch {
  const plan = realFftPlan3d(boxShapeZyx);
  return {
    real: new Float64Array(plan.realLength),
    product: new Float64Array(plan.spectrumLength),
    factorAt: new Float64Array(voxelCount),
  };
}

/** Accumulates bins r ≡ group (mod CORRELATION_GROUPS) into `job.partial[group]`; `onBin` after each bin. */
export function accumulateGroup(
  job: CorrelationJob,
  group: number,
  scratch: CorrelationScratch,
  onBin: () => void = () => undefined,
): void {
  const { wn, boxShapeZyx, mapSpectrum, boxIndex, factors, ruleCount, log } = job;
  const nBins = wn / 2 + 1;
  const volume = wn * wn * wn;
  const plan = realFftPlan3d(boxShapeZyx);
  const { real, product, factorAt } = scratch;
  const nodeCount = factors.length / (ruleCount * nBins);
  const nodeFactor = new Float64Array(nodeCount * ruleCount);
  const out = job.partial[group];
  for (let r = group; r < nBins; r += CORRELATION_GROUPS) {
    const kernel = job.kernels.subarray(r * volume, (r + 1) * volume);
    kernelCorrelation(plan, mapSpectrum, kernel, wn, real, product);
    for (let k = 0; k < nodeFactor.length; k++) nodeFactor[k] = factors[k * nBins + r];
    interpolateAll(job.interpolation, nodeFactor, ruleCount, factorAt);
    if (log) for (let v = 0; v < boxIndex.length; v++) out[v] += Math.exp(factorAt[v]) * real[boxIndex[v]];
    else for (let v = 0; v < boxIndex.length; v++) out[v] += factorAt[v] * real[boxIndex[v]];
    onBin();
  }
}

/** Writes the centre-value kernels K_r (window-kernels.ts) of all bins into `out`, wn³ values each, in bin order. */
export function writeKernels(wn: number, out: Float64Array): void {
  const volume = wn * wn * wn;
  centreValueKernels(wn).forEach((k, r) => out.set(k, r * volume));
}
