/** Pseudo-atomic models (spec §4.2, §5.1–5.2): count, placement, solvers, structures. */
export {
  AVERAGE_ATOMIC_WEIGHT,
  PROTEIN_DENSITY_G_PER_CM3,
  AVOGADRO,
  PSEUDO_ATOM_CORRECTION,
  PSEUDO_MASK_THRESHOLD,
  pseudoAtomCountFromMolecularWeight,
  maskAtomCount,
  pseudoAtomCountFromMask,
  hybridPseudoAtomCount,
  type MaskAtomCount,
} from './atom-count.js';
export { CellList, HALF_SHELL } from './cell-list.js';
export {
  DEFAULT_PSEUDO_SEED,
  PLACEMENT_BORDER_VOX,
  placementCandidates,
  placePseudoAtoms,
  type PseudoAtomPositions,
  type PlacementOptions,
} from './placement.js';
export {
  DEFAULT_EQUILIBRIUM_DISTANCE_A,
  LJ_EPSILON,
  LJ_CUTOFF_FACTOR,
  ljForce,
  ljPotential,
  equilibriumDistanceVox,
} from './lennard-jones.js';
export {
  GRADIENT_SOLVER_DEFAULTS,
  maxMaskedGradient,
  gradientScale,
  solveGradient,
  type GradientScaleRule,
  type GradientSolverOptions,
  type GradientSolverResult,
  type SolverIterationStats,
} from './gradient-solver.js';
export {
  KICK_VOX,
  KICK_QUIET_ROUNDS,
  markContacts,
  solveKick,
  type KickSolverOptions,
  type KickSolverResult,
} from './kick-solver.js';
export { SEPARATION_MAX_SWEEPS, separateCloseAtoms, type SeparationResult } from './separation.js';
export { chainIdAt } from './chain-ids.js';
export {
  PSEUDO_ATOM_B_A2,
  PSEUDO_ATOMS_PER_CHAIN,
  PSEUDO_ELEMENT_COMPOSITION,
  pseudoAtomicStructure,
  withRandomElements,
  type PseudoStructureOptions,
  type PseudoGrid,
} from './pseudo-structure.js';
export {
  DEFAULT_AVERAGING_WINDOW,
  uniformFilterInteger,
  differenceMask,
  type DifferenceMaskResult,
} from './difference-mask.js';
export { COMBINED_B_A2, combineStructures, type CombinedStructure } from './combine.js';
export {
  PSEUDO_MODEL_METHODS,
  buildPseudoModel,
  buildHybridModel,
  type PseudoModelMethod,
  type PseudoSolveOptions,
  type PseudoModelOptions,
  type PseudoModelResult,
  type AtomCountSource,
  type HybridModelOptions,
  type HybridModelResult,
} from './build.js';
