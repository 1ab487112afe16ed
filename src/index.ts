/** Public API of LocScale-TS. */
export * from './core/errors.js';
export * from './core/diagnostics.js';
export * from './core/vec.js';
export * from './grid/volume.js';
export { valueNearestAngstrom, valueTrilinearAngstrom } from './grid/volume-sample.js';
export { VERSION } from './core/version.js';
export * from './fft/index.js';
export type { MrcHeader, Crs } from './io/mrc-header.js';
export { parseMrcHeader, serializeMrcHeader, MRC_HEADER_FIELDS } from './io/mrc-header.js';
export type { MrcRule, MrcDataStats } from './io/mrc-rules.js';
export { checkMrcHeader, MRC_RULES } from './io/mrc-rules.js';
export { volumeFromMrc } from './io/mrc-decode.js';
export type { MrcMap, MrcValidation } from './io/mrc-read.js';
export { readMap, parseMrc, validateMrc, validateMapFile } from './io/mrc-read.js';
export type { MrcWriteMode, MrcEncodeOptions, WriteMapOptions } from './io/mrc-write.js';
export { writeMap, writeMask, encodeMrc } from './io/mrc-write.js';

// Atomic models: the Structure type, PDB/mmCIF reading and writing, atom selection.
export * from './io/structure.js';
export { readStructure, parseStructure, formatFromName, formatFromContent } from './io/structure-read.js';
export type { StructureFormat, ParseStructureOptions } from './io/structure-read.js';
export { writeStructure, formatStructure } from './io/structure-write.js';
export type { WriteStructureOptions } from './io/structure-write.js';
export type { ReadStructureOptions, AltLocPolicy } from './io/read-options.js';
export { parsePdb } from './io/pdb-read.js';
export { formatPdb } from './io/pdb-write.js';
export type { WritePdbOptions } from './io/pdb-write.js';
export { parseMmcif } from './io/mmcif-read.js';
export { formatMmcif } from './io/mmcif-write.js';
export type { WriteMmcifOptions } from './io/mmcif-write.js';
export { selectAtoms, selectAtomRows, withoutHydrogens } from './io/structure-select.js';
export type { AtomPredicate } from './io/structure-select.js';
export { keepBestAltLocs } from './io/altlocs.js';
export type { AltLocSummary } from './io/altlocs.js';
export {
  UNKNOWN_ELEMENT,
  isKnownElement,
  normalizeElementSymbol,
  inferElementFromPdbName,
  inferElementFromAtomName,
} from './io/elements.js';
export { writeFileAtomic, writeFileAtomicSync } from './io/atomic-write.js';
export * from './symmetry/index.js';
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
// FDR confidence map and mask (src/mask)
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

// B-factor refinement and LocScale's B post-processing (docs/bfactor-refinement.md).
export {
  refineBFactors,
  prepareBFactorRefinement,
  structureWithBFactors,
  cosineEdgeLowPass,
  type BFactorMaps,
  type BFactorRefinementOptions,
  type BFactorRefinementResult,
  type BFactorCycleStats,
  type BFactorProblem,
} from './model/bfactor-refine.js';
export { DEFAULT_B_RESTRAINTS, type BRestraintOptions } from './model/bfactor-restraints.js';
export { averageBFactorsWithinRadius, type AtomsWithB } from './model/bfactor-average.js';
export {
  shiftBFactorsByProbability,
  kdeQuantileLocscale,
  kdeCdfFromMinimum,
  silvermanBandwidth,
  KDE_CDF_POINTS,
  type BFactorShiftResult,
} from './model/bfactor-shift.js';
export { maskAroundPoints, type MaskGrid } from './model/atom-mask.js';
export { buildCellGrid, neighbourPairs, nearestPoint, type CellGrid } from './model/cell-list.js';
export {
  LbfgsMinimizer,
  minimizeLbfgs,
  type Objective,
  type LbfgsOptions,
  type LbfgsState,
  type LbfgsStop,
} from './model/lbfgs.js';
export { erf, erfc, standardNormalCdf } from './core/erf.js';
// Pseudo-atomic models (src/pseudo)
export * from './pseudo/index.js';
