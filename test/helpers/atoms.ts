/** Small hand-built structures for the model tests (no file reader needed). */
import type { Structure } from '../../src/io/structure.js';

export interface AtomSpec {
  readonly xyz: readonly [number, number, number];
  readonly element?: string;
  readonly bIsoA2?: number;
  readonly occupancy?: number;
  /** U11 U22 U33 U12 U13 U23 (Å²). */
  readonly anisoUA2?: readonly number[];
  readonly atomName?: string;
}

/** A Structure holding `atoms` (one residue per atom, chain A). */
export function structureFromAtoms(atoms: readonly AtomSpec[]): Structure {
  const n = atoms.length;
  const anyAniso = atoms.some((a) => a.anisoUA2 !== undefined);
  const aniso = anyAniso ? new Float64Array(6 * n).fill(Number.NaN) : null;
  atoms.forEach((a, i) => {
    if (aniso !== null && a.anisoUA2 !== undefined) aniso.set(a.anisoUA2, 6 * i);
  });
  return {
    atoms: {
      count: n,
      x: Float64Array.from(atoms, (a) => a.xyz[0]),
      y: Float64Array.from(atoms, (a) => a.xyz[1]),
      z: Float64Array.from(atoms, (a) => a.xyz[2]),
      occupancy: Float64Array.from(atoms, (a) => a.occupancy ?? 1),
      bIsoA2: Float64Array.from(atoms, (a) => a.bIsoA2 ?? 20),
      anisoUA2: aniso,
      element: atoms.map((a) => a.element ?? 'C'),
      atomName: atoms.map((a) => a.atomName ?? a.element ?? 'C'),
      altLoc: atoms.map(() => ''),
      resName: atoms.map(() => 'GLY'),
      chainId: atoms.map(() => 'A'),
      resSeq: Int32Array.from(atoms, (_, i) => i + 1),
      insCode: atoms.map(() => ''),
      isHetatm: new Uint8Array(n),
      serial: Int32Array.from(atoms, (_, i) => i + 1),
    },
    cell: null,
    spaceGroup: null,
    name: 'test',
  };
}
