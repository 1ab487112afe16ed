import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainIdAt } from '../../src/pseudo/chain-ids.js';
import { pseudoAtomicStructure, withRandomElements } from '../../src/pseudo/pseudo-structure.js';
import { formatPdb } from '../../src/io/pdb-write.js';
import { parsePdb } from '../../src/io/pdb-read.js';
import { formatMmcif } from '../../src/io/mmcif-write.js';
import { parseMmcif } from '../../src/io/mmcif-read.js';

test('chain ids: A–Z, a–z, then AA, AB, …, zz, then AAA', () => {
  assert.equal(chainIdAt(0), 'A');
  assert.equal(chainIdAt(25), 'Z');
  assert.equal(chainIdAt(26), 'a');
  assert.equal(chainIdAt(51), 'z');
  assert.equal(chainIdAt(52), 'AA');
  assert.equal(chainIdAt(53), 'AB');
  assert.equal(chainIdAt(52 + 51), 'Az');
  assert.equal(chainIdAt(52 + 52), 'BA');
  assert.equal(chainIdAt(52 + 52 * 52 - 1), 'zz');
  assert.equal(chainIdAt(52 + 52 * 52), 'AAA');
  const ids = new Set(Array.from({ length: 3000 }, (_, i) => chainIdAt(i)));
  assert.equal(ids.size, 3000);
});

test('pseudo-atomic structure: HOH/O, B 20, occupancy 1, origin + index · voxel, cell = box', () => {
  const grid = {
    shapeZyx: [30, 40, 50] as const,
    voxelSizeXyzA: [1.1, 1.2, 1.3] as const,
    originXyzA: [-10, 5, 100] as const,
  };
  const s = pseudoAtomicStructure(
    { count: 2, x: Float64Array.of(0, 10.5), y: Float64Array.of(0, 2), z: Float64Array.of(0, 3) },
    grid,
  );
  const a = s.atoms;
  assert.deepEqual(Array.from(a.x), [-10, -10 + 10.5 * 1.1]);
  assert.deepEqual(Array.from(a.y), [5, 5 + 2 * 1.2]);
  assert.deepEqual(Array.from(a.z), [100, 100 + 3 * 1.3]);
  assert.deepEqual(a.resName, ['HOH', 'HOH']);
  assert.deepEqual(a.atomName, ['O', 'O']);
  assert.deepEqual(a.element, ['O', 'O']);
  assert.deepEqual(Array.from(a.bIsoA2), [20, 20]);
  assert.deepEqual(Array.from(a.occupancy), [1, 1]);
  assert.deepEqual(a.chainId, ['A', 'A']);
  assert.deepEqual(Array.from(a.resSeq), [0, 1]);
  assert.deepEqual(Array.from(a.isHetatm), [1, 1]);
  assert.deepEqual(s.cell, { a: 50 * 1.1, b: 40 * 1.2, c: 30 * 1.3, alpha: 90, beta: 90, gamma: 90 });
  assert.equal(s.spaceGroup, 'P 1');
});

test('a new chain every 9 999 atoms, past 26 chains without running out (the original crashed)', () => {
  const n = 27 * 9999 + 5; // 28 chains: A … Z, a, b
  const grid = {
    shapeZyx: [10, 10, 10] as const,
    voxelSizeXyzA: [1, 1, 1] as const,
    originXyzA: [0, 0, 0] as const,
  };
  const s = pseudoAtomicStructure(
    { count: n, x: new Float64Array(n), y: new Float64Array(n), z: new Float64Array(n) },
    grid,
  );
  const a = s.atoms;
  assert.equal(a.chainId[0], 'A');
  assert.equal(a.resSeq[9998], 9998);
  assert.equal(a.chainId[9998], 'A');
  assert.equal(a.chainId[9999], 'B');
  assert.equal(a.resSeq[9999], 0);
  assert.equal(a.chainId[26 * 9999 - 1], 'Z');
  assert.equal(a.chainId[26 * 9999], 'a');
  assert.equal(a.chainId[n - 1], 'b');
  assert.equal(a.resSeq[n - 1], 4);
  assert.equal(a.serial[n - 1], n);
  // small chains to reach two-letter ids, written and read back as mmCIF and PDB
  const m = pseudoAtomicStructure(
    { count: 60, x: new Float64Array(60), y: new Float64Array(60), z: new Float64Array(60) },
    grid,
    { atomsPerChain: 1 },
  );
  assert.equal(m.atoms.chainId[59], 'AH');
  assert.deepEqual(parseMmcif(formatMmcif(m), 'm.cif').atoms.chainId, m.atoms.chainId);
  assert.deepEqual(parsePdb(formatPdb(m), 'm.pdb').atoms.chainId, m.atoms.chainId);
});

test('element composition: C 0.63, O 0.20, N 0.17, seeded, only in the requested range', () => {
  const n = 20000;
  const grid = {
    shapeZyx: [10, 10, 10] as const,
    voxelSizeXyzA: [1, 1, 1] as const,
    originXyzA: [0, 0, 0] as const,
  };
  const s = pseudoAtomicStructure(
    { count: n, x: new Float64Array(n), y: new Float64Array(n), z: new Float64Array(n) },
    grid,
  );
  const r = withRandomElements(s, 7);
  const count = (e: string) => r.atoms.element.filter((v) => v === e).length / n;
  assert.ok(Math.abs(count('C') - 0.63) < 0.015, `C ${count('C')}`);
  assert.ok(Math.abs(count('O') - 0.2) < 0.015, `O ${count('O')}`);
  assert.ok(Math.abs(count('N') - 0.17) < 0.015, `N ${count('N')}`);
  assert.deepEqual(withRandomElements(s, 7).atoms.element, r.atoms.element);
  assert.notDeepEqual(withRandomElements(s, 8).atoms.element, r.atoms.element);
  assert.deepEqual(s.atoms.element.slice(0, 3), ['O', 'O', 'O']); // input untouched
  const part = withRandomElements(s, 7, 100, 200);
  assert.ok(part.atoms.element.slice(0, 100).every((e) => e === 'O'));
  assert.ok(part.atoms.element.slice(200).every((e) => e === 'O'));
  assert.ok(part.atoms.element.slice(100, 200).some((e) => e === 'C'));
  assert.deepEqual(part.atoms.atomName.slice(100, 103), ['O', 'O', 'O']); // names stay, as in the original
});
