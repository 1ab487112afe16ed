/**
 * LocScale's B-factor averaging over a sphere (spec §3.3, `average_atomic_bfactors_window`): every (selected)
 * atom's B becomes the mean B of all atoms closer than the radius, itself included, read from the unmodified
 * values (a simultaneous update). 25 Å after refinement; 3 Å after each pseudo-atom refinement cycle (spec §4.2),
 * and for hybrid models only the pseudo-atoms are updated while their neighbours include every atom (spec §5.2).
 *
 * Distances are plain Euclidean (no periodic images; docs/bfactor-refinement.md explains why), and "within" is
 * strict, d < r, as gemmi's NeighborSearch tests it.
 *
 * Speed: a 25 Å sphere holds thousands of atoms, so pairs are not enumerated. Atoms are binned into cubic cells
 * (C order, x fastest) with a prefix sum of B over the binned order. For a query atom each row of cells along x
 * is split analytically into the cells entirely inside the sphere (their farthest corner closer than r) — one
 * prefix-sum difference for the whole run — and the few cells the sphere's surface cuts, whose atoms are tested
 * one by one. The result is the exact mean over the atoms inside the sphere, up to floating-point rounding of
 * the prefix sums (≈ 1e-16 of the total B sum).
 */
import { UserError } from '../core/errors.js';
import { buildCellGrid } from './cell-list.js';

/** The atoms the averaging needs: coordinates (Å) and B (Å²). A `Structure`'s `Atoms` qualifies. */
export interface AtomsWithB {
  readonly count: number;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly z: ArrayLike<number>;
  readonly bIsoA2: ArrayLike<number>;
}

/** Cell side for a sphere of radius r: r/4, at least 1 Å (measured fastest of r/3 … r/10 for 25 Å, 100 000 atoms). */
function averagingCellSizeA(radiusA: number): number {
  return Math.max(radiusA / 4, 1);
}

/**
 * New B-factors (Å²): for every atom i with `selection[i]` truthy (all atoms when omitted), the mean B of all atoms
 * j with |x_j − x_i| < `radiusA` (i included); other atoms keep their B.
 */
export function averageBFactorsWithinRadius(
  atoms: AtomsWithB,
  radiusA: number,
  selection?: ArrayLike<number | boolean>,
): Float64Array {
  const n = atoms.count;
  if (!(radiusA > 0) || !Number.isFinite(radiusA)) {
    throw new UserError(`B-factor averaging: the radius must be a finite number > 0 Å, got ${radiusA}.`);
  }
  if (selection !== undefined && selection.length !== n) {
    throw new UserError(`B-factor averaging: the selection has ${selection.length} entries for ${n} atoms.`);
  }
  const b = atoms.bIsoA2;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(b[i])) {
      throw new UserError(`B-factor averaging: atom ${i} has B = ${b[i]}; every B must be a finite number.`);
    }
  }
  const out = Float64Array.from({ length: n }, (_, i) => b[i]);
  if (n === 0) return out;
  const grid = buildCellGrid(atoms.x, atoms.y, atoms.z, null, averagingCellSizeA(radiusA));
  const { order, cellStart, xs, ys, zs, nx, ny, nz, cellSizeA: c, x0, y0, z0 } = grid;
  // prefix[t] = Σ_{u<t} B[order[u]]; the count of a run is the difference of the indices themselves.
  const prefix = new Float64Array(n + 1);
  const bSorted = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    bSorted[t] = b[order[t]];
    prefix[t + 1] = prefix[t] + bSorted[t];
  }
  const r2 = radiusA * radiusA;
  // A cell counts as inside when its farthest corner is closer than r by a margin far above rounding, so that an
  // atom binned at a cell's edge can never be misclassified; borderline cells are checked atom by atom.
  const scale = Math.max(Math.abs(x0), Math.abs(y0), Math.abs(z0), c * Math.max(nx, ny, nz), radiusA);
  const rIn = radiusA - 1e-9 * scale;
  const rIn2 = rIn > 0 ? rIn * rIn : -1;

  for (let i = 0; i < n; i++) {
    if (selection !== undefined && !selection[i]) continue;
    const qx = atoms.x[i];
    const qy = atoms.y[i];
    const qz = atoms.z[i];
    let sum = 0;
    let count = 0;
    let czLo = Math.floor((qz - radiusA - z0) / c);
    let czHi = Math.floor((qz + radiusA - z0) / c);
    if (czLo < 0) czLo = 0;
    if (czHi > nz - 1) czHi = nz - 1;
    let cyLo = Math.floor((qy - radiusA - y0) / c);
    let cyHi = Math.floor((qy + radiusA - y0) / c);
    if (cyLo < 0) cyLo = 0;
    if (cyHi > ny - 1) cyHi = ny - 1;
    for (let cz = czLo; cz <= czHi; cz++) {
      const zLo = z0 + cz * c;
      const zHi = zLo + c;
      const dzNear = qz < zLo ? zLo - qz : qz > zHi ? qz - zHi : 0;
      const dzFar = Math.max(Math.abs(qz - zLo), Math.abs(qz - zHi));
      const dzNear2 = dzNear * dzNear;
      if (dzNear2 >= r2) continue;
      const dzFar2 = dzFar * dzFar;
      for (let cy = cyLo; cy <= cyHi; cy++) {
        const yLo = y0 + cy * c;
        const yHi = yLo + c;
        const dyNear = qy < yLo ? yLo - qy : qy > yHi ? qy - yHi : 0;
        const near2 = dzNear2 + dyNear * dyNear;
        if (near2 >= r2) continue;
        const dyFar = Math.max(Math.abs(qy - yLo), Math.abs(qy - yHi));
        const far2 = dzFar2 + dyFar * dyFar;
        // Cells of this row the sphere reaches: x within ±hOut of qx.
        const hOut = Math.sqrt(r2 - near2);
        let a = Math.floor((qx - hOut - x0) / c);
        let e = Math.floor((qx + hOut - x0) / c);
        if (a < 0) a = 0;
        if (e > nx - 1) e = nx - 1;
        if (a > e) continue;
        const row = (cz * ny + cy) * nx;
        // Cells entirely inside: x-extent within ±hIn, hIn from the row's farthest (y, z) corner.
        let inLo = e + 1;
        let inHi = e;
        if (far2 < rIn2) {
          const hIn = Math.sqrt(rIn2 - far2);
          inLo = Math.ceil((qx - hIn - x0) / c);
          inHi = Math.floor((qx + hIn - x0) / c) - 1;
          if (inLo < a) inLo = a;
          if (inHi > e) inHi = e;
          if (inLo > inHi) {
            inLo = e + 1;
            inHi = e;
          }
        }
        if (inLo <= inHi) {
          const t0 = cellStart[row + inLo];
          const t1 = cellStart[row + inHi + 1];
          sum += prefix[t1] - prefix[t0];
          count += t1 - t0;
        }
        // Cut cells: [a, inLo) and (inHi, e], atom by atom.
        const cutEnd1 = inLo <= inHi ? inLo : e + 1;
        for (let pass = 0; pass < 2; pass++) {
          const from = pass === 0 ? a : inHi + 1;
          const to = pass === 0 ? cutEnd1 - 1 : e;
          if (pass === 1 && inLo > inHi) break;
          if (from > to) continue;
          const t1 = cellStart[row + to + 1];
          for (let t = cellStart[row + from]; t < t1; t++) {
            const ex = xs[t] - qx;
            const ey = ys[t] - qy;
            const ez = zs[t] - qz;
            if (ex * ex + ey * ey + ez * ez < r2) {
              sum += bSorted[t];
              count++;
            }
          }
        }
      }
    }
    // count ≥ 1: the atom itself is at distance 0.
    out[i] = sum / count;
  }
  return out;
}
