/**
 * B-factor refinement speed: 20 000 refined atoms against a 128³ map at 1 Å, 10 cycles, restrained, masked, at
 * the LocScale default resolution 2·apix + 0.1 = 2.1 Å. The model is the γ-secretase box model's non-hydrogen
 * atoms (9 704, test/fixtures/real) plus a second copy turned 180° about z and moved 8 Å along x, trimmed to
 * 20 000 atoms and centred in the box. The map is the model's own map (B 20–120 Å² by distance from the centre)
 * plus Gaussian noise. Baselines measured in the same run: one `simulateModelMap` of the same 20 000 atoms, and one
 * r2c + c2r FFT pair of the 128³ box.
 * Also times the 25 Å B averaging and the KDE shift on 100 000 atoms (the model tiled 5×; H included).
 * Run: node --import tsx bench/bfactor.ts [--size 128] [--cycles 10]
 */
import { cpus, loadavg } from 'node:os';
import { readStructure } from '../src/io/structure-read.js';
import type { Structure } from '../src/io/structure.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import {
  refineBFactors,
  structureWithBFactors,
  prepareBFactorRefinement,
} from '../src/model/bfactor-refine.js';
import { averageBFactorsWithinRadius } from '../src/model/bfactor-average.js';
import { shiftBFactorsByProbability } from '../src/model/bfactor-shift.js';
import { realFftPlan3d } from '../src/fft/index.js';
import { structureFromAtoms } from '../test/helpers/atoms.js';
import type { AtomSpec } from '../test/helpers/atoms.js';

const arg = (name: string, fallback: number): number => {
  const k = process.argv.indexOf(name);
  return k > 0 ? Number(process.argv[k + 1]) : fallback;
};
const n = arg('--size', 128);
const cycles = arg('--cycles', 10);
const nAtoms = 20000;

const src = (
  await readStructure(new URL('../test/fixtures/real/5fn5_box_model.pdb', import.meta.url).pathname)
).atoms;
const heavy: number[] = [];
for (let i = 0; i < src.count; i++) if (src.element[i] !== 'H') heavy.push(i);
let cx = 0;
let cy = 0;
let cz = 0;
for (const i of heavy) {
  cx += src.x[i];
  cy += src.y[i];
  cz += src.z[i];
}
cx /= heavy.length;
cy /= heavy.length;
cz /= heavy.length;
const specs: AtomSpec[] = [];
for (let k = 0; k < nAtoms; k++) {
  const i = heavy[k % heavy.length];
  const copy = Math.floor(k / heavy.length);
  const sign = copy % 2 === 0 ? 1 : -1;
  const dx = sign * (src.x[i] - cx) + (copy === 0 ? 0 : 8);
  const dy = sign * (src.y[i] - cy);
  const dz = src.z[i] - cz + (copy === 2 ? 3 : 0);
  const r = Math.hypot(dx, dy, dz);
  specs.push({
    xyz: [n / 2 + dx, n / 2 + dy, n / 2 + dz],
    element: src.element[i],
    bIsoA2: 20 + 100 * Math.min(r / 70, 1),
  });
}
const truth: Structure = structureFromAtoms(specs);
const grid = {
  shapeZyx: [n, n, n] as const,
  voxelSizeXyzA: [1, 1, 1] as const,
  originXyzA: [0, 0, 0] as const,
};

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s[s.length >> 1];
}
function time<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(c);
  return { value, wallMs: performance.now() - t, cpuMs: (d.user + d.system) / 1000 };
}

console.log(
  `load average at start: ${loadavg()[0].toFixed(2)} (${cpus().length} cores), Node ${process.version}`,
);
const sim = simulateModelMap(truth, grid);
let seed = 7;
const rand = (): number => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return (seed + 0.5) / 4294967296;
};
let s2 = 0;
for (const v of sim.map.data) s2 += v * v;
const sd = Math.sqrt(s2 / sim.map.data.length);
const noisy = {
  ...sim.map,
  data: Float32Array.from(
    sim.map.data,
    (v) => v + 0.5 * sd * Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()),
  ),
};

// Baselines.
const simTimes: number[] = [];
const simCpu: number[] = [];
for (let r = 0; r < 3; r++) {
  const t = time(() => simulateModelMap(truth, grid));
  simTimes.push(t.wallMs);
  simCpu.push(t.cpuMs);
}
const plan = realFftPlan3d([n, n, n]);
const real = Float64Array.from(noisy.data);
const spec = new Float64Array(plan.spectrumLength);
const fftTimes: number[] = [];
for (let r = 0; r < 3; r++) {
  fftTimes.push(
    time(() => {
      plan.forward(real, spec);
      plan.inverse(spec, real);
    }).wallMs,
  );
}
const simMs = median(simTimes);
const fftMs = median(fftTimes);
console.log(
  `baseline simulateModelMap (20 000 atoms, ${n}³): ${simMs.toFixed(0)} ms wall, ${median(simCpu).toFixed(0)} ms CPU`,
);
console.log(`baseline FFT pair (r2c + c2r, ${n}³): ${fftMs.toFixed(0)} ms wall`);

const start = structureWithBFactors(truth, new Float64Array(nAtoms).fill(40));
const run = time(() =>
  refineBFactors(
    start,
    { map: noisy },
    {
      resolutionA: 2.1,
      cycles,
      onCycle: (c) =>
        console.log(
          `  cycle ${c.cycle}: CC ${c.correlation.toFixed(4)}, B mean ${c.meanBA2.toFixed(1)} ` +
            `[${c.minBA2.toFixed(1)}, ${c.maxBA2.toFixed(1)}], bonded rms ${c.bondedRmsA2.toFixed(2)}, ` +
            `${c.iterations} iterations, ${c.evaluations} evaluations`,
        ),
    },
  ),
);
const res = run.value;
const evals = res.cycles[res.cycles.length - 1].evaluations;
console.log(
  `refinement: ${(run.wallMs / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU, ` +
    `${(run.wallMs / cycles / 1000).toFixed(2)} s per cycle, ${evals} evaluations ` +
    `(${(run.wallMs / evals).toFixed(0)} ms each = ${(run.wallMs / evals / simMs).toFixed(2)} × simulateModelMap, ` +
    `${(run.wallMs / evals / fftMs).toFixed(2)} × FFT pair); work box ${res.workShapeZyx.join('×')}, ` +
    `${res.maskVoxels} mask voxels, stop: ${res.stop}`,
);
let num = 0;
let da = 0;
let db = 0;
for (let i = 0; i < nAtoms; i++) {
  da += truth.atoms.bIsoA2[i];
  db += res.bIsoA2[i];
}
da /= nAtoms;
db /= nAtoms;
let saa = 0;
let sbb = 0;
for (let i = 0; i < nAtoms; i++) {
  num += (truth.atoms.bIsoA2[i] - da) * (res.bIsoA2[i] - db);
  saa += (truth.atoms.bIsoA2[i] - da) ** 2;
  sbb += (res.bIsoA2[i] - db) ** 2;
}
console.log(`  per-atom Pearson(true B, refined B) = ${(num / Math.sqrt(saa * sbb)).toFixed(3)}`);

// Where an evaluation's time goes: value only (scatter + one filtered FFT pair + masked fit) vs value and gradient
// (+ one more filtered FFT pair + gather), at the refined B.
const problem = prepareBFactorRefinement(start, { map: noisy }, { resolutionA: 2.1 });
const bRefined = Float64Array.from(problem.refinedIndex, (i) => res.bIsoA2[i]);
const gradient = new Float64Array(bRefined.length);
const valueOnly: number[] = [];
const withGradient: number[] = [];
for (let r = 0; r < 3; r++) {
  valueOnly.push(time(() => problem.target.evaluate(bRefined, null)).wallMs);
  withGradient.push(time(() => problem.target.evaluate(bRefined, gradient)).wallMs);
}
console.log(
  `one evaluation at the refined B: value only (scatter + FFT pair + fit) ${median(valueOnly).toFixed(0)} ms, ` +
    `value + gradient ${median(withGradient).toFixed(0)} ms (so FFT pair + gather ` +
    `${(median(withGradient) - median(valueOnly)).toFixed(0)} ms)`,
);

// Post-processing on 100 000 atoms.
const big = 100000;
const x = new Float64Array(big);
const y = new Float64Array(big);
const z = new Float64Array(big);
const b = new Float64Array(big);
for (let k = 0; k < big; k++) {
  const i = k % src.count;
  const t = Math.floor(k / src.count);
  x[k] = src.x[i] + 95 * (t % 3);
  y[k] = src.y[i];
  z[k] = src.z[i] + 95 * Math.floor(t / 3);
  b[k] = 20 + ((k * 7919) % 130);
}
for (const r of [25, 3]) {
  const t = time(() => averageBFactorsWithinRadius({ count: big, x, y, z, bIsoA2: b }, r));
  console.log(`averageBFactorsWithinRadius(100 000 atoms, ${r} Å): ${t.wallMs.toFixed(0)} ms wall`);
}
const tShift = time(() => shiftBFactorsByProbability(b, 0.01));
console.log(`shiftBFactorsByProbability(100 000 values): ${tShift.wallMs.toFixed(0)} ms wall`);
console.log(`load average at end: ${loadavg()[0].toFixed(2)}`);
