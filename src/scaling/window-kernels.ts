/**
 * The real-space kernels of the centre value (architecture.md, "why a fast path exists"). The rescaled centre
 * value of the window W at voxel v is Σ_r k_r·b_r(v) (window-tables.ts) with
 *
 *     b_r(v) = Σ_e c_{r,e}·Re F_v(e) = Σ_x W_v(x)·K_r(x),   K_r(x) = Σ_e c_{r,e}·cos(2π·k_e·x/wn),
 *
 * e running over the half spectrum, c_{r,e} the hat weights of window-tables.ts and x over the window. So b_r is
 * the map correlated with a fixed wn³ kernel K_r: one whole-map convolution per r instead of one transform per
 * voxel. K_r is built with one inverse transform: spreading each half-spectrum weight over ±k (half of it on each
 * mate inside the half space, all of it on the self-mated kx = 0 and kx = wn/2 planes) gives an even real
 * spectrum G_r with K_r = wn³·irfftn(G_r).
 */
import { realFftPlan3d } from '../fft/index.js';
import { windowTables } from './window-tables.js';

/** K_r for r = 0 … wn/2, each wn³ values in C order [z][y][x] (window-local coordinates, centre at wn/2). */
export function centreValueKernels(wn: number): Float64Array[] {
  const t = windowTables(wn);
  const h = t.nBins;
  const plan = realFftPlan3d([wn, wn, wn]);
  const kernels: Float64Array[] = [];
  const spectra = Array.from({ length: h }, () => new Float64Array(plan.spectrumLength));
  let e = 0;
  for (let z = 0; z < wn; z++)
    for (let y = 0; y < wn; y++)
      for (let kx = 0; kx < h; kx++, e++) {
        // the table weights carry the Hermitian factor 2 inside the half space: give each mate half of it
        const share = kx === 0 || kx === wn / 2 ? 1 : 0.5;
        const lo = t.lo[e];
        spectra[lo][2 * e] += share * t.loWeight[e];
        if (t.hiWeight[e] !== 0) spectra[lo + 1][2 * e] += share * t.hiWeight[e];
      }
  const volume = wn * wn * wn;
  for (let r = 0; r < h; r++) {
    const k = new Float64Array(volume);
    plan.inverse(spectra[r], k);
    for (let i = 0; i < volume; i++) k[i] *= volume;
    kernels.push(k);
  }
  return kernels;
}
