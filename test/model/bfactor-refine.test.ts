import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Structure } from '../../src/io/structure.js';
import type { Volume } from '../../src/grid/volume.js';
import { readStructure } from '../../src/io/structure-read.js';
import { simulateModelMap } from '../../src/model/simulate-model-map.js';
import { lowPassTanh } from '../../src/spectra/filters.js';
import {
  refineBFactors,
  prepareBFactorRefinement,
  structureWithBFactors,
  cosineEdgeLowPass,
  nextFastFftLength,
} from '../../src/model/bfactor-refine.js';
import type { BFactorCycleStats } from '../../src/model/bfactor-refine.js';
import { DensityAccumulator } from '../../src/model/density-kernel.js';
import { IsotropicGradientKernel } from '../../src/model/bfactor-kernel.js';
import { buildBRestraints, restraintValue } from '../../src/model/bfactor-restraints.js';
import { electronFormFactor } from '../../src/model/scattering-factors.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { UserError } from '../../src/core/errors.js';
import { structureFromAtoms } from '../helpers/atoms.js';
import type { AtomSpec } from '../helpers/atoms.js';

const tmv = await readStructure(new URL('../fixtures/real/6i5a_box_model.pdb', import.meta.url).pathname);

/** mulberry32: a small seeded PRNG; Gaussian deviates by Box–Muller. */
function gaussianSource(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function withNoise(map: Volume, sigmaFraction: number, seed: number): Volume {
  let s = 0;
  let ss = 0;
  for (const v of map.data) {
    s += v;
    ss += v * v;
  }
  const n = map.data.length;
  const sd = Math.sqrt(ss / n - (s / n) ** 2);
  const g = gaussianSource(seed);
  return { ...map, data: Float32Array.from(map.data, (v) => v + sigmaFraction * sd * g()) };
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The first `count` non-hydrogen atoms of the TMV model with B from a formula, and a grid around them. */
function smallProblem(count: number): { structure: Structure; grid: Volume } {
  const a = tmv.atoms;
  const specs: AtomSpec[] = [];
  for (let i = 0; i < a.count && specs.length < count; i++) {
    if (a.element[i] === 'H') continue;
    specs.push({
      xyz: [a.x[i], a.y[i], a.z[i]],
      element: a.element[i],
      bIsoA2: 25 + 3 * (specs.length % 17),
      occupancy: specs.length % 9 === 4 ? 0.6 : 1,
    });
  }
  const structure = structureFromAtoms(specs);
  const lo = [0, 1, 2].map((d) => Math.min(...specs.map((s) => s.xyz[d])) - 6);
  const hi = [0, 1, 2].map((d) => Math.max(...specs.map((s) => s.xyz[d])) + 6);
  const voxel = 0.95;
  const shape = [0, 1, 2].map((d) => Math.ceil((hi[d] - lo[d]) / voxel));
  const grid: Volume = {
    data: new Float32Array(shape[0] * shape[1] * shape[2]),
    shapeZyx: [shape[2], shape[1], shape[0]],
    voxelSizeXyzA: [voxel, voxel, voxel],
    originXyzA: [lo[0], lo[1], lo[2]],
  };
  return { structure, grid };
}

test('gradient kernel: the gather is the transpose of ∂(scatter)/∂B (fixed radius, periodic wrap)', () => {
  const grid = { nx: 14, ny: 11, nz: 9, voxelXA: 0.9, voxelYA: 1.1, voxelZA: 1.0 };
  const ff = electronFormFactor('N');
  const field = Float64Array.from(
    { length: 14 * 11 * 9 },
    (_, i) => Math.sin(0.37 * i) + 0.2 * Math.cos(1.3 * i),
  );
  const kernel = new IsotropicGradientKernel(grid);
  const density = (b: number): Float64Array => {
    const acc = new DensityAccumulator(grid);
    const amp = new Float64Array(5);
    const k = new Float64Array(5);
    for (let g = 0; g < 5; g++) {
      const t = (4 * Math.PI) / (ff.bA2[g] + b);
      amp[g] = 0.8 * ff.a[g] * t ** 1.5;
      k[g] = -Math.PI * t;
    }
    acc.addIsotropic(12.7, 0.4, 4.2, amp, k, 4.5); // near two faces: the sphere wraps
    return acc.data;
  };
  for (const b of [15, 60, 200]) {
    const h = 1e-4;
    const plus = density(b + h);
    const minus = density(b - h);
    let fd = 0;
    for (let v = 0; v < field.length; v++) fd += (field[v] * (plus[v] - minus[v])) / (2 * h);
    const amp = new Float64Array(5);
    const k = new Float64Array(5);
    const alpha = new Float64Array(5);
    const beta = new Float64Array(5);
    for (let g = 0; g < 5; g++) {
      const w = ff.bA2[g] + b;
      const t = (4 * Math.PI) / w;
      amp[g] = 0.8 * ff.a[g] * t ** 1.5;
      k[g] = -Math.PI * t;
      alpha[g] = (4 * Math.PI * Math.PI) / (w * w);
      beta[g] = 1.5 / w;
    }
    const analytic = kernel.gather(12.7, 0.4, 4.2, amp, k, alpha, beta, 4.5, field);
    assert.ok(Math.abs(analytic - fd) <= 1e-7 * Math.abs(fd) + 1e-12, `B ${b}: ${analytic} vs FD ${fd}`);
  }
});

test('objective gradient (data term + restraints) equals central finite differences', () => {
  const { structure, grid } = smallProblem(45);
  const truth = simulateModelMap(structure, grid, { unblur: 'physical' }).map;
  const map = withNoise(truth, 0.3, 99);
  for (const noMask of [false, true]) {
    const problem = prepareBFactorRefinement(
      structure,
      { map },
      { resolutionA: 2.6, densityCutoff: 1e-10, noMask, initialBA2: 'input' },
    );
    const n = problem.b0.length;
    const b = Float64Array.from(problem.b0, (v, k) => v + 7 * Math.sin(k));
    const grad = new Float64Array(n);
    problem.objective(b, grad);
    const scratch = new Float64Array(n);
    for (const k of [0, 3, 11, 20, 31, 44]) {
      const h = 1e-3;
      const bp = Float64Array.from(b);
      bp[k] += h;
      const fp = problem.objective(bp, scratch);
      bp[k] -= 2 * h;
      const fm = problem.objective(bp, scratch);
      const fd = (fp - fm) / (2 * h);
      assert.ok(
        Math.abs(grad[k] - fd) <= 1e-5 * Math.max(Math.abs(fd), 1e-3 * Math.abs(fp)),
        `noMask ${noMask}, atom ${k}: analytic ${grad[k]} vs FD ${fd}`,
      );
    }
  }
});

test('restraints: value and gradient of Σ (B_i − B_j)²/(2σ²) over pairs by distance', () => {
  const x = Float64Array.from([0, 1.5, 3.2, 10]);
  const y = new Float64Array(4);
  const z = new Float64Array(4);
  const r = buildBRestraints(x, y, z, { bondSigmaA2: 2, neighbourSigmaA2: 4 });
  // pairs: (0,1) bond 1.5 Å, (1,2) bond 1.7 Å, (0,2) neighbour 3.2 Å; atom 3 alone.
  assert.equal(r.bondedPairs, 2);
  assert.equal(r.neighbourPairs, 1);
  const b = Float64Array.from([10, 20, 40, 99]);
  const g = new Float64Array(4);
  const v = restraintValue(r, b, g);
  assert.ok(Math.abs(v - (100 / 8 + 400 / 8 + 900 / 32)) < 1e-12);
  assert.ok(Math.abs(g[0] - (-10 / 4 - 30 / 16)) < 1e-12);
  assert.ok(Math.abs(g[2] - (20 / 4 + 30 / 16)) < 1e-12);
  assert.equal(g[3], 0);
});

test('filters and sizes: cosine-edge low-pass, fast FFT lengths', () => {
  assert.equal(cosineEdgeLowPass(0.1, 0.4, 0.1), 1);
  assert.equal(cosineEdgeLowPass(0.36, 0.4, 0.1), 1);
  assert.ok(Math.abs(cosineEdgeLowPass(0.38, 0.4, 0.1) - 0.5) < 1e-12);
  assert.equal(cosineEdgeLowPass(0.4, 0.4, 0.1), 0);
  assert.deepEqual([7, 11, 13, 17, 97, 128, 131].map(nextFastFftLength), [8, 12, 15, 18, 100, 128, 135]);
});

/**
 * The acceptance test of the issue: a known, spatially varying B (20 Å² at the centre to 150 Å² at the surface,
 * + 15 Å² on side chains beyond Cβ) on the TMV coat protein (1 207 heavy atoms), two half maps simulated on the
 * EMD-4413 box grid, low-passed at 3.5 Å, each with independent Gaussian noise (σ = the clean map's σ); refinement
 * from B = 40 must recover per-residue B with Pearson ≥ 0.9 and median |error| ≤ 10 Å².
 */
test('recovery: refinement from B = 40 recovers a known B profile from noisy half maps', () => {
  const a = tmv.atoms;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < a.count; i++) {
    cx += a.x[i];
    cy += a.y[i];
    cz += a.z[i];
  }
  cx /= a.count;
  cy /= a.count;
  cz /= a.count;
  const r = Float64Array.from({ length: a.count }, (_, i) =>
    Math.hypot(a.x[i] - cx, a.y[i] - cy, a.z[i] - cz),
  );
  const rMax = Math.max(...r);
  const backbone = new Set(['N', 'CA', 'C', 'O', 'CB']);
  const bTrue = Float64Array.from(
    r,
    (v, i) => 20 + 130 * (v / rMax) ** 2 + (backbone.has(a.atomName[i]) ? 0 : 15),
  );
  const grid: Volume = {
    data: new Float32Array(43 * 70 * 46),
    shapeZyx: [43, 70, 46],
    voxelSizeXyzA: [1.0635, 1.0635, 1.0635],
    originXyzA: [0, 0, 0],
  };
  const clean = lowPassTanh(simulateModelMap(structureWithBFactors(tmv, bTrue), grid).map, 3.5);
  const h1 = withNoise(clean, 1.0, 1);
  const h2 = withNoise(clean, 1.0, 2);
  const history: BFactorCycleStats[] = [];
  const issues = new IssueList();
  const result = refineBFactors(
    tmv,
    { halfMaps: [h1, h2] },
    { resolutionA: 3.5, diagnostics: issues, onCycle: (c) => history.push(c) },
  );
  assert.equal(history.length, 11);
  assert.equal(result.cycles.length, 11);
  assert.equal(result.counts.refined, 1207);
  assert.equal(result.counts.hydrogens, 1186);
  assert.ok(issues.issues.some((i) => i.code === 'bfactor.hydrogens-excluded'));
  assert.ok(history[10].correlation > history[0].correlation);
  assert.ok(history[10].target < history[0].target);
  // Per residue: mean over the residue's heavy atoms.
  const groups = new Map<string, number[]>();
  for (let i = 0; i < a.count; i++) {
    if (a.element[i] === 'H') continue;
    const key = `${a.chainId[i]}:${a.resSeq[i]}${a.insCode[i]}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const truePerResidue: number[] = [];
  const refinedPerResidue: number[] = [];
  for (const idx of groups.values()) {
    truePerResidue.push(idx.reduce((s, i) => s + bTrue[i], 0) / idx.length);
    refinedPerResidue.push(idx.reduce((s, i) => s + result.bIsoA2[i], 0) / idx.length);
  }
  const errors = truePerResidue.map((t, k) => Math.abs(refinedPerResidue[k] - t)).sort((p, q) => p - q);
  const medianError = errors[errors.length >> 1];
  const rho = pearson(truePerResidue, refinedPerResidue);
  console.log(
    `  recovery: ${groups.size} residues, Pearson ${rho.toFixed(4)}, median |error| ${medianError.toFixed(2)} Å², ` +
      `CC ${history[0].correlation.toFixed(4)} → ${history[10].correlation.toFixed(4)}`,
  );
  assert.ok(rho >= 0.9, `Pearson ${rho}`);
  assert.ok(medianError <= 10, `median |error| ${medianError}`);
  // Hydrogens (zero occupancy in this file) take their parent's B.
  for (let i = 0; i < a.count; i++) {
    if (a.element[i] !== 'H') continue;
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < a.count; j++) {
      if (a.element[j] === 'H') continue;
      const d = (a.x[i] - a.x[j]) ** 2 + (a.y[i] - a.y[j]) ** 2 + (a.z[i] - a.z[j]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    assert.equal(result.bIsoA2[i], result.bIsoA2[best]);
    if (i > 200) break;
  }
});

test('unrestrained, unmasked refinement (pseudo-atoms) runs, is deterministic and improves the fit', () => {
  const { structure, grid } = smallProblem(60);
  const map = withNoise(simulateModelMap(structure, grid).map, 0.2, 5);
  const run = () =>
    refineBFactors(structure, { map }, { resolutionA: 2.4, restrained: false, noMask: true, cycles: 3 });
  const r1 = run();
  const r2 = run();
  assert.deepEqual(Array.from(r1.bIsoA2), Array.from(r2.bIsoA2));
  assert.equal(r1.restraintPairs.bonded, 0);
  assert.equal(r1.maskVoxels, grid.data.length);
  assert.ok(r1.cycles[3].correlation > r1.cycles[0].correlation);
  for (const v of r1.bIsoA2) assert.ok(v >= 2 && v <= 500);
});

test('cropping to the model gives the same B as fitting in the whole box', () => {
  const { structure, grid } = smallProblem(40);
  // A box three times larger than the model: the crop keeps a margin of 3 Å + max(3·d, 10 Å).
  const big: Volume = {
    data: new Float32Array(grid.shapeZyx[0] * 2 * grid.shapeZyx[1] * 2 * grid.shapeZyx[2] * 2),
    shapeZyx: [grid.shapeZyx[0] * 2, grid.shapeZyx[1] * 2, grid.shapeZyx[2] * 2],
    voxelSizeXyzA: grid.voxelSizeXyzA,
    originXyzA: [
      grid.originXyzA[0] - grid.shapeZyx[2] * 0.95 * 0.5,
      grid.originXyzA[1] - grid.shapeZyx[1] * 0.95 * 0.5,
      grid.originXyzA[2] - grid.shapeZyx[0] * 0.95 * 0.5,
    ],
  };
  const map = withNoise(simulateModelMap(structure, big).map, 0.2, 8);
  const cropped = refineBFactors(structure, { map }, { resolutionA: 3, cycles: 4 });
  const whole = refineBFactors(structure, { map }, { resolutionA: 3, cycles: 4, cropToModel: false });
  assert.ok(cropped.workShapeZyx[0] < big.shapeZyx[0]);
  let worst = 0;
  for (let i = 0; i < structure.atoms.count; i++) {
    worst = Math.max(worst, Math.abs(cropped.bIsoA2[i] - whole.bIsoA2[i]));
  }
  console.log(
    `  crop vs whole box: max |ΔB| ${worst.toFixed(3)} Å², boxes ${cropped.workShapeZyx.join('×')} vs ${whole.workShapeZyx.join('×')}`,
  );
  assert.ok(worst < 0.5, `max |ΔB| crop vs whole box = ${worst} Å²`);
});

test('bad input: zero occupancy (warning), unknown element and no atoms (UserError), model outside the map', () => {
  const { structure, grid } = smallProblem(30);
  const map = withNoise(simulateModelMap(structure, grid).map, 0.1, 3);
  const atoms = structure.atoms;

  // Zero occupancy: a warning, left out of the fit, B from the nearest refined atom.
  const zeroOcc = {
    ...structure,
    atoms: { ...atoms, occupancy: Float64Array.from(atoms.occupancy, (v, i) => (i === 5 ? 0 : v)) },
  };
  const issues = new IssueList();
  const r = refineBFactors(zeroOcc, { map }, { resolutionA: 3, cycles: 1, diagnostics: issues });
  assert.ok(issues.issues.some((i) => i.code === 'bfactor.zero-occupancy' && i.severity === 'warning'));
  assert.equal(r.counts.zeroOccupancy, 1);
  assert.equal(r.refined[5], 0);
  assert.ok(r.bIsoA2[5] > 0 && r.bIsoA2[5] !== atoms.bIsoA2[5]);

  // Unknown element: the scattering table's UserError names the atom.
  const unknown = {
    ...structure,
    atoms: { ...atoms, element: atoms.element.map((e, i) => (i === 2 ? 'XX' : e)) },
  };
  assert.throws(
    () => refineBFactors(unknown, { map }, { resolutionA: 3 }),
    (e: unknown) => {
      return e instanceof UserError && /element 'XX'/.test(e.message) && /atom 3/.test(e.message);
    },
  );

  // Only hydrogens: nothing to refine.
  const onlyH = { ...structure, atoms: { ...atoms, element: atoms.element.map(() => 'H') } };
  assert.throws(() => refineBFactors(onlyH, { map }, { resolutionA: 3 }), UserError);

  // Every atom outside the box: UserError; most of them outside: warning.
  const shifted = (dx: number, every: number) => ({
    ...structure,
    atoms: { ...atoms, x: Float64Array.from(atoms.x, (v, i) => (i % every === 0 ? v + dx : v)) },
  });
  assert.throws(() => refineBFactors(shifted(500, 1), { map }, { resolutionA: 3 }), UserError);
  const outIssues = new IssueList();
  refineBFactors(shifted(60, 4), { map }, { resolutionA: 3, cycles: 1, diagnostics: outIssues });
  assert.ok(outIssues.issues.some((i) => i.code === 'bfactor.atoms-outside-map'));

  // Nonsense options.
  assert.throws(() => refineBFactors(structure, { map }, { resolutionA: 0 }), UserError);
  assert.throws(() => refineBFactors(structure, { map }, { resolutionA: 3, cycles: -1 }), UserError);
  assert.throws(
    () => refineBFactors(structure, { map }, { resolutionA: 3, bMinA2: 50, bMaxA2: 10 }),
    UserError,
  );
  // Finer than Nyquist: raised to it, with a warning.
  const nyq = new IssueList();
  const rn = refineBFactors(structure, { map }, { resolutionA: 1, cycles: 0, diagnostics: nyq });
  assert.ok(Math.abs(rn.resolutionA - 1.9) < 1e-12);
  assert.ok(nyq.issues.some((i) => i.code === 'bfactor.resolution-beyond-nyquist'));
});

test('structureWithBFactors copies the structure with new B and no anisotropic U', () => {
  const s = structureFromAtoms([{ xyz: [0, 0, 0], anisoUA2: [0.1, 0.2, 0.3, 0, 0, 0] }, { xyz: [1, 0, 0] }]);
  const t = structureWithBFactors(s, [11, 22]);
  assert.deepEqual(Array.from(t.atoms.bIsoA2), [11, 22]);
  assert.equal(t.atoms.anisoUA2, null);
  assert.equal(s.atoms.bIsoA2[0], 20);
  assert.throws(() => structureWithBFactors(s, [1]), UserError);
});

test('the B-factor API is exported from the package root', async () => {
  const api = (await import('../../src/index.js')) as Record<string, unknown>;
  for (const name of [
    'refineBFactors',
    'prepareBFactorRefinement',
    'structureWithBFactors',
    'averageBFactorsWithinRadius',
    'shiftBFactorsByProbability',
    'maskAroundPoints',
    'LbfgsMinimizer',
    'minimizeLbfgs',
    'standardNormalCdf',
  ]) {
    assert.equal(typeof api[name], 'function', name);
  }
});
