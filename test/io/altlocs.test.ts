import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtomTableBuilder } from '../../src/io/atom-table-builder.js';
import { keepBestAltLocs } from '../../src/io/altlocs.js';

type Row = [
  name: string,
  alt: string,
  resName: string,
  resSeq: number,
  occ: number,
  ins?: string,
  chain?: string,
];

function atoms(rows: Row[]) {
  const b = new AtomTableBuilder();
  rows.forEach(([name, alt, resName, resSeq, occ, ins = '', chain = 'A'], i) =>
    b.add(i + 1, name, alt, resName, chain, resSeq, ins, i, 0, 0, occ, 20, name.charAt(0), 0, false),
  );
  return b.finish();
}

test('no altlocs: the same atoms come back', () => {
  const a = atoms([['N', '', 'SER', 1, 1]]);
  const r = keepBestAltLocs(a);
  assert.equal(r.atoms, a);
  assert.deepEqual(r.summary, { withAltLoc: 0, dropped: 0, microheterogeneous: [] });
});

test('per atom, the highest occupancy wins; blank altlocs are always kept; order is kept', () => {
  const a = atoms([
    ['N', '', 'SER', 1, 1],
    ['CB', 'A', 'SER', 1, 0.4],
    ['CB', 'B', 'SER', 1, 0.6],
    ['OG', 'A', 'SER', 1, 0.4],
    ['OG', 'B', 'SER', 1, 0.6],
    ['C', '', 'SER', 1, 1],
  ]);
  const r = keepBestAltLocs(a);
  assert.deepEqual(r.atoms.atomName, ['N', 'CB', 'OG', 'C']);
  assert.deepEqual(r.atoms.altLoc, ['', 'B', 'B', '']);
  assert.deepEqual([...r.atoms.serial], [1, 3, 5, 6]);
  assert.deepEqual(r.summary, { withAltLoc: 4, dropped: 2, microheterogeneous: [] });
});

test('ties go to the first in the file (usually A)', () => {
  const r = keepBestAltLocs(
    atoms([
      ['CB', 'A', 'SER', 1, 0.5],
      ['CB', 'B', 'SER', 1, 0.5],
    ]),
  );
  assert.deepEqual(r.atoms.altLoc, ['A']);
});

test('atoms are grouped by chain, residue number, insertion code and name', () => {
  const r = keepBestAltLocs(
    atoms([
      ['CB', 'A', 'SER', 1, 0.5],
      ['CB', 'B', 'SER', 1, 0.5, 'A'], // insertion code A: another residue
      ['CB', 'A', 'SER', 1, 0.5, '', 'B'], // chain B: another residue
      ['CB', 'B', 'SER', 2, 0.3], // lone altloc atom: kept
    ]),
  );
  assert.equal(r.atoms.count, 4);
});

test('microheterogeneity: the residue is decided as a whole (3JQH residue 15: ARG/GLN/GLU)', () => {
  const a = atoms([
    ['N', 'A', 'ARG', 15, 0.5],
    ['CA', 'A', 'ARG', 15, 0.5],
    ['NH1', 'A', 'ARG', 15, 0.5],
    ['N', 'B', 'GLN', 15, 0.33],
    ['CA', 'B', 'GLN', 15, 0.33],
    ['OE1', 'B', 'GLN', 15, 0.33],
    ['N', 'C', 'GLU', 15, 0.17],
    ['OE2', 'C', 'GLU', 15, 0.17],
    ['N', '', 'GLY', 16, 1],
  ]);
  const r = keepBestAltLocs(a);
  assert.deepEqual(r.atoms.atomName, ['N', 'CA', 'NH1', 'N']);
  assert.deepEqual(r.atoms.resName, ['ARG', 'ARG', 'ARG', 'GLY']);
  assert.deepEqual(r.summary.microheterogeneous, ['A 15']);
});

test('microheterogeneity: a per-atom rule would have mixed residues; the winner is the best-occupied letter', () => {
  const r = keepBestAltLocs(
    atoms([
      ['CA', 'A', 'SER', 7, 0.4],
      ['OG', 'A', 'SER', 7, 0.4],
      ['CA', 'B', 'THR', 7, 0.6],
      ['OG1', 'B', 'THR', 7, 0.6],
      ['CG2', 'B', 'THR', 7, 0.6],
    ]),
  );
  assert.deepEqual(r.atoms.atomName, ['CA', 'OG1', 'CG2']);
  assert.deepEqual(r.atoms.resName, ['THR', 'THR', 'THR']);
});
