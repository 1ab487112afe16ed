/**
 * Model-map simulation speed: 20 000 atoms onto a 128³ grid at 1 Å, against a naive per-atom loop (same radius
 * rule, same points, but distances and five exps evaluated at every point and indices wrapped with `%`) measured
 * in the same run. The model is the γ-secretase box model (19 427 atoms, test/fixtures/real) plus its first 573
 * atoms again, shifted by 3 Å, centred in the box. Two B sets: "refined-like" B = 20…80 Å² (a deterministic
 * spread) and the file's own B (295…500 Å²: much wider atoms, more points each).
 * Run: node --import tsx bench/modelmap.ts [--size 128]
 */
import { cpus, loadavg } from 'node:os';
import type { Structure } from '../src/io/structure.js';
import { simulateModelDensity, simulateModelMap } from '../src/model/simulate-model-map.js';
import type { ModelMapGrid } from '../src/model/simulate-model-map.js';
import { electronFormFactor } from '../src/model/scattering-factors.js';
import { cutoffRadiusA, carbonRadiusGuessA, DEFAULT_DENSITY_CUTOFF } from '../src/model/cutoff-radius.js';
import { readStructure } from '../src/io/structure-read.js';
import { structureFromAtoms } from '../test/helpers/atoms.js';
import type { AtomSpec } from '../test/helpers/atoms.js';

const sizeArg = process.argv.indexOf('--size');
const n = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 128;
const nAtoms = 20000;

const src = (
  await readStructure(new URL('../test/fixtures/real/5fn5_box_model.pdb', import.meta.url).pathname)
).atoms;

function benchModel(bRule: 'refined' | 'file'): Structure {
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < src.count; i++) {
    cx += src.x[i];
    cy += src.y[i];
    cz += src.z[i];
  }
  cx /= src.count;
  cy /= src.count;
  cz /= src.count;
  const atoms: AtomSpec[] = [];
  for (let k = 0; k < nAtoms; k++) {
    const i = k % src.count;
    const shift = k < src.count ? 0 : 3;
    const hash = Math.sin(12.9898 * k) * 43758.5453;
    atoms.push({
      xyz: [src.x[i] - cx + n / 2 + shift, src.y[i] - cy + n / 2 + shift, src.z[i] - cz + n / 2],
      element: src.element[i],
      occupancy: src.occupancy[i],
      bIsoA2: bRule === 'refined' ? 20 + 60 * (hash - Math.floor(hash)) : src.bIsoA2[i],
    });
  }
  return structureFromAtoms(atoms);
}

/** The straightforward version: per atom, per point, distance from coordinates and five exps; `%` wrap. */
function naiveDensity(structure: Structure, grid: ModelMapGrid, blurA2: number): Float64Array {
  const [nz, ny, nx] = grid.shapeZyx;
  const [sx, sy, sz] = grid.voxelSizeXyzA;
  const out = new Float64Array(nx * ny * nz);
  const a = structure.atoms;
  for (let i = 0; i < a.count; i++) {
    if (a.occupancy[i] === 0) continue;
    const ff = electronFormFactor(a.element[i]);
    const b = a.bIsoA2[i] + blurA2;
    const amp = new Float64Array(5);
    const k = new Float64Array(5);
    for (let g = 0; g < 5; g++) {
      const t = (4 * Math.PI) / (ff.bA2[g] + b);
      amp[g] = ff.a[g] * t ** 1.5;
      k[g] = -Math.PI * t;
    }
    const radius = cutoffRadiusA(amp, k, 5, carbonRadiusGuessA(b), DEFAULT_DENSITY_CUTOFF);
    const gx = a.x[i] / sx;
    const gy = a.y[i] / sy;
    const gz = a.z[i] / sz;
    const du = Math.min(Math.ceil(radius / sx), nx - 1);
    const dv = Math.min(Math.ceil(radius / sy), ny - 1);
    const dw = Math.min(Math.ceil(radius / sz), nz - 1);
    const u0 = Math.round(gx);
    const v0 = Math.round(gy);
    const w0 = Math.round(gz);
    for (let w = w0 - dw; w <= w0 + dw; w++)
      for (let v = v0 - dv; v <= v0 + dv; v++)
        for (let u = u0 - du; u <= u0 + du; u++) {
          const r2 = ((gx - u) * sx) ** 2 + ((gy - v) * sy) ** 2 + ((gz - w) * sz) ** 2;
          if (r2 > radius * radius) continue;
          let d = 0;
          for (let g = 0; g < 5; g++) d += amp[g] * Math.exp(k[g] * r2);
          const iu = ((u % nx) + nx) % nx;
          const iv = ((v % ny) + ny) % ny;
          const iw = ((w % nz) + nz) % nz;
          out[(iw * ny + iv) * nx + iu] += a.occupancy[i] * d;
        }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s[s.length >> 1];
}

/** Median wall time and median CPU time (user + system) in ms over `repeats` runs. */
function time(f: () => void, repeats: number): { wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const grid: ModelMapGrid = { shapeZyx: [n, n, n], voxelSizeXyzA: [1, 1, 1], originXyzA: [0, 0, 0] };
console.log(`${nAtoms} atoms (γ-secretase box model, H included), ${n}³ grid at 1 Å, density cutoff 1e-5`);
console.log(`load average at start: ${loadavg()[0].toFixed(2)} (${cpus().length} cores)`);
console.log(
  'B set | blur (Å²) | kernel wall / CPU (ms) | naive wall / CPU (ms) | naive / kernel (CPU) | max |Δ| / max | ' +
    'full map incl. un-blur wall / CPU (ms)',
);
for (const rule of ['refined', 'file'] as const) {
  const st = benchModel(rule);
  const full = simulateModelMap(st, grid); // warm-up, and the blur the full path uses
  const blur = full.blurA2;
  simulateModelDensity(st, grid, blur);
  const kernel = time(() => simulateModelDensity(st, grid, blur), 5);
  const fullMap = time(() => simulateModelMap(st, grid), 3);
  let naive: Float64Array = new Float64Array(0);
  const naiveT = time(() => {
    naive = naiveDensity(st, grid, blur);
  }, 1);
  const fast = simulateModelDensity(st, grid, blur).data;
  let maxD = 0;
  let maxV = 0;
  for (let i = 0; i < fast.length; i++) {
    maxD = Math.max(maxD, Math.abs(fast[i] - naive[i]));
    maxV = Math.max(maxV, Math.abs(naive[i]));
  }
  const f = (t: { wallMs: number; cpuMs: number }) => `${t.wallMs.toFixed(0)} / ${t.cpuMs.toFixed(0)}`;
  console.log(
    `${rule === 'refined' ? 'B 20–80 Å²' : 'file B 295–500 Å²'} | ${blur.toFixed(1)} | ${f(kernel)} | ` +
      `${f(naiveT)} | ${(naiveT.cpuMs / kernel.cpuMs).toFixed(1)} | ${(maxD / maxV).toExponential(1)} | ` +
      `${f(fullMap)}`,
  );
}
console.log(`load average at end: ${loadavg()[0].toFixed(2)}`);
