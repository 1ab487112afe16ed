/**
 * Where the fast engine's error comes from (BENCHMARKS.md, "exact and fast engines"). On one map, at every listed
 * voxel and at every coarse-grid node of the strides asked for: the octant profiles E (EM window) and R (reference
 * window), and b_r, the map correlated with the centre-value kernels K_r; so the exact centre value is
 * Σ_r (R_r/E_r)·b_r (case C). Then, per stride, 1 − CC with the exact values inside the mask when
 * - both profiles are interpolated (in log space, trilinearly, as the fast engine does with log k = log R − log E);
 * - only R, or only E, is interpolated (the other exact at every voxel);
 * - bins 0–3 are exact at every voxel and the rest interpolated;
 * - each profile is divided by √(window power) before interpolating and multiplied back after (the power Σ W² of
 *   each window is exact at every voxel from one box correlation);
 * and which bins carry the error (share of Σ_v (Σ_r Δk_r·b_r)² per bin, from Σ_v (Δk_r·b_r)²).
 *   node --import tsx tools/fast-engine-error.ts EM REF MASK [--strides 2,3,4]
 * (bench/engines.ts writes .bench-out/engines/synthetic200_{em,ref,mask}.mrc.) Single-threaded: a few minutes.
 */
import { readMap } from '../src/io/mrc-read.js';
import { binariseMask } from '../src/pipeline/inputs.js';
import { meanVoxelSizeA } from '../src/grid/volume.js';
import { windowSizeVoxels } from '../src/pipeline/parameters.js';
import { pearson } from '../src/grid/statistics.js';
import { realFftPlan3d } from '../src/fft/index.js';
import { scalingVoxelRows, rowsOfVoxels, rowCount } from '../src/scaling/voxel-list.js';
import type { VoxelRows } from '../src/scaling/voxel-list.js';
import { coarseGrid } from '../src/scaling/coarse-grid.js';
import { SlidingSpectrum } from '../src/scaling/sliding-spectrum.js';
import { octantProfile } from '../src/scaling/window-kernel.js';
import { windowTables } from '../src/scaling/window-tables.js';
import { centreValueKernels } from '../src/scaling/window-kernels.js';
import { interpolateAll, kernelCorrelation, rowsOfBox } from '../src/scaling/centre-correlation.js';
import { interpolationData } from '../src/scaling/fast-engine.js';

const [emPath, refPath, maskPath] = process.argv.slice(2);
const stridesArg = process.argv.indexOf('--strides');
const strides = (stridesArg > 0 ? process.argv[stridesArg + 1] : '2,3,4').split(',').map(Number);
const emVolume = (await readMap(emPath)).volume;
const em = emVolume.data;
const ref = (await readMap(refPath)).volume.data;
const mask = binariseMask((await readMap(maskPath)).volume);
const shape = emVolume.shapeZyx;
const wn = windowSizeVoxels(meanVoxelSizeA(emVolume));
const nBins = wn / 2 + 1;
const voxels = scalingVoxelRows(mask, shape, wn).voxels;
const grids = strides.map((s) => coarseGrid(voxels, shape, wn, [s, s, 1]));

// 1. profiles at every voxel and every node (positions in C order, windows sliding along each row)
const positions = Int32Array.from(new Set([...voxels, ...grids.flatMap((g) => [...g.nodeVoxels])])).sort();
const slot = new Map<number, number>();
positions.forEach((p, i) => slot.set(p, i));
const E = profilesAt(em, rowsOfVoxels(positions, shape[2]));
const R = profilesAt(ref, rowsOfVoxels(positions, shape[2]));
console.log(`${voxels.length} voxels, ${positions.length} windows profiled, wn ${wn}`);

// 2. b_r at every voxel, the window powers Σ W² at every profiled window
const voxelSlot = Int32Array.from(voxels, (p) => slot.get(p)!);
const b = new Float64Array(voxels.length * nBins);
correlations(em, centreValueKernels(wn), voxels).forEach((values, r) =>
  values.forEach((value, v) => (b[v * nBins + r] = value)),
);
const ones = [new Float64Array(wn ** 3).fill(1)];
const [powerE] = correlations(
  em.map((x) => x * x),
  ones,
  positions,
);
const [powerR] = correlations(
  ref.map((x) => x * x),
  ones,
  positions,
);

const exactE = (v: number, r: number) => E[voxelSlot[v] * nBins + r];
const exactR = (v: number, r: number) => R[voxelSlot[v] * nBins + r];
const exactValue = centreValues((v, r) => exactR(v, r) / exactE(v, r));
const inMask = new Uint8Array(voxels.length).fill(1);
const deficit = (value: Float64Array) => (1 - pearson(value, exactValue, inMask)).toExponential(2);

// 3. per stride: interpolated log profiles at every voxel, the variants
grids.forEach((grid, i) => {
  const d = interpolationData(grid, voxels, shape, null);
  // log profiles at the nodes, optionally over √(window power)
  const logAtNodes = (profiles: Float64Array, power: Float64Array | null) => {
    const out = new Float64Array(grid.nodeVoxels.length * nBins);
    grid.nodeVoxels.forEach((p, n) => {
      const s = slot.get(p)!;
      const shift = power === null ? 0 : 0.5 * Math.log(power[s]);
      for (let r = 0; r < nBins; r++) out[n * nBins + r] = Math.log(profiles[s * nBins + r]) - shift;
    });
    return out;
  };
  // interpolated to every voxel and exponentiated, optionally times √(window power) there
  const interpolated = (logs: Float64Array, power: Float64Array | null) => {
    const out = new Float64Array(voxels.length * nBins);
    const perNode = new Float64Array(grid.nodeVoxels.length);
    const atVoxel = new Float64Array(voxels.length);
    for (let r = 0; r < nBins; r++) {
      for (let n = 0; n < perNode.length; n++) perNode[n] = logs[n * nBins + r];
      interpolateAll(d, perNode, 1, atVoxel);
      for (let v = 0; v < voxels.length; v++) {
        const shift = power === null ? 0 : 0.5 * Math.log(power[voxelSlot[v]]);
        out[v * nBins + r] = Math.exp(atVoxel[v] + shift);
      }
    }
    return out;
  };
  const iE = interpolated(logAtNodes(E, null), null);
  const iR = interpolated(logAtNodes(R, null), null);
  const nE = interpolated(logAtNodes(E, powerE), powerE);
  const nR = interpolated(logAtNodes(R, powerR), powerR);
  const at = (a: Float64Array) => (v: number, r: number) => a[v * nBins + r];
  const both = (v: number, r: number) => at(iR)(v, r) / at(iE)(v, r);
  const shares = new Float64Array(nBins);
  let total = 0;
  for (let v = 0; v < voxels.length; v++) {
    let sum = 0;
    for (let r = 0; r < nBins; r++) {
      const e = (both(v, r) - exactR(v, r) / exactE(v, r)) * b[v * nBins + r];
      shares[r] += e * e;
      sum += e;
    }
    total += sum * sum;
  }
  console.log(
    `stride ${strides[i]}×${strides[i]}×1 (${grid.nodeVoxels.length} nodes), 1 − CC with the exact values:`,
  );
  console.log(`  both profiles interpolated (the fast engine): ${deficit(centreValues(both))}`);
  console.log(`  only R interpolated: ${deficit(centreValues((v, r) => at(iR)(v, r) / exactE(v, r)))}`);
  console.log(`  only E interpolated: ${deficit(centreValues((v, r) => exactR(v, r) / at(iE)(v, r)))}`);
  console.log(
    `  bins 0–3 exact: ${deficit(centreValues((v, r) => (r < 4 ? exactR(v, r) / exactE(v, r) : both(v, r))))}`,
  );
  console.log(
    `  profiles over √(window power): ${deficit(centreValues((v, r) => at(nR)(v, r) / at(nE)(v, r)))}`,
  );
  console.log(
    `  error share per bin r = 0…${nBins - 1}: ${[...shares].map((x) => (x / total).toFixed(3)).join(' ')}`,
  );
});

/** Octant profiles of the windows centred on each listed position (rows of `VoxelRows`), [position][bin]. */
function profilesAt(map: Float32Array, rows: VoxelRows): Float64Array {
  const out = new Float64Array(rows.voxels.length * nBins);
  const spectrum = new SlidingSpectrum(map, shape, wn, 'octant');
  const tables = windowTables(wn);
  const profile = new Float64Array(nBins);
  const [, ny, nx] = shape;
  for (let row = 0; row < rowCount(rows); row++) {
    let x0 = -1;
    for (let v = rows.rowStart[row]; v < rows.rowStart[row + 1]; v++) {
      const index = rows.voxels[v];
      const x = index % nx;
      const y = ((index - x) / nx) % ny;
      const z = Math.floor(index / (nx * ny));
      if (x0 < 0 || x - x0 > 20) spectrum.anchor(z - wn / 2, y - wn / 2, x - wn / 2);
      else for (let s = x0; s < x; s++) spectrum.slideX(1);
      x0 = x;
      octantProfile(spectrum.spectrum, spectrum.rows, tables, profile);
      out.set(profile, v * nBins);
    }
  }
  return out;
}

/**
 * The map correlated with each centred wn³ kernel over the whole box, read at the positions `at` (no window wraps:
 * every listed position is a valid window centre).
 */
function correlations(map: Float32Array, kernels: Float64Array[], at: Int32Array): Float64Array[] {
  const plan = realFftPlan3d(shape);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(Float64Array.from(map), spectrum);
  const real = new Float64Array(plan.realLength);
  const product = new Float64Array(plan.spectrumLength);
  const rows = rowsOfBox(at, shape);
  return kernels.map((kernel) => {
    kernelCorrelation(plan, spectrum, kernel, wn, real, product, rows);
    return Float64Array.from(at, (p) => real[p]);
  });
}

/** Σ_r k(v, r)·b_r(v) at every voxel. */
function centreValues(k: (v: number, r: number) => number): Float64Array {
  const out = new Float64Array(voxels.length);
  for (let v = 0; v < voxels.length; v++) {
    let sum = 0;
    for (let r = 0; r < nBins; r++) sum += k(v, r) * b[v * nBins + r];
    out[v] = sum;
  }
  return out;
}
