/** Public API of LocScale-TS. */
export * from './core/errors.js';
export * from './core/vec.js';
export * from './grid/volume.js';
export { valueNearestAngstrom, valueTrilinearAngstrom } from './grid/volume-sample.js';
export { VERSION } from './core/version.js';
export * from './fft/index.js';
export type { Issue, Diagnostics, Severity } from './core/diagnostics.js';
export { IssueList, silentDiagnostics } from './core/diagnostics.js';
export type { MrcHeader, Crs } from './io/mrc-header.js';
export { parseMrcHeader, serializeMrcHeader, MRC_HEADER_FIELDS } from './io/mrc-header.js';
export type { MrcRule, MrcDataStats } from './io/mrc-rules.js';
export { checkMrcHeader, MRC_RULES } from './io/mrc-rules.js';
export { volumeFromMrc } from './io/mrc-decode.js';
export type { MrcMap, MrcValidation } from './io/mrc-read.js';
export { readMap, parseMrc, validateMrc, validateMapFile } from './io/mrc-read.js';
export type { MrcWriteMode, MrcEncodeOptions, WriteMapOptions } from './io/mrc-write.js';
export { writeMap, writeMask, encodeMrc } from './io/mrc-write.js';
export {
  simulateModelMap,
  simulateModelDensity,
  isCubicBox,
  atomLabel,
  type ModelMapGrid,
  type ModelMapOptions,
  type ModelMapResult,
  type ModelMapUnblur,
  type ModelDensity,
  type DensityOptions,
} from './model/simulate-model-map.js';
export {
  refmacCompatibleBlurA2,
  minimumAtomicBA2,
  hasAnisoU,
  U_TO_B,
  GEMMI_MINIMUM_B_START_A2,
} from './model/refmac-blur.js';
export {
  electronFormFactor,
  findElectronFormFactor,
  hasElectronFormFactor,
  electronFormFactorAt,
  C4322_GAUSSIANS,
  type GaussianFormFactor,
} from './model/scattering-factors.js';
export { C4322_COEFFICIENTS } from './model/tables/c4322.js';
export { unblurPhysical } from './model/unblur.js';
export { cutoffRadiusA, carbonRadiusGuessA, DEFAULT_DENSITY_CUTOFF } from './model/cutoff-radius.js';
