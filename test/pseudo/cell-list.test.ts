import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellList, HALF_SHELL } from '../../src/pseudo/cell-list.js';
import { seededRandom } from '../../src/core/random.js';

function bruteForcePairs(x: Float64Array, y: Float64Array, z: Float64Array, r: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) {
      const d2 = (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2 + (z[i] - z[j]) ** 2;
      if (d2 <= r * r) out.push(`${i}-${j}`);
    }
  return out.sort();
}

function cellPairs(cells: CellList, r: number): string[] {
  const flat = cells.pairsWithin(r, []);
  const out: string[] = [];
  for (let k = 0; k < flat.length; k += 2) {
    const a = Math.min(flat[k], flat[k + 1]);
    const b = Math.max(flat[k], flat[k + 1]);
    out.push(`${a}-${b}`);
  }
  return out.sort();
}

test('half shell: the cell and 13 of its neighbours, one of each opposite pair', () => {
  assert.equal(HALF_SHELL.length, 14 * 3);
  const seen = new Set<string>();
  for (let h = 0; h < HALF_SHELL.length; h += 3) {
    const key = `${HALF_SHELL[h]},${HALF_SHELL[h + 1]},${HALF_SHELL[h + 2]}`;
    const opposite = `${-HALF_SHELL[h]},${-HALF_SHELL[h + 1]},${-HALF_SHELL[h + 2]}`;
    assert.ok(!seen.has(opposite) || key === '0,0,0');
    seen.add(key);
  }
  assert.equal(seen.size, 14);
});

test('cell-list pairs equal brute force (random clouds, points outside the box, repeated builds)', () => {
  const random = seededRandom(11);
  const shape = [20, 24, 28] as const;
  for (const [count, radius] of [
    [600, 3.6],
    [1500, 1.2],
    [300, 7.5],
    [50, 0.3], // a small radius: the cell size grows to keep the cell count bounded
  ] as const) {
    const x = Float64Array.from({ length: count }, () => random() * 32 - 2); // some outside [0, 28)
    const y = Float64Array.from({ length: count }, () => random() * 24);
    const z = Float64Array.from({ length: count }, () => random() * 26 - 3);
    const cells = new CellList(count, shape, radius);
    assert.ok(cells.cellSizeVox >= radius);
    cells.build(x, y, z, count);
    assert.deepEqual(cellPairs(cells, radius), bruteForcePairs(x, y, z, radius), `N ${count}, r ${radius}`);
    // move the points and rebuild into the same arrays
    for (let i = 0; i < count; i++) x[i] += random() - 0.5;
    cells.build(x, y, z, count);
    assert.deepEqual(cellPairs(cells, radius), bruteForcePairs(x, y, z, radius));
  }
  const tiny = new CellList(50, shape, 0.3);
  assert.ok(tiny.cellsX * tiny.cellsY * tiny.cellsZ <= 8 * 50 + 27);
});

test('a point at the exact cutoff distance counts (≤, as a KD-tree radius query)', () => {
  const cells = new CellList(2, [10, 10, 10], 2);
  cells.build(Float64Array.of(1, 3), Float64Array.of(1, 1), Float64Array.of(1, 1), 2);
  assert.deepEqual(cells.pairsWithin(2, []), [0, 1]);
  assert.deepEqual(cells.pairsWithin(1.9, []), []);
});
