/**
 * Point-group symmetry operators (spec §7; LocScale 2.0 `GenerateOperators_v9_ky4.py:operators_from_symbol`,
 * adapted from EMDA).
 *
 * ## How an operator acts
 * Each operator is a proper rotation `R` (a `Mat3`, rows × columns, acting on column vectors in the map's
 * x, y, z Cartesian frame). The symmetry copy of a point p is R·(p − c) + c, where c is the rotation centre:
 * voxel floor(N/2) on each axis of the map (N/2 for the even boxes LocScale works on). In voxel units with
 * cubic voxels; the Volume's array is [z][y][x], so code that walks it permutes the matrix to z, y, x.
 *
 * ## Symbols (case-insensitive, surrounding spaces ignored)
 * | symbol | order | setting |
 * |---|---|---|
 * | `C<n>` | n | n-fold about z |
 * | `D<n>` | 2n | n-fold about z, 2-fold about x |
 * | `T` | 12 | LocScale: 3-fold about z and a 3-fold about (0, 2√2/3, −1/3) ≈ (0, 0.94281, −0.33333); its 2-folds are not on x, y, z. **Identical to RELION's `T`** (3-fold on z, 2-fold on (0, 0.816497, 0.577350)). |
 * | `T222` | 12 | 2-folds on x, y, z and a 3-fold along (1, 1, 1) (the "222" setting of ChimeraX, Bsoft, Scipion; not LocScale's or RELION's `T`) |
 * | `O` | 24 | 4-folds on x, y and z (LocScale's generators: 4-folds about z and y; RELION's `O` is the same group) |
 * | `I` | 60 | LocScale: 5-folds about (0, 0.85065, 0.52573) and (0.52573, 0, 0.85065); 2-folds on x, y, z. **Identical to RELION's `I` = `I2`** |
 * | `I1` | 60 | RELION I1, "no-Crowther 222": 2-folds on x, y, z, front-most 5-folds in the yz plane, e.g. (0, 0.52573, 0.85065) |
 * | `I2` | 60 | RELION I2, "Crowther 222" (RELION's default `I`): 2-folds on x, y, z, front-most 5-folds in the xz plane, (±0.52573, 0, 0.85065) |
 * | `I3` | 60 | RELION I3, a "52" setting: 5-fold on z, 2-fold on y, the neighbouring 5-fold at (−0.89443, 0, 0.44721) in the −x half of the xz plane |
 * | `I4` | 60 | RELION I4, another "52" setting: 5-fold on z, 2-fold on y (not x), the neighbouring 5-fold at (+0.89443, 0, 0.44721); I4 is I3 turned 180° about z |
 *
 * RELION's settings follow its source (`src/symmetries.cpp`, `SymList::fill_symmetry_class`, the generator
 * axes of each group) and its documented names ("I1: No-Crowther 222 (standard in Heymann, Chagoyen & Belnap,
 * JSB 151 (2005) 196–207); I2: Crowther 222; I3: 52-setting (as used in SPIDER?); I4: a different 52
 * setting", the help text of `relion_refine --sym`). The equalities claimed above (LocScale `T` = RELION `T`,
 * LocScale `I` = RELION `I2`, `O`, `Cn`, `Dn` the same) and the axis statements are checked in
 * `test/symmetry/point-groups.test.ts` by generating both groups and comparing them as sets.
 *
 * ## Differences from the original
 * - The original takes its axes rounded to 5 decimals (0.85065, 0.52573, 0.94280904) and merges products with
 *   a loose tolerance; here the axes are exact ((0, φ, 1)/√(1 + φ²), …), so the matrices differ from the
 *   original's by < 1e-5 and form a group to round-off. Entries within 1e-12 of 0, ±½ or ±1 are snapped.
 * - The original accepts any string starting with T as `T` and crashes on `I1`…`I4` or a bare `C`; here
 *   unknown symbols raise a `UserError` listing the valid ones.
 * - The operator order (identity first, then breadth-first products of the generators) need not match the
 *   original's; symmetrisation averages over the set, so order only changes round-off.
 */
import { InternalError, UserError } from '../core/errors.js';
import type { Mat3, Row3 } from './mat3.js';
import { IDENTITY3, axisAngleRotation, maxAbsDifference3, multiply3 } from './mat3.js';

/** Group families. */
export type PointGroupFamily = 'C' | 'D' | 'T' | 'O' | 'I';

/** A parsed point-group symbol. */
export interface PointGroupSymbol {
  /** Canonical upper-case symbol: `C4`, `D7`, `T`, `T222`, `O`, `I`, `I1`…`I4`. */
  readonly symbol: string;
  readonly family: PointGroupFamily;
  /** Number of operators (group order). */
  readonly order: number;
  /** The setting in words (axes of the group in the map's x, y, z frame). */
  readonly setting: string;
}

/** Largest n accepted in `Cn` / `Dn`. */
export const MAX_CYCLIC_ORDER = 999;

/** Text for error messages and help: the symbols `pointGroupOperators` accepts. */
export const POINT_GROUP_SYMBOLS_HELP =
  `C1, C2, …, C${MAX_CYCLIC_ORDER} (n-fold about z), D1, …, D${MAX_CYCLIC_ORDER} (n-fold about z + 2-fold about x), ` +
  'T (LocScale/RELION tetrahedral: 3-folds about z and (0, 0.9428, −0.3333)), ' +
  'T222 (tetrahedral with 2-folds on x, y, z), O (octahedral, 4-folds on x, y, z), ' +
  'I (LocScale icosahedral = RELION I2), I1, I2, I3, I4 (RELION icosahedral settings)';

/** A generator: `fold`-fold rotation about `axis` (x, y, z; any length). */
export interface GroupGenerator {
  readonly axis: Row3;
  readonly fold: number;
}

const PHI = (1 + Math.sqrt(5)) / 2;
const X: Row3 = [1, 0, 0];
const Y: Row3 = [0, 1, 0];
const Z: Row3 = [0, 0, 1];

interface GroupDefinition {
  readonly family: PointGroupFamily;
  readonly order: number;
  readonly setting: string;
  readonly generators: readonly GroupGenerator[];
}

/** The named (non-Cn/Dn) groups. */
const NAMED_GROUPS: Readonly<Record<string, GroupDefinition>> = {
  T: {
    family: 'T',
    order: 12,
    setting: 'LocScale/RELION T: 3-fold about z, 3-fold about (0, 0.94281, −0.33333)',
    // LocScale: 3-fold z + 3-fold (0, 0.94280904, −0.33333333) = (0, 2√2, −1)/3 exactly
    generators: [
      { axis: Z, fold: 3 },
      { axis: [0, (2 * Math.SQRT2) / 3, -1 / 3], fold: 3 },
    ],
  },
  T222: {
    family: 'T',
    order: 12,
    setting: '2-folds on x, y, z; 3-fold along (1, 1, 1)',
    generators: [
      { axis: Z, fold: 2 },
      { axis: [1, 1, 1], fold: 3 },
    ],
  },
  O: {
    family: 'O',
    order: 24,
    setting: '4-folds on x, y, z',
    // LocScale's generators: 4-folds about z and y
    generators: [
      { axis: Z, fold: 4 },
      { axis: Y, fold: 4 },
    ],
  },
  I: {
    family: 'I',
    order: 60,
    setting:
      'LocScale I (= RELION I2): 2-folds on x, y, z; 5-folds about (0, 0.85065, 0.52573), (0.52573, 0, 0.85065)',
    // LocScale: 5-folds about (0, 0.85065, 0.52573) = (0, φ, 1)/√(1+φ²) and (0.52573, 0, 0.85065) = (1, 0, φ)/√(1+φ²)
    generators: [
      { axis: [0, PHI, 1], fold: 5 },
      { axis: [1, 0, PHI], fold: 5 },
    ],
  },
  // RELION's settings: the generator axes of src/symmetries.cpp (SymList::fill_symmetry_class), written
  // exactly (RELION gives them as 9–16 digit decimals; the test rebuilds the groups from those decimals).
  I1: {
    family: 'I',
    order: 60,
    setting:
      'RELION I1 (no-Crowther 222): 2-folds on x, y, z; front-most 5-folds in the yz plane (0, ±0.52573, 0.85065)',
    // 2-fold x, 5-fold (0.85065, 0, −0.52573) = (φ, 0, −1)/√(1+φ²)
    generators: [
      { axis: X, fold: 2 },
      { axis: [PHI, 0, -1], fold: 5 },
    ],
  },
  I2: {
    family: 'I',
    order: 60,
    setting:
      'RELION I2 (Crowther 222, RELION default I): 2-folds on x, y, z; front-most 5-folds in the xz plane (±0.52573, 0, 0.85065)',
    // 2-fold z, 5-fold (0.52573, 0, 0.85065) = (1, 0, φ)/√(1+φ²)
    generators: [
      { axis: Z, fold: 2 },
      { axis: [1, 0, PHI], fold: 5 },
    ],
  },
  I3: {
    family: 'I',
    order: 60,
    setting:
      'RELION I3 (52 setting): 5-fold on z, 2-fold on y, neighbouring 5-fold at (−0.89443, 0, 0.44721)',
    // 2-fold (−0.52573, 0, 0.85065) = (−1, 0, φ)/√(1+φ²), 5-fold z
    generators: [
      { axis: [-1, 0, PHI], fold: 2 },
      { axis: Z, fold: 5 },
    ],
  },
  I4: {
    family: 'I',
    order: 60,
    setting:
      'RELION I4 (another 52 setting): 5-fold on z, 2-fold on y, neighbouring 5-fold at (+0.89443, 0, 0.44721)',
    // 2-fold (0.52573, 0, 0.85065) = (1, 0, φ)/√(1+φ²), 5-fold (0.89443, 0, 0.44721) = (2, 0, 1)/√5
    generators: [
      { axis: [1, 0, PHI], fold: 2 },
      { axis: [2, 0, 1], fold: 5 },
    ],
  },
};

function unknownSymbol(symbol: string, why: string): UserError {
  return new UserError(
    `unknown point-group symbol "${symbol}" (${why}); valid symbols: ${POINT_GROUP_SYMBOLS_HELP}.`,
  );
}

function definitionOf(symbol: string): { canonical: string; def: GroupDefinition } {
  const s = symbol.trim().toUpperCase();
  const named = Object.prototype.hasOwnProperty.call(NAMED_GROUPS, s) ? NAMED_GROUPS[s] : undefined;
  if (named !== undefined) return { canonical: s, def: named };
  const m = /^([CD])(\d+)$/.exec(s);
  if (m === null) {
    throw unknownSymbol(symbol, 'expected Cn, Dn, T, T222, O, I or I1–I4; helical symmetry is not supported');
  }
  const n = Number(m[2]);
  if (!(n >= 1 && n <= MAX_CYCLIC_ORDER)) {
    throw unknownSymbol(symbol, `the order n must be 1…${MAX_CYCLIC_ORDER}`);
  }
  if (m[1] === 'C') {
    return {
      canonical: `C${n}`,
      def: { family: 'C', order: n, setting: `${n}-fold about z`, generators: [{ axis: Z, fold: n }] },
    };
  }
  return {
    canonical: `D${n}`,
    def: {
      family: 'D',
      order: 2 * n,
      setting: `${n}-fold about z, 2-fold about x`,
      generators: [
        { axis: Z, fold: n },
        { axis: X, fold: 2 },
      ],
    },
  };
}

/** Parses a symbol (case-insensitive); throws a `UserError` listing the valid symbols when unknown. */
export function parsePointGroup(symbol: string): PointGroupSymbol {
  const { canonical, def } = definitionOf(symbol);
  return { symbol: canonical, family: def.family, order: def.order, setting: def.setting };
}

/** Snaps entries within 1e-12 of 0, ±½ or ±1 to those values (exact quarter and third turns). */
function snap(m: Mat3): Mat3 {
  const s = (v: number): number => {
    const r = Math.round(2 * v) / 2;
    return Math.abs(v - r) < 1e-12 ? r + 0 : v; // + 0 turns −0 into 0
  };
  return [
    [s(m[0][0]), s(m[0][1]), s(m[0][2])],
    [s(m[1][0]), s(m[1][1]), s(m[1][2])],
    [s(m[2][0]), s(m[2][1]), s(m[2][2])],
  ];
}

/** Tolerance (max |entry difference|) under which two products are the same group element. */
const SAME_ELEMENT_TOL = 1e-6;

function indexOfElement(list: readonly Mat3[], m: Mat3): number {
  for (let i = 0; i < list.length; i++) if (maxAbsDifference3(list[i], m) < SAME_ELEMENT_TOL) return i;
  return -1;
}

/**
 * The group generated by `generators`: identity first, then breadth-first left products g·e of the
 * generators with the elements found so far, duplicates (within 1e-6) dropped. Throws a `RangeError` if the
 * closure does not have exactly `order` elements (generators that do not make the group expected).
 */
export function closeGroup(generators: readonly GroupGenerator[], order: number): Mat3[] {
  const gens = generators
    .filter((g) => g.fold > 1)
    .map((g) => snap(axisAngleRotation(g.axis, (2 * Math.PI) / g.fold)));
  const elements: Mat3[] = [IDENTITY3];
  for (let i = 0; i < elements.length; i++) {
    for (const g of gens) {
      const p = snap(multiply3(g, elements[i]));
      if (indexOfElement(elements, p) < 0) {
        elements.push(p);
        if (elements.length > order) {
          throw new RangeError(`closeGroup: the closure exceeds the expected order ${order}`);
        }
      }
    }
  }
  if (elements.length !== order) {
    throw new RangeError(`closeGroup: the closure has ${elements.length} elements, expected ${order}`);
  }
  return elements;
}

const cache = new Map<string, readonly Mat3[]>();

/**
 * The rotation operators of point group `symbol` (table in the module doc), identity first. Each is a
 * `Mat3` acting on column vectors (x, y, z): a point p maps to R·(p − c) + c about the box centre c.
 * Throws a `UserError` for an unknown symbol. The returned array is fresh; the matrices are frozen-shape
 * tuples shared between calls.
 */
export function pointGroupOperators(symbol: string): Mat3[] {
  const { canonical, def } = definitionOf(symbol);
  let ops = cache.get(canonical);
  if (ops === undefined) {
    try {
      ops = Object.freeze(closeGroup(def.generators, def.order));
    } catch (e) {
      throw new InternalError(`point group ${canonical}: ${(e as Error).message}`); // a wrong table here
    }
    cache.set(canonical, ops);
  }
  return ops.slice();
}
