/**
 * An optional clean-up after the solver (not in LocScale 2.0; off by default): pseudo-atoms closer than a minimum
 * distance are pushed apart.
 *
 * Why: with LocScale's constants the gradient solver never settles. Map and Lennard-Jones accelerations are both
 * capped at 100, so an atom pulled toward a density peak by a capped map force meets a capped repulsion that can
 * only balance it, not win; and with dt = 0.1 a capped acceleration moves an atom by a whole voxel per step
 * (a·dt²), so atoms keep bouncing by 1–2 voxels per iteration. The model after the last iteration is a snapshot in
 * which pairs happen to be close: on the synthetic TMV test map about a fifth of the atoms have a neighbour
 * within 0.9 Å and the closest pair is ~0.15 Å apart (docs/pseudo-atoms.md). The original behaves the same (the
 * test checks our solver against an independent implementation of the spec's pseudo-code).
 *
 * The clean-up is a few Jacobi sweeps of a distance projection: every pair closer than d moves apart along its
 * axis, each atom by half the shortfall (contributions of several pairs add up), all moves applied at the end of the
 * sweep, until no pair is closer than d or `maxSweeps` is reached. It is deterministic, moves atoms by a fraction of
 * an Å, and keeps them where the map put them otherwise.
 */
import type { ShapeZyx } from '../core/vec.js';
import { CellList } from './cell-list.js';
import type { PseudoAtomPositions } from './placement.js';

export interface SeparationResult {
  readonly positions: PseudoAtomPositions;
  /** Sweeps done (0 when no pair was too close). */
  readonly sweeps: number;
  /** Atoms moved at least once. */
  readonly movedAtoms: number;
  /** Largest total displacement of an atom (voxels). */
  readonly maxShiftVox: number;
  /** Pairs still closer than the minimum distance (0 unless `maxSweeps` ran out). */
  readonly remainingPairs: number;
}

/** Default sweep limit of `separateCloseAtoms`. */
export const SEPARATION_MAX_SWEEPS = 200;

/**
 * `positions` (voxels, not modified) with every pair pushed to at least `minDistanceVox` apart (see the module
 * comment). The distance is isotropic in voxels, like the solvers' (the map's x voxel size converts Å).
 */
export function separateCloseAtoms(
  positions: PseudoAtomPositions,
  shapeZyx: ShapeZyx,
  minDistanceVox: number,
  maxSweeps = SEPARATION_MAX_SWEEPS,
): SeparationResult {
  const n = positions.count;
  const x = Float64Array.from(positions.x);
  const y = Float64Array.from(positions.y);
  const z = Float64Array.from(positions.z);
  if (n < 2 || !(minDistanceVox > 0)) {
    return { positions: { count: n, x, y, z }, sweeps: 0, movedAtoms: 0, maxShiftVox: 0, remainingPairs: 0 };
  }
  // aim a hair beyond d so that rounding leaves every pair at ≥ d
  const target = minDistanceVox * (1 + 1e-9);
  const d2 = minDistanceVox * minDistanceVox;
  const cells = new CellList(n, shapeZyx, target);
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const sz = new Float64Array(n);
  const moved = new Uint8Array(n);
  let sweeps = 0;
  let remaining: number;
  for (;;) {
    cells.build(x, y, z, n);
    sx.fill(0);
    sy.fill(0);
    sz.fill(0);
    const { order, sortedX, sortedY, sortedZ } = cells;
    remaining = cells.forEachCellPair((aStart, aEnd, bStart, bEnd, same) => {
      let close = 0;
      for (let a = aStart; a < aEnd; a++)
        for (let b = same ? a + 1 : bStart; b < bEnd; b++) {
          let dx = sortedX[a] - sortedX[b];
          let dy = sortedY[a] - sortedY[b];
          let dz = sortedZ[a] - sortedZ[b];
          const r2 = dx * dx + dy * dy + dz * dz;
          if (r2 >= d2) continue;
          close++;
          let r = Math.sqrt(r2);
          if (r === 0) {
            // coincident atoms: separate along x, the lower index to −x
            dx = order[a] < order[b] ? -1 : 1;
            dy = 0;
            dz = 0;
            r = 1;
          }
          const half = (0.5 * (target - Math.sqrt(r2))) / r;
          const i = order[a];
          const j = order[b];
          sx[i] += half * dx;
          sy[i] += half * dy;
          sz[i] += half * dz;
          sx[j] -= half * dx;
          sy[j] -= half * dy;
          sz[j] -= half * dz;
          moved[i] = 1;
          moved[j] = 1;
        }
      return close;
    });
    if (remaining === 0 || sweeps === maxSweeps) break;
    for (let i = 0; i < n; i++) {
      x[i] += sx[i];
      y[i] += sy[i];
      z[i] += sz[i];
    }
    sweeps++;
  }
  let movedAtoms = 0;
  let maxShift2 = 0;
  for (let i = 0; i < n; i++) {
    movedAtoms += moved[i];
    const dx = x[i] - positions.x[i];
    const dy = y[i] - positions.y[i];
    const dz = z[i] - positions.z[i];
    const s2 = dx * dx + dy * dy + dz * dz;
    if (s2 > maxShift2) maxShift2 = s2;
  }
  return {
    positions: { count: n, x, y, z },
    sweeps,
    movedAtoms,
    maxShiftVox: Math.sqrt(maxShift2),
    remainingPairs: remaining,
  };
}
