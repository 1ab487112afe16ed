/**
 * The "refmac-compatible" blur of gemmi's density calculator (spec §3.5 step 2, §12 item 10): before atoms are
 * sampled on a grid of spacing `apix`, every atom gets an extra B of
 *
 *   B_x = max(0, 8π²/1.1 · apix² − B_min),
 *
 * so that the sharpest atom is at least as wide as the grid can sample; the map is un-blurred by B_x afterwards
 * (in Fourier space). B_min is the smallest atomic B of the model.
 */
import type { Atoms } from '../io/structure.js';
import { symMinEigenvalue } from './sym-mat3.js';

/** 8π²: B = 8π²·U. */
export const U_TO_B = 8 * Math.PI * Math.PI;

/**
 * gemmi starts its search for the minimum B at 1000 Å², so a model whose every B exceeds 1000 Å² counts as
 * B_min = 1000 (reproduced: it only matters for grids coarser than ~3.7 Å).
 */
export const GEMMI_MINIMUM_B_START_A2 = 1000;

/** B_x = max(0, 8π²/1.1 · apix² − B_min) in Å², for grid spacing `apixA` (Å) and smallest atomic B `bMinA2`. */
export function refmacCompatibleBlurA2(apixA: number, bMinA2: number): number {
  return Math.max((U_TO_B / 1.1) * apixA * apixA - bMinA2, 0);
}

/**
 * True when atom `i` has an anisotropic U to use: a finite row with at least one non-zero element (gemmi's
 * `aniso.nonzero()`); rows of NaN mark atoms without ANISOU in files that have some.
 */
export function hasAnisoU(atoms: Atoms, i: number): boolean {
  const u = atoms.anisoUA2;
  if (u === null) return false;
  const o = 6 * i;
  let nonzero = false;
  for (let k = 0; k < 6; k++) {
    const v = u[o + k];
    if (!Number.isFinite(v)) return false;
    if (v !== 0) nonzero = true;
  }
  return nonzero;
}

/**
 * The smallest atomic B (Å²) over the atoms for which `include(i)` is true (all atoms when omitted): isotropic B,
 * or for an anisotropic atom 8π² times the smallest eigenvalue of its U. Like gemmi, atoms of zero occupancy
 * count, and the search starts at 1000 Å² (`GEMMI_MINIMUM_B_START_A2`).
 *
 * (Debian's gemmi 0.5.7 and the gemmi sources seen in the index invert the anisotropic test and so take B_min = 0
 * for isotropic models; the spec's formula, used here, is the intended rule: spec §3.5 step 2.)
 */
export function minimumAtomicBA2(atoms: Atoms, include?: (i: number) => boolean): number {
  let bMin = GEMMI_MINIMUM_B_START_A2;
  const u = atoms.anisoUA2;
  for (let i = 0; i < atoms.count; i++) {
    if (include !== undefined && !include(i)) continue;
    const b = u !== null && hasAnisoU(atoms, i) ? U_TO_B * symMinEigenvalue(u, 6 * i) : atoms.bIsoA2[i];
    if (b < bMin) bMin = b;
  }
  return bMin;
}
