/**
 * A plain implementation of one LocScale window step (spec §6.2–6.4), the independent truth for the engine:
 * full forward transform (rfftn, ortho), octant profiles, scale factors, s(|k|) by linear interpolation at the
 * true |k|, full inverse transform (irfftn, ortho), take the centre voxel.
 */
import { realFftPlan3d } from '../../src/fft/index.js';
import { radialProfileOctantLocscale } from '../../src/spectra/radial-profile.js';
import { signedIndex } from '../../src/spectra/frequency.js';

export function extractWindow(
  map: ArrayLike<number>,
  n: [number, number, number],
  c: [number, number, number],
  wn: number,
): Float64Array {
  const w = new Float64Array(wn * wn * wn);
  let i = 0;
  for (let z = 0; z < wn; z++)
    for (let y = 0; y < wn; y++)
      for (let x = 0; x < wn; x++)
        w[i++] = map[((c[0] - wn / 2 + z) * n[1] + (c[1] - wn / 2 + y)) * n[2] + (c[2] - wn / 2 + x)];
  return w;
}

/** numpy.interp: piecewise linear through (xp, fp), clamped at both ends. */
function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  if (x <= xp[0]) return fp[0];
  const n = xp.length;
  if (x >= xp[n - 1]) return fp[n - 1];
  let i = 1;
  while (xp[i] < x) i++;
  return fp[i - 1] + ((x - xp[i - 1]) * (fp[i] - fp[i - 1])) / (xp[i] - xp[i - 1]);
}

/** Rescales window `w` (edge wn) with factors k_r and returns the centre value, the slow and obvious way. */
export function plainCentreValue(w: Float64Array, wn: number, factors: ArrayLike<number>): number {
  const plan = realFftPlan3d([wn, wn, wn]);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(w, spectrum);
  const anchors = Array.from({ length: wn / 2 + 1 }, (_, r) => r / wn);
  const hx = wn / 2 + 1;
  let o = 0;
  for (let z = 0; z < wn; z++)
    for (let y = 0; y < wn; y++)
      for (let x = 0; x < hx; x++, o += 2) {
        const f = Math.hypot(signedIndex(z, wn) / wn, signedIndex(y, wn) / wn, x / wn);
        const s = interp(f, anchors, factors);
        spectrum[o] *= s;
        spectrum[o + 1] *= s;
      }
  const out = new Float64Array(wn * wn * wn);
  plan.inverse(spectrum, out);
  return out[((wn / 2) * wn + wn / 2) * wn + wn / 2];
}

/** Plain-ratio (case C) scale factors from the two windows. */
export function plainReferenceFactors(
  emWindow: Float64Array,
  refWindow: Float64Array,
  wn: number,
): Float64Array {
  const e = radialProfileOctantLocscale(emWindow, wn);
  const r = radialProfileOctantLocscale(refWindow, wn);
  return e.map((v, i) => {
    const k = Math.abs(r[i]) / Math.abs(v);
    return Number.isFinite(k) ? k : 0;
  });
}
