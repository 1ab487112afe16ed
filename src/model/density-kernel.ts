/**
 * The hot loop of model-map simulation: adds one atom's density, a sum of five Gaussians, to a periodic grid.
 *
 * Geometry (gemmi's `use_points_in_box` with periodic wrap, re-derived): an atom at grid coordinate
 * g = (position − origin)/voxel size visits the box of grid points round(g) ± d on each axis, d = ⌈radius/voxel⌉
 * (at most n − 1), and adds its density at every point within `radius` of it. The map box is the unit cell:
 * indices wrap modulo the grid size, distances are measured to the unwrapped point, so an atom near an edge (or
 * outside the box) deposits its density periodically, exactly like gemmi on a P1 cell equal to the box.
 *
 * Speed (isotropic atoms, the common case): exp(K r²) = exp(K dx²)·exp(K dy²)·exp(K dz²) on an orthogonal grid,
 * so each atom fills 5 short per-axis tables of exponentials once, and the inner loop is five multiply-adds per
 * voxel with no exp. The x range inside the sphere is found per row from the squared-distance table. Anisotropic
 * atoms evaluate the quadratic form and five exps per voxel. No allocation per atom: scratch tables are sized
 * once for the largest box.
 */

/** Grid description for the kernel: sizes and voxel sizes (Å) per axis (the caller applies the origin). */
export interface KernelGrid {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly voxelXA: number;
  readonly voxelYA: number;
  readonly voxelZA: number;
}

/** gemmi's `iround`: round half away from zero. */
export function roundHalfAway(x: number): number {
  return x >= 0 ? Math.floor(x + 0.5) : -Math.floor(0.5 - x);
}

/** Non-negative remainder. */
function wrapIndex(i: number, n: number): number {
  const r = i % n;
  return r < 0 ? r + n : r;
}

export class DensityAccumulator {
  /** The accumulated density in C order [z][y][x]. */
  readonly data: Float64Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly nz: number;
  private readonly sx: number;
  private readonly sy: number;
  private readonly sz: number;
  // Per-axis tables: signed distance (Å), squared distance, flat-index contribution, and exp(K_i d²) per Gaussian.
  private readonly dX: Float64Array;
  private readonly d2X: Float64Array;
  private readonly iX: Int32Array;
  private readonly eX0: Float64Array;
  private readonly eX1: Float64Array;
  private readonly eX2: Float64Array;
  private readonly eX3: Float64Array;
  private readonly eX4: Float64Array;
  private readonly dY: Float64Array;
  private readonly d2Y: Float64Array;
  private readonly iY: Int32Array;
  private readonly eY: Float64Array;
  private readonly dZ: Float64Array;
  private readonly d2Z: Float64Array;
  private readonly iZ: Int32Array;
  private readonly eZ: Float64Array;
  private lenX = 0;
  /** Position of the atom in x-table units (t = cX is the atom itself). */
  private cX = 0;
  private lenY = 0;
  private lenZ = 0;

  constructor(grid: KernelGrid, data?: Float64Array) {
    this.nx = grid.nx;
    this.ny = grid.ny;
    this.nz = grid.nz;
    this.sx = grid.voxelXA;
    this.sy = grid.voxelYA;
    this.sz = grid.voxelZA;
    const n = grid.nx * grid.ny * grid.nz;
    if (data !== undefined && data.length !== n)
      throw new RangeError('DensityAccumulator: data length ≠ grid');
    this.data = data ?? new Float64Array(n);
    const mx = 2 * grid.nx - 1;
    const my = 2 * grid.ny - 1;
    const mz = 2 * grid.nz - 1;
    this.dX = new Float64Array(mx);
    this.d2X = new Float64Array(mx);
    this.iX = new Int32Array(mx);
    this.eX0 = new Float64Array(mx);
    this.eX1 = new Float64Array(mx);
    this.eX2 = new Float64Array(mx);
    this.eX3 = new Float64Array(mx);
    this.eX4 = new Float64Array(mx);
    this.dY = new Float64Array(my);
    this.d2Y = new Float64Array(my);
    this.iY = new Int32Array(my);
    this.eY = new Float64Array(5 * my);
    this.dZ = new Float64Array(mz);
    this.d2Z = new Float64Array(mz);
    this.iZ = new Int32Array(mz);
    this.eZ = new Float64Array(5 * mz);
  }

  /**
   * Fills the distance and index tables of the three axes for an atom at grid coordinates (gx, gy, gz) and a
   * box half-width of ⌈radius/voxel⌉ (capped at n − 1, as gemmi).
   */
  private fillAxes(gx: number, gy: number, gz: number, radiusA: number): void {
    this.lenX = fillAxis(gx, radiusA, this.nx, this.sx, 1, this.dX, this.d2X, this.iX);
    this.cX = gx - (roundHalfAway(gx) - ((this.lenX - 1) >> 1));
    this.lenY = fillAxis(gy, radiusA, this.ny, this.sy, this.nx, this.dY, this.d2Y, this.iY);
    this.lenZ = fillAxis(gz, radiusA, this.nz, this.sz, this.nx * this.ny, this.dZ, this.d2Z, this.iZ);
  }

  /**
   * Adds Σ_{i<5} amp[i]·exp(k[i]·r²) at every grid point within `radiusA` of the atom (grid coordinates gx, gy,
   * gz; r in Å). `amp` already includes the occupancy.
   */
  addIsotropic(
    gx: number,
    gy: number,
    gz: number,
    amp: Float64Array,
    k: Float64Array,
    radiusA: number,
  ): void {
    this.fillAxes(gx, gy, gz, radiusA);
    const lenX = this.lenX;
    const lenY = this.lenY;
    const lenZ = this.lenZ;
    const k0 = k[0];
    const k1 = k[1];
    const k2 = k[2];
    const k3 = k[3];
    const k4 = k[4];
    fillExpSplit(this.d2X, lenX, k0, k1, k2, k3, k4, this.eX0, this.eX1, this.eX2, this.eX3, this.eX4);
    fillExp(this.d2Y, lenY, k0, k1, k2, k3, k4, this.eY);
    fillExp(this.d2Z, lenZ, k0, k1, k2, k3, k4, this.eZ);
    const r2max = radiusA * radiusA;
    const cX = this.cX;
    const invSx = 1 / this.sx;
    const out = this.data;
    const d2X = this.d2X;
    const iX = this.iX;
    const eX0 = this.eX0;
    const eX1 = this.eX1;
    const eX2 = this.eX2;
    const eX3 = this.eX3;
    const eX4 = this.eX4;
    const d2Y = this.d2Y;
    const iY = this.iY;
    const eY = this.eY;
    const d2Z = this.d2Z;
    const iZ = this.iZ;
    const eZ = this.eZ;
    const a0 = amp[0];
    const a1 = amp[1];
    const a2 = amp[2];
    const a3 = amp[3];
    const a4 = amp[4];
    for (let w = 0; w < lenZ; w++) {
      const dz2 = d2Z[w];
      if (dz2 > r2max) continue;
      const zBase = iZ[w];
      const ez = 5 * w;
      const cz0 = a0 * eZ[ez];
      const cz1 = a1 * eZ[ez + 1];
      const cz2 = a2 * eZ[ez + 2];
      const cz3 = a3 * eZ[ez + 3];
      const cz4 = a4 * eZ[ez + 4];
      for (let v = 0; v < lenY; v++) {
        const dyz2 = dz2 + d2Y[v];
        if (dyz2 > r2max) continue;
        const rem = r2max - dyz2;
        // The x range inside the sphere, |cX − t|·voxel ≤ √rem, then settled on the table's own test.
        const halfWidth = Math.sqrt(rem) * invSx;
        let lo = Math.ceil(cX - halfWidth);
        let hi = Math.floor(cX + halfWidth);
        if (lo < 0) lo = 0;
        if (hi > lenX - 1) hi = lenX - 1;
        while (lo <= hi && d2X[lo] > rem) lo++;
        while (lo > 0 && d2X[lo - 1] <= rem) lo--;
        while (hi >= lo && d2X[hi] > rem) hi--;
        while (hi < lenX - 1 && d2X[hi + 1] <= rem) hi++;
        if (lo > hi) continue;
        const ey = 5 * v;
        const c0 = cz0 * eY[ey];
        const c1 = cz1 * eY[ey + 1];
        const c2 = cz2 * eY[ey + 2];
        const c3 = cz3 * eY[ey + 3];
        const c4 = cz4 * eY[ey + 4];
        const rowBase = zBase + iY[v];
        const first = iX[lo];
        if (iX[hi] - first === hi - lo) {
          // No wrap inside the row segment: contiguous output.
          const shift = rowBase + first - lo;
          for (let u = lo; u <= hi; u++) {
            out[shift + u] += c0 * eX0[u] + c1 * eX1[u] + c2 * eX2[u] + c3 * eX3[u] + c4 * eX4[u];
          }
        } else {
          for (let u = lo; u <= hi; u++) {
            out[rowBase + iX[u]] += c0 * eX0[u] + c1 * eX1[u] + c2 * eX2[u] + c3 * eX3[u] + c4 * eX4[u];
          }
        }
      }
    }
  }

  /**
   * Adds Σ_{i<5} amp[i]·exp(dᵀ M_i d) at every grid point strictly within `radiusA` of the atom, d the Å
   * displacement; M_i = m[6i..6i+5] in the order m11 m22 m33 m12 m13 m23 (negative definite). `amp` includes the
   * occupancy.
   */
  addAnisotropic(
    gx: number,
    gy: number,
    gz: number,
    amp: Float64Array,
    m: Float64Array,
    radiusA: number,
  ): void {
    this.fillAxes(gx, gy, gz, radiusA);
    const lenX = this.lenX;
    const lenY = this.lenY;
    const lenZ = this.lenZ;
    const r2max = radiusA * radiusA;
    const out = this.data;
    const dX = this.dX;
    const d2X = this.d2X;
    const iX = this.iX;
    const dY = this.dY;
    const d2Y = this.d2Y;
    const iY = this.iY;
    const dZ = this.dZ;
    const d2Z = this.d2Z;
    const iZ = this.iZ;
    for (let w = 0; w < lenZ; w++) {
      const dz = dZ[w];
      const dz2 = d2Z[w];
      if (dz2 >= r2max) continue;
      const zBase = iZ[w];
      for (let v = 0; v < lenY; v++) {
        const dy = dY[v];
        const dyz2 = dz2 + d2Y[v];
        if (dyz2 >= r2max) continue;
        const rowBase = zBase + iY[v];
        for (let u = 0; u < lenX; u++) {
          const dx2 = d2X[u];
          if (dyz2 + dx2 >= r2max) continue;
          const dx = dX[u];
          const xx = dx2;
          const yy = dy * dy;
          const zz = dz2;
          const xy = 2 * dx * dy;
          const xz = 2 * dx * dz;
          const yz = 2 * dy * dz;
          let s = 0;
          for (let i = 0, o = 0; i < 5; i++, o += 6) {
            s +=
              amp[i] *
              Math.exp(
                m[o] * xx + m[o + 1] * yy + m[o + 2] * zz + m[o + 3] * xy + m[o + 4] * xz + m[o + 5] * yz,
              );
          }
          out[rowBase + iX[u]] += s;
        }
      }
    }
  }
}

/**
 * Fills one axis's tables for grid coordinate g: offsets round(g) − d … round(g) + d, their signed distance to
 * the atom (Å), squared distance, and wrapped index times `stride`. Returns the table length 2d + 1.
 * (Shared with the B-factor gradient kernel, which must visit exactly the points this kernel fills.)
 */
export function fillAxis(
  g: number,
  radiusA: number,
  n: number,
  voxelA: number,
  stride: number,
  d: Float64Array,
  d2: Float64Array,
  idx: Int32Array,
): number {
  let half = Math.ceil(radiusA / voxelA);
  if (half > n - 1) half = n - 1;
  if (!(half >= 0)) half = 0;
  const first = roundHalfAway(g) - half;
  const len = 2 * half + 1;
  let wrapped = wrapIndex(first, n);
  for (let t = 0; t < len; t++) {
    const dist = (g - (first + t)) * voxelA;
    d[t] = dist;
    d2[t] = dist * dist;
    idx[t] = wrapped * stride;
    if (++wrapped === n) wrapped = 0;
  }
  return len;
}

/** e_i[t] = exp(k_i · d2[t]) for t < len. */
function fillExpSplit(
  d2: Float64Array,
  len: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
  k4: number,
  e0: Float64Array,
  e1: Float64Array,
  e2: Float64Array,
  e3: Float64Array,
  e4: Float64Array,
): void {
  for (let t = 0; t < len; t++) {
    const r2 = d2[t];
    e0[t] = Math.exp(k0 * r2);
    e1[t] = Math.exp(k1 * r2);
    e2[t] = Math.exp(k2 * r2);
    e3[t] = Math.exp(k3 * r2);
    e4[t] = Math.exp(k4 * r2);
  }
}

/** e[5t + i] = exp(k_i · d2[t]) for t < len. */
function fillExp(
  d2: Float64Array,
  len: number,
  k0: number,
  k1: number,
  k2: number,
  k3: number,
  k4: number,
  e: Float64Array,
): void {
  for (let t = 0, o = 0; t < len; t++, o += 5) {
    const r2 = d2[t];
    e[o] = Math.exp(k0 * r2);
    e[o + 1] = Math.exp(k1 * r2);
    e[o + 2] = Math.exp(k2 * r2);
    e[o + 3] = Math.exp(k3 * r2);
    e[o + 4] = Math.exp(k4 * r2);
  }
}
