import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCharge, parsePdb } from '../../src/io/pdb-read.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { FormatError } from '../../src/core/errors.js';

//                    1         2         3         4         5         6         7         8
//           12345678901234567890123456789012345678901234567890123456789012345678901234567890
const N1 = 'ATOM      1  N   ARG A   3      -9.142   3.737  -1.538  1.00 44.25           N  ';
const CA = 'ATOM      2  CA BARG A   3A     -7.853   3.390  -0.976  0.60 39.38           C  ';
const FE = 'HETATM 3001 FE   HEM B 401      10.000 -20.500 300.125  0.50 12.00          FE2+';
const ANI = 'ANISOU    2  CA BARG A   3A     753    462    597     44   -154     40       C  ';

/** An 80-column line with `text` placed at each 1-based column. */
function place(fields: [column: number, text: string][], width = 80): string {
  const chars = Array.from({ length: width }, () => ' ');
  for (const [col, text] of fields) for (let k = 0; k < text.length; k++) chars[col - 1 + k] = text[k]!;
  return chars.join('');
}

/** ATOM/HETATM with the given name field, residue, chain, number and element columns (coordinates fixed). */
function atom(
  record: string,
  serial: string,
  name4: string,
  resName: string,
  chain: string,
  resSeq: string,
  element: string,
  charge = '',
): string {
  return place([
    [1, record],
    [7, serial.padStart(5)],
    [13, name4],
    [18, resName.padStart(3)],
    [21, chain.padStart(2)],
    [23, resSeq.padStart(4)],
    [31, '   1.000   2.000   3.000  1.00 10.00'],
    [77, element.padStart(2)],
    [79, charge],
  ]);
}

function read(lines: string[], options = {}) {
  const diagnostics = new IssueList();
  const s = parsePdb(lines.join('\n') + '\n', 'test.pdb', { diagnostics, ...options });
  return { s, a: s.atoms, issues: diagnostics.issues };
}

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  assert.fail('no FormatError');
}

test('every ATOM/HETATM column is read', () => {
  const { a, issues } = read([N1, CA, FE]);
  assert.equal(a.count, 3);
  assert.deepEqual([...a.serial], [1, 2, 3001]);
  assert.deepEqual(a.atomName, ['N', 'CA', 'FE']);
  assert.deepEqual(a.altLoc, ['', 'B', '']);
  assert.deepEqual(a.resName, ['ARG', 'ARG', 'HEM']);
  assert.deepEqual(a.chainId, ['A', 'A', 'B']);
  assert.deepEqual([...a.resSeq], [3, 3, 401]);
  assert.deepEqual(a.insCode, ['', 'A', '']);
  assert.deepEqual([...a.x], [-9.142, -7.853, 10]);
  assert.deepEqual([...a.y], [3.737, 3.39, -20.5]);
  assert.deepEqual([...a.z], [-1.538, -0.976, 300.125]);
  assert.deepEqual([...a.occupancy], [1, 0.6, 0.5]);
  assert.deepEqual([...a.bIsoA2], [44.25, 39.38, 12]);
  assert.deepEqual(a.element, ['N', 'C', 'FE']);
  assert.deepEqual([...(a.formalCharge ?? [])], [0, 0, 2]);
  assert.deepEqual([...a.isHetatm], [0, 0, 1]);
  assert.equal(a.anisoUA2, null);
  assert.deepEqual(issues, []);
});

test('ANISOU: integers are U×10⁴, attached to the atom just before with the same columns 7–27', () => {
  const { a, issues } = read([N1, CA, ANI]);
  assert.ok(a.anisoUA2 !== null);
  assert.deepEqual([...a.anisoUA2.subarray(6, 12)], [0.0753, 0.0462, 0.0597, 0.0044, -0.0154, 0.004]);
  assert.ok(Number.isNaN(a.anisoUA2[0]));
  assert.deepEqual(issues, []);
});

test('an ANISOU record that does not match the atom before it is ignored with a warning', () => {
  const { a, issues } = read([CA, N1, ANI]);
  assert.equal(a.anisoUA2, null);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'pdb.anisou-unmatched');
  assert.match(issues[0].message, /^test\.pdb: 1 ANISOU record does not follow .* line 3\)/);
});

test('CRYST1 gives the cell and space group; HEADER gives the name', () => {
  const { s } = read([
    'HEADER    STRUCTURAL PROTEIN                      26-OCT-98   3AL1              ',
    'TITLE     DESIGNED PEPTIDE ALPHA-1, RACEMIC P1BAR FORM                          ',
    'CRYST1   20.544   20.859   26.055 101.16  97.03 118.06 P -1          4          ',
    N1,
  ]);
  assert.deepEqual(s.cell, { a: 20.544, b: 20.859, c: 26.055, alpha: 101.16, beta: 97.03, gamma: 118.06 });
  assert.equal(s.spaceGroup, 'P -1');
  assert.equal(s.name, '3AL1');
});

test('without a HEADER id the name is the TITLE, continuation lines joined', () => {
  const { s } = read([
    'TITLE     STRUCTURE OF THE COMPLEX OF LAC REPRESSOR HEADPIECE AND AN',
    'TITLE    2 11 BASE-PAIR HALF-OPERATOR',
    N1,
  ]);
  assert.equal(
    s.name,
    'STRUCTURE OF THE COMPLEX OF LAC REPRESSOR HEADPIECE AND AN 11 BASE-PAIR HALF-OPERATOR',
  );
  assert.equal(s.cell, null);
  assert.equal(s.spaceGroup, null);
});

test('a CRYST1 record with a non-number is a warning and no cell', () => {
  const { s, issues } = read(['CRYST1   20.544   xx.xxx   26.055 101.16  97.03 118.06 P -1', N1]);
  assert.equal(s.cell, null);
  assert.equal(issues[0].code, 'pdb.bad-cryst1');
});

const MODELS = [
  'MODEL        1',
  N1,
  'ENDMDL',
  'MODEL        2',
  N1.replace('-9.142', '-8.000'),
  CA,
  'ENDMDL',
  'END',
];

test('MODEL/ENDMDL: the first model by default, with an info issue', () => {
  const { a, issues } = read(MODELS);
  assert.equal(a.count, 1);
  assert.equal(a.x[0], -9.142);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'structure.multiple-models');
  assert.equal(issues[0].severity, 'info');
  assert.match(issues[0].message, /has 2 models; read model 1 \(the first/);
});

test('MODEL/ENDMDL: another model on request; a missing one lists those present', () => {
  const { a } = read(MODELS, { model: 2, altLocs: 'all' });
  assert.equal(a.count, 2);
  assert.equal(a.x[0], -8);
  const e = formatError(() => read(MODELS, { model: 7 }));
  assert.equal(e.message, 'test.pdb: model 7 was asked for, but the file has models 1, 2');
  const e1 = formatError(() => read([N1], { model: 2 }));
  assert.match(e1.problem, /no MODEL records/);
});

test('short lines: missing occupancy reads 1, missing B reads 0, each warned once', () => {
  const short = N1.slice(0, 54);
  const noB = N1.slice(0, 60);
  const { a, issues } = read([short, noB, N1.trimEnd()]);
  assert.deepEqual([...a.occupancy], [1, 1, 1]);
  assert.deepEqual([...a.bIsoA2], [0, 0, 44.25]);
  assert.deepEqual(a.element, ['N', 'N', 'N']);
  const codes = issues.map((i) => i.code).sort();
  assert.deepEqual(codes, [
    'structure.default-b-factor',
    'structure.default-occupancy',
    'structure.element-inferred',
  ]);
  const b = issues.find((i) => i.code === 'structure.default-b-factor')!;
  assert.equal(b.message, 'test.pdb: 2 atoms had no B-factor; set to 0 Å² (e.g. line 1)');
});

test('a record that ends before the coordinates is an error naming the line', () => {
  const e = formatError(() => read([N1, N1.slice(0, 50)]));
  assert.equal(e.file, 'test.pdb');
  assert.equal(e.problem, 'line 2: ATOM record ends at column 50, before the coordinates (columns 31–54)');
});

test('bad numbers are errors that quote the field', () => {
  let e = formatError(() => read([N1, N1.slice(0, 30) + '     abc' + N1.slice(38)]));
  assert.equal(e.message, "test.pdb: line 2: x coordinate 'abc' is not a number");
  e = formatError(() => read([N1.slice(0, 38) + '        ' + N1.slice(46)]));
  assert.equal(e.problem, 'line 1: y coordinate (columns 39–46) is blank');
  e = formatError(() => read([N1.slice(0, 54) + '  x.00' + N1.slice(60)]));
  assert.equal(e.problem, "line 1: occupancy 'x.00' (columns 55–60) is not a number");
  e = formatError(() => read([N1.slice(0, 60) + ' 4?.25' + N1.slice(66)]));
  assert.equal(e.problem, "line 1: B-factor '4?.25' (columns 61–66) is not a number");
  e = formatError(() => read([N1.slice(0, 22) + '  #3' + N1.slice(26)]));
  assert.equal(e.problem, "line 1: residue number '#3' (columns 23–26) is not a number");
});

test('a file without ATOM/HETATM records is an error', () => {
  const e = formatError(() => read(['HEADER    NOTHING', 'END']));
  assert.equal(e.message, 'test.pdb: no ATOM/HETATM records found');
});

test('hybrid-36 serials and residue numbers; blank serial reads 0; bad serial is warned', () => {
  const big = atom('ATOM', 'A0000', ' CA ', 'GLY', 'B', 'A000', 'C');
  const blank = 'ATOM         H1  SER A   2      10.692   6.279  22.701  0.00 56.40           H';
  const bad = atom('ATOM', '1*345', ' O  ', 'GLY', 'B', '1', 'O');
  const { a, issues } = read([big, blank, bad]);
  assert.deepEqual([...a.serial], [100000, 0, 0]);
  assert.deepEqual([...a.resSeq], [10000, 2, 1]);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].code, 'pdb.bad-serial');
  assert.match(issues[0].message, /line 3: '1\*345'/);
});

test('CRLF line endings and a missing final newline', () => {
  const s = parsePdb(
    `CRYST1   10.000   10.000   10.000  90.00  90.00  90.00 P 1\r\n${N1}\r\n${CA}`,
    'crlf.pdb',
    {
      altLocs: 'all',
    },
  );
  assert.equal(s.atoms.count, 2);
  assert.equal(s.spaceGroup, 'P 1');
  assert.equal(s.atoms.element[1], 'C');
  assert.equal(s.atoms.insCode[1], 'A');
});

test('elements: inferred from the name field when columns 77–78 are blank, X when impossible', () => {
  const lines = [
    atom('ATOM', '1', ' CA ', 'ALA', 'A', '1', ''),
    atom('HETATM', '2', 'CA  ', 'CA', 'A', '101', ''),
    atom('HETATM', '3', '1HB ', 'LIG', 'A', '102', ''),
    atom('HETATM', '4', ' *  ', 'LIG', 'A', '102', ''),
    atom('HETATM', '5', ' C1 ', 'LIG', 'A', '102', 'Q'),
    atom('HETATM', '6', 'Fe  ', 'FE', 'A', '103', 'Fe'),
  ];
  const { a, issues } = read(lines);
  assert.deepEqual(a.element, ['C', 'CA', 'H', 'X', 'C', 'FE']);
  const byCode = Object.fromEntries(issues.map((i) => [i.code, i]));
  assert.equal(byCode['structure.element-inferred']?.severity, 'info');
  assert.match(
    byCode['structure.element-inferred'].message,
    /^test\.pdb: 3 atoms had no element symbol; inferred from the atom name \(e\.g\. line 1: ' CA ' in ALA → C\)$/,
  );
  assert.equal(byCode['structure.element-unknown']?.severity, 'warning');
  assert.match(
    byCode['structure.element-unknown'].message,
    /the element of 1 atom could not be told .*set to 'X' \(e\.g\. line 4: ' \* {2}' in LIG\)/,
  );
  assert.match(
    byCode['structure.element-invalid'].message,
    /element 'Q' is not an element; ' C1 ' in LIG → C/,
  );
});

test('two-character chain ids in columns 21–22', () => {
  const line = atom('ATOM', '94', ' NZ ', 'LYS', 'AB', '34', 'N', '1+');
  const { a } = read([line]);
  assert.equal(a.chainId[0], 'AB');
  assert.equal(a.resSeq[0], 34);
  assert.equal(a.formalCharge?.[0], 1);
});

test("altLocs: 'all' keeps every alternate location; the default keeps the most occupied", () => {
  const A = 'ATOM      2  CA AARG A   3A     -7.853   3.390  -0.976  0.40 39.38           C  ';
  assert.deepEqual(read([N1, A, CA]).a.altLoc, ['', 'B']);
  assert.deepEqual(read([N1, A, CA], { altLocs: 'all' }).a.altLoc, ['', 'A', 'B']);
  const r = read([N1, A, CA]);
  assert.equal(r.issues[0].code, 'structure.altlocs-removed');
  assert.equal(
    r.issues[0].message,
    "test.pdb: 2 atoms have alternate locations; kept the highest-occupancy one of each and dropped 1 (altLocs: 'all' keeps them)",
  );
});

test('bad options are UserErrors', () => {
  assert.throws(() => read([N1], { model: 1.5 }), /model must be an integer/);
  assert.throws(() => read([N1], { altLocs: 'first' }), /altLocs must be 'best' or 'all'/);
});

test('charges: 2+, 1-, +2, -, blank; anything else is NaN', () => {
  assert.equal(parseCharge('2+'), 2);
  assert.equal(parseCharge('1-'), -1);
  assert.equal(parseCharge('+2'), 2);
  assert.equal(parseCharge('-'), -1);
  assert.equal(parseCharge('  '), 0);
  assert.ok(Number.isNaN(parseCharge('2')));
  assert.ok(Number.isNaN(parseCharge('++')));
  const { a, issues } = read([N1.slice(0, 78) + '2x']);
  assert.equal(a.formalCharge?.[0], 0);
  assert.equal(issues[0].code, 'pdb.bad-charge');
});
