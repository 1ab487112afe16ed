import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moments, pearson } from '../../src/grid/statistics.js';

test('moments over all voxels and inside a mask', () => {
  const d = [1, 2, 3, 4];
  const all = moments(d);
  assert.equal(all.mean, 2.5);
  assert.ok(Math.abs(all.std - Math.sqrt(1.25)) < 1e-15);
  const m = moments(d, [0, 1, 1, 0.4]);
  assert.deepEqual([m.count, m.mean, m.min, m.max], [2, 2.5, 2, 3]);
});

test('pearson: ±1 for affine relations, hand-computed value, mask honoured', () => {
  const a = [1, 2, 3, 4, 5];
  assert.ok(
    Math.abs(
      pearson(
        a,
        a.map((v) => 3 * v - 2),
      ) - 1,
    ) < 1e-15,
  );
  assert.ok(
    Math.abs(
      pearson(
        a,
        a.map((v) => -v),
      ) + 1,
    ) < 1e-15,
  );
  // a = (1,2,3), b = (1,3,2): r = 0.5
  assert.ok(Math.abs(pearson([1, 2, 3, 9], [1, 3, 2, -9], [1, 1, 1, 0]) - 0.5) < 1e-15);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
});
