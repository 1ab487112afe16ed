import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineStructures, COMBINED_B_A2 } from '../../src/pseudo/combine.js';
import { pseudoAtomicStructure } from '../../src/pseudo/pseudo-structure.js';
import type { Structure } from '../../src/io/structure.js';

/** A model from rows [chain, resSeq, insCode, resName, atomName, altLoc]. */
function model(rows: readonly (readonly [string, number, string, string, string, string])[]): Structure {
  const n = rows.length;
  return {
    atoms: {
      count: n,
      x: Float64Array.from(rows, (_, i) => i),
      y: Float64Array.from(rows, (_, i) => 2 * i),
      z: Float64Array.from(rows, (_, i) => 3 * i),
      occupancy: new Float64Array(n).fill(0.5),
      bIsoA2: new Float64Array(n).fill(77),
      anisoUA2: new Float64Array(6 * n).fill(0.1),
      element: rows.map((r) => r[4][0]),
      atomName: rows.map((r) => r[4]),
      altLoc: rows.map((r) => r[5]),
      resName: rows.map((r) => r[3]),
      chainId: rows.map((r) => r[0]),
      resSeq: Int32Array.from(rows, (r) => r[1]),
      insCode: rows.map((r) => r[2]),
      isHetatm: Uint8Array.from(rows, (r) => (r[3] === 'HOH' ? 1 : 0)),
      serial: Int32Array.from(rows, (_, i) => 100 + i),
    },
    cell: { a: 50, b: 60, c: 70, alpha: 90, beta: 90, gamma: 90 },
    spaceGroup: 'P 1',
    name: 'partial',
  };
}

test('combineStructures: chains renamed in order, residues from 0, duplicate names dropped, B 40, occupancy 1', () => {
  const m = model([
    ['H', 10, '', 'ALA', 'N', ''],
    ['H', 10, '', 'ALA', 'CA', 'A'],
    ['H', 10, '', 'ALA', 'CA', 'B'], // altloc B of CA: a duplicate name, dropped
    ['H', 11, '', 'GLY', 'N', ''],
    ['H', 11, 'A', 'GLY', 'N', ''], // insertion code: a new residue
    ['L', 5, '', 'SER', 'OG', ''],
    ['L', 5, '', 'SER', 'OG', ''], // exact duplicate: dropped
    ['H', 200, '', 'HOH', 'O', ''], // chain H again after L: a new chain
  ]);
  const grid = {
    shapeZyx: [10, 10, 10] as const,
    voxelSizeXyzA: [1, 1, 1] as const,
    originXyzA: [0, 0, 0] as const,
  };
  const n = 3;
  const pseudo = pseudoAtomicStructure(
    { count: n, x: Float64Array.of(1, 2, 3), y: new Float64Array(n), z: new Float64Array(n) },
    grid,
    { atomsPerChain: 2 },
  );
  const c = combineStructures(m, pseudo);
  const a = c.structure.atoms;
  assert.equal(c.modelChainCount, 3);
  assert.equal(c.chainCount, 5);
  assert.equal(c.modelAtomCount, 6);
  assert.equal(c.droppedDuplicateAtoms, 2);
  assert.equal(a.count, 9);
  assert.deepEqual(a.chainId, ['A', 'A', 'A', 'A', 'B', 'C', 'D', 'D', 'E']);
  assert.deepEqual(Array.from(a.resSeq), [0, 0, 1, 2, 0, 0, 0, 1, 0]);
  assert.deepEqual(a.atomName, ['N', 'CA', 'N', 'N', 'OG', 'O', 'O', 'O', 'O']);
  assert.deepEqual(a.resName, ['ALA', 'ALA', 'GLY', 'GLY', 'SER', 'HOH', 'HOH', 'HOH', 'HOH']);
  assert.deepEqual(Array.from(a.x.slice(0, 3)), [0, 1, 3]); // the first CA (altloc A) kept
  assert.deepEqual(Array.from(a.x.slice(6)), [1, 2, 3]);
  assert.ok(a.bIsoA2.every((b) => b === COMBINED_B_A2));
  assert.ok(a.occupancy.every((o) => o === 1));
  assert.equal(a.anisoUA2, null);
  assert.ok(a.altLoc.every((v) => v === '') && a.insCode.every((v) => v === ''));
  assert.deepEqual(Array.from(a.serial), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(c.structure.cell, m.cell);
  // the boundary says which atoms are pseudo-atoms
  for (let i = c.modelAtomCount; i < a.count; i++) assert.equal(a.resName[i], 'HOH');
  // inputs untouched
  assert.equal(m.atoms.bIsoA2[0], 77);
});

test('combineStructures names chains past z: AA, AB, …', () => {
  const rows = Array.from({ length: 60 }, (_, i) => [`${i}`, 1, '', 'GLY', 'CA', ''] as const);
  const m = model(rows);
  const grid = {
    shapeZyx: [10, 10, 10] as const,
    voxelSizeXyzA: [1, 1, 1] as const,
    originXyzA: [0, 0, 0] as const,
  };
  const pseudo = pseudoAtomicStructure(
    { count: 1, x: new Float64Array(1), y: new Float64Array(1), z: new Float64Array(1) },
    grid,
  );
  const c = combineStructures(m, pseudo);
  assert.equal(c.structure.atoms.chainId[25], 'Z');
  assert.equal(c.structure.atoms.chainId[26], 'a');
  assert.equal(c.structure.atoms.chainId[52], 'AA');
  assert.equal(c.structure.atoms.chainId[60], 'AI'); // the pseudo chain
  assert.deepEqual([c.modelChainCount, c.chainCount], [60, 61]);
});
