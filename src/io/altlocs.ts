/**
 * Alternate locations (altlocs): one conformer per atom, as the numerical code wants.
 *
 * Rule ("best"): atoms with a blank altloc are always kept. Atoms with an altloc are grouped by chain, residue
 * number, insertion code and atom name; in each group the atom with the highest occupancy is kept, ties going to
 * the first in the file (usually 'A'). Atom order is kept.
 *
 * Microheterogeneity (one residue number holding two different residues as altlocs, e.g. A = SER, B = THR)
 * would make that rule mix atoms of both residues, so such a residue is decided as a whole: the altloc letter
 * whose atoms reach the highest occupancy wins (ties: the letter met first), and only its atoms are kept.
 *
 * gemmi's `remove_alternative_conformations()` keeps the first altloc instead; the two agree whenever 'A' has
 * the highest occupancy.
 */
import type { Atoms } from './structure.js';
import { selectAtomRows } from './structure-select.js';

export interface AltLocSummary {
  /** Atoms that carried an altloc. */
  readonly withAltLoc: number;
  /** Atoms dropped. */
  readonly dropped: number;
  /** Residues decided as a whole because of microheterogeneity, as 'chain resSeq+insCode'. */
  readonly microheterogeneous: readonly string[];
}

/** The atoms with one altloc per atom (rule above), and what was done. Returns `atoms` itself when none. */
export function keepBestAltLocs(atoms: Atoms): { atoms: Atoms; summary: AltLocSummary } {
  const n = atoms.count;
  let withAltLoc = 0;
  for (let i = 0; i < n; i++) if (atoms.altLoc[i] !== '') withAltLoc++;
  if (withAltLoc === 0) return { atoms, summary: { withAltLoc: 0, dropped: 0, microheterogeneous: [] } };

  // Residues with altlocs: which residue names appear among their altloc atoms.
  const residueNames = new Map<string, Set<string>>();
  for (let i = 0; i < n; i++) {
    if (atoms.altLoc[i] === '') continue;
    const key = residueKey(atoms, i);
    let names = residueNames.get(key);
    if (names === undefined) residueNames.set(key, (names = new Set()));
    names.add(atoms.resName[i]);
  }
  // Microheterogeneous residues: the winning altloc letter.
  const residueWinner = new Map<string, string>();
  for (const [key, names] of residueNames) {
    if (names.size > 1) residueWinner.set(key, '');
  }
  if (residueWinner.size > 0) {
    const best = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const alt = atoms.altLoc[i];
      if (alt === '') continue;
      const key = residueKey(atoms, i);
      if (!residueWinner.has(key)) continue;
      const occ = atoms.occupancy[i];
      const current = residueWinner.get(key)!;
      if (current === '' || occ > best.get(key)!) {
        residueWinner.set(key, alt);
        best.set(key, occ);
      }
    }
  }

  // Per atom group: the index of the best atom.
  const bestOfGroup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (atoms.altLoc[i] === '') continue;
    if (residueWinner.has(residueKey(atoms, i))) continue;
    const key = atomKey(atoms, i);
    const j = bestOfGroup.get(key);
    if (j === undefined || atoms.occupancy[i] > atoms.occupancy[j]) bestOfGroup.set(key, i);
  }

  const kept = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const alt = atoms.altLoc[i];
    if (alt === '') {
      kept[m++] = i;
      continue;
    }
    const winner = residueWinner.get(residueKey(atoms, i));
    if (winner !== undefined) {
      if (alt === winner) kept[m++] = i;
    } else if (bestOfGroup.get(atomKey(atoms, i)) === i) {
      kept[m++] = i;
    }
  }
  const microheterogeneous = [...residueWinner.keys()].map((k) => k.split('\t').join(' ').trim());
  return {
    atoms: selectAtomRows(atoms, kept.subarray(0, m)),
    summary: { withAltLoc, dropped: n - m, microheterogeneous },
  };
}

function residueKey(atoms: Atoms, i: number): string {
  return `${atoms.chainId[i]}\t${atoms.resSeq[i]}${atoms.insCode[i]}`;
}

function atomKey(atoms: Atoms, i: number): string {
  return `${atoms.chainId[i]}\t${atoms.resSeq[i]}\t${atoms.insCode[i]}\t${atoms.atomName[i]}`;
}
