/**
 * The pseudo-atomic model as a `Structure` (spec §4.2 "Written model", LocScale's `Model.write_pdb`), and the
 * element composition drawn after refinement (spec §3.2, `set_average_composition`).
 *
 * One atom per residue: residue `HOH` (HETATM), atom name and element `O`, B = 20 Å², occupancy 1. Atoms fill chain
 * A with residue numbers 0 … 9 998, then a new chain starts at residue 0 every 9 999 atoms. Chain ids follow
 * `chainIdAt` (A … Z, a … z, AA, …): the original only had A … Z and crashed past 26 chains (259 974 atoms).
 * The unit cell is the map's box (n·voxel size along x, y, z; 90°), space group P 1.
 *
 * Coordinates: atom (Å) = origin + position (voxels) · voxel size, per axis. The original wrote position · apix,
 * ignoring the map's origin (spec §2.1); with the origin the model overlays the map.
 */
import type { Structure } from '../io/structure.js';
import type { ShapeZyx } from '../core/vec.js';
import type { VolumeFrame } from '../grid/volume.js';
import { seededRandom } from '../core/random.js';
import { chainIdAt } from './chain-ids.js';
import type { PseudoAtomPositions } from './placement.js';

/** B-factor (Å²) of a freshly built pseudo-atom. */
export const PSEUDO_ATOM_B_A2 = 20;
/** Atoms (= residues) per chain before the next chain starts. */
export const PSEUDO_ATOMS_PER_CHAIN = 9999;
/** Element composition drawn for pseudo-atoms after refinement (spec §3.2): C, O, N with these probabilities. */
export const PSEUDO_ELEMENT_COMPOSITION: readonly (readonly [element: string, probability: number])[] = [
  ['C', 0.63],
  ['O', 0.2],
  ['N', 0.17],
];

export interface PseudoStructureOptions {
  /** B of every atom (default 20 Å²). */
  readonly bIsoA2?: number;
  /** Atoms per chain (default 9 999). */
  readonly atomsPerChain?: number;
  /** Structure name (default 'pseudo'). */
  readonly name?: string;
}

/** The grid the positions live on: its frame places them, its shape gives the unit cell. */
export interface PseudoGrid extends VolumeFrame {
  readonly shapeZyx: ShapeZyx;
}

/** The `Structure` of pseudo-atoms at `positions` (voxels) on `grid`. See the module comment. */
export function pseudoAtomicStructure(
  positions: PseudoAtomPositions,
  grid: PseudoGrid,
  options: PseudoStructureOptions = {},
): Structure {
  const n = positions.count;
  const perChain = options.atomsPerChain ?? PSEUDO_ATOMS_PER_CHAIN;
  const b = options.bIsoA2 ?? PSEUDO_ATOM_B_A2;
  const [vx, vy, vz] = grid.voxelSizeXyzA;
  const [ox, oy, oz] = grid.originXyzA;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const resSeq = new Int32Array(n);
  const serial = new Int32Array(n);
  const chainId = new Array<string>(n);
  let chain = chainIdAt(0);
  for (let i = 0; i < n; i++) {
    x[i] = ox + positions.x[i] * vx;
    y[i] = oy + positions.y[i] * vy;
    z[i] = oz + positions.z[i] * vz;
    const r = i % perChain;
    if (r === 0) chain = chainIdAt(i / perChain);
    resSeq[i] = r;
    serial[i] = i + 1;
    chainId[i] = chain;
  }
  const [nz, ny, nx] = grid.shapeZyx;
  return {
    atoms: {
      count: n,
      x,
      y,
      z,
      occupancy: new Float64Array(n).fill(1),
      bIsoA2: new Float64Array(n).fill(b),
      anisoUA2: null,
      element: new Array<string>(n).fill('O'),
      atomName: new Array<string>(n).fill('O'),
      altLoc: new Array<string>(n).fill(''),
      resName: new Array<string>(n).fill('HOH'),
      chainId,
      resSeq,
      insCode: new Array<string>(n).fill(''),
      isHetatm: new Uint8Array(n).fill(1),
      serial,
    },
    cell: { a: nx * vx, b: ny * vy, c: nz * vz, alpha: 90, beta: 90, gamma: 90 },
    spaceGroup: 'P 1',
    name: options.name ?? 'pseudo',
  };
}

/**
 * `structure` with the elements of atoms `fromAtom` … `toAtom − 1` (default: all) drawn at random: C with
 * probability 0.63, O 0.20, N 0.17 (spec §3.2; the hybrid mode draws only for the pseudo-atoms, §5.2). Atom names
 * stay as they are, as in the original. One uniform number per atom from the seeded generator, compared with the
 * cumulative probabilities (numpy's `choice` does the same with its own generator).
 */
export function withRandomElements(
  structure: Structure,
  seed: number,
  fromAtom = 0,
  toAtom = structure.atoms.count,
): Structure {
  const random = seededRandom(seed);
  const element = structure.atoms.element.slice();
  const [[e0, p0], [e1, p1], [e2]] = PSEUDO_ELEMENT_COMPOSITION;
  const c0 = p0;
  const c1 = p0 + p1;
  for (let i = fromAtom; i < toAtom; i++) {
    const u = random();
    element[i] = u < c0 ? e0 : u < c1 ? e1 : e2;
  }
  return { ...structure, atoms: { ...structure.atoms, element } };
}
