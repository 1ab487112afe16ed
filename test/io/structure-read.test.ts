import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatFromContent,
  formatFromName,
  isGzip,
  parseStructure,
  readStructure,
} from '../../src/io/structure-read.js';
import { withoutHydrogens } from '../../src/io/structure-select.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { FormatError } from '../../src/core/errors.js';

const PDB = 'ATOM      1  N   ARG A   3      -9.142   3.737  -1.538  1.00 44.25           N  \nEND\n';
const CIF =
  'data_x\nloop_\n_atom_site.type_symbol\n_atom_site.Cartn_x\n_atom_site.Cartn_y\n_atom_site.Cartn_z\nN 1 2 3\n';
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

async function formatError(p: Promise<unknown> | (() => unknown)): Promise<FormatError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e: unknown) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  assert.fail('no FormatError');
}

test('format from the name', () => {
  assert.equal(formatFromName('a.pdb'), 'pdb');
  assert.equal(formatFromName('A.PDB.GZ'), 'pdb');
  assert.equal(formatFromName('pdb1abc.ent'), 'pdb');
  assert.equal(formatFromName('x.cif'), 'mmcif');
  assert.equal(formatFromName('x.mmcif.gz'), 'mmcif');
  assert.equal(formatFromName('x.txt'), null);
});

test('format from the content', () => {
  assert.equal(formatFromContent(CIF), 'mmcif');
  assert.equal(formatFromContent('# comment\n\n  DATA_x\n'), 'mmcif');
  assert.equal(formatFromContent(PDB), 'pdb');
  assert.equal(formatFromContent('HEADER    X\nATOM'), 'pdb');
  assert.equal(formatFromContent('USER  MOD reduce\nATOM      1  N   ARG A   3'), 'pdb');
  assert.equal(formatFromContent('hello world\n'), null);
  assert.equal(formatFromContent(''), null);
});

test('content wins over the name; gzip is found by its magic bytes, not the name', () => {
  assert.equal(parseStructure(bytes(PDB), 'misnamed.cif').atoms.count, 1);
  assert.equal(parseStructure(bytes(CIF), 'misnamed.pdb').atoms.element[0], 'N');
  const gz = gzipSync(Buffer.from(CIF));
  assert.ok(isGzip(gz));
  assert.ok(!isGzip(bytes(CIF)));
  assert.equal(parseStructure(gz, 'no-extension').atoms.x[0], 1);
  assert.equal(parseStructure(bytes(PDB), 'x', { format: 'pdb' }).atoms.count, 1);
});

test('a UTF-8 byte-order mark is skipped', () => {
  assert.equal(parseStructure(bytes('\uFEFF' + PDB), 'bom.pdb').atoms.count, 1);
  assert.equal(parseStructure(bytes('\uFEFF' + CIF), 'bom.cif').atoms.count, 1);
});

test('files that are not coordinates are FormatErrors that say why', async () => {
  let e = await formatError(() => parseStructure(new Uint8Array(0), 'empty.pdb'));
  assert.equal(e.message, 'empty.pdb: the file is empty');
  e = await formatError(() => parseStructure(new Uint8Array([77, 65, 80, 0, 0, 1, 2]), 'map.mrc'));
  assert.match(e.message, /^map\.mrc: this is a binary file, not a PDB or mmCIF text file/);
  e = await formatError(() => parseStructure(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'bad.gz'));
  assert.match(e.message, /^bad\.gz: the file starts like gzip but cannot be decompressed/);
  e = await formatError(() => parseStructure(bytes('hello\n'), 'notes.txt'));
  assert.match(e.problem, /^not a PDB or mmCIF file/);
  e = await formatError(() => parseStructure(bytes('REMARK nothing here\nEND\n'), 'empty.pdb'));
  assert.equal(e.message, 'empty.pdb: no ATOM/HETATM records found');
});

test('readStructure: a missing file or a directory is a FormatError naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'locscale-read-'));
  try {
    let e = await formatError(readStructure(join(dir, 'nope.pdb')));
    assert.equal(e.message, `${join(dir, 'nope.pdb')}: no such file`);
    e = await formatError(readStructure(dir));
    assert.equal(e.problem, 'this is a directory, not a file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gzipped PDB and mmCIF fixtures read', async () => {
  const pdb = await readStructure('test/fixtures/structures/biopython_1A8O.pdb.gz');
  assert.equal(pdb.atoms.count, 644);
  assert.equal(pdb.name, '1A8O');
  const cif = await readStructure('test/fixtures/structures/biopython_3JQH.cif.gz');
  assert.equal(cif.name, '3JQH');
  assert.equal(cif.atoms.count, 206);
});

test('the real-map box models read: 6i5a 2393 atoms (1207 without H), 5fn5 19427 (9703)', async () => {
  const a = await readStructure('test/fixtures/real/6i5a_box_model.pdb');
  assert.equal(a.atoms.count, 2393);
  assert.equal(withoutHydrogens(a).atoms.count, 1207);
  assert.deepEqual(a.cell, { a: 48.921, b: 74.445, c: 45.73, alpha: 90, beta: 90, gamma: 90 });
  const b = await readStructure('test/fixtures/real/5fn5_box_model.pdb');
  assert.equal(b.atoms.count, 19427);
  assert.equal(withoutHydrogens(b).atoms.count, 9703);
  assert.deepEqual([...new Set(b.atoms.chainId)], ['A', 'B', 'C', 'D']);
  assert.deepEqual(b.cell, { a: 89.6, b: 138.6, c: 92.4, alpha: 90, beta: 90, gamma: 90 });
});

test('a header-less, element-less file reads with inferred elements and one info issue', async () => {
  const d = new IssueList();
  const s = await readStructure('test/fixtures/structures/mustang_1zaa1.pdb', { diagnostics: d });
  assert.equal(s.name, '');
  assert.equal(s.cell, null);
  assert.deepEqual(
    d.issues.map((i) => [i.code, i.severity]),
    [['structure.element-inferred', 'info']],
  );
});

// node:test reports through the process's stdout, so only the console is watched here.
test('reading prints nothing (warnings go to the Diagnostics sink)', async () => {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m].bind(console));
  const calls: string[] = [];
  for (const m of methods) console[m] = (...args: unknown[]) => void calls.push(`${m}: ${args.join(' ')}`);
  try {
    for (const f of [
      'mustang_1zaa1.pdb',
      'pymol_3al1.pdb',
      'biopython_3JQH.cif.gz',
      'biopython_1LCD.pdb.gz',
    ]) {
      await readStructure(`test/fixtures/structures/${f}`);
    }
  } finally {
    methods.forEach((m, k) => (console[m] = saved[k]!));
  }
  assert.deepEqual(calls, []);
});
