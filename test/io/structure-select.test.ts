import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtomTableBuilder } from '../../src/io/atom-table-builder.js';
import { selectAtomRows, selectAtoms, withoutHydrogens } from '../../src/io/structure-select.js';
import type { Structure } from '../../src/io/structure.js';

function sample(): Structure {
  const b = new AtomTableBuilder();
  b.add(1, 'N', '', 'GLY', 'A', 1, '', 1, 2, 3, 1, 10, 'N', 0, false);
  b.add(2, 'H', '', 'GLY', 'A', 1, '', 4, 5, 6, 1, 11, 'H', 0, false);
  b.add(3, 'CA', '', 'GLY', 'A', 1, '', 7, 8, 9, 1, 12, 'C', 0, false);
  b.add(4, 'D1', '', 'DOD', 'W', 2, 'B', 0, 0, 0, 0.5, 13, 'D', 0, true);
  b.add(5, 'ZN', '', 'ZN', 'Z', 3, '', 1, 1, 1, 1, 14, 'ZN', 2, true);
  b.setAniso(2, 1, 2, 3, 4, 5, 6);
  return {
    atoms: b.finish(),
    cell: { a: 10, b: 20, c: 30, alpha: 90, beta: 90, gamma: 90 },
    spaceGroup: 'P 1',
    name: 'TEST',
  };
}

test('withoutHydrogens drops H and D and keeps everything else, columns copied', () => {
  const s = sample();
  const t = withoutHydrogens(s);
  assert.equal(t.atoms.count, 3);
  assert.deepEqual(t.atoms.atomName, ['N', 'CA', 'ZN']);
  assert.deepEqual([...t.atoms.serial], [1, 3, 5]);
  assert.deepEqual([...t.atoms.bIsoA2], [10, 12, 14]);
  assert.deepEqual([...t.atoms.isHetatm], [0, 0, 1]);
  assert.deepEqual([...(t.atoms.formalCharge ?? [])], [0, 0, 2]);
  assert.deepEqual([...(t.atoms.anisoUA2 ?? new Float64Array(0)).subarray(6, 12)], [1, 2, 3, 4, 5, 6]);
  assert.ok(Number.isNaN(t.atoms.anisoUA2?.[0]));
  assert.equal(t.cell, s.cell);
  assert.equal(t.name, 'TEST');
  assert.notEqual(t.atoms.x, s.atoms.x);
});

test('selectAtoms by predicate over the columns and by indices (order kept, repeats allowed)', () => {
  const s = sample();
  const het = selectAtoms(s, (a, i) => a.isHetatm[i] === 1);
  assert.deepEqual(het.atoms.resName, ['DOD', 'ZN']);
  assert.deepEqual(het.atoms.insCode, ['B', '']);
  const picked = selectAtoms(s, [4, 0, 0]);
  assert.deepEqual([...picked.atoms.serial], [5, 1, 1]);
  assert.deepEqual([...picked.atoms.x], [1, 1, 1]);
  assert.equal(selectAtoms(s, []).atoms.count, 0);
});

test('an index outside the atoms is a RangeError that says which', () => {
  assert.throws(() => selectAtomRows(sample().atoms, [0, 5]), /index 5 at position 1 is outside \[0, 5\)/);
  assert.throws(() => selectAtomRows(sample().atoms, [-1]), RangeError);
});

test('atoms built without formal charges select as zero charges', () => {
  const atoms = { ...sample().atoms };
  delete (atoms as { formalCharge?: Int8Array }).formalCharge;
  const t = selectAtomRows(atoms, [4]);
  assert.deepEqual([...(t.formalCharge ?? [])], [0]);
});
