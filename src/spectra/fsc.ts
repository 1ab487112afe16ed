/**
 * Fourier shell correlation between two maps (half maps) and the resolution where it crosses a threshold, in
 * LocScale 2.0's form (spec §2.3) and in the standard form.
 */
import type { RealGrid, Volume } from '../grid/volume.js';
import { applyFourierGain } from './filters.js';
import { requireSameGrid } from '../grid/volume.js';
import { forwardSpectrum } from './spectrum.js';
import type { ShellBinning } from './shells.js';
import { locscaleShells, standardShells } from './shells.js';

export interface FscCurve {
  /** Shell frequencies (1/Å). */
  readonly freqPerA: Float64Array;
  readonly fsc: Float64Array;
}

/**
 * FSC per shell: Σ Re(F1·F2*) / √(Σ|F1|² · Σ|F2|²) over the elements of each shell, weighted by
 * `shells.weight`. A shell whose power is zero (|P| < 5e-16, the original's "rounds to 0 at 15 decimals") gets 0.
 */
export function fscOnShells(h1: RealGrid, h2: RealGrid, shells: ShellBinning): Float64Array {
  requireSameGrid(h1, h2, ['first half map', 'second half map']);
  const f1 = forwardSpectrum(h1);
  const f2 = forwardSpectrum(h2);
  const n = shells.nShells;
  const cross = new Float64Array(n);
  const p1 = new Float64Array(n);
  const p2 = new Float64Array(n);
  const { shellOf, weight } = shells;
  for (let e = 0, o = 0; e < shellOf.length; e++, o += 2) {
    const s = shellOf[e];
    if (s < 0) continue;
    const w = weight[e];
    const a = f1[o];
    const b = f1[o + 1];
    const c = f2[o];
    const d = f2[o + 1];
    cross[s] += w * (a * c + b * d);
    p1[s] += w * (a * a + b * b);
    p2[s] += w * (c * c + d * d);
  }
  const fsc = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    fsc[s] = Math.abs(p1[s]) < 5e-16 || Math.abs(p2[s]) < 5e-16 ? 0 : cross[s] / Math.sqrt(p1[s] * p2[s]);
  }
  return fsc;
}

/**
 * LocScale 2.0's FSC (spec §2.3): unnormalised rfftn, shells r = ⌊|k|⌋ (signed integer indices) for
 * r = 0 … N/2 − 1 (N = nz), no Hermitian weighting, FSC[0] clamped to ≥ 0, and the stretched frequency axis
 * `linspace(0, 1/(2·apix), N/2)`.
 */
export function fscLocscale(h1: RealGrid, h2: RealGrid, apixA: number): FscCurve {
  const shells = locscaleShells(h1.shapeZyx, apixA);
  const fsc = fscOnShells(h1, h2, shells);
  if (fsc.length > 0 && fsc[0] < 0) fsc[0] = 0;
  return { freqPerA: shells.freqPerA, fsc };
}

/** Standard FSC on `standardShells` (full-sphere sums, shells from f = 0 to Nyquist). */
export function fscStandard(h1: RealGrid, h2: RealGrid): FscCurve {
  const shells = standardShells(h1.shapeZyx, h1.voxelSizeXyzA);
  return { freqPerA: shells.freqPerA, fsc: fscOnShells(h1, h2, shells) };
}

/**
 * LocScale 2.0's resolution at an FSC threshold (spec §2.3 step 4): the (FSC, f) pairs are sorted by FSC (stable),
 * f is linearly interpolated as a function of FSC at the threshold (scipy `interp1d` semantics) and the result
 * is 1/f in Å. Returns null when the threshold lies outside [min FSC, max FSC] (the original raises).
 */
export function resolutionFromFscLocscale(curve: FscCurve, threshold = 0.143): number | null {
  const n = curve.fsc.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => curve.fsc[a] - curve.fsc[b] || a - b);
  const x = order.map((i) => curve.fsc[i]);
  const y = order.map((i) => curve.freqPerA[i]);
  if (n < 2 || threshold < x[0] || threshold > x[n - 1]) return null;
  // searchsorted(x, threshold, side='left'), clipped to [1, n−1]
  let hi = 0;
  while (hi < n && x[hi] < threshold) hi++;
  hi = Math.min(Math.max(hi, 1), n - 1);
  const lo = hi - 1;
  const f = y[lo] + ((threshold - x[lo]) * (y[hi] - y[lo])) / (x[hi] - x[lo]);
  return 1 / f;
}

export interface FscResolution {
  /** Resolution (Å) at the threshold crossing, or at Nyquist when the curve never drops below it. */
  readonly resolutionA: number;
  /** False when the FSC stays above the threshold up to Nyquist. */
  readonly crossed: boolean;
}

/**
 * Standard resolution at an FSC threshold: the first shell s ≥ 1 whose FSC falls below the threshold, with the
 * crossing frequency linearly interpolated between shells s − 1 and s.
 */
export function resolutionFromFsc(curve: FscCurve, threshold = 0.143): FscResolution {
  const { fsc, freqPerA } = curve;
  for (let s = 1; s < fsc.length; s++) {
    if (fsc[s] < threshold) {
      const t = (fsc[s - 1] - threshold) / (fsc[s - 1] - fsc[s]);
      const f = freqPerA[s - 1] + t * (freqPerA[s] - freqPerA[s - 1]);
      return { resolutionA: 1 / f, crossed: true };
    }
  }
  return { resolutionA: 1 / freqPerA[freqPerA.length - 1], crossed: false };
}

/**
 * `--apply_fsc_filter` (spec §2.2): multiplies the Fourier coefficients of `volume` in LocScale shell r
 * (r = 0 … N/2 − 1, ⌊|k|⌋ with signed indices) by C_ref = √(2·FSC_r/(1 + FSC_r)), negative FSC taken as 0;
 * shells r ≥ N/2 are left unchanged. `fsc` is the curve of `fscLocscale`.
 */
export function fscWeight(volume: Volume, fsc: ArrayLike<number>): Volume {
  const nShells = volume.shapeZyx[0] >> 1;
  const weight = new Float64Array(nShells);
  for (let r = 0; r < nShells; r++) {
    const f = Math.max(0, fsc[r]);
    weight[r] = Math.sqrt((2 * f) / (1 + f));
  }
  return applyFourierGain(volume, (kz, ky, kx) => {
    const r = Math.floor(Math.sqrt(kz * kz + ky * ky + kx * kx));
    return r < nShells ? weight[r] : 1;
  });
}
