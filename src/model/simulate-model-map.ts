/**
 * Model-map simulation (spec §3.5, LocScale's `pdb2map` on gemmi's `DensityCalculatorE`): every atom adds
 *
 *   occ · Σ_{i=1..5} a_i · (4π/(b_i + B + B_x))^{3/2} · exp(−4π² r² / (b_i + B + B_x))
 *
 * (C4322 electron form factors, `scattering-factors.ts`) at the grid points within its cutoff radius
 * (`cutoff-radius.ts`), with periodic wrap; anisotropic atoms use B = 8π²U + B_x·I per Gaussian. The blur B_x
 * (`refmac-blur.ts`) is removed afterwards in Fourier space: with LocScale's `sharpen_maps` (`sharpenLocscale`)
 * for a cubic box of cubic voxels, with physical frequencies otherwise (`ModelMapUnblur`; docs/model-map.md).
 *
 * Frame: the grid is the map's (shape, voxel size, origin). An atom at position p sits at grid coordinate
 * (p − origin)/voxel size on each axis, so a map with a non-zero origin works (spec §2.1: the original ignores
 * the origin; we fix that). The box is the unit cell, as in the original (`pdb2map` sets the cell to the map's
 * cell and the grid to the map's shape): atoms outside the box are wrapped periodically, as gemmi does, and a
 * `Diagnostics` issue reports the fraction of atoms outside so the caller can decide.
 *
 * Hydrogens: the original keeps them (pdb2map reads the model with gemmi and passes every atom to the density
 * calculator), so they are included by default; `includeHydrogens: false` leaves them out (and out of B_min).
 */
import type { Structure, Atoms } from '../io/structure.js';
import type { ShapeZyx } from '../core/vec.js';
import { formatShape } from '../core/vec.js';
import { UserError } from '../core/errors.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import { noProgress, checkAborted } from '../core/progress.js';
import type { Volume, VolumeFrame } from '../grid/volume.js';
import { createVolume, meanVoxelSizeA, hasCubicVoxels } from '../grid/volume.js';
import { sharpenLocscale } from '../spectra/filters.js';
import { unblurPhysical } from './unblur.js';
import { electronFormFactor, findElectronFormFactor, C4322_GAUSSIANS } from './scattering-factors.js';
import type { GaussianFormFactor } from './scattering-factors.js';
import { refmacCompatibleBlurA2, minimumAtomicBA2, hasAnisoU, U_TO_B } from './refmac-blur.js';
import { cutoffRadiusA, carbonRadiusGuessA, DEFAULT_DENSITY_CUTOFF } from './cutoff-radius.js';
import { DensityAccumulator } from './density-kernel.js';
import { symInverseScaled } from './sym-mat3.js';

/** Where the model map is sampled: the map's shape and frame (any `Volume` qualifies). */
export interface ModelMapGrid extends VolumeFrame {
  readonly shapeZyx: ShapeZyx;
}

/**
 * How the blur is removed after sampling:
 * - 'locscale': LocScale's `sharpen_maps` (spec §3.5 step 4): integer Fourier shells r < N/2 (N = the array's
 *   first axis, nz) with the stretched frequency axis. Close to the physical un-blur for a cubic box of cubic
 *   voxels; for any other box an index shell mixes different physical frequencies along the axes and the map is
 *   wrong (CC 0.82 against the band-limited truth on the 46×70×43 TMV box, docs/model-map.md).
 * - 'physical': exp(+B_x s²/4) with each coefficient's physical frequency s, up to the Nyquist sphere, in float64
 *   (`unblurPhysical`): right for any box shape and voxel size.
 * - 'auto' (default): 'locscale' for a cubic box of cubic voxels (faithful), else 'physical' (a bug fix: the
 *   original's result is wrong there), reported as an info issue.
 * - 'none': return the blurred map (the caller un-blurs, or wants the blurred density).
 */
export type ModelMapUnblur = 'auto' | 'locscale' | 'physical' | 'none';

export interface DensityOptions {
  /** Include H and D atoms (default true, as the original). */
  readonly includeHydrogens?: boolean;
  /** Density level at which an atom's sphere is cut (default 1e-5, gemmi's). */
  readonly densityCutoff?: number;
  readonly progress?: Progress;
}

export interface ModelMapOptions extends DensityOptions {
  /** Extra B (Å²) added to every atom before sampling; 'refmac' (default) = `refmacCompatibleBlurA2(apix, B_min)`. */
  readonly blurA2?: number | 'refmac';
  /** How the blur is removed (default 'auto'). */
  readonly unblur?: ModelMapUnblur;
  /** Fraction of atoms outside the box from which the outside-atoms issue is a warning (default 0.5). */
  readonly outsideWarningFraction?: number;
  readonly diagnostics?: Diagnostics;
}

export interface ModelDensity {
  /** Density in C order [z][y][x] (float64). */
  readonly data: Float64Array;
  /** Atoms that were sampled (included, non-zero occupancy). */
  readonly atomsPlaced: number;
  /** Of those, atoms whose centre lies outside the box (wrapped periodically). */
  readonly atomsOutside: number;
}

export interface ModelMapResult {
  /** The simulated map on the requested grid (un-blurred unless `unblur: 'none'`). */
  readonly map: Volume;
  /** Blur B_x (Å²) used while sampling. */
  readonly blurA2: number;
  /** Smallest atomic B (Å²) over the simulated atoms (gemmi's rule, `minimumAtomicBA2`). */
  readonly minimumBA2: number;
  /** The single voxel size used for the blur and the un-blur: the mean of the three (LocScale's apix). */
  readonly apixA: number;
  /** The un-blur applied ('auto' resolved; 'none' when the blur is 0). */
  readonly unblur: Exclude<ModelMapUnblur, 'auto'>;
  readonly atomsPlaced: number;
  readonly atomsOutside: number;
  /** atomsOutside / atomsPlaced (0 when nothing was placed). */
  readonly fractionOutside: number;
}

const PROGRESS_CHUNK = 2048;
const FOUR_PI = 4 * Math.PI;
const FOUR_PI_POW_15 = FOUR_PI * Math.sqrt(FOUR_PI);
const FOUR_PI2 = 4 * Math.PI * Math.PI;

function isHydrogen(element: string): boolean {
  return element === 'H' || element === 'D';
}

/** A short label naming atom i in messages. */
export function atomLabel(atoms: Atoms, i: number): string {
  const ins = atoms.insCode[i] ?? '';
  return (
    `atom ${atoms.serial[i]} "${atoms.atomName[i]}" ${atoms.resName[i]} ` +
    `${atoms.chainId[i]} ${atoms.resSeq[i]}${ins}`
  ).trim();
}

function checkGrid(grid: ModelMapGrid): void {
  const [nz, ny, nx] = grid.shapeZyx;
  for (const n of [nx, ny, nz]) {
    if (!Number.isInteger(n) || n < 1) {
      throw new UserError(
        `model-map grid: invalid shape ${grid.shapeZyx.join('×')} (z×y×x); give positive sizes.`,
      );
    }
  }
  for (const s of grid.voxelSizeXyzA) {
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new UserError(
        `model-map grid: invalid voxel size ${grid.voxelSizeXyzA.join(', ')} Å; give sizes > 0.`,
      );
    }
  }
  for (const o of grid.originXyzA) {
    if (!Number.isFinite(o)) {
      throw new UserError(`model-map grid: invalid origin ${grid.originXyzA.join(', ')} Å.`);
    }
  }
}

/**
 * The blurred model density: every included atom of non-zero occupancy adds its C4322 Gaussians broadened by
 * its B plus `blurA2`, within gemmi's cutoff radius, with periodic wrap. No un-blur.
 */
export function simulateModelDensity(
  structure: Structure,
  grid: ModelMapGrid,
  blurA2: number,
  options: DensityOptions = {},
): ModelDensity {
  checkGrid(grid);
  if (!Number.isFinite(blurA2))
    throw new UserError(`model-map blur must be a finite B in Å², got ${blurA2}.`);
  const atoms = structure.atoms;
  const includeH = options.includeHydrogens ?? true;
  const cutoff = options.densityCutoff ?? DEFAULT_DENSITY_CUTOFF;
  if (!(cutoff > 0)) throw new UserError(`model-map density cutoff must be > 0, got ${cutoff}.`);
  const progress = options.progress ?? noProgress;
  const [nz, ny, nx] = grid.shapeZyx;
  const [sx, sy, sz] = grid.voxelSizeXyzA;
  const [ox, oy, oz] = grid.originXyzA;
  const acc = new DensityAccumulator({ nx, ny, nz, voxelXA: sx, voxelYA: sy, voxelZA: sz });

  // Per-atom scratch, reused (no allocation per atom).
  const amp = new Float64Array(C4322_GAUSSIANS);
  const ampNoOcc = new Float64Array(C4322_GAUSSIANS);
  const kIso = new Float64Array(C4322_GAUSSIANS);
  const mAniso = new Float64Array(6 * C4322_GAUSSIANS);
  const bMat = new Float64Array(6);
  const bbMat = new Float64Array(6);
  const u = atoms.anisoUA2;

  let placed = 0;
  let outside = 0;
  let lastElement = '';
  let ff: GaussianFormFactor | null = null;
  for (let i = 0; i < atoms.count; i++) {
    if (i % PROGRESS_CHUNK === 0) {
      checkAborted(progress);
      if (progress.shouldReport) progress.report(i, atoms.count, 'model map');
    }
    const occ = atoms.occupancy[i];
    if (occ === 0) continue;
    const element = atoms.element[i];
    if (!includeH && isHydrogen(element)) continue;
    if (element !== lastElement || ff === null) {
      ff = findElectronFormFactor(element) ?? electronFormFactor(element, atomLabel(atoms, i));
      lastElement = element;
    }
    const x = atoms.x[i];
    const y = atoms.y[i];
    const z = atoms.z[i];
    const bIso = atoms.bIsoA2[i];
    if (!Number.isFinite(x + y + z + occ + bIso)) {
      throw new UserError(
        `${atomLabel(atoms, i)} has a non-finite coordinate, occupancy or B; fix the model.`,
      );
    }
    const gx = (x - ox) / sx;
    const gy = (y - oy) / sy;
    const gz = (z - oz) / sz;
    placed++;
    if (gx < -0.5 || gx >= nx - 0.5 || gy < -0.5 || gy >= ny - 0.5 || gz < -0.5 || gz >= nz - 0.5) outside++;

    if (u === null || !hasAnisoU(atoms, i)) {
      const bTotal = bIso + blurA2;
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        const width = ff.bA2[g] + bTotal;
        if (!(width > 0)) {
          throw new UserError(
            `${atomLabel(atoms, i)}: B = ${bIso} Å² plus blur ${blurA2} Å² gives a Gaussian of non-positive ` +
              `width; B-factors must be ≥ 0 (check the B column, or the blur option).`,
          );
        }
        const t = FOUR_PI / width;
        ampNoOcc[g] = ff.a[g] * t * Math.sqrt(t);
        amp[g] = occ * ampNoOcc[g];
        kIso[g] = -Math.PI * t;
      }
      const radius = cutoffRadiusA(ampNoOcc, kIso, C4322_GAUSSIANS, carbonRadiusGuessA(bTotal), cutoff);
      acc.addIsotropic(gx, gy, gz, amp, kIso, radius);
    } else {
      const o = 6 * i;
      for (let k = 0; k < 6; k++) bMat[k] = U_TO_B * u[o + k];
      bMat[0] += blurA2;
      bMat[1] += blurA2;
      bMat[2] += blurA2;
      // Radius: isotropic estimate at the largest diagonal B (gemmi's rough bound, no eigenvalues).
      const bMax = Math.max(bMat[0], bMat[1], bMat[2]);
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        const width = ff.bA2[g] + bMax;
        const t = FOUR_PI / width;
        ampNoOcc[g] = ff.a[g] * t * Math.sqrt(t);
        kIso[g] = -Math.PI * t;
      }
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        bbMat[0] = bMat[0] + ff.bA2[g];
        bbMat[1] = bMat[1] + ff.bA2[g];
        bbMat[2] = bMat[2] + ff.bA2[g];
        bbMat[3] = bMat[3];
        bbMat[4] = bMat[4];
        bbMat[5] = bMat[5];
        const det = symInverseScaled(bbMat, 0, -FOUR_PI2, mAniso, 6 * g);
        const minor2 = bbMat[0] * bbMat[1] - bbMat[3] * bbMat[3];
        if (!(bbMat[0] > 0 && minor2 > 0 && det > 0)) {
          throw new UserError(
            `${atomLabel(atoms, i)}: the anisotropic U (plus blur) is not positive definite; fix or remove ` +
              `its ANISOU record.`,
          );
        }
        amp[g] = (occ * ff.a[g] * FOUR_PI_POW_15) / Math.sqrt(det);
      }
      const radius = cutoffRadiusA(ampNoOcc, kIso, C4322_GAUSSIANS, carbonRadiusGuessA(bMax), cutoff);
      acc.addAnisotropic(gx, gy, gz, amp, mAniso, radius);
    }
  }
  if (progress.shouldReport) progress.report(atoms.count, atoms.count, 'model map');
  return { data: acc.data, atomsPlaced: placed, atomsOutside: outside };
}

/** True for a cubic box (nx = ny = nz) of cubic voxels: where LocScale's index-shell un-blur is right. */
export function isCubicBox(grid: ModelMapGrid): boolean {
  const [nz, ny, nx] = grid.shapeZyx;
  return nx === ny && ny === nz && hasCubicVoxels(grid);
}

function resolveUnblur(
  choice: ModelMapUnblur,
  grid: ModelMapGrid,
  diagnostics: Diagnostics,
): Exclude<ModelMapUnblur, 'auto'> {
  if (choice !== 'auto') return choice;
  if (isCubicBox(grid)) return 'locscale';
  diagnostics.report({
    code: 'model.unblur-physical',
    severity: 'info',
    message:
      `the map box is not a cube of cubic voxels (${formatShape(grid.shapeZyx)}, ` +
      `${grid.voxelSizeXyzA.join(' × ')} Å): the model map is un-blurred with physical frequencies ` +
      `(LocScale's index-shell un-blur is only right for cubic boxes; unblur: 'locscale' forces it).`,
  });
  return 'physical';
}

/** The predicate of atoms that take part (hydrogen option), for B_min. */
function includedAtoms(atoms: Atoms, includeH: boolean): ((i: number) => boolean) | undefined {
  return includeH ? undefined : (i: number) => !isHydrogen(atoms.element[i]);
}

/**
 * Simulates the map of `structure` on `grid` (spec §3.5): blur B_x (refmac rule by default), real-space sampling,
 * un-blur (LocScale's by default). Reports atoms outside the box to `options.diagnostics`.
 */
export function simulateModelMap(
  structure: Structure,
  grid: ModelMapGrid,
  options: ModelMapOptions = {},
): ModelMapResult {
  checkGrid(grid);
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const includeH = options.includeHydrogens ?? true;
  const apixA = meanVoxelSizeA(grid);
  const minimumBA2 = minimumAtomicBA2(structure.atoms, includedAtoms(structure.atoms, includeH));
  const blurOption = options.blurA2 ?? 'refmac';
  const blurA2 = blurOption === 'refmac' ? refmacCompatibleBlurA2(apixA, minimumBA2) : blurOption;
  if (!Number.isFinite(blurA2) || blurA2 < 0) {
    throw new UserError(`model-map blur must be a finite B ≥ 0 Å², got ${blurA2}.`);
  }
  if (!hasCubicVoxels(grid)) {
    diagnostics.report({
      code: 'model.non-cubic-voxels',
      severity: 'info',
      message:
        `voxels are not cubic (${grid.voxelSizeXyzA.join(' × ')} Å): atoms are placed with each axis's own ` +
        `voxel size; the blur and the un-blur use the mean voxel size ${apixA.toFixed(4)} Å (LocScale's apix).`,
    });
  }

  const density = simulateModelDensity(structure, grid, blurA2, options);
  const fractionOutside = density.atomsPlaced > 0 ? density.atomsOutside / density.atomsPlaced : 0;
  if (density.atomsPlaced === 0) {
    diagnostics.report({
      code: 'model.no-atoms',
      severity: 'warning',
      message:
        'the model has no atoms to simulate (all have zero occupancy or were excluded); the model map is empty.',
    });
  } else if (density.atomsOutside > 0) {
    const warnFrom = options.outsideWarningFraction ?? 0.5;
    const pct = (100 * fractionOutside).toFixed(1);
    diagnostics.report({
      code: 'model.atoms-outside-map',
      severity: fractionOutside >= warnFrom ? 'warning' : 'info',
      message:
        `${density.atomsOutside} of ${density.atomsPlaced} atoms (${pct} %) lie outside the map box; their ` +
        `density is wrapped periodically into the box (the box is the unit cell). If the model should lie ` +
        `inside the map, check that model and map share a frame (origin, voxel size).`,
    });
  }

  const unblur = blurA2 > 0 ? resolveUnblur(options.unblur ?? 'auto', grid, diagnostics) : 'none';
  let map = createVolume(grid.shapeZyx, grid);
  if (blurA2 > 0 && unblur === 'physical') {
    map.data.set(unblurPhysical(density.data, grid.shapeZyx, grid.voxelSizeXyzA, blurA2));
  } else {
    map.data.set(density.data);
    if (blurA2 > 0 && unblur === 'locscale') map = sharpenLocscale(map, blurA2, apixA);
  }
  return {
    map,
    blurA2,
    minimumBA2,
    apixA,
    unblur,
    atomsPlaced: density.atomsPlaced,
    atomsOutside: density.atomsOutside,
    fractionOutside,
  };
}
