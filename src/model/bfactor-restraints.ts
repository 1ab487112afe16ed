/**
 * B-factor similarity restraints in the spirit of REFMAC's "refi bonly": atoms that are close in space should have
 * similar B. Without a chemistry dictionary, pairs come from distances alone (a cell list): pairs closer than
 * the bond cutoff (2.0 Å by default: every covalent bond between non-hydrogen atoms in proteins and nucleic acids,
 * S–S included) are "bonded"; pairs up to the neighbour cutoff (4.0 Å: 1–3 and 1–4 pairs, close contacts) get a
 * weaker restraint. Each pair adds a harmonic term
 *
 *   R = Σ_pairs (B_i − B_j)² / (2σ²),   σ = σ_bond or σ_neighbour (Å²),
 *
 * in the units of the data term (a log-likelihood), so σ is the B difference that costs half a unit.
 */
import { buildCellGrid, neighbourPairs } from './cell-list.js';

export interface BRestraintOptions {
  /** Pairs closer than this are bonded (Å; default 2.0). */
  readonly bondCutoffA?: number;
  /** σ of bonded pairs (Å²; default 10). */
  readonly bondSigmaA2?: number;
  /** Pairs from the bond cutoff up to this distance get the neighbour restraint (Å; default 4.0; 0 = none). */
  readonly neighbourCutoffA?: number;
  /** σ of neighbour pairs (Å²; default 20). */
  readonly neighbourSigmaA2?: number;
}

export const DEFAULT_B_RESTRAINTS = {
  bondCutoffA: 2.0,
  bondSigmaA2: 10,
  neighbourCutoffA: 4.0,
  neighbourSigmaA2: 20,
} as const;

export interface BRestraints {
  /** Pair k joins variables first[k] and second[k] with weight weight[k] = 1/σ². */
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly weight: Float64Array;
  /** 1 for bonded pairs, 0 for neighbour pairs. */
  readonly isBond: Uint8Array;
  readonly bondedPairs: number;
  readonly neighbourPairs: number;
}

/** Restraint pairs among points (x, y, z)[k] for k = 0 … count−1 (the refined atoms, in variable order). */
export function buildBRestraints(
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  options: BRestraintOptions = {},
): BRestraints {
  const bondCut = options.bondCutoffA ?? DEFAULT_B_RESTRAINTS.bondCutoffA;
  const nbCut = Math.max(options.neighbourCutoffA ?? DEFAULT_B_RESTRAINTS.neighbourCutoffA, bondCut);
  const wBond = 1 / (options.bondSigmaA2 ?? DEFAULT_B_RESTRAINTS.bondSigmaA2) ** 2;
  const wNb = 1 / (options.neighbourSigmaA2 ?? DEFAULT_B_RESTRAINTS.neighbourSigmaA2) ** 2;
  const grid = buildCellGrid(x, y, z, null, Math.max(nbCut, 1));
  const pairs = neighbourPairs(grid, nbCut);
  const weight = new Float64Array(pairs.first.length);
  const isBond = new Uint8Array(pairs.first.length);
  const b2 = bondCut * bondCut;
  let bonded = 0;
  for (let k = 0; k < weight.length; k++) {
    if (pairs.dist2A2[k] < b2) {
      weight[k] = wBond;
      isBond[k] = 1;
      bonded++;
    } else weight[k] = wNb;
  }
  return {
    first: pairs.first,
    second: pairs.second,
    weight,
    isBond,
    bondedPairs: bonded,
    neighbourPairs: weight.length - bonded,
  };
}

/** R(B) = Σ w (B_i − B_j)²/2; adds ∂R/∂B into `grad` when given. */
export function restraintValue(r: BRestraints, b: Float64Array, grad: Float64Array | null): number {
  let value = 0;
  const { first, second, weight } = r;
  for (let k = 0; k < first.length; k++) {
    const i = first[k];
    const j = second[k];
    const d = b[i] - b[j];
    const wd = weight[k] * d;
    value += 0.5 * wd * d;
    if (grad !== null) {
      grad[i] += wd;
      grad[j] -= wd;
    }
  }
  return value;
}

/** Adds the restraint Hessian's diagonal (Σ of the pair weights per variable) into `out`. */
export function addRestraintDiagonal(r: BRestraints, out: Float64Array): void {
  for (let k = 0; k < r.first.length; k++) {
    out[r.first[k]] += r.weight[k];
    out[r.second[k]] += r.weight[k];
  }
}

/** Root-mean-square B difference (Å²) over the bonded pairs (0 when there are none). */
export function bondedRmsDifferenceA2(r: BRestraints, b: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < r.first.length; k++) {
    if (r.isBond[k] === 0) continue;
    const d = b[r.first[k]] - b[r.second[k]];
    s += d * d;
    n++;
  }
  return n > 0 ? Math.sqrt(s / n) : 0;
}
