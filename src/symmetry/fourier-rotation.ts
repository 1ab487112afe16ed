/**
 * The Fourier-space kernel of symmetrisation (spec §7; LocScale 2.0 `symmetrize_map.py` and EMDA's
 * `fcodes_fast.f90:trilinear2` / its PyTorch port `trilinear_torch.py:rotate_ft`), for an even cube of edge m.
 *
 * ## Layouts
 * - **Centred spectrum** `F`: interleaved complex Float64Array of m³ values, [z][y][x], holding
 *   fftshift(fftn(fftshift(map))). Frequency c ∈ [−m/2, m/2 − 1] on each axis sits at index c + m/2, so the
 *   zero frequency is at m/2 and the rotation origin in real space is voxel m/2.
 * - **Half-space accumulator** `acc`: the planes h = −m/2 … 0 of a centred spectrum along z (the first array
 *   axis), i.e. (m/2 + 1)·m² complex values, plane h at index h + m/2. The planes h > 0 are never stored: they
 *   are the Friedel mates of the planes h < 0 and are produced once, at the end, from the sum over operators
 *   (conjugation is linear, so filling after summing equals summing filled spectra).
 *
 * ## What one operator adds (`accumulateRotatedSpectrum`), as in the original
 * For every integer centred frequency s = (h, k, l) (z, y, x) with h ≤ 0 and |s| ≤ m/2 + 0.5, the value
 * F(Rᵀs) is trilinearly interpolated from the complex grid (Rᵀs in x, y, z, permuted to z, y, x; the
 * original permutes the matrix instead). A point whose eight neighbours are not all inside the grid
 * (floor(X) < −m/2 or floor(X) + 1 > m/2 − 1 on some axis) gets 0. On the plane h = 0 the original then
 * overwrites each point p whose mate −p lies in the box (k, l ≠ −m/2) and was interpolated validly by
 * conj(F_R(−p)); that exact rule is reproduced per operator. For h > 0: F_R(p) = conj(F_R(−p)) when
 * k, l ≠ −m/2, and 0 on those −m/2 faces (they have no mate in the box).
 *
 * In real space F(Rᵀs) is the map turned by R about voxel m/2: the density at p moves to R·p.
 *
 * ## Back to real space (`halfSpectrumForInverse`)
 * The original takes ifftshift(Re(ifftn(ifftshift(avg)))). With Y = ifftshift(avg) (standard layout) and the
 * final real-space shift folded in as the factor (−1)^(u_z+u_y+u_x), Re(ifftn(·)) is the c2r inverse of the
 * Hermitian part H(u) = (Y′(u) + conj(Y′(−u)))/2, so only the rfftn half of H is built and a real inverse
 * FFT finishes the job, exactly (to round-off) what the original computes.
 */
import type { Mat3 } from './mat3.js';

/** Edge of the target tiles (cache blocking). */
const TILE = 16;

/** Scratch for the h = 0 plane (values and validity), reused across operators. */
export interface PlaneScratch {
  readonly values: Float64Array;
  readonly valid: Uint8Array;
}

export function createPlaneScratch(m: number): PlaneScratch {
  return { values: new Float64Array(2 * m * m), valid: new Uint8Array(m * m) };
}

/** Float64 entries of the half-space accumulator for an even cube of edge m: 2·(m/2 + 1)·m². */
export function accumulatorLength(m: number): number {
  return 2 * (m / 2 + 1) * m * m;
}

/** floor(√v) for an integer v ≥ 0, exact. */
function isqrt(v: number): number {
  let r = Math.floor(Math.sqrt(v));
  while (r * r > v) r--;
  while ((r + 1) * (r + 1) <= v) r++;
  return r;
}

/**
 * Fills the centred spectrum `F` (2·m³ floats) from `half` = rfftn(map) of the real map (numpy layout
 * [m][m][m/2 + 1]): F = fftshift(fftn(fftshift(map))). The inner fftshift is the factor (−1)^(u_z+u_y+u_x);
 * the missing half comes from Hermitian symmetry.
 */
export function centredSpectrumFromHalf(half: Float64Array, m: number, F: Float64Array): void {
  const h = m / 2;
  const nxh = h + 1;
  for (let iz = 0; iz < m; iz++) {
    const cz = iz - h;
    const uz = cz < 0 ? cz + m : cz;
    const uzm = uz === 0 ? 0 : m - uz;
    for (let iy = 0; iy < m; iy++) {
      const cy = iy - h;
      const uy = cy < 0 ? cy + m : cy;
      const uym = uy === 0 ? 0 : m - uy;
      const direct = (uz * m + uy) * nxh;
      const mirror = (uzm * m + uym) * nxh;
      let o = (iz * m + iy) * m * 2;
      // parity of cz + cy + cx; cx starts at −m/2 (even m: same parity as m/2)
      let sign = ((cz + cy + h) & 1) === 0 ? 1 : -1;
      for (let ix = 0; ix < m; ix++) {
        const cx = ix - h;
        const ux = cx < 0 ? cx + m : cx;
        if (ux <= h) {
          const s = 2 * (direct + ux);
          F[o] = sign * half[s];
          F[o + 1] = sign * half[s + 1];
        } else {
          const s = 2 * (mirror + (m - ux));
          F[o] = sign * half[s];
          F[o + 1] = -sign * half[s + 1];
        }
        o += 2;
        sign = -sign;
      }
    }
  }
}

/**
 * Adds F(Rᵀs) for l = lLo … lHi of one row into `dst` at `dstBase + 2·l` (and sets `valid[validBase + l]`
 * when `valid` is given). X = b + a·l is the source position in centred frequency units, x, y, z.
 */
function interpolateRow(
  F: Float64Array,
  m: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  lLo: number,
  lHi: number,
  dst: Float64Array,
  dstBase: number,
  valid: Uint8Array | null,
  validBase: number,
): void {
  const h = m / 2;
  const nmin = -h;
  const nmax = h - 1;
  const sy = 2 * m;
  const sz = 2 * m * m;
  for (let l = lLo; l <= lHi; l++) {
    const xx = bx + ax * l;
    const xy = by + ay * l;
    const xz = bz + az * l;
    const x0 = Math.floor(xx) | 0; // | 0: int32 indices keep V8 on integer arithmetic
    const y0 = Math.floor(xy) | 0;
    const z0 = Math.floor(xz) | 0;
    // both corners on every axis inside [nmin, nmax], else the point stays 0 (original's rule)
    if (x0 < nmin || x0 >= nmax || y0 < nmin || y0 >= nmax || z0 < nmin || z0 >= nmax) continue;
    const w0 = xz - z0; // z
    const v0 = 1 - w0;
    const w1 = xy - y0; // y
    const v1 = 1 - w1;
    const w2 = xx - x0; // x
    const v2 = 1 - w2;
    const a = (((z0 + h) * m + (y0 + h)) * m + (x0 + h)) * 2; // corner (z0, y0, x0)
    const b = a + sz; // z + 1
    // interpolate along z first, then y, then x (the original's order)
    const c00r = F[a] * v0 + F[b] * w0;
    const c00i = F[a + 1] * v0 + F[b + 1] * w0;
    const c01r = F[a + 2] * v0 + F[b + 2] * w0;
    const c01i = F[a + 3] * v0 + F[b + 3] * w0;
    const c10r = F[a + sy] * v0 + F[b + sy] * w0;
    const c10i = F[a + sy + 1] * v0 + F[b + sy + 1] * w0;
    const c11r = F[a + sy + 2] * v0 + F[b + sy + 2] * w0;
    const c11i = F[a + sy + 3] * v0 + F[b + sy + 3] * w0;
    const o = dstBase + 2 * l;
    dst[o] += (c00r * v1 + c10r * w1) * v2 + (c01r * v1 + c11r * w1) * w2;
    dst[o + 1] += (c00i * v1 + c10i * w1) * v2 + (c01i * v1 + c11i * w1) * w2;
    if (valid !== null) valid[validBase + l] = 1;
  }
}

/**
 * Adds the spectrum of the map turned by `op` (F_R(s) = F(Rᵀs), module doc) into the half-space
 * accumulator `acc` (planes h ≤ 0). `op` acts on column vectors (x, y, z).
 */
export function accumulateRotatedSpectrum(
  F: Float64Array,
  m: number,
  op: Mat3,
  acc: Float64Array,
  scratch: PlaneScratch,
): void {
  const h2 = m / 2;
  const nmin = -h2;
  const nmax = h2 - 1;
  const r2max = h2 * h2 + h2; // |s| ≤ m/2 + 0.5  ⇔  |s|² ≤ m²/4 + m/2 for integer s
  // X = Rᵀ s: X_i = Σ_j R[j][i]·s_j with s = (l, k, h) in x, y, z
  const ax = op[0][0],
    ay = op[0][1],
    az = op[0][2]; // coefficients of l (s_x)
  const kx = op[1][0],
    ky = op[1][1],
    kz = op[1][2]; // of k (s_y)
  const hx = op[2][0],
    hy = op[2][1],
    hz = op[2][2]; // of h (s_z)

  // planes h < 0: straight into the accumulator, in tiles of TILE³ target points so that the source
  // points one tile reads (a turned cube) stay in cache; every target point still gets exactly one term
  for (let h0 = nmin; h0 < 0; h0 += TILE) {
    const h1 = Math.min(h0 + TILE, 0);
    for (let k0 = nmin; k0 <= nmax; k0 += TILE) {
      const k1 = Math.min(k0 + TILE, nmax + 1);
      for (let l0 = nmin; l0 <= nmax; l0 += TILE) {
        const l1 = Math.min(l0 + TILE, nmax + 1) - 1;
        for (let h = h0; h < h1; h++) {
          const planeBase = (h + h2) * m;
          for (let k = k0; k < k1; k++) {
            const rem = r2max - h * h - k * k;
            if (rem < 0) continue;
            const lm = isqrt(rem);
            const lLo = Math.max(l0, -lm);
            const lHi = Math.min(l1, lm);
            if (lLo > lHi) continue;
            const base = ((planeBase + k + h2) * m + h2) * 2;
            const bx = hx * h + kx * k;
            const by = hy * h + ky * k;
            const bz = hz * h + kz * k;
            interpolateRow(F, m, ax, ay, az, bx, by, bz, lLo, lHi, acc, base, null, 0);
          }
        }
      }
    }
  }

  // plane h = 0: interpolate into scratch, then apply the original's overwrite-by-mate rule
  const { values, valid } = scratch;
  values.fill(0);
  valid.fill(0);
  for (let k = nmin; k <= nmax; k++) {
    const rem = r2max - k * k;
    if (rem < 0) continue;
    const lm = isqrt(rem);
    const lLo = Math.max(nmin, -lm);
    const lHi = Math.min(nmax, lm);
    const row = (k + h2) * m + h2;
    interpolateRow(F, m, ax, ay, az, kx * k, ky * k, kz * k, lLo, lHi, values, 2 * row, valid, row);
  }
  const accPlane = h2 * m * m * 2;
  for (let k = nmin; k <= nmax; k++) {
    for (let l = nmin; l <= nmax; l++) {
      const p = (k + h2) * m + (l + h2);
      const o = accPlane + 2 * p;
      if (k !== nmin && l !== nmin) {
        const q = (h2 - k) * m + (h2 - l);
        if (valid[q] === 1) {
          acc[o] += values[2 * q];
          acc[o + 1] -= values[2 * q + 1];
          continue;
        }
      }
      acc[o] += values[2 * p];
      acc[o + 1] += values[2 * p + 1];
    }
  }
}

/** Scratch for one complex value read by `spectrumAt`. */
const pick = new Float64Array(2);

/**
 * The full centred spectrum at (cz, cy, cx) from the half-space accumulator: planes h ≤ 0 directly, planes
 * h > 0 by conjugating the mate, and 0 on their −m/2 faces. Result in `pick`.
 */
function spectrumAt(acc: Float64Array, m: number, cz: number, cy: number, cx: number): void {
  const h = m / 2;
  if (cz <= 0) {
    const o = (((cz + h) * m + (cy + h)) * m + (cx + h)) * 2;
    pick[0] = acc[o];
    pick[1] = acc[o + 1];
  } else if (cy !== -h && cx !== -h) {
    const o = (((h - cz) * m + (h - cy)) * m + (h - cx)) * 2;
    pick[0] = acc[o];
    pick[1] = -acc[o + 1];
  } else {
    pick[0] = 0;
    pick[1] = 0;
  }
}

/**
 * Writes into `H` (rfftn layout [m][m][m/2 + 1], interleaved) the half spectrum whose c2r inverse is
 * ifftshift(Re(ifftn(ifftshift(acc_full · scale)))) — the original's last step (module doc).
 */
export function halfSpectrumForInverse(acc: Float64Array, m: number, scale: number, H: Float64Array): void {
  const h = m / 2;
  const nxh = h + 1;
  const half = 0.5 * scale;
  for (let uz = 0; uz < m; uz++) {
    const cz = uz < h ? uz : uz - m;
    const czm = cz === -h ? cz : -cz;
    for (let uy = 0; uy < m; uy++) {
      const cy = uy < h ? uy : uy - m;
      const cym = cy === -h ? cy : -cy;
      let o = (uz * m + uy) * nxh * 2;
      for (let ux = 0; ux <= h; ux++) {
        const cx = ux < h ? ux : -h;
        const cxm = cx === -h ? cx : -cx;
        spectrumAt(acc, m, cz, cy, cx);
        const ar = pick[0];
        const ai = pick[1];
        spectrumAt(acc, m, czm, cym, cxm);
        const f = ((uz + uy + ux) & 1) === 0 ? half : -half;
        H[o] = f * (ar + pick[0]);
        H[o + 1] = f * (ai - pick[1]);
        o += 2;
      }
    }
  }
}
