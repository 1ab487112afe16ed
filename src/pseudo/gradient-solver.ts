/**
 * The gradient solver (`-pm gradient`, the default; spec §4.2, LocScale's `run_pam` + `main_solver3D`): pseudo-atoms
 * flow up the map's gradient, kept apart by Lennard-Jones forces, damped by friction.
 *
 * ```
 * ∇ρ = central differences of the raw map (unit spacing, one-sided at the faces; numpy.gradient in float32)
 * g  = round(100 / max over voxels of mask · |∇ρ|)                 Python round: an integer, 0 if the max > 200
 * for it in 0 .. iterations − 1 (positions frozen during the pass):
 *     p     = round(position) clipped into the box
 *     a_map = g · ∇ρ[p], rescaled to length 100 if longer
 *     a_lj  = Σ over atoms b within 3 r_m of −F(r_ab) û_ab (lennard-jones.ts), rescaled to length 100 if longer
 *     acc   = a_map + a_lj − γ · vel                                γ = 10
 *     it = 0: vel += acc dt; pos += vel dt                           Euler start, dt = 0.1
 *     else:   pos' = 2 pos − pos_prev + acc dt²; vel = (pos' − pos_prev) / (2 dt)      Verlet
 * ```
 *
 * Positions are in voxels (x = column index); r_m = `-dst`/apix with apix the map's x voxel size (as `run_pam`).
 * Neighbours come from a cell list (`cell-list.ts`), visiting each pair once and adding its force to both atoms,
 * instead of the original's KD-tree query per atom; the sums are the same up to floating-point order.
 *
 * Differences from the original, all for inputs the original could not handle: the rounded position is clipped
 * into the box (the original indexed outside it: numpy wraps a negative index and raises past the end); a pair at
 * distance exactly 0 is skipped (the original divides by zero and the atoms become NaN). The g = 0 pitfall is
 * kept by default and reported through `Diagnostics`; `gradientScale: 'unrounded'` avoids it (docs/pseudo-atoms.md).
 */
import { UserError } from '../core/errors.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics, warning } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import { checkAborted, noProgress } from '../core/progress.js';
import { roundHalfEven } from '../core/rounding.js';
import type { ShapeZyx } from '../core/vec.js';
import type { RealGrid } from '../grid/volume.js';
import { CellList } from './cell-list.js';
import {
  DEFAULT_EQUILIBRIUM_DISTANCE_A,
  LJ_CUTOFF_FACTOR,
  LJ_EPSILON,
  equilibriumDistanceVox,
} from './lennard-jones.js';
import type { PseudoAtomPositions } from './placement.js';

/** LocScale's solver constants (`run_pam`). */
export const GRADIENT_SOLVER_DEFAULTS = {
  iterations: 50,
  friction: 10,
  timeStep: 0.1,
  mapAccelerationCap: 100,
  ljAccelerationCap: 100,
  /** g is chosen so that the steepest masked gradient gives this acceleration (before rounding). */
  targetMapAcceleration: 100,
} as const;

/**
 * How g, the factor from map gradient to acceleration, is chosen:
 * - 'locscale' (default): g = round(100 / max(mask·|∇ρ|)) with Python's round, an integer. Faithful, including the
 *   pitfall: g = 0 when the steepest masked gradient exceeds 200 map units per voxel (then only the Lennard-Jones
 *   forces act and the atoms never feel the map), and coarse steps (g = 1 for any maximum between 67 and 200).
 * - 'unrounded': g = 100 / max(mask·|∇ρ|): the steepest gradient gives exactly the cap, whatever the map's units.
 * - a number: that g.
 */
export type GradientScaleRule = 'locscale' | 'unrounded' | number;

export interface GradientSolverOptions {
  /** `-pm_it` (default 50). */
  readonly iterations?: number;
  /** `-dst`, the Lennard-Jones equilibrium distance in Å (default 1.2). */
  readonly distanceA?: number;
  readonly gradientScale?: GradientScaleRule;
  /** γ (default 10). */
  readonly friction?: number;
  /** dt (default 0.1). */
  readonly timeStep?: number;
  readonly mapAccelerationCap?: number;
  readonly ljAccelerationCap?: number;
  readonly ljEpsilon?: number;
  /** Reports once per iteration (label 'pseudo-atoms'). */
  readonly progress?: Progress;
  /** Receives `pseudo.gradient-scale-zero`, `pseudo.flat-map` and `pseudo.atoms-left-box`. */
  readonly diagnostics?: Diagnostics;
}

export interface SolverIterationStats {
  /** Mean map value at the atoms' rounded positions, before the step (the original's log column). */
  readonly meanMapValue: number;
  /** Mean |a_map| after the cap. */
  readonly meanMapAcceleration: number;
  /** Mean |a_lj| after the cap. */
  readonly meanLjAcceleration: number;
  /** Atoms with at least one neighbour within 3 r_m. */
  readonly atomsWithNeighbours: number;
}

export interface GradientSolverResult {
  /** Final positions (voxels). */
  readonly positions: PseudoAtomPositions;
  /** g used. */
  readonly gradientScale: number;
  /** max over voxels of mask · |∇ρ| (float32 arithmetic as numpy). */
  readonly maxMaskedGradient: number;
  /** r_m (voxels). */
  readonly equilibriumDistanceVox: number;
  readonly iterations: readonly SolverIterationStats[];
}

/** Python's round() (half to even) for finite numbers, without the modulo of `roundHalfEven`. */
function roundHalfEvenFast(v: number): number {
  const r = Math.round(v); // half up
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/** One component of numpy.gradient at index i of a line with stride s and length n (float32 arithmetic). */
function gradientAt(d: Float32Array, i: number, c: number, n: number, s: number): number {
  if (c === 0) return Math.fround(d[i + s] - d[i]);
  if (c === n - 1) return Math.fround(d[i] - d[i - s]);
  return Math.fround(d[i + s] - d[i - s]) / 2; // halving a float32 is exact
}

function requireGradientGrid(shapeZyx: ShapeZyx): void {
  if (shapeZyx[0] < 2 || shapeZyx[1] < 2 || shapeZyx[2] < 2) {
    throw new UserError(
      `the map (${shapeZyx[2]}×${shapeZyx[1]}×${shapeZyx[0]} voxels) needs at least 2 voxels along every axis ` +
        'for a gradient.',
    );
  }
}

/**
 * max over voxels of mask · |∇ρ| in float32 arithmetic, as `run_pam` computes it with numpy on the float32 map
 * and mask. A non-finite value inside the mask is a `UserError`.
 */
export function maxMaskedGradient(map: RealGrid & { data: Float32Array }, mask: ArrayLike<number>): number {
  const [nz, ny, nx] = map.shapeZyx;
  requireGradientGrid(map.shapeZyx);
  if (mask.length !== map.data.length) {
    throw new RangeError(`maxMaskedGradient: mask length ${mask.length} ≠ map length ${map.data.length}`);
  }
  const d = map.data;
  const sy = nx;
  const sz = nx * ny;
  let max = -Infinity;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) {
      const row = z * sz + y * sy;
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        const m = Math.fround(mask[i]);
        if (m === 0) {
          if (max < 0) max = 0;
          continue;
        }
        const gx = gradientAt(d, i, x, nx, 1);
        const gy = gradientAt(d, i, y, ny, sy);
        const gz = gradientAt(d, i, z, nz, sz);
        const sq = Math.fround(
          Math.fround(Math.fround(gx * gx) + Math.fround(gy * gy)) + Math.fround(gz * gz),
        );
        const v = Math.fround(m * Math.fround(Math.sqrt(sq)));
        if (!Number.isFinite(v)) {
          throw new UserError(
            `the map has a non-finite value near voxel x ${x}, y ${y}, z ${z} inside the mask; the pseudo-atom ` +
              'solver needs finite map values. Repair the map.',
          );
        }
        if (v > max) max = v;
      }
    }
  return max;
}

/** g for the rule (see `GradientScaleRule`), with the issues a caller should see. */
export function gradientScale(
  maxGradient: number,
  rule: GradientScaleRule,
  diagnostics: Diagnostics = silentDiagnostics,
): number {
  if (typeof rule === 'number') return rule;
  const target = GRADIENT_SOLVER_DEFAULTS.targetMapAcceleration;
  if (!(maxGradient > 0)) {
    diagnostics.report(
      warning(
        'pseudo.flat-map',
        'the map is flat inside the mask (its gradient is zero everywhere there), so it pulls on no pseudo-atom: ' +
          'only the Lennard-Jones forces act. Check that the map and mask belong together.',
      ),
    );
    return 0;
  }
  if (rule === 'unrounded') return target / maxGradient;
  const g = roundHalfEven(target / maxGradient);
  if (g === 0) {
    diagnostics.report(
      warning(
        'pseudo.gradient-scale-zero',
        `the map's steepest gradient inside the mask is ${maxGradient.toPrecision(4)} per voxel (over 200), so ` +
          "LocScale's g = round(100 / max gradient) is 0: the map pulls on no pseudo-atom and only the " +
          'Lennard-Jones forces act, as in LocScale 2.0. The atoms stay near their random starting places. Scale ' +
          "the map to smaller values, or use the unrounded gradient scale (gradientScale: 'unrounded').",
      ),
    );
  }
  return g;
}

/**
 * Runs the gradient solver from `start` (not modified) on `map` (the raw, unsharpened EM map) with `mask` (the
 * raw confidence map, or the hybrid difference mask) on the same grid. See the module comment.
 */
export function solveGradient(
  map: RealGrid & { data: Float32Array },
  mask: ArrayLike<number>,
  start: PseudoAtomPositions,
  options: GradientSolverOptions = {},
): GradientSolverResult {
  const iterations = options.iterations ?? GRADIENT_SOLVER_DEFAULTS.iterations;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new UserError(
      `the number of pseudo-atom iterations must be a whole number ≥ 0 (got ${iterations}).`,
    );
  }
  const distanceA = options.distanceA ?? DEFAULT_EQUILIBRIUM_DISTANCE_A;
  if (!(distanceA > 0) || !Number.isFinite(distanceA)) {
    throw new UserError(`the pseudo-atom distance must be a positive number of Å (got ${distanceA}).`);
  }
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const progress = options.progress ?? noProgress;
  const friction = options.friction ?? GRADIENT_SOLVER_DEFAULTS.friction;
  const dt = options.timeStep ?? GRADIENT_SOLVER_DEFAULTS.timeStep;
  const capMap = options.mapAccelerationCap ?? GRADIENT_SOLVER_DEFAULTS.mapAccelerationCap;
  const capLj = options.ljAccelerationCap ?? GRADIENT_SOLVER_DEFAULTS.ljAccelerationCap;
  const epsilon = options.ljEpsilon ?? LJ_EPSILON;

  const maxGradient = maxMaskedGradient(map, mask);
  const g = gradientScale(maxGradient, options.gradientScale ?? 'locscale', diagnostics);
  const rm = equilibriumDistanceVox(distanceA, map.voxelSizeXyzA[0]);
  const cutoff = LJ_CUTOFF_FACTOR * rm;
  const cutoff2 = cutoff * cutoff;
  const rm6 = rm ** 6;
  const ljNumerator = 12 * epsilon * rm6; // F(r)/r = ljNumerator · (r⁶ − r_m⁶) / r¹⁴

  const n = start.count;
  const px = Float64Array.from(start.x);
  const py = Float64Array.from(start.y);
  const pz = Float64Array.from(start.z);
  const stats: SolverIterationStats[] = [];
  if (n === 0 || iterations === 0) {
    return {
      positions: { count: n, x: px, y: py, z: pz },
      gradientScale: g,
      maxMaskedGradient: maxGradient,
      equilibriumDistanceVox: rm,
      iterations: stats,
    };
  }
  const qx = new Float64Array(n); // previous positions (Verlet)
  const qy = new Float64Array(n);
  const qz = new Float64Array(n);
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  const vz = new Float64Array(n);
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const az = new Float64Array(n);
  // Lennard-Jones sums in cell-list order, and a flag for "has a neighbour"
  const lx = new Float64Array(n);
  const ly = new Float64Array(n);
  const lz = new Float64Array(n);
  const hasNeighbour = new Uint8Array(n);

  const [nz, ny, nx] = map.shapeZyx;
  const d = map.data;
  const sy = nx;
  const sz = nx * ny;
  const cells = new CellList(n, map.shapeZyx, cutoff);
  const { order, sortedX, sortedY, sortedZ } = cells;

  for (let it = 0; it < iterations; it++) {
    checkAborted(progress);
    cells.build(px, py, pz, n);
    lx.fill(0);
    ly.fill(0);
    lz.fill(0);
    hasNeighbour.fill(0);

    // Lennard-Jones: every pair within the cutoff once, its force added to both atoms
    cells.forEachCellPair((aStart, aEnd, bStart, bEnd, same) => {
      for (let a = aStart; a < aEnd; a++) {
        const xa = sortedX[a];
        const ya = sortedY[a];
        const za = sortedZ[a];
        let fxa = 0;
        let fya = 0;
        let fza = 0;
        for (let b = same ? a + 1 : bStart; b < bEnd; b++) {
          const dx = xa - sortedX[b];
          const dy = ya - sortedY[b];
          const dz = za - sortedZ[b];
          const r2 = dx * dx + dy * dy + dz * dz;
          if (r2 > cutoff2 || r2 === 0) continue;
          const r6 = r2 * r2 * r2;
          const fOverR = (ljNumerator * (r6 - rm6)) / (r6 * r6 * r2);
          // atom a: −F û_ab = −(F/r)(pos_a − pos_b); atom b the opposite
          fxa -= fOverR * dx;
          fya -= fOverR * dy;
          fza -= fOverR * dz;
          lx[b] += fOverR * dx;
          ly[b] += fOverR * dy;
          lz[b] += fOverR * dz;
          hasNeighbour[b] = 1;
          hasNeighbour[a] = 1;
        }
        lx[a] += fxa;
        ly[a] += fya;
        lz[a] += fza;
      }
      return 0;
    });

    // accelerations, atom by atom (cell-list order; written back by atom index)
    let sumMap = 0;
    let sumMapAcc = 0;
    let sumLjAcc = 0;
    let withNeighbours = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      let ljx = lx[k];
      let ljy = ly[k];
      let ljz = lz[k];
      withNeighbours += hasNeighbour[k];
      let ljMag = Math.sqrt(ljx * ljx + ljy * ljy + ljz * ljz);
      if (ljMag > capLj) {
        const f = capLj / ljMag;
        ljx *= f;
        ljy *= f;
        ljz *= f;
        ljMag = capLj;
      }
      // Python's round(): half to even; then clipped into the box
      let ix = roundHalfEvenFast(sortedX[k]);
      let iy = roundHalfEvenFast(sortedY[k]);
      let iz = roundHalfEvenFast(sortedZ[k]);
      ix = ix < 0 ? 0 : ix >= nx ? nx - 1 : ix;
      iy = iy < 0 ? 0 : iy >= ny ? ny - 1 : iy;
      iz = iz < 0 ? 0 : iz >= nz ? nz - 1 : iz;
      const v = iz * sz + iy * sy + ix;
      sumMap += d[v];
      let mx = g * gradientAt(d, v, ix, nx, 1);
      let my = g * gradientAt(d, v, iy, ny, sy);
      let mz = g * gradientAt(d, v, iz, nz, sz);
      let mapMag = Math.sqrt(mx * mx + my * my + mz * mz);
      if (mapMag > capMap) {
        const f = capMap / mapMag;
        mx *= f;
        my *= f;
        mz *= f;
        mapMag = capMap;
      }
      sumMapAcc += mapMag;
      sumLjAcc += ljMag;
      ax[i] = mx + ljx - friction * vx[i];
      ay[i] = my + ljy - friction * vy[i];
      az[i] = mz + ljz - friction * vz[i];
    }
    stats.push({
      meanMapValue: sumMap / n,
      meanMapAcceleration: sumMapAcc / n,
      meanLjAcceleration: sumLjAcc / n,
      atomsWithNeighbours: withNeighbours,
    });

    if (it === 0) {
      // Euler start: no previous position yet
      for (let i = 0; i < n; i++) {
        qx[i] = px[i];
        qy[i] = py[i];
        qz[i] = pz[i];
        vx[i] += ax[i] * dt;
        vy[i] += ay[i] * dt;
        vz[i] += az[i] * dt;
        px[i] += vx[i] * dt;
        py[i] += vy[i] * dt;
        pz[i] += vz[i] * dt;
      }
    } else {
      const dt2 = dt * dt;
      const twoDt = 2 * dt;
      for (let i = 0; i < n; i++) {
        const nxp = 2 * px[i] - qx[i] + ax[i] * dt2;
        const nyp = 2 * py[i] - qy[i] + ay[i] * dt2;
        const nzp = 2 * pz[i] - qz[i] + az[i] * dt2;
        vx[i] = (nxp - qx[i]) / twoDt;
        vy[i] = (nyp - qy[i]) / twoDt;
        vz[i] = (nzp - qz[i]) / twoDt;
        qx[i] = px[i];
        qy[i] = py[i];
        qz[i] = pz[i];
        px[i] = nxp;
        py[i] = nyp;
        pz[i] = nzp;
      }
    }
    if (progress.shouldReport) progress.report(it + 1, iterations, 'pseudo-atoms');
  }
  reportAtomsOutside(px, py, pz, map.shapeZyx, diagnostics);
  return {
    positions: { count: n, x: px, y: py, z: pz },
    gradientScale: g,
    maxMaskedGradient: maxGradient,
    equilibriumDistanceVox: rm,
    iterations: stats,
  };
}

/** Warns when atoms ended outside the box (more than half a voxel beyond the first or last voxel). */
export function reportAtomsOutside(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  diagnostics: Diagnostics,
): number {
  const [nz, ny, nx] = shapeZyx;
  let outside = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(
      x[i] >= -0.5 &&
      x[i] <= nx - 0.5 &&
      y[i] >= -0.5 &&
      y[i] <= ny - 0.5 &&
      z[i] >= -0.5 &&
      z[i] <= nz - 0.5
    )) {
      outside++;
    }
  }
  if (outside > 0) {
    diagnostics.report(
      warning(
        'pseudo.atoms-left-box',
        `${outside} of ${x.length} pseudo-atoms ended outside the map's box; they are kept where they are. ` +
          'This happens when the mask reaches the box edge: give a mask that keeps clear of the edges.',
      ),
    );
  }
  return outside;
}
