/** The half spectrum of a real grid (numpy `rfftn` layout, unnormalised, interleaved complex float64). */
import type { RealGrid } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';

export function forwardSpectrum(grid: RealGrid): Float64Array {
  const plan = realFftPlan3d(grid.shapeZyx);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(grid.data instanceof Float64Array ? grid.data : Float64Array.from(grid.data), spectrum);
  return spectrum;
}
