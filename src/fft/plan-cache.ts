/**
 * The FFT plan caches of this thread (1-D plans, 3-D plans and the line kernels under them).
 * Module state is per thread in Node, so each worker thread has its own caches and builds its own plans.
 */
import { clearPlan3dCache } from './fft-3d.js';
import { clearLineKernelCache } from './line-kernel.js';
import { clearPlan1dCache } from './plan-1d.js';

/** Empties every FFT plan cache of this thread (frees their tables and scratch once no plan is held). */
export function clearFftPlanCache(): void {
  clearPlan3dCache();
  clearPlan1dCache();
  clearLineKernelCache();
}
