/**
 * The Structure type: an atomic model as a structure of arrays (one typed array per field), the form numerical
 * code wants (Mol* passes reflections the same way). One model only: readers keep the first model by default.
 *
 * Coordinates are Cartesian Å in the file's frame. B-factors are isotropic B in Å²; anisotropic U (Å²) is kept
 * where the file has it. Numerical rooms import this type with `import type` only.
 */

export interface UnitCell {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface Atoms {
  readonly count: number;
  /** Cartesian coordinates (Å). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  readonly occupancy: Float64Array;
  /** Isotropic B (Å²). */
  readonly bIsoA2: Float64Array;
  /**
   * Anisotropic U (Å²), 6 per atom in the order U11 U22 U33 U12 U13 U23, or null when no atom has it.
   * Atoms without anisotropic U in a file that has some hold NaN.
   */
  readonly anisoUA2: Float64Array | null;
  /**
   * Element symbol, upper case ('C', 'FE', 'SE', 'D' for deuterium); inferred from the atom name when the file
   * has none; 'X' when it could not be told (the readers warn).
   */
  readonly element: readonly string[];
  /** Atom name as written ('CA', 'OG1', "O5'"). */
  readonly atomName: readonly string[];
  /** Alternate location indicator, '' when none. */
  readonly altLoc: readonly string[];
  readonly resName: readonly string[];
  /** Chain identifier (PDB chainID; mmCIF auth_asym_id, else label_asym_id). */
  readonly chainId: readonly string[];
  /** Residue number (PDB resSeq; mmCIF auth_seq_id, else label_seq_id). */
  readonly resSeq: Int32Array;
  /** Insertion code, '' when none. */
  readonly insCode: readonly string[];
  /** 1 for HETATM records, 0 for ATOM. */
  readonly isHetatm: Uint8Array;
  /** Atom serial number as in the file. */
  readonly serial: Int32Array;
  /**
   * Formal charge (PDB columns 79–80 such as '2+', mmCIF `pdbx_formal_charge`), 0 when none. Added for the
   * readers and writers (round trips keep it); the readers always fill it, code that builds `Atoms` itself
   * may leave it out, which means no charges.
   */
  readonly formalCharge?: Int8Array;
}

export interface Structure {
  readonly atoms: Atoms;
  /** Unit cell from CRYST1 / _cell, when present. */
  readonly cell: UnitCell | null;
  /** Space group name from CRYST1 / _symmetry, when present (cryo-EM models: 'P 1'). */
  readonly spaceGroup: string | null;
  /** Entry id / header title when present. */
  readonly name: string;
}

/** Hydrogen and deuterium. */
export function isHydrogenElement(element: string): boolean {
  return element === 'H' || element === 'D';
}
