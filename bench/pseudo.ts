/**
 * Pseudo-atomic model builder: placement and the gradient solver for ~100 000 atoms, time per iteration, and the
 * ratio to a naive O(N²) neighbour search measured in the same run on smaller models.
 *
 * Run: node --import tsx bench/pseudo.ts [--size 200] [--radius 84]
 * Map: a --size³ box of 1 Å voxels; a spherical mask of --radius voxels (the raw confidence map: 1 inside, 0
 * outside) holds N = int(round(N₀/1.55)) ≈ 0.04 atoms/Å³ (99 000 atoms for 200³, radius 84); the map is a "protein"
 * of Gaussian atoms (σ 1.2 Å, 0.064 per Å³, random in the sphere). Single thread.
 *
 * Baseline: one iteration of the same solver with the neighbours found by testing every pair (what a direct port
 * without a spatial index does; the original used a KD-tree per atom), on models of 5 000 and 10 000 atoms cut
 * from spheres of the same atom density; the cell-list solver runs on the same models. Extrapolated to the full
 * model as N².
 */
import { loadavg } from 'node:os';
import type { Volume } from '../src/grid/volume.js';
import { seededRandom } from '../src/core/random.js';
import { roundHalfEven } from '../src/core/rounding.js';
import {
  maxMaskedGradient,
  gradientScale,
  placePseudoAtoms,
  pseudoAtomCountFromMask,
  solveGradient,
  solveKick,
  separateCloseAtoms,
  pseudoAtomicStructure,
} from '../src/pseudo/index.js';
import type { PseudoAtomPositions } from '../src/pseudo/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const n = arg('--size', 200);
const radius = arg('--radius', 84);

function sphereMask(size: number, r: number): Float32Array {
  const m = new Float32Array(size ** 3);
  const c = (size - 1) / 2;
  for (let z = 0; z < size; z++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        if ((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= r * r) m[(z * size + y) * size + x] = 1;
      }
  return m;
}

/** Gaussian atoms (σ 1.2 Å, cut at 3σ) at 0.064 per Å³, uniformly in the sphere. */
function proteinMap(size: number, r: number, seed: number): Volume {
  const data = new Float32Array(size ** 3);
  const random = seededRandom(seed);
  const c = (size - 1) / 2;
  const count = Math.round(0.064 * (4 / 3) * Math.PI * r ** 3);
  const sigma = 1.2;
  const cut = Math.ceil(3 * sigma);
  const k = -1 / (2 * sigma * sigma);
  for (let a = 0; a < count; a++) {
    let x: number, y: number, z: number;
    do {
      x = (2 * random() - 1) * r;
      y = (2 * random() - 1) * r;
      z = (2 * random() - 1) * r;
    } while (x * x + y * y + z * z > r * r);
    x += c;
    y += c;
    z += c;
    for (let iz = Math.max(0, Math.floor(z) - cut); iz <= Math.min(size - 1, Math.ceil(z) + cut); iz++)
      for (let iy = Math.max(0, Math.floor(y) - cut); iy <= Math.min(size - 1, Math.ceil(y) + cut); iy++)
        for (let ix = Math.max(0, Math.floor(x) - cut); ix <= Math.min(size - 1, Math.ceil(x) + cut); ix++) {
          const d2 = (ix - x) ** 2 + (iy - y) ** 2 + (iz - z) ** 2;
          data[(iz * size + iy) * size + ix] += Math.exp(k * d2);
        }
  }
  return { data, shapeZyx: [size, size, size], voxelSizeXyzA: [1, 1, 1], originXyzA: [0, 0, 0] };
}

/**
 * One iteration (the Euler start) of the gradient solver with every pair tested: the baseline. Same physics as
 * `solveGradient`; returns the new positions so the two can be compared.
 */
function naiveFirstIteration(map: Volume, g: number, start: PseudoAtomPositions, rm: number): Float64Array {
  const nAtoms = start.count;
  const { x, y, z } = start;
  const lx = new Float64Array(nAtoms);
  const ly = new Float64Array(nAtoms);
  const lz = new Float64Array(nAtoms);
  const cutoff2 = (3 * rm) ** 2;
  const rm6 = rm ** 6;
  for (let i = 0; i < nAtoms; i++)
    for (let j = i + 1; j < nAtoms; j++) {
      const dx = x[i] - x[j];
      const dy = y[i] - y[j];
      const dz = z[i] - z[j];
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > cutoff2 || r2 === 0) continue;
      const r6 = r2 * r2 * r2;
      const f = (12 * rm6 * (r6 - rm6)) / (r6 * r6 * r2);
      lx[i] -= f * dx;
      ly[i] -= f * dy;
      lz[i] -= f * dz;
      lx[j] += f * dx;
      ly[j] += f * dy;
      lz[j] += f * dz;
    }
  const [nz, ny, nx] = map.shapeZyx;
  const d = map.data;
  const out = new Float64Array(3 * nAtoms);
  const grad = (i: number, c: number, len: number, s: number) =>
    c === 0 ? d[i + s] - d[i] : c === len - 1 ? d[i] - d[i - s] : Math.fround(d[i + s] - d[i - s]) / 2;
  for (let i = 0; i < nAtoms; i++) {
    let ax = lx[i];
    let ay = ly[i];
    let az = lz[i];
    const lm = Math.hypot(ax, ay, az);
    if (lm > 100) {
      ax *= 100 / lm;
      ay *= 100 / lm;
      az *= 100 / lm;
    }
    const ix = Math.min(nx - 1, Math.max(0, roundHalfEven(x[i])));
    const iy = Math.min(ny - 1, Math.max(0, roundHalfEven(y[i])));
    const iz = Math.min(nz - 1, Math.max(0, roundHalfEven(z[i])));
    const v = (iz * ny + iy) * nx + ix;
    let mx = g * grad(v, ix, nx, 1);
    let my = g * grad(v, iy, ny, nx);
    let mz = g * grad(v, iz, nz, nx * ny);
    const mm = Math.hypot(mx, my, mz);
    if (mm > 100) {
      mx *= 100 / mm;
      my *= 100 / mm;
      mz *= 100 / mm;
    }
    // Euler start from rest: x += (a·dt)·dt
    out[3 * i] = x[i] + (mx + ax) * 0.01;
    out[3 * i + 1] = y[i] + (my + ay) * 0.01;
    out[3 * i + 2] = z[i] + (mz + az) * 0.01;
  }
  return out;
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1000;
}

const load0 = loadavg()[0];
const cpu0 = process.cpuUsage();
console.log(`# bench/pseudo.ts: ${n}³ box, mask radius ${radius} voxels, Node ${process.version}`);
console.log(
  `load average at start: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);

let t = performance.now();
const map = proteinMap(n, radius, 1);
const mask = sphereMask(n, radius);
console.log(`map and mask generated in ${seconds(t).toFixed(2)} s (not part of the timings)`);

t = performance.now();
const count = pseudoAtomCountFromMask(mask, 1);
const start = placePseudoAtoms(mask, map.shapeZyx, count, { seed: 42 });
const placeS = seconds(t);
t = performance.now();
const maxGrad = maxMaskedGradient(map, mask);
const g = gradientScale(maxGrad, 'locscale');
const gS = seconds(t);
console.log(
  `atoms ${count}; placement ${placeS.toFixed(3)} s; g = ${g} (max gradient ${maxGrad.toFixed(4)}) in ${gS.toFixed(3)} s`,
);

const iterTimes: number[] = [];
let last = performance.now();
t = performance.now();
const solved = solveGradient(map, mask, start, {
  iterations: 50,
  progress: {
    shouldReport: true,
    report: () => {
      const now = performance.now();
      iterTimes.push((now - last) / 1000);
      last = now;
    },
  },
});
const solveS = seconds(t);
const sorted = [...iterTimes].sort((a, b) => a - b);
const median = sorted[sorted.length >> 1];
console.log(
  `gradient solver, 50 iterations: ${solveS.toFixed(2)} s (includes g: ${gS.toFixed(3)} s); per iteration ` +
    `median ${(median * 1000).toFixed(1)} ms, min ${(sorted[0] * 1000).toFixed(1)} ms, max ${(sorted[sorted.length - 1] * 1000).toFixed(1)} ms; ` +
    `atoms with neighbours (last) ${solved.iterations[49].atomsWithNeighbours}`,
);

t = performance.now();
const sep = separateCloseAtoms(solved.positions, map.shapeZyx, 1.2);
console.log(
  `minimum-distance clean-up (1.2 Å): ${seconds(t).toFixed(3)} s, ${sep.sweeps} sweeps, ${sep.movedAtoms} atoms moved`,
);
t = performance.now();
const kick = solveKick(start, map.shapeZyx, 1, { iterations: 50 });
console.log(
  `kick solver: ${seconds(t).toFixed(2)} s for ${kick.contactsPerRound.length} rounds (contacts: first ${kick.contactsPerRound[0]}, last ${kick.contactsPerRound[kick.contactsPerRound.length - 1]})`,
);
t = performance.now();
pseudoAtomicStructure(solved.positions, map);
console.log(`Structure of ${count} atoms: ${seconds(t).toFixed(3)} s`);

// baseline: naive O(N²) neighbours against the cell list, same models, one iteration each
const rm = 1.2;
for (const subN of [5000, 10000]) {
  const r = Math.cbrt((subN * 3) / (4 * Math.PI * 0.03992));
  const subMask = sphereMask(n, r);
  const sub = placePseudoAtoms(subMask, map.shapeZyx, subN, { seed: 42 });
  let best = Infinity;
  let cellBest = Infinity;
  let naive: Float64Array | null = null;
  let cell: PseudoAtomPositions | null = null;
  for (let rep = 0; rep < 3; rep++) {
    t = performance.now();
    naive = naiveFirstIteration(map, g, sub, rm);
    best = Math.min(best, seconds(t));
    // g fixed to the full model's value so that both do the same work; the pass over the map that finds the
    // steepest gradient (done before the iterations) is timed apart and subtracted
    t = performance.now();
    solveGradient(map, subMask, sub, { iterations: 0, gradientScale: g });
    const setupS = seconds(t);
    t = performance.now();
    cell = solveGradient(map, subMask, sub, { iterations: 1, gradientScale: g }).positions;
    cellBest = Math.min(cellBest, seconds(t) - setupS);
  }
  let diff = 0;
  if (naive && cell) {
    for (let i = 0; i < subN; i++) {
      diff = Math.max(diff, Math.abs(naive[3 * i] - cell.x[i]), Math.abs(naive[3 * i + 2] - cell.z[i]));
    }
  }
  const extrapolated = best * (count / subN) ** 2;
  console.log(
    `N ${subN}: naive all-pairs iteration ${(best * 1000).toFixed(1)} ms, cell list ` +
      `${(cellBest * 1000).toFixed(1)} ms, ratio ${(best / cellBest).toFixed(1)}; max position difference ` +
      `${diff.toExponential(1)} voxels; naive extrapolated to ${count} atoms: ${extrapolated.toFixed(1)} s per ` +
      `iteration = ${(extrapolated / median).toFixed(0)}× the cell-list iteration`,
  );
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `load average at end: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} (start ${load0.toFixed(2)}); CPU ` +
    `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
