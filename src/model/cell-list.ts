/**
 * A cell list for neighbour searches among atoms (non-periodic: a cryo-EM box is not a crystal, see
 * docs/bfactor-refinement.md). Points are binned into cubic cells of side `cellSizeA` over their bounding box;
 * `order` lists the points cell by cell, cells in C order [z][y][x] (x fastest), so the points of a run of cells
 * along x are contiguous in `order` and a prefix sum over `order` gives the sum over any such run in O(1).
 */

export interface CellGrid {
  readonly cellSizeA: number;
  /** Lower corner of cell (0, 0, 0) (Å). */
  readonly x0: number;
  readonly y0: number;
  readonly z0: number;
  /** Number of cells along x, y, z. */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** Point indices (into the caller's arrays) sorted by cell; length = number of points binned. */
  readonly order: Int32Array;
  /** order[cellStart[c] … cellStart[c + 1]) are the points of cell c = (cz·ny + cy)·nx + cx. */
  readonly cellStart: Int32Array;
  /** Coordinates in `order`'s order (cache-friendly scans). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly zs: Float64Array;
}

/** At most this many cells per binned point (plus a constant): a far outlier enlarges the cells instead. */
const MAX_CELLS_PER_POINT = 8;

/**
 * Bins the points `indices` (all points 0…n−1 when null) of coordinates x, y, z into cells of side at least
 * `cellSizeA` (enlarged when the bounding box would need more than ~8 cells per point).
 */
export function buildCellGrid(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
  indices: ArrayLike<number> | null,
  cellSizeA: number,
): CellGrid {
  if (!(cellSizeA > 0)) throw new RangeError(`cell list: cell size must be > 0, got ${cellSizeA}`);
  const count = indices === null ? x.length : indices.length;
  let xMin = Infinity;
  let yMin = Infinity;
  let zMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  let zMax = -Infinity;
  for (let k = 0; k < count; k++) {
    const i = indices === null ? k : indices[k];
    const px = x[i];
    const py = y[i];
    const pz = z[i];
    if (!Number.isFinite(px + py + pz))
      throw new RangeError(`cell list: point ${i} has a non-finite coordinate`);
    if (px < xMin) xMin = px;
    if (px > xMax) xMax = px;
    if (py < yMin) yMin = py;
    if (py > yMax) yMax = py;
    if (pz < zMin) zMin = pz;
    if (pz > zMax) zMax = pz;
  }
  if (count === 0) {
    xMin = yMin = zMin = 0;
    xMax = yMax = zMax = 0;
  }
  let size = cellSizeA;
  const cellsFor = (s: number): number =>
    (Math.floor((xMax - xMin) / s) + 1) *
    (Math.floor((yMax - yMin) / s) + 1) *
    (Math.floor((zMax - zMin) / s) + 1);
  const maxCells = MAX_CELLS_PER_POINT * count + 64;
  while (cellsFor(size) > maxCells) size *= 1.25;
  const nx = Math.floor((xMax - xMin) / size) + 1;
  const ny = Math.floor((yMax - yMin) / size) + 1;
  const nz = Math.floor((zMax - zMin) / size) + 1;
  const nCells = nx * ny * nz;
  const cellOf = new Int32Array(count);
  const cellStart = new Int32Array(nCells + 1);
  for (let k = 0; k < count; k++) {
    const i = indices === null ? k : indices[k];
    const cx = Math.min(Math.floor((x[i] - xMin) / size), nx - 1);
    const cy = Math.min(Math.floor((y[i] - yMin) / size), ny - 1);
    const cz = Math.min(Math.floor((z[i] - zMin) / size), nz - 1);
    const c = (cz * ny + cy) * nx + cx;
    cellOf[k] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < nCells; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, nCells);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[fill[cellOf[k]]++] = indices === null ? k : indices[k];
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const zs = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const i = order[t];
    xs[t] = x[i];
    ys[t] = y[i];
    zs[t] = z[i];
  }
  return { cellSizeA: size, x0: xMin, y0: yMin, z0: zMin, nx, ny, nz, order, cellStart, xs, ys, zs };
}

export interface NeighbourPairs {
  /** Pair k joins points first[k] < second[k] (caller's indices), at squared distance dist2A2[k] (Å²). */
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly dist2A2: Float64Array;
}

/**
 * Every unordered pair of points of `grid` closer than `cutoffA` (strictly), each pair once with the smaller
 * caller index first; pairs sorted by (first, second).
 */
export function neighbourPairs(grid: CellGrid, cutoffA: number): NeighbourPairs {
  const { order, cellStart, xs, ys, zs, nx, ny, nz } = grid;
  const c2 = cutoffA * cutoffA;
  const reach = Math.ceil(cutoffA / grid.cellSizeA);
  let capacity = Math.max(64, 8 * order.length);
  let first = new Int32Array(capacity);
  let second = new Int32Array(capacity);
  let dist = new Float64Array(capacity);
  let count = 0;
  for (let cz = 0; cz < nz; cz++) {
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = 0; cx < nx; cx++) {
        const c = (cz * ny + cy) * nx + cx;
        const s0 = cellStart[c];
        const s1 = cellStart[c + 1];
        if (s0 === s1) continue;
        for (let dz = -reach; dz <= reach; dz++) {
          const nzc = cz + dz;
          if (nzc < 0 || nzc >= nz) continue;
          for (let dy = -reach; dy <= reach; dy++) {
            const nyc = cy + dy;
            if (nyc < 0 || nyc >= ny) continue;
            for (let dx = -reach; dx <= reach; dx++) {
              const nxc = cx + dx;
              if (nxc < 0 || nxc >= nx) continue;
              const d = (nzc * ny + nyc) * nx + nxc;
              if (d < c) continue; // each cell pair once
              const t0 = cellStart[d];
              const t1 = cellStart[d + 1];
              for (let s = s0; s < s1; s++) {
                const px = xs[s];
                const py = ys[s];
                const pz = zs[s];
                for (let t = d === c ? s + 1 : t0; t < t1; t++) {
                  const ex = xs[t] - px;
                  const ey = ys[t] - py;
                  const ez = zs[t] - pz;
                  const r2 = ex * ex + ey * ey + ez * ez;
                  if (r2 >= c2) continue;
                  if (count === capacity) {
                    capacity *= 2;
                    first = grow(first, capacity);
                    second = grow(second, capacity);
                    dist = grow(dist, capacity);
                  }
                  const a = order[s];
                  const b = order[t];
                  first[count] = a < b ? a : b;
                  second[count] = a < b ? b : a;
                  dist[count] = r2;
                  count++;
                }
              }
            }
          }
        }
      }
    }
  }
  const idx = Array.from({ length: count }, (_, k) => k).sort(
    (p, q) => first[p] - first[q] || second[p] - second[q],
  );
  return {
    first: Int32Array.from(idx, (k) => first[k]),
    second: Int32Array.from(idx, (k) => second[k]),
    dist2A2: Float64Array.from(idx, (k) => dist[k]),
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/**
 * The point of `grid` nearest to (px, py, pz) within `maxDistA` (strictly closer), skipping the caller index
 * `exclude`; −1 when none. Ties go to the smaller caller index.
 */
export function nearestPoint(
  grid: CellGrid,
  px: number,
  py: number,
  pz: number,
  maxDistA: number,
  exclude = -1,
): number {
  const { order, cellStart, xs, ys, zs, nx, ny, nz, cellSizeA } = grid;
  const x0 = Math.max(Math.floor((px - maxDistA - grid.x0) / cellSizeA), 0);
  const x1 = Math.min(Math.floor((px + maxDistA - grid.x0) / cellSizeA), nx - 1);
  const y0 = Math.max(Math.floor((py - maxDistA - grid.y0) / cellSizeA), 0);
  const y1 = Math.min(Math.floor((py + maxDistA - grid.y0) / cellSizeA), ny - 1);
  const z0 = Math.max(Math.floor((pz - maxDistA - grid.z0) / cellSizeA), 0);
  const z1 = Math.min(Math.floor((pz + maxDistA - grid.z0) / cellSizeA), nz - 1);
  if (x0 > x1 || y0 > y1 || z0 > z1) return -1;
  let best = -1;
  let best2 = maxDistA * maxDistA;
  for (let cz = z0; cz <= z1; cz++) {
    for (let cy = y0; cy <= y1; cy++) {
      const row = (cz * ny + cy) * nx;
      const t0 = cellStart[row + x0];
      const t1 = cellStart[row + x1 + 1];
      for (let t = t0; t < t1; t++) {
        const i = order[t];
        if (i === exclude) continue;
        const ex = xs[t] - px;
        const ey = ys[t] - py;
        const ez = zs[t] - pz;
        const r2 = ex * ex + ey * ey + ez * ez;
        if (r2 < best2 || (r2 === best2 && best >= 0 && i < best)) {
          best2 = r2;
          best = i;
        }
      }
    }
  }
  return best;
}
