/**
 * Subsets of atoms as new Structures (numerical code drops hydrogens, keeps one chain, …). The cell, space
 * group and name are shared with the input; every per-atom column is copied, never aliased.
 */
import type { Atoms, Structure } from './structure.js';
import { isHydrogenElement } from './structure.js';

/** Decides from the columns whether atom `i` is kept (read fields as `atoms.element[i]`, `atoms.x[i]`, …). */
export type AtomPredicate = (atoms: Atoms, i: number) => boolean;

/**
 * The atoms at `indices` (in that order; an index may repeat) as new columns. Indices must lie in
 * [0, atoms.count); a `RangeError` says which one does not.
 */
export function selectAtomRows(atoms: Atoms, indices: ArrayLike<number>): Atoms {
  const n = indices.length;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= atoms.count) {
      throw new RangeError(`selectAtomRows: index ${i} at position ${k} is outside [0, ${atoms.count})`);
    }
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const occupancy = new Float64Array(n);
  const bIsoA2 = new Float64Array(n);
  const resSeq = new Int32Array(n);
  const serial = new Int32Array(n);
  const isHetatm = new Uint8Array(n);
  const formalCharge = new Int8Array(n);
  const element = new Array<string>(n);
  const atomName = new Array<string>(n);
  const altLoc = new Array<string>(n);
  const resName = new Array<string>(n);
  const chainId = new Array<string>(n);
  const insCode = new Array<string>(n);
  const srcAniso = atoms.anisoUA2;
  const anisoUA2 = srcAniso === null ? null : new Float64Array(6 * n);
  const srcCharge = atoms.formalCharge;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    x[k] = atoms.x[i]!;
    y[k] = atoms.y[i]!;
    z[k] = atoms.z[i]!;
    occupancy[k] = atoms.occupancy[i]!;
    bIsoA2[k] = atoms.bIsoA2[i]!;
    resSeq[k] = atoms.resSeq[i]!;
    serial[k] = atoms.serial[i]!;
    isHetatm[k] = atoms.isHetatm[i]!;
    formalCharge[k] = srcCharge === undefined ? 0 : srcCharge[i];
    element[k] = atoms.element[i];
    atomName[k] = atoms.atomName[i];
    altLoc[k] = atoms.altLoc[i];
    resName[k] = atoms.resName[i];
    chainId[k] = atoms.chainId[i];
    insCode[k] = atoms.insCode[i];
    if (anisoUA2 !== null && srcAniso !== null) {
      for (let j = 0; j < 6; j++) anisoUA2[6 * k + j] = srcAniso[6 * i + j]!;
    }
  }
  return {
    count: n,
    x,
    y,
    z,
    occupancy,
    bIsoA2,
    anisoUA2,
    element,
    atomName,
    altLoc,
    resName,
    chainId,
    resSeq,
    insCode,
    isHetatm,
    serial,
    formalCharge,
  };
}

/**
 * A new Structure holding the atoms chosen by `selection`: a predicate over the columns (atoms keep their
 * order), or a list of indices (kept in the list's order).
 */
export function selectAtoms(structure: Structure, selection: AtomPredicate | ArrayLike<number>): Structure {
  let indices: ArrayLike<number>;
  if (typeof selection === 'function') {
    const atoms = structure.atoms;
    const kept = new Int32Array(atoms.count);
    let n = 0;
    for (let i = 0; i < atoms.count; i++) if (selection(atoms, i)) kept[n++] = i;
    indices = kept.subarray(0, n);
  } else {
    indices = selection;
  }
  return { ...structure, atoms: selectAtomRows(structure.atoms, indices) };
}

/** The structure without hydrogen and deuterium atoms (`isHydrogenElement`). */
export function withoutHydrogens(structure: Structure): Structure {
  return selectAtoms(structure, (atoms, i) => !isHydrogenElement(atoms.element[i]));
}
