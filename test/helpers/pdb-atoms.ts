/**
 * A minimal fixed-column PDB atom reader for the model tests (ATOM/HETATM: coordinates, occupancy, B, element,
 * names). Stand-in until the project's `readStructure` (src/io) lands on this branch; no ANISOU, no models.
 */
import { readFileSync } from 'node:fs';
import type { Structure } from '../../src/io/structure.js';
import { structureFromAtoms } from './atoms.js';
import type { AtomSpec } from './atoms.js';

export function readPdbAtoms(path: string): Structure {
  const atoms: AtomSpec[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.startsWith('ATOM  ') && !line.startsWith('HETATM')) continue;
    atoms.push({
      xyz: [Number(line.slice(30, 38)), Number(line.slice(38, 46)), Number(line.slice(46, 54))],
      occupancy: Number(line.slice(54, 60)),
      bIsoA2: Number(line.slice(60, 66)),
      element: line.slice(76, 78).trim().toUpperCase(),
      atomName: line.slice(12, 16).trim(),
    });
  }
  return structureFromAtoms(atoms);
}
