/**
 * Scale-factor rules (spec §6.3): from a window's EM and reference octant profiles to the factors k_r that
 * rescale the EM window's amplitudes, r = 0 … wn/2.
 *
 * A rule is described by plain data (`ScaleRuleSpec`, so it can cross into worker threads) and built into a
 * `ScaleRule` once per thread. Rules write into caller-owned arrays and allocate nothing per window.
 */
import { fitLogLinear } from '../spectra/profile-fit.js';

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
