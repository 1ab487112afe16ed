import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStructure } from '../../src/io/structure-read.js';
import { formatStructure, writeStructure } from '../../src/io/structure-write.js';
import { parseStructure } from '../../src/io/structure-read.js';
import { isGzip } from '../../src/io/structure-read.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { UserError } from '../../src/core/errors.js';
import type { Structure } from '../../src/io/structure.js';

const FIXTURES = [
  'structures/mustang_1zaa1.pdb',
  'structures/qrefine_5h64_first400.pdb',
  'structures/biopython_1A8O.pdb.gz',
  'structures/biopython_3JQH.cif.gz',
  'structures/biopython_4CUP.cif.gz',
  'structures/biopython_1LCD.pdb.gz',
  'structures/biopython_2OFG.cif.gz',
  'structures/pymol_3al1.pdb',
  'structures/gemmi_5i55.cif',
  'structures/gemmi_1orc.pdb',
  'structures/locscale_pdb3j5p_refined_chainA.pdb',
  'structures/biotite_4p5j.cif',
  'structures/daq_3J6B_9.pdb',
  'real/6i5a_box_model.pdb',
  'real/5fn5_box_model.pdb',
];

function withTempDir(fn: (dir: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'locscale-write-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Serials compared apart: the mmCIF writer renumbers repeated serials (warned), e.g. in 1A8O. */
function withoutSerials(s: Structure): Structure {
  return { ...s, atoms: { ...s.atoms, serial: new Int32Array(0) } };
}

for (const fixture of FIXTURES) {
  test(`${fixture}: PDB and mmCIF round trips give every field back`, async () => {
    const s = await readStructure(`test/fixtures/${fixture}`, { altLocs: 'all' });
    for (const format of ['pdb', 'mmcif'] as const) {
      const d = new IssueList();
      const text = formatStructure(s, format, { diagnostics: d });
      const back = parseStructure(Buffer.from(text), `round-trip.${format}`, { altLocs: 'all' });
      if (d.issues.some((i) => i.code === 'mmcif.ids-renumbered')) {
        assert.deepEqual(withoutSerials(back), withoutSerials(s), `${format} round trip`);
      } else {
        assert.deepEqual(back, s, `${format} round trip`);
        assert.deepEqual(d.issues, [], `${format}: no warnings`);
      }
    }
  });
}

test(
  'writeStructure picks the format from the extension, gzip for .gz, and leaves no temporary file',
  withTempDir(async (dir) => {
    const s = await readStructure('test/fixtures/structures/pymol_3al1.pdb');
    for (const name of ['a.pdb', 'b.cif', 'c.pdb.gz', 'd.cif.gz', 'e.mmcif', 'f.ent']) {
      const path = join(dir, name);
      await writeStructure(path, s);
      const raw = readFileSync(path);
      assert.equal(isGzip(raw), name.endsWith('.gz'), name);
      assert.deepEqual(await readStructure(path), s, name);
    }
    assert.match(readFileSync(join(dir, 'a.pdb'), 'utf8'), /^HEADER {56}3AL1\nCRYST1/);
    assert.match(readFileSync(join(dir, 'b.cif'), 'utf8'), /^data_3AL1\n/);
    await writeStructure(join(dir, 'g.txt'), s, { format: 'mmcif' });
    assert.match(readFileSync(join(dir, 'g.txt'), 'utf8'), /^data_3AL1\n/);
    assert.deepEqual(readdirSync(dir).sort(), [
      'a.pdb',
      'b.cif',
      'c.pdb.gz',
      'd.cif.gz',
      'e.mmcif',
      'f.ent',
      'g.txt',
    ]);
  }),
);

test(
  'an extension that names no format is a UserError',
  withTempDir(async (dir) => {
    const s = await readStructure('test/fixtures/structures/mustang_1zaa1.pdb');
    await assert.rejects(
      writeStructure(join(dir, 'model.txt'), s),
      (e: unknown) =>
        e instanceof UserError &&
        e.message ===
          `cannot tell the format to write from the name '${join(dir, 'model.txt')}': use .pdb or .cif (optionally with .gz)`,
    );
    assert.deepEqual(readdirSync(dir), []);
  }),
);
