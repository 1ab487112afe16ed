/**
 * The pseudo-atomic model builders, end to end: count → place → solve → Structure, for the model-free mode
 * (`--build_using_pseudomodel`, spec §4.2) and for the hybrid mode (`--complete_model`, spec §5.1–5.2: difference
 * mask → count → place → solve → combine with the partial model). Refinement, element randomisation
 * (`withRandomElements`), B averaging and the model map follow in the pipeline.
 */
import type { Structure } from '../io/structure.js';
import { UserError } from '../core/errors.js';
import type { Diagnostics } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import type { RealGrid, Volume } from '../grid/volume.js';
import { requireSameGrid } from '../grid/volume.js';
import { modelMask } from '../mask/model-mask.js';
import {
  PSEUDO_MASK_THRESHOLD,
  hybridPseudoAtomCount,
  pseudoAtomCountFromMask,
  pseudoAtomCountFromMolecularWeight,
} from './atom-count.js';
import type { PseudoAtomPositions } from './placement.js';
import { DEFAULT_PSEUDO_SEED, placePseudoAtoms } from './placement.js';
import type { GradientScaleRule, GradientSolverResult } from './gradient-solver.js';
import { solveGradient } from './gradient-solver.js';
import type { KickSolverResult } from './kick-solver.js';
import { solveKick } from './kick-solver.js';
import { pseudoAtomicStructure } from './pseudo-structure.js';
import type { DifferenceMaskResult } from './difference-mask.js';
import { DEFAULT_AVERAGING_WINDOW, differenceMask } from './difference-mask.js';
import type { CombinedStructure } from './combine.js';
import { combineStructures } from './combine.js';
import { DEFAULT_EQUILIBRIUM_DISTANCE_A, equilibriumDistanceVox } from './lennard-jones.js';
import type { SeparationResult } from './separation.js';
import { separateCloseAtoms } from './separation.js';

/** `-pm`: 'gradient' (default) or one of the names of the kick solver. */
export type PseudoModelMethod = 'gradient' | 'kick' | 'random' | 'random_placement_with_kick';

export const PSEUDO_MODEL_METHODS: readonly PseudoModelMethod[] = [
  'gradient',
  'kick',
  'random',
  'random_placement_with_kick',
];

export interface PseudoSolveOptions {
  /** `-pm` (default 'gradient'). */
  readonly method?: PseudoModelMethod;
  /** `-pm_it` (default 50). */
  readonly iterations?: number;
  /** `-dst` in Å (default 1.2; the hybrid mode of the original always uses 1.2). */
  readonly distanceA?: number;
  /** Mask threshold for the count and the placement (`mask_threshold`, default 0.99). */
  readonly threshold?: number;
  /** Seed of the placement (default 42); the kick solver uses seed + 1. */
  readonly seed?: number;
  /** How g is chosen in the gradient solver (default 'locscale'). */
  readonly gradientScale?: GradientScaleRule;
  /**
   * Not in LocScale 2.0 (off by default): after the solver, push apart pairs closer than this many Å
   * (`separateCloseAtoms`; the `-dst` distance, 1.2 Å, is the natural value). The faithful solver leaves close pairs.
   */
  readonly minimumDistanceA?: number;
  readonly progress?: Progress;
  readonly diagnostics?: Diagnostics;
}

export interface PseudoModelOptions extends PseudoSolveOptions {
  /** `-mw` in kDa: N = int(MW·1000/13.14) instead of the mask volume. */
  readonly molecularWeightKDa?: number;
  /** An explicit number of atoms (overrides both). */
  readonly atomCount?: number;
}

export type AtomCountSource = 'given' | 'molecular-weight' | 'mask-volume' | 'difference-mask';

export interface PseudoModelResult {
  /** The pseudo-atomic model (`pseudo-structure.ts`). */
  readonly structure: Structure;
  /** Final positions in voxels. */
  readonly positions: PseudoAtomPositions;
  readonly atomCount: number;
  readonly atomCountSource: AtomCountSource;
  readonly method: PseudoModelMethod;
  /** The gradient solver's result (method 'gradient'). */
  readonly gradient?: GradientSolverResult;
  /** The kick solver's result (the other methods). */
  readonly kick?: KickSolverResult;
  /** The clean-up's result, with `minimumDistanceA`. */
  readonly separation?: SeparationResult;
}

function requireMethod(method: string): PseudoModelMethod {
  if (!(PSEUDO_MODEL_METHODS as readonly string[]).includes(method)) {
    throw new UserError(
      `unknown pseudo-model method '${method}'; use one of ${PSEUDO_MODEL_METHODS.join(', ')} (-pm).`,
    );
  }
  return method as PseudoModelMethod;
}

/** Places `count` atoms in `mask` and runs the chosen solver on `map`. */
function placeAndSolve(
  map: Volume,
  mask: RealGrid,
  count: number,
  source: AtomCountSource,
  options: PseudoSolveOptions,
): PseudoModelResult {
  const method = requireMethod(options.method ?? 'gradient');
  const seed = options.seed ?? DEFAULT_PSEUDO_SEED;
  const start = placePseudoAtoms(mask.data, mask.shapeZyx, count, {
    threshold: options.threshold ?? PSEUDO_MASK_THRESHOLD,
    seed,
  });
  const common = {
    iterations: options.iterations,
    distanceA: options.distanceA ?? DEFAULT_EQUILIBRIUM_DISTANCE_A,
    progress: options.progress,
    diagnostics: options.diagnostics,
  };
  let solved: PseudoAtomPositions;
  let gradient: GradientSolverResult | undefined;
  let kick: KickSolverResult | undefined;
  if (method === 'gradient') {
    gradient = solveGradient(map, mask.data, start, { ...common, gradientScale: options.gradientScale });
    solved = gradient.positions;
  } else {
    kick = solveKick(start, map.shapeZyx, map.voxelSizeXyzA[0], { ...common, seed: seed + 1 });
    solved = kick.positions;
  }
  let separation: SeparationResult | undefined;
  if (options.minimumDistanceA !== undefined) {
    if (!(options.minimumDistanceA >= 0) || !Number.isFinite(options.minimumDistanceA)) {
      throw new UserError(
        `the minimum pseudo-atom distance must be a number of Å ≥ 0 (got ${options.minimumDistanceA}).`,
      );
    }
    separation = separateCloseAtoms(
      solved,
      map.shapeZyx,
      equilibriumDistanceVox(options.minimumDistanceA, map.voxelSizeXyzA[0]),
    );
    solved = separation.positions;
  }
  return {
    structure: pseudoAtomicStructure(solved, map),
    positions: solved,
    atomCount: count,
    atomCountSource: source,
    method,
    ...(gradient ? { gradient } : {}),
    ...(kick ? { kick } : {}),
    ...(separation ? { separation } : {}),
  };
}

/**
 * The model-free pseudo-atomic model (spec §4.2): N atoms (given, from `-mw`, or from the mask volume with the
 * /1.55 factor) placed in `mask` (the raw confidence map) and arranged by the solver on `map` (the unsharpened EM
 * map, same grid).
 */
export function buildPseudoModel(
  map: Volume,
  mask: RealGrid,
  options: PseudoModelOptions = {},
): PseudoModelResult {
  requireSameGrid(map, mask, ['map', 'mask']);
  let count: number;
  let source: AtomCountSource;
  if (options.atomCount !== undefined) {
    count = options.atomCount;
    source = 'given';
  } else if (options.molecularWeightKDa !== undefined) {
    count = pseudoAtomCountFromMolecularWeight(options.molecularWeightKDa);
    source = 'molecular-weight';
  } else {
    count = pseudoAtomCountFromMask(
      mask.data,
      mask.voxelSizeXyzA[0],
      options.threshold ?? PSEUDO_MASK_THRESHOLD,
    );
    source = 'mask-volume';
  }
  if (count === 0) {
    const why =
      source === 'mask-volume'
        ? 'the mask has (almost) no voxel at or above the threshold. Check the mask, or give -mw'
        : source === 'molecular-weight'
          ? 'the molecular weight is below one atom (13.14 Da). Give -mw in kDa'
          : 'the number of atoms given is 0';
    throw new UserError(`the pseudo-atomic model would have no atom: ${why}.`);
  }
  return placeAndSolve(map, mask, count, source, options);
}

export interface HybridModelOptions extends PseudoSolveOptions {
  /**
   * Dilation radius (Å) of the model mask: LocScale passes the FSC resolution (or `-res`) when it has one, else
   * 3 Å (default 3).
   */
  readonly modelMaskDilationA?: number;
  /** `-avg_w`, the uniform filter's size on the difference mask (default 3). */
  readonly averagingWindow?: number;
}

export interface HybridModelResult {
  /** The model and the pseudo-atoms combined (B = 40, occupancy 1, chains renamed). */
  readonly combined: CombinedStructure;
  /** The pseudo-atoms on their own. */
  readonly pseudo: PseudoModelResult;
  /** The difference mask (binarised and filtered); `difference.mask` is the one the pseudo-atoms fill. */
  readonly difference: DifferenceMaskResult;
  /** The model mask (0/1) on the confidence map's grid. */
  readonly modelMask: Uint8Array;
}

/**
 * The hybrid model (spec §5.1–5.2): pseudo-atoms in the density the model leaves unexplained. The difference mask
 * between `fdrRaw` (the raw confidence map) and the mask of `model`, its atom count N₀ (no /1.55; none is a
 * `UserError`), placement and solver on `map` inside it, then `combineStructures(model, pseudo)`.
 */
export function buildHybridModel(
  map: Volume,
  fdrRaw: RealGrid,
  model: Structure,
  options: HybridModelOptions = {},
): HybridModelResult {
  requireSameGrid(map, fdrRaw, ['map', 'confidence map']);
  const threshold = options.threshold ?? PSEUDO_MASK_THRESHOLD;
  const apixA = fdrRaw.voxelSizeXyzA[0];
  const atomMask = modelMask(model.atoms, fdrRaw.shapeZyx, fdrRaw, options.modelMaskDilationA ?? 3, apixA);
  const difference = differenceMask(
    fdrRaw,
    atomMask,
    threshold,
    options.averagingWindow ?? DEFAULT_AVERAGING_WINDOW,
  );
  const count = hybridPseudoAtomCount(difference.mask.data, apixA, threshold);
  const pseudo = placeAndSolve(map, difference.mask, count, 'difference-mask', options);
  return { combined: combineStructures(model, pseudo.structure), pseudo, difference, modelMask: atomMask };
}
