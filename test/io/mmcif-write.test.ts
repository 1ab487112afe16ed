import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cifValue, formatDecimal, formatMmcif } from '../../src/io/mmcif-write.js';
import { parseMmcif } from '../../src/io/mmcif-read.js';
import { parseCif } from '../../src/io/cif-tokenizer.js';
import { AtomTableBuilder } from '../../src/io/atom-table-builder.js';
import { IssueList } from '../../src/core/diagnostics.js';
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

test('formatDecimal: at least the minimum decimals, more only when the value needs them', () => {
  assert.equal(formatDecimal(3.278, 3, 6), '3.278');
  assert.equal(formatDecimal(3, 3, 6), '3.000');
  assert.equal(formatDecimal(56.23, 2, 6), '56.23');
  assert.equal(formatDecimal(0.1234, 2, 6), '0.1234');
  assert.equal(formatDecimal(1 / 3, 3, 6), '0.333333');
  assert.equal(formatDecimal(12.345000000000001, 3, 6), '12.345');
});

test('cifValue quotes what would not read back as itself', () => {
  assert.equal(cifValue('CA'), 'CA');
  assert.equal(cifValue("O5'"), "O5'");
  assert.equal(cifValue(''), '?');
  assert.equal(cifValue('', '.'), '.');
  assert.equal(cifValue('P 1'), "'P 1'");
  assert.equal(cifValue('?'), "'?'");
  assert.equal(cifValue('.'), "'.'");
  assert.equal(cifValue('_x'), "'_x'");
  assert.equal(cifValue('#1'), "'#1'");
  assert.equal(cifValue("'q"), "''q'"); // a quote closes only before a blank
  assert.equal(cifValue('data_x'), "'data_x'");
  assert.equal(cifValue("it's a b"), "'it's a b'");
  assert.equal(cifValue('a\' b" c'), '\n;a\' b" c\n;\n');
  for (const v of [
    'CA',
    "O5'",
    'P 1',
    '?',
    '.',
    '_x',
    '#1',
    "'q",
    'data_x',
    "it's a b",
    'a\' b" c',
    'two\nlines',
  ]) {
    const doc = parseCif(`data_t\n_a.v ${cifValue(v)}\n`);
    assert.equal(doc.blocks[0].category('_a')!.field('v')!.str(0), v, JSON.stringify(v));
  }
});

const ROWS: AtomArgs[] = [
  [1, 'N', '', 'SER', 'A', 101, '', 3.278, 21.202, 20.087, 1, 56.23, 'N', 0, false],
  [2, 'CA', 'A', 'SER', 'A', 101, 'B', 3.746, 20.507, 21.289, 0.83, 65.19, 'C', 0, false],
  [3, "O5'", '', 'DA', 'C', -7, '', 1.5, -2, 1 / 3, 1, 10, 'O', 0, false],
  [4, 'FE', '', 'HEM', 'D', 401, '', 0, 0, 0, 0.5, 12.3456, 'FE', 2, true],
  [5, '?', '', 'UNL', 'long chain', 1, '', 1e4, -1e4, 12345.6789, 1, 0, 'X', -1, true],
];

test('a data block with _entry, _cell, _symmetry, _atom_site and _atom_site_anisotrop', () => {
  const s = structure(
    ROWS,
    {
      name: '1XYZ',
      cell: { a: 45.89, b: 45.89, c: 195.636, alpha: 90, beta: 90, gamma: 120 },
      spaceGroup: 'P 61 2 2',
    },
    [[3, [0.4738, 0.4524, 0.2904, -0.0309, -0.0231, 0.0036]]],
  );
  const text = formatMmcif(s);
  assert.match(text, /^data_1XYZ\n#\n_entry\.id 1XYZ\n#\n_cell\.entry_id 1XYZ\n_cell\.length_a 45\.890\n/);
  assert.match(text, /\n_symmetry\.space_group_name_H-M 'P 61 2 2'\n/);
  assert.match(text, /\nloop_\n_atom_site\.group_PDB\n_atom_site\.id\n/);
  assert.match(text, /\nATOM 1 N N \. SER A 101 \? 3\.278 21\.202 20\.087 1\.00 56\.23 \? 101 SER A N 1\n/);
  assert.match(
    text,
    /\nHETATM 5 X '\?' \. UNL 'long chain' \. \? 10000\.000 -10000\.000 12345\.6789 1\.00 0\.00 -1 1 /,
  );
  assert.match(
    text,
    /\nloop_\n_atom_site_anisotrop\.id\n_atom_site_anisotrop\.type_symbol\n_atom_site_anisotrop\.U\[1\]\[1\]\n/,
  );
  assert.match(text, /\n4 FE 0\.4738 0\.4524 0\.2904 -0\.0309 -0\.0231 0\.0036\n/);
});

test('round trip: every field comes back, awkward strings and computed values included', () => {
  const s = structure(
    ROWS,
    {
      name: 'A NAME WITH BLANKS',
      cell: { a: 1, b: 2, c: 3, alpha: 90, beta: 90, gamma: 90 },
      spaceGroup: 'P 1',
    },
    [
      [0, [0.1, 0.2, 0.3, 0.01, 0.02, 0.03]],
      [3, [0.4738, 0.4524, 0.2904, -0.0309, -0.0231, 1 / 7]],
    ],
  );
  const back = parseMmcif(formatMmcif(s), 'r.cif', { altLocs: 'all' });
  // 1/3 and 1/7 come back at 10⁻⁶; everything else exactly
  assert.ok(Math.abs(back.atoms.z[2] - 1 / 3) < 1e-6);
  assert.ok(Math.abs(back.atoms.anisoUA2![23] - 1 / 7) < 1e-6);
  back.atoms.z[2] = 1 / 3;
  back.atoms.anisoUA2![23] = 1 / 7;
  assert.deepEqual(back, s);
});

test('an empty name and no cell round trip', () => {
  const s = structure(ROWS.slice(0, 1));
  const text = formatMmcif(s);
  assert.match(text, /^data_structure\n#\n_entry\.id \?\n/);
  assert.deepEqual(parseMmcif(text, 'e.cif'), s);
});

test('repeated serials: ids renumbered 1…n so the anisotrop join stays right, with a warning', () => {
  const rows = ROWS.slice(0, 3).map((r) => [7, ...r.slice(1)] as AtomArgs);
  const s = structure(rows, {}, [[2, [1, 2, 3, 4, 5, 6]]]);
  const d = new IssueList();
  const back = parseMmcif(formatMmcif(s, { diagnostics: d }), 'd.cif', { altLocs: 'all' });
  assert.deepEqual([...back.atoms.serial], [1, 2, 3]);
  assert.deepEqual([...back.atoms.anisoUA2!.subarray(12, 18)], [1, 2, 3, 4, 5, 6]);
  assert.equal(d.issues[0].code, 'mmcif.ids-renumbered');
});

test('non-finite values cannot be written', () => {
  const row: AtomArgs = [1, 'N', '', 'SER', 'A', 1, '', Infinity, 0, 0, 1, 0, 'N', 0, false];
  assert.throws(() => formatMmcif(structure([row])), /cannot write an mmCIF file: a coordinate is Infinity/);
});
