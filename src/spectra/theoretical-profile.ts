/**
 * Theoretical profiles resampled onto a window's frequency axis (spec §4.3, `get_theoretical_profile`).
 */
import type { TheoreticalProfileKind } from './tables/theoretical-profiles.js';
import { THEORETICAL_PROFILES } from './tables/theoretical-profiles.js';

/**
 * The `kind` profile (helix by default, as LocScale) at n frequencies `linspace(0, 1/(2·apix), n)` (1/Å), by
 * piece-wise linear interpolation with linear extrapolation outside the table (scipy interp1d 'slinear',
 * fill_value 'extrapolate'): the f = 0 value is extrapolated from the first two samples.
 */
export function theoreticalProfile(
  n: number,
  apixA: number,
  kind: TheoreticalProfileKind = 'helix',
): Float64Array {
  const { freqPerA: xp, amplitude: fp } = THEORETICAL_PROFILES[kind];
  const m = xp.length;
  const out = new Float64Array(n);
  const nyquist = 1 / (2 * apixA);
  for (let j = 0; j < n; j++) {
    const f = n === 1 ? 0 : (j * nyquist) / (n - 1);
    // the segment used: the first or last one outside the table (extrapolation), else the one containing f
    let i = 1;
    while (i < m - 1 && xp[i] < f) i++;
    out[j] = fp[i - 1] + ((f - xp[i - 1]) * (fp[i] - fp[i - 1])) / (xp[i] - xp[i - 1]);
  }
  return out;
}
