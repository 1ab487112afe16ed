/**
 * Combining the partial atomic model with the pseudo-atoms (spec §5.2, LocScale's
 * `combine_pdb_structures_into_one([model, pseudo])`): one new single-model structure in which
 *
 * - the chains of the model, then those of the pseudo-model, are renamed in order A, B, …, Z, a, …, z, AA, AB, …
 *   (`chainIdAt`; the original ran out after zz);
 * - residues are renumbered from 0 within each chain (insertion codes dropped);
 * - within a residue only the first atom of each name is kept (alternate locations collapse to the first);
 * - every atom gets B = 40 Å² and occupancy 1; anisotropic U, altloc and charges are dropped (a fresh gemmi atom
 *   has none); names, elements, residue names and positions are kept.
 *
 * A chain is a run of consecutive atoms with the same chain id (a chain id that comes back after another chain
 * starts a new chain), a residue a run with the same chain, number, insertion code and name. The combined model
 * keeps the model's unit cell and space group (or the pseudo-model's when the model has none; the original's new
 * gemmi structure had no cell) and the HETATM flag of each atom.
 */
import type { Structure } from '../io/structure.js';
import { chainIdAt } from './chain-ids.js';

/** B (Å²) and occupancy of every atom of the combined model. */
export const COMBINED_B_A2 = 40;

export interface CombinedStructure {
  readonly structure: Structure;
  /** Chains from the model (they come first): LocScale's `final_chain_counts[0]`. */
  readonly modelChainCount: number;
  /** All chains: `final_chain_counts[1]`. */
  readonly chainCount: number;
  /** Atoms from the model: atoms [0, modelAtomCount) are the model's, the rest are pseudo-atoms. */
  readonly modelAtomCount: number;
  /** Atoms dropped as duplicate names within a residue (model and pseudo-model together). */
  readonly droppedDuplicateAtoms: number;
}

interface Builder {
  keep: number[];
  source: Structure[];
  chain: string[];
  resSeq: number[];
  chains: number;
  dropped: number;
}

function addStructure(b: Builder, s: Structure): void {
  const a = s.atoms;
  let i = 0;
  while (i < a.count) {
    // one chain: consecutive atoms with the same chain id
    const chainName = chainIdAt(b.chains++);
    let res = -1;
    const id = a.chainId[i];
    let j = i;
    const namesInResidue = new Set<string>();
    for (; j < a.count && a.chainId[j] === id; j++) {
      const newResidue =
        j === i ||
        a.resSeq[j] !== a.resSeq[j - 1] ||
        a.insCode[j] !== a.insCode[j - 1] ||
        a.resName[j] !== a.resName[j - 1];
      if (newResidue) {
        res++;
        namesInResidue.clear();
      }
      if (namesInResidue.has(a.atomName[j])) {
        b.dropped++;
        continue;
      }
      namesInResidue.add(a.atomName[j]);
      b.keep.push(j);
      b.source.push(s);
      b.chain.push(chainName);
      b.resSeq.push(res);
    }
    i = j;
  }
}

/** The model and the pseudo-atoms in one structure, as spec §5.2. See the module comment. */
export function combineStructures(model: Structure, pseudo: Structure): CombinedStructure {
  const b: Builder = { keep: [], source: [], chain: [], resSeq: [], chains: 0, dropped: 0 };
  addStructure(b, model);
  const modelChainCount = b.chains;
  const modelAtomCount = b.keep.length;
  addStructure(b, pseudo);
  const n = b.keep.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const element = new Array<string>(n);
  const atomName = new Array<string>(n);
  const resName = new Array<string>(n);
  const isHetatm = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const a = b.source[k].atoms;
    const j = b.keep[k];
    x[k] = a.x[j];
    y[k] = a.y[j];
    z[k] = a.z[j];
    element[k] = a.element[j];
    atomName[k] = a.atomName[j];
    resName[k] = a.resName[j];
    isHetatm[k] = a.isHetatm[j];
  }
  const structure: Structure = {
    atoms: {
      count: n,
      x,
      y,
      z,
      occupancy: new Float64Array(n).fill(1),
      bIsoA2: new Float64Array(n).fill(COMBINED_B_A2),
      anisoUA2: null,
      element,
      atomName,
      altLoc: new Array<string>(n).fill(''),
      resName,
      chainId: b.chain,
      resSeq: Int32Array.from(b.resSeq),
      insCode: new Array<string>(n).fill(''),
      isHetatm,
      serial: Int32Array.from({ length: n }, (_, k) => k + 1),
    },
    cell: model.cell ?? pseudo.cell,
    spaceGroup: model.spaceGroup ?? pseudo.spaceGroup,
    name: model.name,
  };
  return {
    structure,
    modelChainCount,
    chainCount: b.chains,
    modelAtomCount,
    droppedDuplicateAtoms: b.dropped,
  };
}
