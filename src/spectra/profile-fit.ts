/**
 * Guinier/Wilson fits of radial amplitude profiles and profile merging (spec §4.4), as LocScale 2.0's
 * `estimate_bfactor_standard` and `merge_two_profiles` compute them.
 */

export interface LogLinearFit {
  /** Slope s of ln P against f² (1/Å² → Å²). The standard B-factor is −4s. */
  readonly slope: number;
  /** Intercept c of ln P at f = 0. */
  readonly intercept: number;
  /** e^c: the fitted amplitude at f = 0. */
  readonly amplitudeAtZero: number;
  /** Standard B-factor (Å²) = −4·slope. */
  readonly bFactorA2: number;
  /** Coefficient of determination 1 − SS_res/SS_tot of the fit in (f², ln P). */
  readonly rSquared: number;
  /** Index range [start, end) of the samples used. */
  readonly start: number;
  readonly end: number;
}

/**
 * Index range of a profile between two resolutions (spec §4.4, `estimate_bfactor_standard`): from the first j
 * with f_j ≥ 1/dLowA (0 if f_0 already is) up to, excluding, the first j with f_j ≥ 1/dHighA (n if the last
 * frequency is ≤ 1/dHighA).
 */
export function bandIndices(freqPerA: ArrayLike<number>, dLowA: number, dHighA: number): [number, number] {
  const n = freqPerA.length;
  const fLow = 1 / dLowA;
  const fHigh = 1 / dHighA;
  let start = 0;
  if (!(freqPerA[0] >= fLow)) {
    start = n;
    for (let j = 0; j < n; j++)
      if (freqPerA[j] >= fLow) {
        start = j;
        break;
      }
  }
  let end = n;
  if (!(freqPerA[n - 1] <= fHigh)) {
    for (let j = 0; j < n; j++)
      if (freqPerA[j] >= fHigh) {
        end = j;
        break;
      }
  }
  return [start, end];
}

/**
 * Ordinary least squares of ln P_j on f_j² over the band [dLowA, dHighA] (spec §4.4 G(P; d_lo, d_hi)).
 * The original uses scipy `curve_fit` on a linear model, whose optimum is this closed form.
 * Returns NaN fields when the band has fewer than 2 samples or a non-positive amplitude (the original aborts).
 */
export function fitLogLinear(
  freqPerA: ArrayLike<number>,
  amplitude: ArrayLike<number>,
  dLowA: number,
  dHighA: number,
): LogLinearFit {
  const [start, end] = bandIndices(freqPerA, dLowA, dHighA);
  const m = end - start;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let valid = m >= 2;
  for (let j = start; j < end && valid; j++) {
    const p = amplitude[j];
    if (!(p > 0)) valid = false;
    const x = freqPerA[j] * freqPerA[j];
    const y = Math.log(p);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  if (!valid) {
    return {
      slope: NaN,
      intercept: NaN,
      amplitudeAtZero: NaN,
      bFactorA2: NaN,
      rSquared: NaN,
      start,
      end,
    };
  }
  const mx = sx / m;
  const my = sy / m;
  const slope = (sxy - m * mx * my) / (sxx - m * mx * mx);
  const intercept = my - slope * mx;
  let ssRes = 0;
  let ssTot = 0;
  for (let j = start; j < end; j++) {
    const x = freqPerA[j] * freqPerA[j];
    const y = Math.log(amplitude[j]);
    const r = y - (intercept + slope * x);
    ssRes += r * r;
    ssTot += (y - my) * (y - my);
  }
  return {
    slope,
    intercept,
    amplitudeAtZero: Math.exp(intercept),
    bFactorA2: -4 * slope,
    rSquared: 1 - ssRes / ssTot,
    start,
    end,
  };
}

/**
 * `merge_two_profiles` (spec §4.4 step 3): w_j = 1/(1 + exp(k·(d_cut − 1/f_j))), merged = w·P₁ + (1 − w)·P₂.
 * At f = 0, 1/f = ∞ and w = 1. `smooth` is k (1/Å).
 */
export function mergeProfiles(
  profile1: ArrayLike<number>,
  profile2: ArrayLike<number>,
  freqPerA: ArrayLike<number>,
  smooth: number,
  dCutoffA: number,
): Float64Array {
  const n = freqPerA.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const w = 1 / (1 + Math.exp(smooth * (dCutoffA - 1 / freqPerA[j])));
    out[j] = w * profile1[j] + (1 - w) * profile2[j];
  }
  return out;
}
