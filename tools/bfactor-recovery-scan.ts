// The B-factor recovery benchmark behind the restraint weights in docs/bfactor-refinement.md: TMV coat protein
// (test/fixtures/real/6i5a_box_model.pdb, 1 207 heavy atoms) with a known B (20 Å² at the centre rising as r² to
// 150 Å² at the surface, + 15 Å² on side-chain atoms beyond Cβ with side=1), two half maps on the EMD-4413 grid
// low-passed (tanh) at `res` with independent Gaussian noise of `noise` × the clean map's σ, refined from B = 40.
//   node --import tsx tools/bfactor-recovery-scan.ts [res=3.5] [noise=1] [side=1] [cycles=10] [ipc=3]
//        [sb=σ_bond] [sn=σ_neighbour] [restrained=0]
// Prints the per-cycle statistics, per-residue Pearson and median |error|, and per-atom Pearson.
import { readStructure } from '../src/io/structure-read.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import { refineBFactors, structureWithBFactors } from '../src/model/bfactor-refine.js';
import { lowPassTanh } from '../src/spectra/filters.js';
import type { Volume } from '../src/grid/volume.js';

const args = new Map(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const num = (key: string, fallback: number): number => Number(args.get(key) ?? fallback);
const optional = (key: string): number | undefined => (args.has(key) ? Number(args.get(key)) : undefined);

const st = await readStructure(new URL('../test/fixtures/real/6i5a_box_model.pdb', import.meta.url).pathname);
const a = st.atoms;
const n = a.count;
let cx = 0;
let cy = 0;
let cz = 0;
for (let i = 0; i < n; i++) {
  cx += a.x[i];
  cy += a.y[i];
  cz += a.z[i];
}
cx /= n;
cy /= n;
cz /= n;
const r = Float64Array.from({ length: n }, (_, i) => Math.hypot(a.x[i] - cx, a.y[i] - cy, a.z[i] - cz));
const rMax = Math.max(...r);
const side = args.get('side') === '1';
const backbone = new Set(['N', 'CA', 'C', 'O', 'CB']);
const bTrue = Float64Array.from(
  r,
  (v, i) => 20 + 130 * (v / rMax) ** 2 + (side && !backbone.has(a.atomName[i]) ? 15 : 0),
);
const voxel = 1.0635;
const grid: Volume = {
  data: new Float32Array(43 * 70 * 46),
  shapeZyx: [43, 70, 46],
  voxelSizeXyzA: [voxel, voxel, voxel],
  originXyzA: [0, 0, 0],
};
const res = num('res', 3.5);
const clean = lowPassTanh(simulateModelMap(structureWithBFactors(st, bTrue), grid).map, res);
let s = 0;
let ss = 0;
for (const v of clean.data) {
  s += v;
  ss += v * v;
}
const sd = Math.sqrt(ss / clean.data.length - (s / clean.data.length) ** 2);
let seed = 12345;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed + 0.5) / 2147483648;
};
const gauss = (): number => Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
const noise = num('noise', 1);
const h1: Volume = { ...clean, data: Float32Array.from(clean.data, (v) => v + noise * sd * gauss()) };
const h2: Volume = { ...clean, data: Float32Array.from(clean.data, (v) => v + noise * sd * gauss()) };
const t0 = performance.now();
const result = refineBFactors(
  st,
  { halfMaps: [h1, h2] },
  {
    resolutionA: res,
    cycles: num('cycles', 10),
    iterationsPerCycle: num('ipc', 3),
    restrained: args.get('restrained') !== '0',
    bondSigmaA2: optional('sb'),
    neighbourSigmaA2: optional('sn'),
    onCycle: (c) =>
      console.log(
        `cycle ${c.cycle}: target ${c.target.toFixed(2)} (data ${c.dataTerm.toFixed(2)}, restraints ` +
          `${c.restraintTerm.toFixed(2)}), CC ${c.correlation.toFixed(5)}, B ${c.meanBA2.toFixed(1)} ` +
          `[${c.minBA2.toFixed(1)}, ${c.maxBA2.toFixed(1)}], bonded rms ${c.bondedRmsA2.toFixed(2)}, ` +
          `${c.iterations} iterations, ${c.evaluations} evaluations`,
      ),
  },
);
console.log(`time ${((performance.now() - t0) / 1000).toFixed(2)} s, stop ${result.stop}`);

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((p, q) => p + q, 0) / x.length;
  const my = y.reduce((p, q) => p + q, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < x.length; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
const groups = new Map<string, number[]>();
const heavyTrue: number[] = [];
const heavyRefined: number[] = [];
for (let i = 0; i < n; i++) {
  if (a.element[i] === 'H') continue;
  heavyTrue.push(bTrue[i]);
  heavyRefined.push(result.bIsoA2[i]);
  const key = `${a.chainId[i]}:${a.resSeq[i]}${a.insCode[i]}`;
  const list = groups.get(key) ?? [];
  list.push(i);
  groups.set(key, list);
}
const xs: number[] = [];
const ys: number[] = [];
for (const idx of groups.values()) {
  xs.push(idx.reduce((p, i) => p + bTrue[i], 0) / idx.length);
  ys.push(idx.reduce((p, i) => p + result.bIsoA2[i], 0) / idx.length);
}
const err = xs.map((v, k) => Math.abs(ys[k] - v)).sort((p, q) => p - q);
console.log(
  `residues ${xs.length}: Pearson ${pearson(xs, ys).toFixed(4)}, median |error| ${err[err.length >> 1].toFixed(2)} Å², ` +
    `mean true ${(xs.reduce((p, q) => p + q, 0) / xs.length).toFixed(1)}, mean refined ` +
    `${(ys.reduce((p, q) => p + q, 0) / ys.length).toFixed(1)}; atoms: Pearson ${pearson(heavyTrue, heavyRefined).toFixed(4)}`,
);
