/**
 * How many pseudo-atoms to build (spec §4.2 "Atom count", §5.1 step 5; LocScale's `measure_mask_parameters` and
 * `get_modmap`).
 *
 * - From a molecular weight (`-mw`, kDa): N = int(MW · 1000 / 13.14), 13.14 g/mol being the mean mass of a
 *   protein atom (hydrogens folded in).
 * - From a mask: the protein volume V = (voxels ≥ threshold) · apix³ at 1.35 g/cm³ holds
 *   N₀ = round(1.35 · V[cm³] / 13.14 · N_A) atoms (≈ 0.0619 atoms/Å³); the model-free mode builds
 *   N = int(round(N₀ / 1.55)) of them (the original's correction from comparisons with atomic models), the hybrid
 *   mode N₀ (no correction).
 *
 * Rounding as the original: numpy's `round()` on N₀ (half to even), Python's `round()` on N₀/1.55 (half to even).
 * apix is the mask's x voxel size, as the original reads it from the mask file's header.
 */
import { UserError } from '../core/errors.js';
import { roundHalfEven } from '../core/rounding.js';

/** Mean mass of a protein atom (g/mol) used by LocScale. */
export const AVERAGE_ATOMIC_WEIGHT = 13.14;
/** Protein density (g/cm³) used by LocScale. */
export const PROTEIN_DENSITY_G_PER_CM3 = 1.35;
/** scipy.constants.Avogadro (exact SI value). */
export const AVOGADRO = 6.02214076e23;
/** The model-free mode divides the mask's atom count by this ("correction factor based on atomic models"). */
export const PSEUDO_ATOM_CORRECTION = 1.55;
/** LocScale's default threshold on the raw confidence map (`mask_threshold`). */
export const PSEUDO_MASK_THRESHOLD = 0.99;

const CM_PER_A = 1e-8;

/** N = int(MW · 1000 / 13.14) for a molecular weight in kDa (`-mw`). */
export function pseudoAtomCountFromMolecularWeight(molecularWeightKDa: number): number {
  if (!(molecularWeightKDa > 0) || !Number.isFinite(molecularWeightKDa)) {
    throw new UserError(
      `the molecular weight must be a positive number of kDa (got ${molecularWeightKDa}); give -mw in kDa, e.g. -mw 150.`,
    );
  }
  return Math.trunc((molecularWeightKDa * 1000.0) / AVERAGE_ATOMIC_WEIGHT);
}

export interface MaskAtomCount {
  /** Voxels with value ≥ threshold. */
  readonly maskVoxels: number;
  /** Their volume (Å³), voxels · apix³. */
  readonly volumeA3: number;
  /** N₀ = round(1.35 g/cm³ · V / 13.14 g/mol · N_A): the atoms of a protein filling the mask. */
  readonly atomsInVolume: number;
}

/**
 * The mask's volume and N₀, the number of protein atoms it holds (`measure_mask_parameters`): voxels with value
 * ≥ `threshold` (default 0.99) times `voxelSizeA`³ (the mask's x voxel size).
 */
export function maskAtomCount(
  mask: ArrayLike<number>,
  voxelSizeA: number,
  threshold = PSEUDO_MASK_THRESHOLD,
): MaskAtomCount {
  let maskVoxels = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] >= threshold) maskVoxels++;
  // the original's expression order: count · (apix · 1e-8)³ → · 1.35 → / 13.14 → · N_A, then numpy round
  const volumeCm3 = maskVoxels * (voxelSizeA * CM_PER_A) ** 3;
  const moles = (PROTEIN_DENSITY_G_PER_CM3 * volumeCm3) / AVERAGE_ATOMIC_WEIGHT;
  return {
    maskVoxels,
    volumeA3: maskVoxels * voxelSizeA ** 3,
    atomsInVolume: roundHalfEven(moles * AVOGADRO),
  };
}

/** Model-free pseudo-atom count from a mask: N = int(round(N₀ / 1.55)) (spec §4.2). */
export function pseudoAtomCountFromMask(
  mask: ArrayLike<number>,
  voxelSizeA: number,
  threshold = PSEUDO_MASK_THRESHOLD,
): number {
  return roundHalfEven(maskAtomCount(mask, voxelSizeA, threshold).atomsInVolume / PSEUDO_ATOM_CORRECTION);
}

/**
 * Hybrid pseudo-atom count from the difference mask: N₀ without the /1.55 factor (spec §5.1 step 5). No atom to
 * add is a `UserError`, as in the original ("run model-based LocScale instead").
 */
export function hybridPseudoAtomCount(
  differenceMask: ArrayLike<number>,
  voxelSizeA: number,
  threshold = PSEUDO_MASK_THRESHOLD,
): number {
  const n = maskAtomCount(differenceMask, voxelSizeA, threshold).atomsInVolume;
  if (n === 0) {
    throw new UserError(
      'the model explains the whole mask: the difference between the confidence mask and the model mask holds no ' +
        'unmodelled density, so there are no pseudo-atoms to add. Run model-based LocScale instead (leave out ' +
        '--complete_model).',
    );
  }
  return n;
}
