// Our reader against gemmi 0.5.7 on every structure fixture. The expected summaries were written once by
// tools/dump-structures-with-gemmi.py (Debian /usr/bin/python3 + gemmi), which applies our altloc rule to
// gemmi's atoms; see that script for what the JSON holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readStructure } from '../../src/io/structure-read.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { Atoms } from '../../src/io/structure.js';

interface GemmiAtom {
  serial: number;
  name: string;
  altLoc: string;
  resName: string;
  chainId: string;
  resSeq: number;
  insCode: string;
  x: number;
  y: number;
  z: number;
  occupancy: number;
  bIsoA2: number;
  element: string;
  charge: number;
  isHetatm: boolean;
  anisoUA2: number[] | null;
}

interface GemmiSummary {
  models: number;
  entryId: string;
  cell: number[] | null;
  spaceGroup: string;
  atomCount: number;
  elementCounts: Record<string, number>;
  hetatmCount: number;
  withAltLoc: number;
  chains: string[];
  residueCount: number;
  sum: { x: number; y: number; z: number; occupancy: number; bIsoA2: number; charge: number };
  anisoCount: number;
  anisoSum: number[];
  sample: GemmiAtom[];
}

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

/** gemmi keeps occupancy, B and U as float32: compare within float32 precision. */
function closeF32(actual: number, expected: number, what: string): void {
  const tol = 1e-6 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs gemmi ${expected}`);
}

function closeSum(actual: number, expected: number, scale: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= 1e-6 * Math.max(1, scale),
    `${what}: ${actual} vs gemmi ${expected}`,
  );
}

function sortedIndices(a: Atoms): number[] {
  const idx = Array.from({ length: a.count }, (_, i) => i);
  const cmp = (p: string | number, q: string | number) => (p < q ? -1 : p > q ? 1 : 0);
  idx.sort(
    (i, j) =>
      cmp(a.serial[i], a.serial[j]) ||
      cmp(a.chainId[i], a.chainId[j]) ||
      cmp(a.resSeq[i], a.resSeq[j]) ||
      cmp(a.insCode[i], a.insCode[j]) ||
      cmp(a.atomName[i], a.atomName[j]) ||
      cmp(a.altLoc[i], a.altLoc[j]),
  );
  return idx;
}

for (const fixture of FIXTURES) {
  test(`${fixture} reads as gemmi reads it`, async () => {
    const path = `test/fixtures/${fixture}`;
    const g = JSON.parse(readFileSync(`${path}.gemmi.json`, 'utf8')) as GemmiSummary;
    const diagnostics = new IssueList();
    const s = await readStructure(path, { diagnostics });
    const a = s.atoms;

    assert.equal(a.count, g.atomCount, 'atom count');
    const elements: Record<string, number> = {};
    for (const e of a.element) elements[e] = (elements[e] ?? 0) + 1;
    assert.deepEqual(
      Object.fromEntries(Object.entries(elements).sort(([p], [q]) => (p < q ? -1 : 1))),
      g.elementCounts,
      'element counts',
    );
    assert.equal(
      a.isHetatm.reduce((t, v) => t + v, 0),
      g.hetatmCount,
      'HETATM count',
    );
    assert.equal(a.altLoc.filter((x) => x !== '').length, g.withAltLoc, 'atoms with an altloc');
    assert.deepEqual([...new Set(a.chainId)].sort(), g.chains, 'chains');
    const residues = new Set<string>();
    for (let i = 0; i < a.count; i++) {
      residues.add(`${a.chainId[i]}|${a.resSeq[i]}|${a.insCode[i]}|${a.resName[i]}`);
    }
    assert.equal(residues.size, g.residueCount, 'residue count');

    const sum = (v: ArrayLike<number>) => {
      let t = 0;
      for (let i = 0; i < v.length; i++) t += v[i];
      return t;
    };
    const absSum = (v: ArrayLike<number>) => {
      let t = 0;
      for (let i = 0; i < v.length; i++) t += Math.abs(v[i]);
      return t;
    };
    closeSum(sum(a.x), g.sum.x, absSum(a.x), 'Σx');
    closeSum(sum(a.y), g.sum.y, absSum(a.y), 'Σy');
    closeSum(sum(a.z), g.sum.z, absSum(a.z), 'Σz');
    closeSum(sum(a.occupancy), g.sum.occupancy, 10 * absSum(a.occupancy), 'Σocc');
    closeSum(sum(a.bIsoA2), g.sum.bIsoA2, 10 * absSum(a.bIsoA2), 'ΣB');
    assert.equal(sum(a.formalCharge ?? []), g.sum.charge, 'Σcharge');

    let anisoCount = 0;
    const anisoSum = [0, 0, 0, 0, 0, 0];
    if (a.anisoUA2 !== null) {
      for (let i = 0; i < a.count; i++) {
        if (Number.isNaN(a.anisoUA2[6 * i])) continue;
        anisoCount++;
        for (let k = 0; k < 6; k++) anisoSum[k] += a.anisoUA2[6 * i + k];
      }
    }
    assert.equal(anisoCount, g.anisoCount, 'atoms with anisotropic U');
    for (let k = 0; k < 6; k++) closeSum(anisoSum[k], g.anisoSum[k], 10 * anisoCount, `ΣU[${k}]`);

    if (g.entryId !== '') assert.equal(s.name, g.entryId, 'name (entry id)');
    if (g.cell === null) {
      assert.equal(s.cell, null, 'no cell');
    } else {
      assert.ok(s.cell !== null, 'cell');
      const c = s.cell;
      assert.deepEqual([c.a, c.b, c.c, c.alpha, c.beta, c.gamma], g.cell, 'cell');
      assert.equal(s.spaceGroup ?? '', g.spaceGroup, 'space group');
    }
    const models = diagnostics.issues.find((i) => i.code === 'structure.multiple-models');
    if (g.models > 1) assert.match(models?.message ?? '', new RegExp(`has ${g.models} models; read model 1`));
    else assert.equal(models, undefined);

    // the sample: every field of atoms at the same positions of the same sort order
    const order = sortedIndices(a);
    const n = a.count;
    const size = 25;
    const picks =
      n > 1
        ? [...new Set(Array.from({ length: size }, (_, k) => Math.floor((k * (n - 1)) / (size - 1))))]
        : [0];
    assert.equal(picks.length, g.sample.length);
    picks.forEach((p, k) => {
      const i = order[p];
      const e = g.sample[k];
      const where = `sample ${k} (serial ${e.serial})`;
      assert.deepEqual(
        {
          serial: a.serial[i],
          name: a.atomName[i],
          altLoc: a.altLoc[i],
          resName: a.resName[i],
          chainId: a.chainId[i],
          resSeq: a.resSeq[i],
          insCode: a.insCode[i],
          x: a.x[i],
          y: a.y[i],
          z: a.z[i],
          element: a.element[i],
          charge: a.formalCharge?.[i],
          isHetatm: a.isHetatm[i] === 1,
        },
        {
          serial: e.serial,
          name: e.name,
          altLoc: e.altLoc,
          resName: e.resName,
          chainId: e.chainId,
          resSeq: e.resSeq,
          insCode: e.insCode,
          x: e.x,
          y: e.y,
          z: e.z,
          element: e.element,
          charge: e.charge,
          isHetatm: e.isHetatm,
        },
        where,
      );
      closeF32(a.occupancy[i], e.occupancy, `${where} occupancy`);
      closeF32(a.bIsoA2[i], e.bIsoA2, `${where} B`);
      const u =
        a.anisoUA2 === null || Number.isNaN(a.anisoUA2[6 * i]) ? null : a.anisoUA2.subarray(6 * i, 6 * i + 6);
      assert.equal(u === null, e.anisoUA2 === null, `${where} has anisotropic U`);
      if (u !== null && e.anisoUA2 !== null) {
        for (let k2 = 0; k2 < 6; k2++) closeF32(u[k2], e.anisoUA2[k2], `${where} U[${k2}]`);
      }
    });
  });
}
