/**
 * The adjoint of the isotropic density kernel with respect to B: for one atom, the sum over the grid points its
 * density reaches of field(v) · ∂ρ(v)/∂B.
 *
 * An isotropic atom adds ρ(r) = Σ_g A_g·exp(K_g r²) with A_g = occ·a_g·(4π/W_g)^{3/2}, K_g = −4π²/W_g and
 * W_g = b_g + B + B_x (C4322 Gaussian g, atomic B, blur). Differentiating A_g and K_g through W_g (∂W_g/∂B = 1):
 *
 *   ∂ρ/∂B = Σ_g A_g·exp(K_g r²)·(α_g r² − β_g),   α_g = 4π²/W_g²,  β_g = 3/(2W_g).
 *
 * The points visited, the box of round(g) ± ⌈radius/voxel⌉, the periodic wrap and the per-row x range, are those of
 * `DensityAccumulator.addIsotropic` (the same `fillAxis` tables and the same range tests), so the gather is the
 * exact transpose of the scatter for a fixed radius. Separable form: exp(K r²) = e_x·e_y·e_z per Gaussian and
 * r² = dx² + dy² + dz², so each row needs Σ_u f·e_x and Σ_u f·e_x·dx² per Gaussian (ten sums) and the row's
 * y and z factors finish the job; no exp in the inner loop.
 */
import type { KernelGrid } from './density-kernel.js';
import { fillAxis, roundHalfAway } from './density-kernel.js';

export class IsotropicGradientKernel {
  private readonly nx: number;
  private readonly ny: number;
  private readonly nz: number;
  private readonly sx: number;
  private readonly sy: number;
  private readonly sz: number;
  private readonly dX: Float64Array;
  private readonly d2X: Float64Array;
  private readonly iX: Int32Array;
  private readonly eX0: Float64Array;
  private readonly eX1: Float64Array;
  private readonly eX2: Float64Array;
  private readonly eX3: Float64Array;
  private readonly eX4: Float64Array;
  private readonly rX0: Float64Array;
  private readonly rX1: Float64Array;
  private readonly rX2: Float64Array;
  private readonly rX3: Float64Array;
  private readonly rX4: Float64Array;
  private readonly dY: Float64Array;
  private readonly d2Y: Float64Array;
  private readonly iY: Int32Array;
  private readonly eY: Float64Array;
  private readonly dZ: Float64Array;
  private readonly d2Z: Float64Array;
  private readonly iZ: Int32Array;
  private readonly eZ: Float64Array;

  constructor(grid: KernelGrid) {
    this.nx = grid.nx;
    this.ny = grid.ny;
    this.nz = grid.nz;
    this.sx = grid.voxelXA;
    this.sy = grid.voxelYA;
    this.sz = grid.voxelZA;
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
    this.rX0 = new Float64Array(mx);
    this.rX1 = new Float64Array(mx);
    this.rX2 = new Float64Array(mx);
    this.rX3 = new Float64Array(mx);
    this.rX4 = new Float64Array(mx);
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
   * Σ_v field[v] · Σ_g amp[g]·exp(k[g]·r²)·(alpha[g]·r² − beta[g]) over the points within `radiusA` of the atom at
   * grid coordinates (gx, gy, gz), r in Å; `amp` includes the occupancy.
   */
  gather(
    gx: number,
    gy: number,
    gz: number,
    amp: Float64Array,
    k: Float64Array,
    alpha: Float64Array,
    beta: Float64Array,
    radiusA: number,
    field: Float64Array,
  ): number {
    const lenX = fillAxis(gx, radiusA, this.nx, this.sx, 1, this.dX, this.d2X, this.iX);
    const cX = gx - (roundHalfAway(gx) - ((lenX - 1) >> 1));
    const lenY = fillAxis(gy, radiusA, this.ny, this.sy, this.nx, this.dY, this.d2Y, this.iY);
    const lenZ = fillAxis(gz, radiusA, this.nz, this.sz, this.nx * this.ny, this.dZ, this.d2Z, this.iZ);
    const k0 = k[0];
    const k1 = k[1];
    const k2 = k[2];
    const k3 = k[3];
    const k4 = k[4];
    const d2X = this.d2X;
    const eX0 = this.eX0;
    const eX1 = this.eX1;
    const eX2 = this.eX2;
    const eX3 = this.eX3;
    const eX4 = this.eX4;
    const rX0 = this.rX0;
    const rX1 = this.rX1;
    const rX2 = this.rX2;
    const rX3 = this.rX3;
    const rX4 = this.rX4;
    for (let t = 0; t < lenX; t++) {
      const r2 = d2X[t];
      const e0 = Math.exp(k0 * r2);
      const e1 = Math.exp(k1 * r2);
      const e2 = Math.exp(k2 * r2);
      const e3 = Math.exp(k3 * r2);
      const e4 = Math.exp(k4 * r2);
      eX0[t] = e0;
      eX1[t] = e1;
      eX2[t] = e2;
      eX3[t] = e3;
      eX4[t] = e4;
      rX0[t] = e0 * r2;
      rX1[t] = e1 * r2;
      rX2[t] = e2 * r2;
      rX3[t] = e3 * r2;
      rX4[t] = e4 * r2;
    }
    const d2Y = this.d2Y;
    const eY = this.eY;
    for (let t = 0, o = 0; t < lenY; t++, o += 5) {
      const r2 = d2Y[t];
      eY[o] = Math.exp(k0 * r2);
      eY[o + 1] = Math.exp(k1 * r2);
      eY[o + 2] = Math.exp(k2 * r2);
      eY[o + 3] = Math.exp(k3 * r2);
      eY[o + 4] = Math.exp(k4 * r2);
    }
    const d2Z = this.d2Z;
    const eZ = this.eZ;
    for (let t = 0, o = 0; t < lenZ; t++, o += 5) {
      const r2 = d2Z[t];
      eZ[o] = Math.exp(k0 * r2);
      eZ[o + 1] = Math.exp(k1 * r2);
      eZ[o + 2] = Math.exp(k2 * r2);
      eZ[o + 3] = Math.exp(k3 * r2);
      eZ[o + 4] = Math.exp(k4 * r2);
    }
    const r2max = radiusA * radiusA;
    const invSx = 1 / this.sx;
    const iX = this.iX;
    const iY = this.iY;
    const iZ = this.iZ;
    const a0 = amp[0];
    const a1 = amp[1];
    const a2 = amp[2];
    const a3 = amp[3];
    const a4 = amp[4];
    const al0 = alpha[0];
    const al1 = alpha[1];
    const al2 = alpha[2];
    const al3 = alpha[3];
    const al4 = alpha[4];
    const be0 = beta[0];
    const be1 = beta[1];
    const be2 = beta[2];
    const be3 = beta[3];
    const be4 = beta[4];
    let total = 0;
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
        // The same x range as DensityAccumulator.addIsotropic.
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
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        let q0 = 0;
        let q1 = 0;
        let q2 = 0;
        let q3 = 0;
        let q4 = 0;
        const rowBase = zBase + iY[v];
        const first = iX[lo];
        if (iX[hi] - first === hi - lo) {
          const shift = rowBase + first - lo;
          for (let u = lo; u <= hi; u++) {
            const f = field[shift + u];
            s0 += f * eX0[u];
            s1 += f * eX1[u];
            s2 += f * eX2[u];
            s3 += f * eX3[u];
            s4 += f * eX4[u];
            q0 += f * rX0[u];
            q1 += f * rX1[u];
            q2 += f * rX2[u];
            q3 += f * rX3[u];
            q4 += f * rX4[u];
          }
        } else {
          for (let u = lo; u <= hi; u++) {
            const f = field[rowBase + iX[u]];
            s0 += f * eX0[u];
            s1 += f * eX1[u];
            s2 += f * eX2[u];
            s3 += f * eX3[u];
            s4 += f * eX4[u];
            q0 += f * rX0[u];
            q1 += f * rX1[u];
            q2 += f * rX2[u];
            q3 += f * rX3[u];
            q4 += f * rX4[u];
          }
        }
        const ey = 5 * v;
        // Σ_u f·e_x·(α(dx² + dyz²) − β) = α·(q + dyz²·s) − β·s, times the row's y and z factors.
        total +=
          cz0 * eY[ey] * (al0 * (q0 + dyz2 * s0) - be0 * s0) +
          cz1 * eY[ey + 1] * (al1 * (q1 + dyz2 * s1) - be1 * s1) +
          cz2 * eY[ey + 2] * (al2 * (q2 + dyz2 * s2) - be2 * s2) +
          cz3 * eY[ey + 3] * (al3 * (q3 + dyz2 * s3) - be3 * s3) +
          cz4 * eY[ey + 4] * (al4 * (q4 + dyz2 * s4) - be4 * s4);
      }
    }
    return total;
  }
}
