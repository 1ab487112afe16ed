/**
 * The kick solver (`-pm kick | random | random_placement_with_kick`; spec §4.2, LocScale's `main_solver_kick`):
 * no map forces, only a minimum distance. In each round, every atom whose nearest neighbour is at or below the
 * equilibrium distance r_m (voxels) is moved by U(−1, 1) voxels along x, y and z (three draws per atom, atoms in
 * index order). The solver stops after `iterations` rounds, or as soon as the last three rounds (the last one or
 * two in the first rounds) found no contact: a placement with no contact at all stops after one round.
 *
 * Contacts come from a cell list (`cell-list.ts`) instead of the original's KD-tree; random numbers from the
 * project's seeded generator instead of Python's `random` (statistically the same, reproducible from the seed).
 */
import { UserError } from '../core/errors.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics, warning } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import { checkAborted, noProgress } from '../core/progress.js';
import { seededRandom } from '../core/random.js';
import type { ShapeZyx } from '../core/vec.js';
import { CellList } from './cell-list.js';
import { DEFAULT_EQUILIBRIUM_DISTANCE_A, equilibriumDistanceVox } from './lennard-jones.js';
import type { PseudoAtomPositions } from './placement.js';
import { DEFAULT_PSEUDO_SEED } from './placement.js';
import { reportAtomsOutside } from './gradient-solver.js';

/** Largest kick (voxels) along each axis. */
export const KICK_VOX = 1;
/** Rounds without contacts after which the kick solver stops. */
export const KICK_QUIET_ROUNDS = 3;

export interface KickSolverOptions {
  /** Maximum number of rounds (`-pm_it`, default 50). */
  readonly iterations?: number;
  /** Minimum distance in Å (`-dst`, default 1.2). */
  readonly distanceA?: number;
  /** Seed of the kicks (default 43: the placement's default seed 42 plus one, so the two streams differ). */
  readonly seed?: number;
  readonly progress?: Progress;
  /** Receives `pseudo.kick-contacts-remain` and `pseudo.atoms-left-box`. */
  readonly diagnostics?: Diagnostics;
}

export interface KickSolverResult {
  /** Final positions (voxels). */
  readonly positions: PseudoAtomPositions;
  /** Atoms kicked in each round (those with a neighbour at or below r_m). */
  readonly contactsPerRound: readonly number[];
  /** Atoms with a neighbour at or below r_m in the final positions. */
  readonly remainingContacts: number;
  readonly equilibriumDistanceVox: number;
}

/**
 * Marks (1) every atom with another atom at distance ≤ `radiusVox`, and returns how many were marked. `cells` must
 * have been built on the same positions with a cell size ≥ the radius.
 */
export function markContacts(cells: CellList, radiusVox: number, marks: Uint8Array): number {
  const { order, sortedX, sortedY, sortedZ } = cells;
  const r2max = radiusVox * radiusVox;
  marks.fill(0);
  cells.forEachCellPair((aStart, aEnd, bStart, bEnd, same) => {
    for (let a = aStart; a < aEnd; a++)
      for (let b = same ? a + 1 : bStart; b < bEnd; b++) {
        const dx = sortedX[a] - sortedX[b];
        const dy = sortedY[a] - sortedY[b];
        const dz = sortedZ[a] - sortedZ[b];
        if (dx * dx + dy * dy + dz * dz <= r2max) {
          marks[order[a]] = 1;
          marks[order[b]] = 1;
        }
      }
    return 0;
  });
  let count = 0;
  for (let i = 0; i < cells.count; i++) count += marks[i];
  return count;
}

/**
 * Runs the kick solver from `start` (not modified) in a box of `shapeZyx` voxels of `voxelSizeA` Å (the map's x
 * voxel size, as the original). See the module comment.
 */
export function solveKick(
  start: PseudoAtomPositions,
  shapeZyx: ShapeZyx,
  voxelSizeA: number,
  options: KickSolverOptions = {},
): KickSolverResult {
  const iterations = options.iterations ?? 50;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new UserError(
      `the number of pseudo-atom iterations must be a whole number ≥ 0 (got ${iterations}).`,
    );
  }
  const distanceA = options.distanceA ?? DEFAULT_EQUILIBRIUM_DISTANCE_A;
  if (!(distanceA > 0) || !Number.isFinite(distanceA)) {
    throw new UserError(`the pseudo-atom distance must be a positive number of Å (got ${distanceA}).`);
  }
  const progress = options.progress ?? noProgress;
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const random = seededRandom(options.seed ?? DEFAULT_PSEUDO_SEED + 1);
  const rm = equilibriumDistanceVox(distanceA, voxelSizeA);
  const n = start.count;
  const x = Float64Array.from(start.x);
  const y = Float64Array.from(start.y);
  const z = Float64Array.from(start.z);
  const contacts: number[] = [];
  let remaining = 0;
  if (n > 1) {
    const cells = new CellList(n, shapeZyx, rm);
    const marks = new Uint8Array(n);
    const span = 2 * KICK_VOX;
    let stoppedEarly = false;
    for (let round = 0; round < iterations; round++) {
      checkAborted(progress);
      cells.build(x, y, z, n);
      const kicked = markContacts(cells, rm, marks);
      for (let i = 0; i < n; i++) {
        if (marks[i] === 0) continue;
        x[i] += random() * span - KICK_VOX;
        y[i] += random() * span - KICK_VOX;
        z[i] += random() * span - KICK_VOX;
      }
      contacts.push(kicked);
      if (progress.shouldReport) progress.report(round + 1, iterations, 'pseudo-atoms');
      let recent = 0;
      for (let r = Math.max(0, contacts.length - KICK_QUIET_ROUNDS); r < contacts.length; r++)
        recent += contacts[r];
      if (recent === 0) {
        stoppedEarly = true;
        break;
      }
    }
    // an early stop means the last round found no contact (and kicked nothing); otherwise count what is left
    if (!stoppedEarly) {
      cells.build(x, y, z, n);
      remaining = markContacts(cells, rm, marks);
    }
    if (remaining > 0) {
      diagnostics.report(
        warning(
          'pseudo.kick-contacts-remain',
          `after ${contacts.length} kick rounds, ${remaining} pseudo-atoms still have a neighbour within ` +
            `${distanceA} Å. Give more iterations (-pm_it), or fewer atoms (-mw).`,
        ),
      );
    }
    reportAtomsOutside(x, y, z, shapeZyx, diagnostics);
  }
  return {
    positions: { count: n, x, y, z },
    contactsPerRound: contacts,
    remainingContacts: remaining,
    equilibriumDistanceVox: rm,
  };
}
