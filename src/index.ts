/** Public API of LocScale-TS. */
export * from './core/errors.js';
export * from './core/vec.js';
export * from './grid/volume.js';
export { VERSION } from './core/version.js';
export * from './fft/index.js';
export * from './symmetry/index.js';
