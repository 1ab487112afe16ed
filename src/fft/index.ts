/** Public API of the FFT room: 1-D and 3-D plans (numpy conventions), allocating wrappers, the cache. */
export type { ComplexFftPlan1d } from './plan-1d.js';
export { complexFftPlan1d } from './plan-1d.js';
export type { ComplexFftPlan3d, RealFftPlan3d } from './fft-3d.js';
export { complexFftPlan3d, realFftPlan3d, rfftn, irfftn, fftn, ifftn } from './fft-3d.js';
export { clearFftPlanCache } from './plan-cache.js';
