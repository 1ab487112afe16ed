import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPdb } from '../../src/io/pdb-write.js';
import { parsePdb } from '../../src/io/pdb-read.js';
import { AtomTableBuilder } from '../../src/io/atom-table-builder.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { UserError } from '../../src/core/errors.js';
import type { Structure } from '../../src/io/structure.js';

type AtomArgs = Parameters<AtomTableBuilder['add']>;

function structure(
  rows: AtomArgs[],
  extra: Partial<Structure> = {},
  aniso?: [number, number[]][],
): Structure {
  const b = new AtomTableBuilder();
  for (const r of rows) b.add(...r);
  for (const [i, u] of aniso ?? []) b.setAniso(i, u[0], u[1], u[2], u[3], u[4], u[5]);
  return { atoms: b.finish(), cell: null, spaceGroup: null, name: '', ...extra };
}

const N: AtomArgs = [1, 'N', '', 'ARG', 'A', 3, '', -9.142, 3.737, -1.538, 1, 44.25, 'N', 0, false];
const CA: AtomArgs = [2, 'CA', 'B', 'ARG', 'A', 3, 'A', -7.853, 3.39, -0.976, 0.6, 39.38, 'C', 0, false];
const FE: AtomArgs = [3001, 'FE', '', 'HEM', 'B', 401, '', 10, -20.5, 300.125, 0.5, 12, 'FE', 2, true];

function lines(text: string): string[] {
  assert.ok(text.endsWith('\n'));
  return text.slice(0, -1).split('\n');
}

test('ATOM, HETATM and ANISOU lines are laid out in the PDB columns', () => {
  const s = structure([N, CA, FE], {}, [[1, [0.0753, 0.0462, 0.0597, 0.0044, -0.0154, 0.004]]]);
  assert.deepEqual(lines(formatPdb(s)), [
    'ATOM      1  N   ARG A   3      -9.142   3.737  -1.538  1.00 44.25           N  ',
    'ATOM      2  CA BARG A   3A     -7.853   3.390  -0.976  0.60 39.38           C  ',
    'ANISOU    2  CA BARG A   3A     753    462    597     44   -154     40       C  ',
    'TER       3      ARG A   3A',
    'HETATM 3001 FE   HEM B 401      10.000 -20.500 300.125  0.50 12.00          FE2+',
    'END',
  ]);
});

test('atom names: column 13 for 4 characters, two-letter elements and digit-first names, else 14', () => {
  const rows: AtomArgs[] = [
    [1, 'CA', '', 'CA', 'A', 1, '', 0, 0, 0, 1, 0, 'CA', 0, true],
    [2, 'CA', '', 'GLY', 'A', 1, '', 0, 0, 0, 1, 0, 'C', 0, false],
    [3, 'HG11', '', 'VAL', 'A', 1, '', 0, 0, 0, 1, 0, 'H', 0, false],
    [4, '1HB', '', 'LIG', 'A', 1, '', 0, 0, 0, 1, 0, 'H', 0, true],
    [5, 'CL1', '', 'LIG', 'A', 1, '', 0, 0, 0, 1, 0, 'CL', 0, true],
    [6, "O5'", '', 'DA', 'A', 1, '', 0, 0, 0, 1, 0, 'O', 0, false],
  ];
  const names = lines(formatPdb(structure(rows)))
    .filter((l) => /^(ATOM|HETATM)/.test(l))
    .map((l) => l.slice(12, 16));
  assert.deepEqual(names, ['CA  ', ' CA ', 'HG11', '1HB ', 'CL1 ', " O5'"]);
});

test('HEADER for a PDB id, TITLE lines for other names, CRYST1 with the cell', () => {
  const cell = { a: 20.544, b: 20.859, c: 26.055, alpha: 101.16, beta: 97.03, gamma: 118.06 };
  const out = lines(formatPdb(structure([N], { name: '3AL1', cell, spaceGroup: 'P -1' })));
  assert.equal(out[0], 'HEADER                                                        3AL1');
  assert.equal(out[1], 'CRYST1   20.544   20.859   26.055 101.16  97.03 118.06 P -1'.padEnd(80));
  assert.equal(out[1].length, 80);
  const p1 = lines(formatPdb(structure([N], { cell: { ...cell, alpha: 90 }, spaceGroup: 'P 1' })));
  assert.equal(p1[0], 'CRYST1   20.544   20.859   26.055  90.00  97.03 118.06 P 1           1'.padEnd(80));

  const long = 'A VERY LONG TITLE '.repeat(8).trim();
  const t = formatPdb(structure([N], { name: long }));
  const titleLines = lines(t).filter((l) => l.startsWith('TITLE'));
  assert.equal(titleLines.length, 3);
  assert.ok(titleLines.every((l) => l.length <= 80));
  assert.match(titleLines[1], /^TITLE {4}2 /);
  assert.equal(parsePdb(t, 't.pdb').name, long);
});

test('TER after the last ATOM record of each chain, before that chain’s HETATM records', () => {
  const rows: AtomArgs[] = [
    [1, 'CA', '', 'GLY', 'A', 1, '', 0, 0, 0, 1, 0, 'C', 0, false],
    [2, 'CA', '', 'GLY', 'A', 2, '', 0, 0, 0, 1, 0, 'C', 0, false],
    [3, 'ZN', '', 'ZN', 'A', 101, '', 0, 0, 0, 1, 0, 'ZN', 0, true],
    [4, 'CA', '', 'GLY', 'B', 1, '', 0, 0, 0, 1, 0, 'C', 0, false],
    [5, 'O', '', 'HOH', 'W', 1, '', 0, 0, 0, 1, 0, 'O', 0, true],
  ];
  const records = lines(formatPdb(structure(rows))).map(
    (l) => `${l.slice(0, 6).trim()}${l.slice(6, 11).trim()}`,
  );
  assert.deepEqual(records, ['ATOM1', 'ATOM2', 'TER3', 'HETATM3', 'ATOM4', 'TER5', 'HETATM5', 'END']);
});

test('what PDB cannot hold: hybrid-36, fewer decimals, cut fields — each warned once', () => {
  const rows: AtomArgs[] = [
    [100000, 'CA', '', 'GLY', 'A', 10000, '', 12345.678, 0, 0, 1, 1234.5, 'C', 0, false],
    [100001, 'CA', '', 'LONGRES', 'ABC', 1, '', 0, -1000.5, 0, 1, 0, 'C', 0, false],
  ];
  const d = new IssueList();
  const text = formatPdb(structure(rows), { diagnostics: d });
  const atomLines = lines(text).filter((l) => l.startsWith('ATOM'));
  assert.equal(
    atomLines[0],
    'ATOM  A0000  CA  GLY AA000    12345.68   0.000   0.000  1.001234.5           C  ',
  );
  assert.equal(atomLines[1].slice(17, 26), 'LONAB   1');
  assert.equal(atomLines[1].slice(38, 46), '-1000.50');
  assert.deepEqual(
    d.issues.map((i) => i.code),
    ['pdb.hybrid36', 'pdb.precision-lost', 'pdb.field-cut'],
  );
  assert.match(
    d.issues[0].message,
    /^3 serial or residue numbers exceed the PDB columns \(e\.g\. serial 100000\); written in hybrid-36, .*write mmCIF \(\.cif\) to keep them exactly$/,
  );
  assert.match(d.issues[2].message, /2 fields are too long .*residue name 'LONGRES'/);
  const back = parsePdb(text, 'x.pdb');
  assert.deepEqual([...back.atoms.serial], [100000, 100001]);
  assert.deepEqual([...back.atoms.resSeq], [10000, 1]);
  assert.equal(back.atoms.x[0], 12345.68);
});

test('values no fallback can hold are UserErrors that recommend mmCIF', () => {
  const far: AtomArgs = [1, 'CA', '', 'GLY', 'A', 1, '', 123456789, 0, 0, 1, 0, 'C', 0, false];
  assert.throws(
    () => formatPdb(structure([far])),
    (e: unknown) =>
      e instanceof UserError &&
      /coordinate of 123456789 does not fit the 8 PDB columns; write mmCIF/.test(e.message),
  );
  const low: AtomArgs = [1, 'CA', '', 'GLY', 'A', -1000, '', 0, 0, 0, 1, 0, 'C', 0, false];
  assert.throws(
    () => formatPdb(structure([low])),
    /residue number -1000 \(atom 1\) does not fit PDB columns 23–26/,
  );
  const nan: AtomArgs = [1, 'CA', '', 'GLY', 'A', 1, '', NaN, 0, 0, 1, 0, 'C', 0, false];
  assert.throws(() => formatPdb(structure([nan])), /a coordinate is NaN/);
});

test('a space group without a cell cannot be written: warned', () => {
  const d = new IssueList();
  formatPdb(structure([N], { spaceGroup: 'P 1' }), { diagnostics: d });
  assert.equal(d.issues[0].code, 'pdb.space-group-without-cell');
});

test('round trip: every field comes back', () => {
  const rows: AtomArgs[] = [
    N,
    CA,
    [3, 'CA', 'A', 'ARG', 'A', 3, 'A', -7.8, 3.3, -0.9, 0.4, 39, 'C', 0, false],
    [4, 'HG11', '', 'VAL', 'AB', -12, '', 0.001, -0.001, 999.999, 0.01, 999.99, 'H', 0, false],
    [5, 'O1', '', 'SO4', 'C', 9999, 'Z', -999.999, 9999.999, 0, 1, 0, 'O', -1, true],
    FE,
  ];
  const s = structure(
    rows,
    {
      name: '1ABC',
      cell: { a: 100.5, b: 200.25, c: 1, alpha: 90, beta: 90, gamma: 120 },
      spaceGroup: 'P 61 2 2',
    },
    [
      [1, [0.0753, 0.0462, 0.0597, 0.0044, -0.0154, 0.004]],
      [5, [1, -1, 0.0001, 0, 0, 0]],
    ],
  );
  const back = parsePdb(formatPdb(s), 'r.pdb', { altLocs: 'all' });
  assert.deepEqual(back, s);
});
