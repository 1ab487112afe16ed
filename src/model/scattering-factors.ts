/**
 * Electron scattering factors as sums of five Gaussians (ITC Vol. C Table 4.3.2.2, Peng et al. 1996; the
 * "C4322" table of gemmi's `DensityCalculatorE`, which LocScale's model-map simulation uses, spec §3.5):
 *
 *   f(s) = Σ_{i=1..5} a_i · exp(−b_i s²),  s = sin(θ)/λ in Å⁻¹, f in Å, b_i in Å².
 *
 * The table covers neutral H (Z = 1) to Cf (Z = 98) and D; ions take their element's coefficients (charges are
 * ignored, as in gemmi). Unknown elements are a user error: the element column must be fixed.
 */
import { UserError } from '../core/errors.js';
import { C4322_COEFFICIENTS } from './tables/c4322.js';

/** Number of Gaussians per element in the C4322 table. */
export const C4322_GAUSSIANS = 5;

/** The five (a_i, b_i) of one element. */
export interface GaussianFormFactor {
  /** Upper-case element symbol. */
  readonly element: string;
  /** Amplitudes a_1..a_5 (Å). */
  readonly a: readonly number[];
  /** Widths b_1..b_5 (Å²). */
  readonly bA2: readonly number[];
}

const cache = new Map<string, GaussianFormFactor>();

/** True when the C4322 table has the element (upper- or mixed-case symbol; 'D' counts as H). */
export function hasElectronFormFactor(element: string): boolean {
  return Object.hasOwn(C4322_COEFFICIENTS, element.trim().toUpperCase());
}

/** The C4322 coefficients of `element` (any case), or null when the table has none. */
export function findElectronFormFactor(element: string): GaussianFormFactor | null {
  const hit = cache.get(element);
  if (hit !== undefined) return hit;
  const key = element.trim().toUpperCase();
  if (!Object.hasOwn(C4322_COEFFICIENTS, key)) return null;
  const c = C4322_COEFFICIENTS[key];
  const ff: GaussianFormFactor = { element: key, a: c.slice(0, 5), bA2: c.slice(5, 10) };
  cache.set(element, ff);
  return ff;
}

/**
 * The C4322 coefficients of `element`. Throws a `UserError` naming the element (and `atomLabel`, when given, e.g.
 * `atom 12 "CA" ALA A 3`) when the table has no entry for it.
 */
export function electronFormFactor(element: string, atomLabel?: string): GaussianFormFactor {
  const ff = findElectronFormFactor(element);
  if (ff !== null) return ff;
  const key = element.trim().toUpperCase();
  const where = atomLabel === undefined ? '' : ` (${atomLabel})`;
  const what =
    key === '' || key === 'X'
      ? 'an atom whose element could not be determined'
      : `element '${element.trim()}'`;
  throw new UserError(
    `no electron scattering factor for ${what}${where}: the table (International Tables Vol. C ` +
      `4.3.2.2) covers the chemical elements H to Cf. Correct the element symbol (PDB columns 77-78, ` +
      `mmCIF _atom_site.type_symbol), or remove the atom from the model.`,
  );
}

/** f(s) at s = sin(θ)/λ (Å⁻¹); f(0) = Σ a_i is the integral of the atom's potential density (in Å·Å³ units). */
export function electronFormFactorAt(ff: GaussianFormFactor, sPerA: number): number {
  const s2 = sPerA * sPerA;
  let f = 0;
  for (let i = 0; i < C4322_GAUSSIANS; i++) f += ff.a[i] * Math.exp(-ff.bA2[i] * s2);
  return f;
}
