/**
 * Scale-factor rules (spec §6.3): from a window's EM and reference octant profiles to the factors k_r that
 * rescale the EM window's amplitudes, r = 0 … wn/2.
 *
 * A rule is described by plain data (`ScaleRuleSpec`, so it can cross into worker threads) and built into a
 * `ScaleRule` once per thread. Rules write into caller-owned arrays and allocate nothing per window.
 */
import { fitLogLinear } from '../spectra/profile-fit.js';
import { theoreticalProfile } from '../spectra/theoretical-profile.js';

export type ScaleRuleSpec =
  /** Case C, plain reference: k_r = |R_r| / |E_r|. With `measureBFactors`, the local B of the reference window
   *  (−4·slope of ln R against f² between 10 Å and the FSC cutoff) and the fit's R² are reported. */
  | { readonly kind: 'reference'; readonly fscCutoffA: number; readonly measureBFactors: boolean }
  /** Case A, no reference (spec §4.5): sharpen each window from its own Wilson B to `targetBA2`. */
  | {
      readonly kind: 'no-reference';
      readonly wilsonCutoffA: number;
      readonly fscCutoffA: number;
      readonly targetBA2: number;
    }
  /** Case B, theoretical profile (spec §4.4): the reference profile plus the helix profile's secondary-structure
   *  deviations, scaled to the window's local B, between the local Wilson cutoff and the FSC cutoff. */
  | {
      readonly kind: 'theoretical';
      /** Global Wilson cutoff d_W (Å, spec §2.8): the upper clip of the local Wilson cutoff. */
      readonly wilsonCutoffA: number;
      readonly fscCutoffA: number;
      /** LocScale's `nyquist` (Å, spec §2.9): the high-resolution end of the log-linear fits. */
      readonly nyquistA: number;
      /** `--boost_secondary_structure` (1.5). */
      readonly boost: number;
    };

/** Per-window fit results a rule reports (NaN when it does not measure them). */
export interface WindowFit {
  bFactorA2: number;
  qfit: number;
}

export interface ScaleRule {
  readonly needsReference: boolean;
  /** Writes k_r into `factors`; `ref` is null when `needsReference` is false. */
  compute(em: Float64Array, ref: Float64Array | null, factors: Float64Array, fit: WindowFit): void;
}

/** The local-B band of `--measure_bfactors` starts at 10 Å (spec §6.3, case C). */
const MEASURE_BFACTOR_LOW_RES_A = 10;

/** k = |a|/|b| with non-finite results (division by zero, NaN) replaced by 0, as the original does. */
function ratioOrZero(a: number, b: number): number {
  const k = Math.abs(a) / Math.abs(b);
  return Number.isFinite(k) ? k : 0;
}

/** Builds a rule for windows of size `wn` at `apixA` Å/voxel (profile frequencies f_r = r/(wn·apix) 1/Å). */
export function makeScaleRule(spec: ScaleRuleSpec, wn: number, apixA: number): ScaleRule {
  const nBins = wn / 2 + 1;
  const freqPerA = new Float64Array(nBins);
  for (let r = 0; r < nBins; r++) freqPerA[r] = r / (wn * apixA);

  switch (spec.kind) {
    case 'theoretical':
      return theoreticalRule(spec, apixA, freqPerA);
    case 'reference':
      return {
        needsReference: true,
        compute(em, ref, factors, fit) {
          const r = ref as Float64Array;
          for (let i = 0; i < nBins; i++) factors[i] = ratioOrZero(r[i], em[i]);
          if (spec.measureBFactors) {
            const g = fitLogLinear(freqPerA, r, MEASURE_BFACTOR_LOW_RES_A, spec.fscCutoffA);
            fit.bFactorA2 = g.bFactorA2;
            fit.qfit = g.rSquared;
          } else {
            fit.bFactorA2 = NaN;
            fit.qfit = NaN;
          }
        },
      };
    case 'no-reference': {
      // merge(P, 0, k = 10, d_cut = fsc_cutoff) keeps w_j·P_j with w_j = 1/(1 + exp(10·(d_cut − 1/f_j)))
      const mergeWeight = freqPerA.map((f) => 1 / (1 + Math.exp(10 * (spec.fscCutoffA - 1 / f))));
      return {
        needsReference: false,
        compute(em, _ref, factors, fit) {
          const g = fitLogLinear(freqPerA, em, spec.wilsonCutoffA, spec.fscCutoffA);
          const bSharp = g.bFactorA2 - spec.targetBA2;
          for (let i = 0; i < nBins; i++) {
            const p = em[i] * Math.exp((bSharp / 4) * freqPerA[i] * freqPerA[i]);
            factors[i] = ratioOrZero(mergeWeight[i] * p, em[i]);
          }
          fit.bFactorA2 = g.bFactorA2;
          fit.qfit = g.rSquared;
        },
      };
    }
  }
}

/** First index j with f_j ≥ f, or n when none. */
function firstAtLeast(freq: Float64Array, f: number): number {
  for (let j = 0; j < freq.length; j++) if (freq[j] >= f) return j;
  return freq.length;
}

/**
 * Case B (spec §4.4), per window:
 * 1. local Wilson cutoff: M = 16·R₀ (R₀ = the reference window's DC amplitude, "number of atoms"),
 *    d_loc = 1/(0.309·M^(−1/12)) clipped to [1.5·fsc_cutoff, d_W] (numpy clip: d_W wins if they cross);
 * 2. scale the theoretical profile T to the reference: S = (A_R/A_T)·T·exp((s_R − s_T)·f²) with the log-linear
 *    fits G(·; d_loc, nyquist); the local B is −4·s_R and the fit quality its R²;
 * 3. deviations D = S − A_S·exp(s_S·f²) (G(S; d_loc, nyquist)), zero below 1/d_loc and from 1/fsc_cutoff on;
 * 4. R′ = R + m·D with m = boost if boost > 1 else 1; k = |R′|/|E|.
 */
function theoreticalRule(
  spec: Extract<ScaleRuleSpec, { kind: 'theoretical' }>,
  apixA: number,
  freqPerA: Float64Array,
): ScaleRule {
  const nBins = freqPerA.length;
  const t = theoreticalProfile(nBins, apixA);
  const magnify = spec.boost > 1 ? spec.boost : 1;
  const end = firstAtLeast(freqPerA, 1 / spec.fscCutoffA);
  const scaled = new Float64Array(nBins);
  return {
    needsReference: true,
    compute(em, ref, factors, fit) {
      const r = ref as Float64Array;
      const atoms = 16 * r[0];
      const dLocal = Math.min(
        Math.max(1 / (0.309 * atoms ** (-1 / 12)), 1.5 * spec.fscCutoffA),
        spec.wilsonCutoffA,
      );
      const gr = fitLogLinear(freqPerA, r, dLocal, spec.nyquistA);
      const gt = fitLogLinear(freqPerA, t, dLocal, spec.nyquistA);
      const amp = gr.amplitudeAtZero / gt.amplitudeAtZero;
      for (let j = 0; j < nBins; j++)
        scaled[j] = amp * t[j] * Math.exp((gr.slope - gt.slope) * freqPerA[j] ** 2);
      const gs = fitLogLinear(freqPerA, scaled, dLocal, spec.nyquistA);
      const start = firstAtLeast(freqPerA, 1 / dLocal);
      for (let j = 0; j < nBins; j++) {
        const deviation =
          j >= start && j < end ? scaled[j] - gs.amplitudeAtZero * Math.exp(gs.slope * freqPerA[j] ** 2) : 0;
        factors[j] = ratioOrZero(r[j] + magnify * deviation, em[j]);
      }
      fit.bFactorA2 = gr.bFactorA2;
      fit.qfit = gr.rSquared;
    },
  };
}
