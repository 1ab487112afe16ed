/**
 * Tables that depend only on the window size wn (even): how each element of a window's spectrum feeds the
 * octant radial profile (spec §6.3) and the centre value of the rescaled window (spec §6.4).
 *
 * Window spectra are unnormalised `rfftn` half spectra, [wn][wn][wn/2 + 1] complex (raw storage indices).
 */
import { signedIndex } from '../spectra/frequency.js';

export interface WindowTables {
  readonly wn: number;
  /** wn/2 + 1: number of profile bins, scale factors, and octant extent per axis. */
  readonly nBins: number;
  /** Profile frequencies r/wn (cycles/voxel), r = 0 … wn/2. */
  readonly freqPerVoxel: Float64Array;
  /**
   * Octant elements (raw indices kz, ky, kx ≤ wn/2) in storage order of the octant block [h][h][h]
   * (h = nBins): their bin ⌊√(kz² + ky² + kx²)⌋ (≥ nBins: not in the profile) …
   */
  readonly octantBin: Int32Array;
  /** … and the reciprocal element count of each bin, so profile = Σ|F|·wn^(−3/2) · invCount. */
  readonly invBinCount: Float64Array;
  /**
   * Per octant row (kz, ky), [h][h]: how many leading kx are in the profile (bin < nBins, i.e. inside the sphere
   * kz² + ky² + kx² < nBins²); the rest of the row never is.
   */
  readonly profileRowLength: Int32Array;
  /**
   * Centre value of the rescaled window as a linear form in the scale factors (spec §6.4):
   * centre = Σ_r k_r · b_r with b_r = Σ_e (loWeight_e·[r = lo_e] + hiWeight_e·[r = lo_e + 1]) · Re F_e over the
   * half-spectrum elements e. loWeight/hiWeight fold the Hermitian weight (2 inside, 1 on the kx = 0 and kx = wn/2
   * planes), the phase (−1)^(kz+ky+kx) of the centre voxel wn/2, the 1/wn³ of the inverse transform, and the
   * linear-interpolation hat of s(|k|) between the anchors r/wn (clamped to k_{wn/2} beyond wn/2).
   */
  readonly lo: Int32Array;
  readonly loWeight: Float64Array;
  readonly hiWeight: Float64Array;
}

const cache = new Map<number, WindowTables>();

export function windowTables(wn: number): WindowTables {
  if (wn % 2 !== 0 || wn < 2) throw new RangeError(`window size must be even and ≥ 2, got ${wn}`);
  const cached = cache.get(wn);
  if (cached) return cached;
  const h = wn / 2 + 1;
  const freqPerVoxel = new Float64Array(h);
  for (let r = 0; r < h; r++) freqPerVoxel[r] = r / wn;

  const octantBin = new Int32Array(h * h * h);
  const count = new Float64Array(h);
  let o = 0;
  for (let kz = 0; kz < h; kz++)
    for (let ky = 0; ky < h; ky++)
      for (let kx = 0; kx < h; kx++, o++) {
        const r = Math.floor(Math.sqrt(kz * kz + ky * ky + kx * kx));
        octantBin[o] = r;
        if (r < h) count[r] += 1;
      }
  const invBinCount = count.map((c) => 1 / c);
  const profileRowLength = new Int32Array(h * h);
  for (let kz = 0; kz < h; kz++)
    for (let ky = 0; ky < h; ky++) {
      let kx = 0;
      while (kx < h && kz * kz + ky * ky + kx * kx < h * h) kx++;
      profileRowLength[kz * h + ky] = kx;
    }

  const n = wn * wn * h;
  const lo = new Int32Array(n);
  const loWeight = new Float64Array(n);
  const hiWeight = new Float64Array(n);
  const inv = 1 / (wn * wn * wn);
  let e = 0;
  for (let z = 0; z < wn; z++) {
    const kz = signedIndex(z, wn);
    for (let y = 0; y < wn; y++) {
      const ky = signedIndex(y, wn);
      for (let kx = 0; kx < h; kx++, e++) {
        const weight = kx === 0 || kx === wn / 2 ? 1 : 2;
        const sign = (kz + ky + kx) % 2 === 0 ? 1 : -1;
        const c = weight * sign * inv;
        const rho = Math.sqrt(kz * kz + ky * ky + kx * kx); // |k| in units of 1/wn
        if (rho >= h - 1) {
          lo[e] = h - 1;
          loWeight[e] = c;
          hiWeight[e] = 0;
        } else {
          const r = Math.floor(rho);
          const t = rho - r;
          lo[e] = r;
          loWeight[e] = c * (1 - t);
          hiWeight[e] = c * t;
        }
      }
    }
  }
  const tables = {
    wn,
    nBins: h,
    freqPerVoxel,
    octantBin,
    invBinCount,
    profileRowLength,
    lo,
    loWeight,
    hiWeight,
  };
  cache.set(wn, tables);
  return tables;
}
