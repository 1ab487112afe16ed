/**
 * Per-atom isotropic B-factor refinement against a cryo-EM map or two half maps: LocScale-TS's replacement for
 * servalcat `refine_spa` + REFMAC5 "refi bonly" (spec §3.2, §4.2, §5.2). The target, optimiser and choices are
 * documented with their equations in docs/bfactor-refinement.md; in short:
 *
 * - data term: real-space least squares between the model density and the map, both low-passed to the resolution
 *   limit (and FSC-weighted with half maps), inside a mask of radius 3 Å around the model (or the whole map with
 *   `noMask`), overall scale and offset solved exactly, as a log-likelihood with unknown variance
 *   (`RealSpaceDataTarget`);
 * - restraints (real models): harmonic restraints on B differences of atom pairs closer than 2 Å (bonded) and,
 *   weaker, 2–4 Å (`bfactor-restraints.ts`); none for pseudo-atoms (`restrained: false`);
 * - optimiser: projected L-BFGS with bounds B ∈ [bMin, bMax], preconditioned by a Gauss–Newton diagonal
 *   (`lbfgs.ts`), `iterationsPerCycle` iterations per cycle, statistics after every cycle;
 * - hydrogens are left out of the target (servalcat `--hydrogen no`) and get their bonded heavy atom's B; atoms of
 *   zero occupancy are left out and get the nearest refined atom's B.
 */
import type { Structure, Atoms } from '../io/structure.js';
import type { ShapeZyx, Xyz } from '../core/vec.js';
import { formatShape } from '../core/vec.js';
import { UserError } from '../core/errors.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import { noProgress, checkAborted } from '../core/progress.js';
import type { RealGrid } from '../grid/volume.js';
import { requireSameGrid, meanVoxelSizeA } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';
import { fscStandard } from '../spectra/fsc.js';
import type { FscCurve } from '../spectra/fsc.js';
import { signedIndex, halfLength } from '../spectra/frequency.js';
import { electronFormFactor, findElectronFormFactor, C4322_GAUSSIANS } from './scattering-factors.js';
import { refmacCompatibleBlurA2, hasAnisoU } from './refmac-blur.js';
import { DEFAULT_DENSITY_CUTOFF } from './cutoff-radius.js';
import { atomLabel } from './simulate-model-map.js';
import { maskAroundPoints } from './atom-mask.js';
import { RealSpaceDataTarget, gaussNewtonDiagonal } from './bfactor-target.js';
import type { TargetAtoms, DataTermStats } from './bfactor-target.js';
import {
  buildBRestraints,
  restraintValue,
  addRestraintDiagonal,
  bondedRmsDifferenceA2,
  DEFAULT_B_RESTRAINTS,
} from './bfactor-restraints.js';
import type { BRestraints, BRestraintOptions } from './bfactor-restraints.js';
import { LbfgsMinimizer } from './lbfgs.js';
import { buildCellGrid, nearestPoint } from './cell-list.js';

/** The experimental data: one map, or two half maps (their mean is fitted, their FSC weights the shells). */
export type BFactorMaps =
  | { readonly map: RealGrid; readonly halfMaps?: undefined }
  | { readonly halfMaps: readonly [RealGrid, RealGrid]; readonly map?: undefined };

export interface BFactorRefinementOptions extends BRestraintOptions {
  /**
   * Resolution limit d_min (Å): data beyond it are not used. LocScale: the half-map FSC resolution, else
   * 2·apix + 0.1 Å (spec §3.2). Values finer than the grid's Nyquist limit are raised to it (warning).
   */
  readonly resolutionA: number;
  /** Refinement cycles (LocScale's `-ref_it`, default 10). */
  readonly cycles?: number;
  /** L-BFGS iterations per cycle (default 3). */
  readonly iterationsPerCycle?: number;
  /** Restrain B of neighbouring atoms (real models; default true). False: unrestrained (pseudo-atoms). */
  readonly restrained?: boolean;
  /** Fit the whole map instead of a mask around the model (servalcat `--no_mask`; default false). */
  readonly noMask?: boolean;
  /** Radius of the mask around the model (Å; default 3, servalcat's). */
  readonly maskRadiusA?: number;
  /** Starting B (Å²) of every refined atom (default 40, as LocScale), or 'input' for the model's own B. */
  readonly initialBA2?: number | 'input';
  /** Bounds on B (Å²; default 2 and 500). */
  readonly bMinA2?: number;
  readonly bMaxA2?: number;
  /** Weight the shells by √FSC_full when half maps are given (default true). */
  readonly fscWeighting?: boolean;
  /** Multiplies the data term against the restraints (default 1). */
  readonly dataWeight?: number;
  /** Density cutoff of the atoms' spheres (default 1e-5, gemmi's). */
  readonly densityCutoff?: number;
  /**
   * Start cycle 1 with the best uniform shift of every B (an overall B, found by Fourier filtering; default true).
   */
  readonly overallBSearch?: boolean;
  /** Fit in a box around the model (with margins) instead of the whole map when that is smaller (default true). */
  readonly cropToModel?: boolean;
  /** Fraction of refined atoms outside the map box from which a warning is issued (default 0.5). */
  readonly outsideWarningFraction?: number;
  readonly diagnostics?: Diagnostics;
  readonly progress?: Progress;
  /** Called after cycle 0 (the start) and every cycle, with that cycle's statistics. */
  readonly onCycle?: (stats: BFactorCycleStats) => void;
}

export interface BFactorCycleStats {
  /** 0 = before refinement, then 1 … cycles. */
  readonly cycle: number;
  /** Total target: data term + restraints. */
  readonly target: number;
  /** Data term (N_eff/2)·ln(1 − CC²), times `dataWeight`. */
  readonly dataTerm: number;
  readonly restraintTerm: number;
  /** Correlation of the filtered model and map inside the mask (what the fit maximises). */
  readonly correlation: number;
  /** Mean, smallest and largest B of the refined atoms (Å²). */
  readonly meanBA2: number;
  readonly minBA2: number;
  readonly maxBA2: number;
  /** rms B difference over bonded pairs (Å²). */
  readonly bondedRmsA2: number;
  /** Cumulative L-BFGS iterations and target evaluations. */
  readonly iterations: number;
  readonly evaluations: number;
}

export interface BFactorRefinementResult {
  /** Refined B (Å²) for every atom of the structure (hydrogens and zero-occupancy atoms: see the file comment). */
  readonly bIsoA2: Float64Array;
  /** 1 for atoms whose B was refined, 0 for the others. */
  readonly refined: Uint8Array;
  readonly counts: {
    readonly atoms: number;
    readonly refined: number;
    readonly hydrogens: number;
    readonly zeroOccupancy: number;
    /** Refined atoms whose centre lies outside the map box. */
    readonly outside: number;
  };
  /** Statistics of cycle 0 (start) … the last cycle. */
  readonly cycles: readonly BFactorCycleStats[];
  /** The resolution limit used (Å). */
  readonly resolutionA: number;
  /** The sampling blur B_x (Å²). */
  readonly blurA2: number;
  /** The box the fit ran in: shape and first voxel (map indices, may be negative: periodic). */
  readonly workShapeZyx: ShapeZyx;
  readonly workStartZyx: ShapeZyx;
  readonly maskVoxels: number;
  readonly restraintPairs: { readonly bonded: number; readonly neighbours: number };
  /** Half-map FSC when half maps were given. */
  readonly fsc: FscCurve | null;
  /** The uniform B shift (Å²) applied before the per-atom cycles (`overallBSearch`). */
  readonly overallShiftA2: number;
  /** Why L-BFGS stopped in the last cycle. */
  readonly stop: string;
}

const DEFAULTS = {
  cycles: 10,
  iterationsPerCycle: 3,
  maskRadiusA: 3,
  initialBA2: 40,
  bMinA2: 2,
  bMaxA2: 500,
  edgeFraction: 0.1,
} as const;

/** Largest B change of a step taken without curvature information (the first one). */
const FIRST_STEP_MAX_A2 = 30;

function isHydrogen(element: string): boolean {
  return element === 'H' || element === 'D';
}

/** Smallest n' ≥ n whose prime factors are 2, 3 and 5 (fast FFT lengths). */
export function nextFastFftLength(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let r = m;
    for (const p of [2, 3, 5]) while (r % p === 0) r /= p;
    if (r === 1) return m;
  }
}

/**
 * Low-pass gain with a raised-cosine edge: 1 up to (1 − edge)·s_max, falling as cos² to 0 at s_max (1/Å). The edge
 * lies inside the resolution limit, so nothing beyond d_min is used, and it tames the ringing a sharp cut gives.
 */
export function cosineEdgeLowPass(sPerA: number, sMaxPerA: number, edgeFraction: number): number {
  if (sPerA >= sMaxPerA) return 0;
  const s1 = (1 - edgeFraction) * sMaxPerA;
  if (sPerA <= s1) return 1;
  const c = Math.cos((0.5 * Math.PI * (sPerA - s1)) / (sMaxPerA - s1));
  return c * c;
}

/** FSC_full = 2·FSC/(1 + FSC) of the half-map curve at s (linear between shells, clamped to [0, 1]). */
function fullMapFscAt(curve: FscCurve, sPerA: number): number {
  const f = curve.freqPerA;
  const n = f.length;
  let v: number;
  if (n === 0) return 1;
  if (sPerA <= f[0]) v = curve.fsc[0];
  else if (sPerA >= f[n - 1]) v = curve.fsc[n - 1];
  else {
    let i = 1;
    while (f[i] < sPerA) i++;
    const t = (sPerA - f[i - 1]) / (f[i] - f[i - 1]);
    v = curve.fsc[i - 1] + t * (curve.fsc[i] - curve.fsc[i - 1]);
  }
  if (!(v > 0)) return 0;
  if (v > 1) v = 1;
  return (2 * v) / (1 + v);
}

/** gain(|s|) for every element of the half spectrum of a grid (physical frequencies, each axis its own voxel). */
function radialGainTable(
  shapeZyx: ShapeZyx,
  voxelSizeXyzA: Xyz,
  gain: (sPerA: number) => number,
): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const hx = halfLength(nx);
  const out = new Float64Array(nz * ny * hx);
  const lz = nz * voxelSizeXyzA[2];
  const ly = ny * voxelSizeXyzA[1];
  const lx = nx * voxelSizeXyzA[0];
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const fz = signedIndex(z, nz) / lz;
    for (let y = 0; y < ny; y++) {
      const fy = signedIndex(y, ny) / ly;
      const fzy2 = fz * fz + fy * fy;
      for (let kx = 0; kx < hx; kx++) {
        const fx = kx / lx;
        out[o++] = gain(Math.sqrt(fzy2 + fx * fx));
      }
    }
  }
  return out;
}

/** Filters a real grid (float64 copy) with a half-spectrum gain table. */
function filterGrid(data: ArrayLike<number>, shapeZyx: ShapeZyx, gain: Float64Array): Float64Array {
  const plan = realFftPlan3d(shapeZyx);
  const input = Float64Array.from(data);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(input, spectrum);
  for (let e = 0, o = 0; e < gain.length; e++, o += 2) {
    spectrum[o] *= gain[e];
    spectrum[o + 1] *= gain[e];
  }
  plan.inverseDestroyingInput(spectrum, input);
  return input;
}

/** One axis of the work box: [start, start + size) in map voxel indices (periodic), or the whole axis. */
function workAxis(lo: number, hi: number, pad: number, n: number, crop: boolean): [number, number] {
  if (!crop) return [0, n];
  const start = Math.floor(lo - pad);
  const span = Math.ceil(hi + pad) - start + 1;
  const size = nextFastFftLength(span);
  if (size >= n) return [0, n];
  return [start, size];
}

export interface AtomSelection {
  readonly refined: Int32Array;
  readonly hydrogens: number;
  readonly zeroOccupancy: number;
  readonly anisotropic: number;
}

function classifyAtoms(atoms: Atoms): AtomSelection {
  const refined: number[] = [];
  let hydrogens = 0;
  let zeroOccupancy = 0;
  let anisotropic = 0;
  for (let i = 0; i < atoms.count; i++) {
    if (!Number.isFinite(atoms.x[i] + atoms.y[i] + atoms.z[i] + atoms.occupancy[i])) {
      throw new UserError(`${atomLabel(atoms, i)} has a non-finite coordinate or occupancy; fix the model.`);
    }
    if (isHydrogen(atoms.element[i])) {
      hydrogens++;
      continue;
    }
    // The scattering table refuses unknown elements with a UserError naming the atom.
    if (findElectronFormFactor(atoms.element[i]) === null)
      electronFormFactor(atoms.element[i], atomLabel(atoms, i));
    if (!(atoms.occupancy[i] > 0)) {
      zeroOccupancy++;
      continue;
    }
    if (hasAnisoU(atoms, i)) anisotropic++;
    refined.push(i);
  }
  return { refined: Int32Array.from(refined), hydrogens, zeroOccupancy, anisotropic };
}

/** The mean map, the FSC (half maps) and a label for messages. */
function experimentalData(maps: BFactorMaps): { grid: RealGrid; data: Float64Array; fsc: FscCurve | null } {
  if (maps.halfMaps !== undefined) {
    const [h1, h2] = maps.halfMaps;
    requireSameGrid(h1, h2, ['first half map', 'second half map']);
    const data = new Float64Array(h1.data.length);
    for (let i = 0; i < data.length; i++) data[i] = 0.5 * (h1.data[i] + h2.data[i]);
    return { grid: h1, data, fsc: fscStandard(h1, h2) };
  }
  if (maps.map === undefined) throw new UserError('B-factor refinement: give a map or two half maps.');
  return { grid: maps.map, data: Float64Array.from(maps.map.data), fsc: null };
}

/**
 * Everything the refinement needs, prepared from the inputs: the data target, the restraints, the starting B and
 * the objective L-BFGS minimises. `refineBFactors` runs it; tests use it to check gradients.
 */
export interface BFactorProblem {
  readonly target: RealSpaceDataTarget;
  readonly restraints: BRestraints | null;
  /** Atom indices (into the structure) of the refined atoms, in variable order. */
  readonly refinedIndex: Int32Array;
  /** Starting B of the refined atoms (Å², within the bounds). */
  readonly b0: Float64Array;
  readonly bMinA2: number;
  readonly bMaxA2: number;
  readonly dataWeight: number;
  readonly resolutionA: number;
  readonly blurA2: number;
  readonly selection: AtomSelection;
  readonly outside: number;
  readonly workShapeZyx: ShapeZyx;
  readonly workStartZyx: ShapeZyx;
  readonly fsc: FscCurve | null;
  /** G(s): the filter's radial gain without the un-blur. */
  readonly radialGain: (sPerA: number) => number;
  readonly voxelVolumeA3: number;
  /** dataWeight·T_data(B) + R(B), gradient into `grad`. */
  readonly objective: (bA2: Float64Array, grad: Float64Array) => number;
  /** Statistics of the last objective evaluation: B, data-term stats, restraint value, total. */
  readonly last: {
    readonly bA2: Float64Array;
    readonly data: DataTermStats | null;
    readonly restraint: number;
    readonly total: number;
  };
}

/** Checks the inputs and sets up the problem (see `BFactorProblem`); issues go to `options.diagnostics`. */
export function prepareBFactorRefinement(
  structure: Structure,
  maps: BFactorMaps,
  options: BFactorRefinementOptions,
): BFactorProblem {
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const progress = options.progress ?? noProgress;
  const atoms = structure.atoms;
  const cycles = options.cycles ?? DEFAULTS.cycles;
  const iterationsPerCycle = options.iterationsPerCycle ?? DEFAULTS.iterationsPerCycle;
  const restrained = options.restrained ?? true;
  const noMask = options.noMask ?? false;
  const maskRadiusA = options.maskRadiusA ?? DEFAULTS.maskRadiusA;
  const bMin = options.bMinA2 ?? DEFAULTS.bMinA2;
  const bMax = options.bMaxA2 ?? DEFAULTS.bMaxA2;
  const dataWeight = options.dataWeight ?? 1;
  const densityCutoff = options.densityCutoff ?? DEFAULT_DENSITY_CUTOFF;
  if (!Number.isInteger(cycles) || cycles < 0) {
    throw new UserError(`B-factor refinement: cycles must be a whole number ≥ 0, got ${cycles}.`);
  }
  if (!Number.isInteger(iterationsPerCycle) || iterationsPerCycle < 1) {
    throw new UserError(
      `B-factor refinement: iterationsPerCycle must be a whole number ≥ 1, got ${iterationsPerCycle}.`,
    );
  }
  if (!(bMin >= 0 && bMax > bMin && Number.isFinite(bMax))) {
    throw new UserError(`B-factor refinement: need 0 ≤ bMinA2 < bMaxA2 < ∞, got ${bMin} and ${bMax}.`);
  }
  if (!(maskRadiusA > 0))
    throw new UserError(`B-factor refinement: maskRadiusA must be > 0, got ${maskRadiusA}.`);
  if (!(dataWeight > 0))
    throw new UserError(`B-factor refinement: dataWeight must be > 0, got ${dataWeight}.`);
  if (!(options.resolutionA > 0) || !Number.isFinite(options.resolutionA)) {
    throw new UserError(
      `B-factor refinement: the resolution must be a finite number of Å > 0, got ${options.resolutionA}.`,
    );
  }

  const { grid, data: mapData, fsc } = experimentalData(maps);
  const [nz, ny, nx] = grid.shapeZyx;
  const voxel = grid.voxelSizeXyzA;
  const nyquistA = 2 * Math.max(voxel[0], voxel[1], voxel[2]);
  let resolutionA = options.resolutionA;
  if (resolutionA < nyquistA) {
    diagnostics.report({
      code: 'bfactor.resolution-beyond-nyquist',
      severity: 'warning',
      message:
        `B-factor refinement: resolution ${resolutionA} Å is finer than the map's Nyquist limit ` +
        `${nyquistA.toFixed(3)} Å; using ${nyquistA.toFixed(3)} Å.`,
    });
    resolutionA = nyquistA;
  }
  const sMax = 1 / resolutionA;

  // Atoms.
  const selection = classifyAtoms(atoms);
  const refinedIdx = selection.refined;
  const nRef = refinedIdx.length;
  if (selection.hydrogens > 0) {
    diagnostics.report({
      code: 'bfactor.hydrogens-excluded',
      severity: 'info',
      message:
        `B-factor refinement: ${selection.hydrogens} hydrogen atoms are left out of the fit (as servalcat ` +
        `--hydrogen no) and take the B of the heavy atom they are bonded to.`,
    });
  }
  if (selection.zeroOccupancy > 0) {
    diagnostics.report({
      code: 'bfactor.zero-occupancy',
      severity: 'warning',
      message:
        `B-factor refinement: ${selection.zeroOccupancy} atoms have zero occupancy; they add no density, are ` +
        `left out of the fit and take the B of the nearest refined atom.`,
    });
  }
  if (selection.anisotropic > 0) {
    diagnostics.report({
      code: 'bfactor.anisotropic-ignored',
      severity: 'info',
      message:
        `B-factor refinement: ${selection.anisotropic} atoms have anisotropic U; the refinement is isotropic and ` +
        `the result has one B per atom (the ANISOU records no longer apply).`,
    });
  }
  if (nRef === 0) {
    throw new UserError(
      'B-factor refinement: the model has no atom to refine (every atom is a hydrogen or has zero occupancy).',
    );
  }

  // Grid coordinates (map voxels) of the refined atoms, and how many lie outside the box.
  const [ox, oy, oz] = grid.originXyzA;
  const mapGx = new Float64Array(nRef);
  const mapGy = new Float64Array(nRef);
  const mapGz = new Float64Array(nRef);
  let outside = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < nRef; k++) {
    const i = refinedIdx[k];
    const gx = (atoms.x[i] - ox) / voxel[0];
    const gy = (atoms.y[i] - oy) / voxel[1];
    const gz = (atoms.z[i] - oz) / voxel[2];
    mapGx[k] = gx;
    mapGy[k] = gy;
    mapGz[k] = gz;
    if (gx < -0.5 || gx >= nx - 0.5 || gy < -0.5 || gy >= ny - 0.5 || gz < -0.5 || gz >= nz - 0.5) outside++;
    lo[0] = Math.min(lo[0], gx);
    lo[1] = Math.min(lo[1], gy);
    lo[2] = Math.min(lo[2], gz);
    hi[0] = Math.max(hi[0], gx);
    hi[1] = Math.max(hi[1], gy);
    hi[2] = Math.max(hi[2], gz);
  }
  if (outside === nRef) {
    throw new UserError(
      `B-factor refinement: none of the ${nRef} refined atoms lies inside the map box ` +
        `(${formatShape(grid.shapeZyx)}, origin ${grid.originXyzA.join(', ')} Å); model and map do not share a ` +
        `frame (check the origin and voxel size).`,
    );
  }
  if (outside > 0) {
    const fraction = outside / nRef;
    diagnostics.report({
      code: 'bfactor.atoms-outside-map',
      severity: fraction >= (options.outsideWarningFraction ?? 0.5) ? 'warning' : 'info',
      message:
        `B-factor refinement: ${outside} of ${nRef} refined atoms (${(100 * fraction).toFixed(1)} %) lie outside ` +
        `the map box; they are fitted to the density wrapped periodically into the box. Their B-factors mean ` +
        `little if the model does not belong there; check that model and map share a frame.`,
    });
  }

  // The work box: the model with margins for the mask, the atoms' extent and the filter's ringing.
  const crop = (options.cropToModel ?? true) && !noMask;
  const padA = maskRadiusA + Math.max(3 * resolutionA, 10);
  const [x0, wx] = workAxis(lo[0], hi[0], padA / voxel[0], nx, crop);
  const [y0, wy] = workAxis(lo[1], hi[1], padA / voxel[1], ny, crop);
  const [z0, wz] = workAxis(lo[2], hi[2], padA / voxel[2], nz, crop);
  const workShape: ShapeZyx = [wz, wy, wx];
  const workStart: ShapeZyx = [z0, y0, x0];
  const workOrigin: Xyz = [ox + x0 * voxel[0], oy + y0 * voxel[1], oz + z0 * voxel[2]];

  // Filters: G(s) = low-pass (× √FSC_full); the model side also un-blurs B_x.
  const apix = meanVoxelSizeA(grid);
  const blurA2 = refmacCompatibleBlurA2(apix, bMin);
  const useFsc = fsc !== null && (options.fscWeighting ?? true);
  const radialGain = (s: number): number => {
    const g = cosineEdgeLowPass(s, sMax, DEFAULTS.edgeFraction);
    return useFsc && g > 0 ? g * Math.sqrt(fullMapFscAt(fsc, s)) : g;
  };
  const observedFull = filterGrid(mapData, grid.shapeZyx, radialGainTable(grid.shapeZyx, voxel, radialGain));
  const modelGain = radialGainTable(workShape, voxel, (s) => {
    const g = radialGain(s);
    return g > 0 ? g * Math.exp((blurA2 * s * s) / 4) : 0;
  });

  // Mask in the work box, and the filtered map there.
  const nWork = wx * wy * wz;
  let maskIndex: Int32Array;
  if (noMask) {
    maskIndex = Int32Array.from({ length: nWork }, (_, v) => v);
  } else {
    const mask = maskAroundPoints(
      { shapeZyx: workShape, voxelSizeXyzA: voxel, originXyzA: workOrigin },
      atoms.x,
      atoms.y,
      atoms.z,
      refinedIdx,
      maskRadiusA,
    );
    let count = 0;
    for (let v = 0; v < nWork; v++) count += mask[v];
    maskIndex = new Int32Array(count);
    for (let v = 0, c = 0; v < nWork; v++) if (mask[v] === 1) maskIndex[c++] = v;
  }
  const observed = new Float64Array(maskIndex.length);
  for (let i = 0; i < maskIndex.length; i++) {
    const v = maskIndex[i];
    const u = v % wx;
    const w = Math.floor(v / (wx * wy));
    const t = Math.floor(v / wx) - w * wy;
    const mx = (((x0 + u) % nx) + nx) % nx;
    const my = (((y0 + t) % ny) + ny) % ny;
    const mz = (((z0 + w) % nz) + nz) % nz;
    observed[i] = observedFull[(mz * ny + my) * nx + mx];
  }
  const voxelVolume = voxel[0] * voxel[1] * voxel[2];
  const nEffective = maskIndex.length * voxelVolume * ((4 * Math.PI) / 3) * sMax ** 3;

  // Target atoms.
  const tAtoms: TargetAtoms = {
    count: nRef,
    gx: Float64Array.from(mapGx, (g) => g - x0),
    gy: Float64Array.from(mapGy, (g) => g - y0),
    gz: Float64Array.from(mapGz, (g) => g - z0),
    occupancy: Float64Array.from(refinedIdx, (i) => atoms.occupancy[i]),
    ffA: new Float64Array(C4322_GAUSSIANS * nRef),
    ffB: new Float64Array(C4322_GAUSSIANS * nRef),
  };
  for (let k = 0; k < nRef; k++) {
    const ff = electronFormFactor(atoms.element[refinedIdx[k]]);
    for (let g = 0; g < C4322_GAUSSIANS; g++) {
      tAtoms.ffA[C4322_GAUSSIANS * k + g] = ff.a[g];
      tAtoms.ffB[C4322_GAUSSIANS * k + g] = ff.bA2[g];
    }
  }
  const target = new RealSpaceDataTarget({
    atoms: tAtoms,
    shapeZyx: workShape,
    voxelSizeXyzA: voxel,
    blurA2,
    densityCutoff,
    modelGain,
    maskIndex,
    observed,
    nEffective,
    progress,
  });

  const rx = Float64Array.from(refinedIdx, (i) => atoms.x[i]);
  const ry = Float64Array.from(refinedIdx, (i) => atoms.y[i]);
  const rz = Float64Array.from(refinedIdx, (i) => atoms.z[i]);
  const restraints: BRestraints | null = restrained ? buildBRestraints(rx, ry, rz, options) : null;

  // Starting B.
  const initial = options.initialBA2 ?? DEFAULTS.initialBA2;
  const b0 = new Float64Array(nRef);
  for (let k = 0; k < nRef; k++) {
    const v = initial === 'input' ? atoms.bIsoA2[refinedIdx[k]] : initial;
    if (!Number.isFinite(v)) {
      throw new UserError(
        `B-factor refinement: the starting B of ${atomLabel(atoms, refinedIdx[k])} is ${v}.`,
      );
    }
    b0[k] = Math.min(Math.max(v, bMin), bMax);
  }

  // Objective = weighted data term + restraints; remembers the statistics of the last evaluation.
  const last = {
    bA2: new Float64Array(0),
    data: null as DataTermStats | null,
    restraint: 0,
    total: 0,
  };
  const objective = (b: Float64Array, grad: Float64Array): number => {
    const data = target.evaluate(b, grad);
    for (let k = 0; k < nRef; k++) grad[k] *= dataWeight;
    const r = restraints === null ? 0 : restraintValue(restraints, b, grad);
    last.bA2 = Float64Array.from(b);
    last.data = target.stats;
    last.restraint = r;
    last.total = dataWeight * data + r;
    return last.total;
  };
  return {
    target,
    restraints,
    refinedIndex: refinedIdx,
    b0,
    bMinA2: bMin,
    bMaxA2: bMax,
    dataWeight,
    resolutionA,
    blurA2,
    selection,
    outside,
    workShapeZyx: workShape,
    workStartZyx: workStart,
    fsc,
    radialGain,
    voxelVolumeA3: voxelVolume,
    objective,
    last,
  };
}

/**
 * Refines one isotropic B per atom of `structure` against `maps` (see the file comment and
 * docs/bfactor-refinement.md). Returns B for every atom and per-cycle statistics; the structure is not modified.
 */
export function refineBFactors(
  structure: Structure,
  maps: BFactorMaps,
  options: BFactorRefinementOptions,
): BFactorRefinementResult {
  const progress = options.progress ?? noProgress;
  const atoms = structure.atoms;
  const cycles = options.cycles ?? DEFAULTS.cycles;
  const iterationsPerCycle = options.iterationsPerCycle ?? DEFAULTS.iterationsPerCycle;
  const problem = prepareBFactorRefinement(structure, maps, options);
  const { target, restraints, objective, last, dataWeight, selection } = problem;
  const refinedIdx = problem.refinedIndex;
  const nRef = refinedIdx.length;
  const nEffective = target.setup.nEffective;
  const history: BFactorCycleStats[] = [];
  const record = (cycle: number, b: Float64Array, iterations: number): void => {
    const same = last.bA2.length === nRef && last.bA2.every((v, k) => v === b[k]);
    if (!same) objective(b, new Float64Array(nRef));
    const data = last.data;
    let sum = 0;
    let bLo = Infinity;
    let bHi = -Infinity;
    for (const v of b) {
      sum += v;
      bLo = Math.min(bLo, v);
      bHi = Math.max(bHi, v);
    }
    const stats: BFactorCycleStats = {
      cycle,
      target: last.total,
      dataTerm: dataWeight * (data?.value ?? 0),
      restraintTerm: last.restraint,
      correlation: data?.correlation ?? 0,
      meanBA2: sum / nRef,
      minBA2: bLo,
      maxBA2: bHi,
      bondedRmsA2: restraints === null ? 0 : bondedRmsDifferenceA2(restraints, b),
      iterations,
      evaluations: target.evaluationCount,
    };
    history.push(stats);
    options.onCycle?.(stats);
  };
  const b0 = problem.b0;
  record(0, b0, 0);
  const first = history[0];
  if (!(first.correlation > 0)) {
    throw new UserError(
      `B-factor refinement: the model density does not correlate with the map inside the mask ` +
        `(CC ${first.correlation.toFixed(3)} at the start); check that model and map overlap and share a frame.`,
    );
  }

  // Overall B first (what REFMAC's overall scaling does): the best uniform shift of every B, by Fourier filtering.
  let overallShiftA2 = 0;
  if (cycles > 0 && (options.overallBSearch ?? true)) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of b0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    overallShiftA2 = target.bestUniformShift(b0, problem.bMinA2 - lo, problem.bMaxA2 - hi).deltaA2;
  }
  const bStart = Float64Array.from(b0, (v) => v + overallShiftA2);
  const minimizer = new LbfgsMinimizer(objective, bStart, {
    lower: problem.bMinA2,
    upper: problem.bMaxA2,
    memory: 8,
    maxStep: FIRST_STEP_MAX_A2,
    gradientTolerance: 1e-6,
    relativeTolerance: 1e-8,
    // Near the optimum a failed line search is rounding, not a bad direction: give up after a few halvings.
    maxBacktracks: 5,
  });

  const diag = new Float64Array(nRef);
  let stop = 'none';
  let converged = false;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    checkAborted(progress);
    if (progress.shouldReport) progress.report(cycle - 1, cycles, 'B-factor refinement');
    if (converged) {
      // Nothing left to gain: report the same state for the remaining cycles (as REFMAC reports every cycle).
      record(cycle, minimizer.state.x, minimizer.state.iterations);
      continue;
    }
    // Preconditioner: Gauss–Newton diagonal of the data term at the current B, plus the restraints' diagonal.
    const data = last.data;
    if (data !== null && data.rss > 0) {
      const factor = (dataWeight * nEffective * data.scale * data.scale) / data.rss;
      gaussNewtonDiagonal(
        target.setup.atoms,
        minimizer.state.x,
        problem.radialGain,
        1 / problem.resolutionA,
        problem.voxelVolumeA3,
        factor,
        diag,
      );
      if (restraints !== null) addRestraintDiagonal(restraints, diag);
      let positive = true;
      for (let k = 0; k < nRef; k++) {
        if (!(diag[k] > 0)) positive = false;
      }
      minimizer.setPreconditioner(positive ? Float64Array.from(diag, (d) => 1 / d) : null);
    }
    const state = minimizer.iterate(iterationsPerCycle);
    stop = state.stop;
    converged = stop !== 'iterations';
    record(cycle, state.x, state.iterations);
  }
  if (progress.shouldReport) progress.report(cycles, cycles, 'B-factor refinement');

  // B for every atom: refined ones from the fit, the others from a neighbour.
  const bOut = Float64Array.from(atoms.bIsoA2);
  const refinedFlag = new Uint8Array(atoms.count);
  const bRef = cycles > 0 ? minimizer.state.x : b0;
  let sumB = 0;
  for (let k = 0; k < nRef; k++) {
    bOut[refinedIdx[k]] = bRef[k];
    refinedFlag[refinedIdx[k]] = 1;
    sumB += bRef[k];
  }
  assignUnrefined(atoms, refinedIdx, bRef, refinedFlag, sumB / nRef, bOut);

  return {
    bIsoA2: bOut,
    refined: refinedFlag,
    counts: {
      atoms: atoms.count,
      refined: nRef,
      hydrogens: selection.hydrogens,
      zeroOccupancy: selection.zeroOccupancy,
      outside: problem.outside,
    },
    cycles: history,
    resolutionA: problem.resolutionA,
    blurA2: problem.blurA2,
    workShapeZyx: problem.workShapeZyx,
    workStartZyx: problem.workStartZyx,
    maskVoxels: target.setup.maskIndex.length,
    restraintPairs: {
      bonded: restraints?.bondedPairs ?? 0,
      neighbours: restraints?.neighbourPairs ?? 0,
    },
    fsc: problem.fsc,
    overallShiftA2,
    stop,
  };
}

/** Bonded-hydrogen search radius (Å): X–H bonds are 0.9–1.1 Å, riding H of any kind well under 1.5 Å. */
const HYDROGEN_PARENT_A = 1.5;
/** How far a zero-occupancy atom (or an H without a parent) looks for the nearest refined atom (Å). */
const NEAREST_REFINED_A = 6;

/**
 * B for the atoms not refined: a hydrogen takes the B of the nearest refined atom within 1.5 Å (its parent), any
 * other (zero occupancy, or an H without a parent) the nearest refined atom within 6 Å, else the mean refined B.
 */
function assignUnrefined(
  atoms: Atoms,
  refinedIdx: Int32Array,
  bRef: Float64Array,
  refinedFlag: Uint8Array,
  meanB: number,
  out: Float64Array,
): void {
  const grid = buildCellGrid(atoms.x, atoms.y, atoms.z, refinedIdx, 3);
  const slotOf = new Int32Array(atoms.count).fill(-1);
  for (let k = 0; k < refinedIdx.length; k++) slotOf[refinedIdx[k]] = k;
  for (let i = 0; i < atoms.count; i++) {
    if (refinedFlag[i] === 1) continue;
    let j = -1;
    if (isHydrogen(atoms.element[i]))
      j = nearestPoint(grid, atoms.x[i], atoms.y[i], atoms.z[i], HYDROGEN_PARENT_A);
    if (j < 0) j = nearestPoint(grid, atoms.x[i], atoms.y[i], atoms.z[i], NEAREST_REFINED_A);
    out[i] = j >= 0 ? bRef[slotOf[j]] : meanB;
  }
}

/** A copy of `structure` with B-factors `bIsoA2` (one per atom) and no anisotropic U. */
export function structureWithBFactors(structure: Structure, bIsoA2: ArrayLike<number>): Structure {
  const atoms = structure.atoms;
  if (bIsoA2.length !== atoms.count) {
    throw new UserError(`structureWithBFactors: ${bIsoA2.length} B-factors for ${atoms.count} atoms.`);
  }
  return { ...structure, atoms: { ...atoms, bIsoA2: Float64Array.from(bIsoA2), anisoUA2: null } };
}

export { DEFAULT_B_RESTRAINTS };
