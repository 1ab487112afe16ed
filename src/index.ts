/** Public API of LocScale-TS. */
export * from './core/errors.js';
export * from './core/vec.js';
export * from './grid/volume.js';
export { VERSION } from './core/version.js';
export * from './fft/index.js';
// FDR confidence map and mask (src/mask)
export { erf, erfc } from './mask/erf.js';
export type { FdrMethod } from './mask/p-adjust.js';
export { pAdjust, harmonicNumberLocscale } from './mask/p-adjust.js';
export type { NoiseBox, NoiseBoxStats, NoiseEstimate } from './mask/noise-boxes.js';
export { defaultFdrWindowSize, defaultNoiseBoxes, noiseBoxesAt, estimateNoise } from './mask/noise-boxes.js';
export type { NoiseCheck, NoiseFinding, NoiseFindingCode, DarkReference } from './mask/noise-check.js';
export { checkNoiseBoxes } from './mask/noise-check.js';
export { locscaleSphereMask, locscaleSphereCount } from './mask/fdr-sphere.js';
export { fdrLowPass } from './mask/fdr-low-pass.js';
export type { FdrOptions, FdrConfidenceResult } from './mask/fdr-confidence.js';
export { fdrConfidenceMap, defaultMinMaskVoxels, FDR_MASK_THRESHOLD } from './mask/fdr-confidence.js';
export { binariseConfidence, countAtLeast } from './mask/binarise.js';
