import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMmcif } from '../../src/io/mmcif-read.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { FormatError } from '../../src/core/errors.js';

const HEADER = `data_1XYZ
#
_entry.id   1XYZ
#
_cell.entry_id           1XYZ
_cell.length_a           45.890
_cell.length_b           45.890
_cell.length_c           195.636
_cell.angle_alpha        90.00
_cell.angle_beta         90.00
_cell.angle_gamma        120.00
#
_symmetry.entry_id                         1XYZ
_symmetry.space_group_name_H-M             'P 61 2 2'
#
`;

const SITE = `loop_
_atom_site.group_PDB
_atom_site.id
_atom_site.type_symbol
_atom_site.label_atom_id
_atom_site.label_alt_id
_atom_site.label_comp_id
_atom_site.label_asym_id
_atom_site.label_entity_id
_atom_site.label_seq_id
_atom_site.pdbx_PDB_ins_code
_atom_site.Cartn_x
_atom_site.Cartn_y
_atom_site.Cartn_z
_atom_site.occupancy
_atom_site.B_iso_or_equiv
_atom_site.pdbx_formal_charge
_atom_site.auth_seq_id
_atom_site.auth_comp_id
_atom_site.auth_asym_id
_atom_site.auth_atom_id
_atom_site.pdbx_PDB_model_num
ATOM   1   N  N     . SER A 1 1   ? 3.278  21.202 20.087 1.00 56.23 ? 101 SER A N     1
ATOM   2   C  CA    A SER A 1 1   B 3.746  20.507 21.289 0.83 65.19 ? 101 SER A CA    1
ATOM   3   O  "O5'" . DA  B 2 .   ? 1.5    -2     3      1    10    ? 7   DA  C "O5'" 1
HETATM 4   Fe FE    . HEM C 3 .   ? 0.000  0.000  0.000  0.50 12.00 2 401 HEM D FE    1
HETATM 5   O  O     . HOH D 4 .   ? 9.0    9.0    9.0    1.00 30.00 ? ?   HOH ? O     1
ATOM   6   N  N     . SER A 1 1   ? 3.000  21.202 20.087 1.00 56.23 ? 101 SER A N     2
#
`;

function read(text: string, options = {}) {
  const diagnostics = new IssueList();
  const s = parseMmcif(text, 'test.cif', { diagnostics, ...options });
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

test('_atom_site columns, auth values first, per-row fallback to label values', () => {
  const { s, a, issues } = read(HEADER + SITE);
  assert.equal(s.name, '1XYZ');
  assert.deepEqual(s.cell, { a: 45.89, b: 45.89, c: 195.636, alpha: 90, beta: 90, gamma: 120 });
  assert.equal(s.spaceGroup, 'P 61 2 2');
  assert.equal(a.count, 5);
  assert.deepEqual([...a.serial], [1, 2, 3, 4, 5]);
  assert.deepEqual(a.element, ['N', 'C', 'O', 'FE', 'O']);
  assert.deepEqual(a.atomName, ['N', 'CA', "O5'", 'FE', 'O']);
  assert.deepEqual(a.altLoc, ['', 'A', '', '', '']);
  assert.deepEqual(a.resName, ['SER', 'SER', 'DA', 'HEM', 'HOH']);
  assert.deepEqual(a.chainId, ['A', 'A', 'C', 'D', 'D']); // '?' auth_asym_id falls back to label_asym_id
  assert.deepEqual([...a.resSeq], [101, 101, 7, 401, 0]); // '?' auth and '.' label: 0
  assert.deepEqual(a.insCode, ['', 'B', '', '', '']);
  assert.deepEqual([...a.x], [3.278, 3.746, 1.5, 0, 9]);
  assert.deepEqual([...a.y], [21.202, 20.507, -2, 0, 9]);
  assert.deepEqual([...a.occupancy], [1, 0.83, 1, 0.5, 1]);
  assert.deepEqual([...a.bIsoA2], [56.23, 65.19, 10, 12, 30]);
  assert.deepEqual([...a.isHetatm], [0, 0, 0, 1, 1]);
  assert.deepEqual([...(a.formalCharge ?? [])], [0, 0, 0, 2, 0]);
  assert.equal(a.anisoUA2, null);
  assert.deepEqual(
    issues.map((i) => i.code),
    ['structure.multiple-models'],
  );
});

test('column order does not matter (tags indexed by name)', () => {
  const text = `data_x
loop_
_atom_site.Cartn_z
_atom_site.auth_atom_id
_atom_site.B_iso_or_equiv
_atom_site.Cartn_x
_atom_site.type_symbol
_atom_site.occupancy
_atom_site.auth_comp_id
_atom_site.Cartn_y
_atom_site.auth_seq_id
_atom_site.auth_asym_id
3 CA 20 1 C 0.5 GLY 2 5 B
`;
  const { s, a } = read(text);
  assert.equal(s.name, 'x'); // no _entry: the block name
  assert.equal(s.cell, null);
  assert.equal(s.spaceGroup, null);
  assert.deepEqual([a.x[0], a.y[0], a.z[0], a.occupancy[0], a.bIsoA2[0]], [1, 2, 3, 0.5, 20]);
  assert.deepEqual(
    [a.atomName[0], a.resName[0], a.chainId[0], a.resSeq[0], a.element[0]],
    ['CA', 'GLY', 'B', 5, 'C'],
  );
  assert.deepEqual([a.serial[0], a.isHetatm[0], a.altLoc[0], a.insCode[0]], [0, 0, '', '']);
});

test('models: the first by default, another on request, a missing one listed', () => {
  assert.equal(read(HEADER + SITE).a.count, 5);
  const two = read(HEADER + SITE, { model: 2 });
  assert.equal(two.a.count, 1);
  assert.equal(two.a.x[0], 3);
  assert.match(two.issues[0].message, /has 2 models; read model 2$/);
  const e = formatError(() => read(HEADER + SITE, { model: 3 }));
  assert.equal(e.message, 'test.cif: model 3 was asked for, but the file has models 1, 2');
});

test('_atom_site_anisotrop joins on id (U, or B converted with 8π²)', () => {
  const aniso = `loop_
_atom_site_anisotrop.id
_atom_site_anisotrop.type_symbol
_atom_site_anisotrop.U[1][1]
_atom_site_anisotrop.U[2][2]
_atom_site_anisotrop.U[3][3]
_atom_site_anisotrop.U[1][2]
_atom_site_anisotrop.U[1][3]
_atom_site_anisotrop.U[2][3]
4 FE 0.4738 0.4524 0.2904 -0.0309 -0.0231 0.0036
1 N  0.1    0.2    0.3    0.01    0.02    0.03
99 N 0.1    0.2    0.3    0.01    0.02    0.03
`;
  const { a } = read(HEADER + SITE + aniso);
  assert.ok(a.anisoUA2 !== null);
  assert.deepEqual([...a.anisoUA2.subarray(0, 6)], [0.1, 0.2, 0.3, 0.01, 0.02, 0.03]);
  assert.deepEqual([...a.anisoUA2.subarray(18, 24)], [0.4738, 0.4524, 0.2904, -0.0309, -0.0231, 0.0036]);
  assert.ok(Number.isNaN(a.anisoUA2[6]));

  const b8 = 8 * Math.PI * Math.PI;
  const asB = aniso.replace(/\.U\[/g, '.B[').replace('4 FE 0.4738', `4 FE ${0.5 * b8}`);
  const rb = read(HEADER + SITE + asB).a;
  assert.ok(Math.abs(rb.anisoUA2![18] - 0.5) < 1e-12);
});

test('missing type_symbol: elements inferred from the name, reported', () => {
  const text = SITE.replace('_atom_site.type_symbol\n', '').replace(/^(ATOM|HETATM)(\s+\d+\s+)\S+/gm, '$1$2');
  const { a, issues } = read(HEADER + text);
  assert.deepEqual(a.element, ['N', 'C', 'O', 'FE', 'O']);
  const inferred = issues.find((i) => i.code === 'structure.element-inferred');
  assert.match(
    inferred?.message ?? '',
    /^test\.cif: 5 atoms had no element symbol; inferred from the atom name \(e\.g\. _atom_site row 1: 'N' in SER → N\)$/,
  );
});

test('missing occupancy or B: 1 and 0 Å², warned', () => {
  const text = `data_x
loop_
_atom_site.id
_atom_site.type_symbol
_atom_site.Cartn_x
_atom_site.Cartn_y
_atom_site.Cartn_z
_atom_site.occupancy
1 C 1 2 3 ?
2 C 1 2 3 0.5
`;
  const { a, issues } = read(text);
  assert.deepEqual([...a.occupancy], [1, 0.5]);
  assert.deepEqual([...a.bIsoA2], [0, 0]);
  assert.deepEqual(
    issues.map((i) => i.message),
    [
      'test.cif: 1 atom had no occupancy; set to 1 (e.g. line 9)',
      'test.cif: 2 atoms had no B-factor; set to 0 Å² (e.g. line 9)',
    ],
  );
});

test('errors: bad coordinate with its line, missing column, no _atom_site, syntax error, no block', () => {
  const bad = (HEADER + SITE).replace('9.0    9.0    9.0', '9.0    abc    9.0');
  let e = formatError(() => read(bad));
  assert.equal(e.message, "test.cif: line 42: y coordinate 'abc' is not a number");
  e = formatError(() => read('data_x\nloop_\n_atom_site.Cartn_x\n_atom_site.Cartn_y\n1 2\n'));
  assert.equal(e.problem, '_atom_site has no Cartn_z column: the atoms have no coordinates');
  e = formatError(() => read(HEADER));
  assert.equal(
    e.message,
    'test.cif: no _atom_site category found: an mmCIF coordinate file lists its atoms in an _atom_site loop',
  );
  e = formatError(() => read("data_x\n_entry.id 'oops\n"));
  assert.equal(
    e.message,
    'test.cif: CIF syntax error at line 2: unterminated quoted string (a quote closes only before a blank)',
  );
  e = formatError(() => read('# only a comment\n'));
  assert.equal(e.problem, "no 'data_' block found: not a CIF file");
  e = formatError(() => read('data_x\nloop_\n_atom_site.Cartn_x\n_atom_site.Cartn_y\n_atom_site.Cartn_z\n'));
  assert.equal(e.problem, 'the _atom_site loop has no atoms');
});

test('_space_group.name_H-M_alt when _symmetry is absent; _entry.id ? is an empty name', () => {
  const text = `data_blk
_entry.id ?
_space_group.name_H-M_alt 'C 1 2 1'
loop_
_atom_site.Cartn_x
_atom_site.Cartn_y
_atom_site.Cartn_z
1 2 3
`;
  const { s, issues } = read(text);
  assert.equal(s.spaceGroup, 'C 1 2 1');
  assert.equal(s.name, '');
  assert.ok(issues.some((i) => i.code === 'structure.element-unknown'));
  assert.equal(s.atoms.element[0], 'X');
});
