/**
 * A cell list for fixed-radius neighbour search among points (positions in voxels, x = column index): the box is
 * cut into cubic cells at least as wide as the search radius, so every neighbour of a point lies in its own cell or
 * one of the 26 around it. Building it is a counting sort (O(N)); a search visits 27 cells, so a pass over all
 * pairs within the radius is O(N · density · radius³) instead of O(N²) (the original used a KD-tree).
 *
 * Points outside the box are clamped into its boundary cells. Clamping is monotone and never moves two points'
 * cell coordinates further apart, so points within the radius still sit in the same or adjacent cells: results
 * stay exact, only the boundary cells get fuller.
 *
 * After `build`, the points are listed cell by cell in `order` (point indices), cell c owning
 * `order[cellStart[c] .. cellStart[c + 1])`, and `sortedX/Y/Z` hold their coordinates in that order, so the pair
 * loops read contiguous memory. Arrays are reused between builds (the solvers rebuild every iteration).
 */
import type { ShapeZyx } from '../core/vec.js';
import { InternalError } from '../core/errors.js';

/** At most this many cells per point (plus a few): keeps memory bounded when the radius is small. */
const MAX_CELLS_PER_POINT = 8;

export class CellList {
  /** Cell edge (voxels), ≥ the search radius. */
  readonly cellSizeVox: number;
  readonly cellsX: number;
  readonly cellsY: number;
  readonly cellsZ: number;
  /** Start of each cell's run in `order`; length cells + 1. */
  readonly cellStart: Int32Array;
  /** Point indices, cell by cell. */
  readonly order: Int32Array;
  /** Coordinates of `order[k]` at k. */
  readonly sortedX: Float64Array;
  readonly sortedY: Float64Array;
  readonly sortedZ: Float64Array;
  /** Cell of each point (by point index). */
  private readonly cellOf: Int32Array;
  private countBuilt = 0;

  /**
   * A cell list for up to `capacity` points in a box of `shapeZyx` voxels, for searches up to `radiusVox`.
   * The cell edge is the radius, or larger when the box would otherwise need more than ~8 cells per point.
   */
  constructor(capacity: number, shapeZyx: ShapeZyx, radiusVox: number) {
    if (!(radiusVox > 0) || !Number.isFinite(radiusVox)) {
      throw new InternalError(`CellList: radius must be positive and finite, got ${radiusVox}`);
    }
    const [nz, ny, nx] = shapeZyx;
    const maxCells = MAX_CELLS_PER_POINT * Math.max(capacity, 1) + 27;
    let size = radiusVox;
    const cellsFor = (s: number) =>
      Math.max(1, Math.ceil(nx / s)) * Math.max(1, Math.ceil(ny / s)) * Math.max(1, Math.ceil(nz / s));
    if (cellsFor(size) > maxCells) {
      size = Math.max(size, Math.cbrt((nx * ny * nz) / maxCells));
      while (cellsFor(size) > maxCells) size *= 1.05;
    }
    this.cellSizeVox = size;
    this.cellsX = Math.max(1, Math.ceil(nx / size));
    this.cellsY = Math.max(1, Math.ceil(ny / size));
    this.cellsZ = Math.max(1, Math.ceil(nz / size));
    this.cellStart = new Int32Array(this.cellsX * this.cellsY * this.cellsZ + 1);
    this.order = new Int32Array(capacity);
    this.sortedX = new Float64Array(capacity);
    this.sortedY = new Float64Array(capacity);
    this.sortedZ = new Float64Array(capacity);
    this.cellOf = new Int32Array(capacity);
  }

  /** Number of points in the last build. */
  get count(): number {
    return this.countBuilt;
  }

  /** Cell coordinate of a position along an axis with `cells` cells (clamped into the box). */
  cellCoord(p: number, cells: number): number {
    const c = Math.floor(p / this.cellSizeVox);
    return c < 0 ? 0 : c >= cells ? cells - 1 : c;
  }

  /** Sorts `count` points into cells. Positions must be finite. */
  build(x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, count: number): void {
    if (count > this.order.length) {
      throw new InternalError(`CellList: ${count} points exceed the capacity ${this.order.length}`);
    }
    const { cellsX, cellsY, cellsZ, cellStart, cellOf, order } = this;
    const inv = 1 / this.cellSizeVox;
    cellStart.fill(0);
    for (let i = 0; i < count; i++) {
      let cx = Math.floor(x[i] * inv);
      let cy = Math.floor(y[i] * inv);
      let cz = Math.floor(z[i] * inv);
      // a NaN fails every comparison: caught below
      cx = cx < 0 ? 0 : cx >= cellsX ? cellsX - 1 : cx;
      cy = cy < 0 ? 0 : cy >= cellsY ? cellsY - 1 : cy;
      cz = cz < 0 ? 0 : cz >= cellsZ ? cellsZ - 1 : cz;
      const c = (cz * cellsY + cy) * cellsX + cx;
      if (!(c >= 0)) throw new InternalError(`CellList: point ${i} has a non-finite position`);
      cellOf[i] = c;
      cellStart[c + 1]++;
    }
    const nCells = cellStart.length - 1;
    for (let c = 0; c < nCells; c++) cellStart[c + 1] += cellStart[c];
    // counting sort, stable in point index: cellStart[c] serves as cell c's cursor
    for (let i = 0; i < count; i++) {
      const c = cellOf[i];
      order[cellStart[c]++] = i;
    }
    // the cursors now sit at each cell's end = the next cell's start: shift back by one cell
    for (let c = nCells; c > 0; c--) cellStart[c] = cellStart[c - 1];
    cellStart[0] = 0;
    const { sortedX, sortedY, sortedZ } = this;
    for (let k = 0; k < count; k++) {
      const i = order[k];
      sortedX[k] = x[i];
      sortedY[k] = y[i];
      sortedZ[k] = z[i];
    }
    this.countBuilt = count;
  }

  /**
   * Visits every pair of neighbouring non-empty cells once, a cell with itself included: `visit(aStart, aEnd,
   * bStart, bEnd, same)` for the runs sorted[aStart, aEnd) and sorted[bStart, bEnd); when `same`, the runs are one
   * cell and the caller pairs a with b > a only. Returns the sum of what `visit` returns (a count, say), so callers
   * need not update a captured variable in the hot loop. The pair loops themselves stay the caller's.
   */
  forEachCellPair(
    visit: (aStart: number, aEnd: number, bStart: number, bEnd: number, same: boolean) => number,
  ): number {
    const { cellsX, cellsY, cellsZ, cellStart } = this;
    let total = 0;
    for (let cz = 0; cz < cellsZ; cz++)
      for (let cy = 0; cy < cellsY; cy++)
        for (let cx = 0; cx < cellsX; cx++) {
          const c = (cz * cellsY + cy) * cellsX + cx;
          const aStart = cellStart[c];
          const aEnd = cellStart[c + 1];
          if (aStart === aEnd) continue;
          for (let h = 0; h < HALF_SHELL.length; h += 3) {
            const ncx = cx + HALF_SHELL[h];
            const ncy = cy + HALF_SHELL[h + 1];
            const ncz = cz + HALF_SHELL[h + 2];
            if (ncx < 0 || ncy < 0 || ncz < 0 || ncx >= cellsX || ncy >= cellsY || ncz >= cellsZ) continue;
            const e = (ncz * cellsY + ncy) * cellsX + ncx;
            if (cellStart[e] === cellStart[e + 1]) continue;
            total += visit(aStart, aEnd, cellStart[e], cellStart[e + 1], e === c);
          }
        }
    return total;
  }

  /**
   * Every unordered pair {i, j} with distance ≤ `radiusVox` (which must not exceed the cell size), as point indices
   * appended to `out` (i, j, i, j, …).
   */
  pairsWithin(radiusVox: number, out: number[]): number[] {
    if (radiusVox > this.cellSizeVox) {
      throw new InternalError(`CellList: radius ${radiusVox} exceeds the cell size ${this.cellSizeVox}`);
    }
    const r2 = radiusVox * radiusVox;
    const { order, sortedX, sortedY, sortedZ } = this;
    this.forEachCellPair((aStart, aEnd, bStart, bEnd, same) => {
      for (let a = aStart; a < aEnd; a++)
        for (let b = same ? a + 1 : bStart; b < bEnd; b++) {
          const dx = sortedX[a] - sortedX[b];
          const dy = sortedY[a] - sortedY[b];
          const dz = sortedZ[a] - sortedZ[b];
          if (dx * dx + dy * dy + dz * dz <= r2) out.push(order[a], order[b]);
        }
      return 0;
    });
    return out;
  }
}

/**
 * The cell itself and 13 of its 26 neighbours (dx, dy, dz triples), one of each opposite pair: visiting these from
 * every cell meets each pair of cells exactly once.
 */
export const HALF_SHELL: Int8Array = (() => {
  const out: number[] = [0, 0, 0];
  for (let dz = -1; dz <= 1; dz++)
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        // forward half: (dz, dy, dx) lexicographically positive
        if (dz > 0 || (dz === 0 && (dy > 0 || (dy === 0 && dx > 0)))) out.push(dx, dy, dz);
      }
  return Int8Array.from(out);
})();
