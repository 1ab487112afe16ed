import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultFdrWindowSize,
  defaultNoiseBoxes,
  noiseBoxesAt,
  noiseBoxCentre,
  estimateNoise,
  boxStats,
} from '../../src/mask/noise-boxes.js';
import { UserError } from '../../src/core/errors.js';

test('default window: round_up_to_even(0.1·N₀), N₀ the size along axis 0 (z)', () => {
  assert.equal(defaultFdrWindowSize([40, 99, 99]), 4);
  assert.equal(defaultFdrWindowSize([30, 10, 10]), 4); // 0.1·30 = 3.0000000000000004 → ceil 4
  assert.equal(defaultFdrWindowSize([256, 256, 256]), 26);
  assert.equal(defaultFdrWindowSize([384, 384, 384]), 40);
  assert.equal(defaultFdrWindowSize([43, 70, 46]), 6);
});

test('default boxes: central z slab, near both ends of y and of x (spec §2.5.2)', () => {
  const b = defaultNoiseBoxes([40, 40, 40], 4);
  assert.deepEqual(
    b.map((x) => x.startZyx),
    [
      [18, 0, 18],
      [18, 35, 18],
      [18, 18, 0],
      [18, 18, 35],
    ],
  );
  // a non-cubic box: y and x ends computed from their own sizes (0.98·70 − 6 = 62.6 → 62; ⌊0.98·46⌋ − 6 = 39)
  const c = defaultNoiseBoxes([43, 70, 46], 6);
  assert.deepEqual(
    c.map((x) => x.startZyx),
    [
      [18, 1, 20],
      [18, 62, 20],
      [18, 32, 0],
      [18, 32, 39],
    ],
  );
  assert.throws(() => defaultNoiseBoxes([40, 40, 40], 40), UserError);
  assert.throws(() => defaultNoiseBoxes([40, 40, 40], 0), UserError);
  assert.throws(() => defaultNoiseBoxes([40, 40, 40], 2.5), UserError);
});

test('user boxes start at ⌊c − w/2⌋, must fit in the map, and noiseBoxCentre inverts the rule', () => {
  const b = noiseBoxesAt([40, 40, 40], 6, [
    [10, 10, 10],
    [5.5, 30, 3],
  ]);
  assert.deepEqual(b[0].startZyx, [7, 7, 7]);
  assert.deepEqual(b[1].startZyx, [2, 27, 0]);
  assert.throws(() => noiseBoxesAt([40, 40, 40], 6, [[1, 20, 20]]), /does not fit/);
  assert.throws(() => noiseBoxesAt([40, 40, 40], 6, [[20, 20, 38]]), UserError);
  assert.throws(() => noiseBoxesAt([40, 40, 40], 6, []), UserError);
  for (const w of [4, 5, 6, 7]) {
    const start: [number, number, number] = [3, 8, 11];
    assert.deepEqual(noiseBoxesAt([40, 40, 40], w, [noiseBoxCentre(start, w)])[0].startZyx, start);
  }
});

test('estimateNoise pools the boxes (a voxel in two boxes counts twice) and counts exact zeros', () => {
  const n = 10;
  const data = new Float64Array(n * n * n);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 13;
  const boxes = noiseBoxesAt([n, n, n], 2, [
    [5, 5, 5],
    [5, 5, 5],
    [2, 2, 2],
  ]);
  const e = estimateNoise(data, [n, n, n], boxes);
  const values: number[] = [];
  for (const b of boxes)
    for (let z = 0; z < 2; z++)
      for (let y = 0; y < 2; y++)
        for (let x = 0; x < 2; x++) {
          const [z0, y0, x0] = b.startZyx;
          values.push(data[((z0 + z) * n + y0 + y) * n + x0 + x]);
        }
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  assert.equal(e.count, 24);
  assert.ok(Math.abs(e.mean - mean) < 1e-14 && Math.abs(e.variance - variance) < 1e-13);
  assert.equal(e.zeroCount, values.filter((v) => v === 0).length);
  assert.equal(e.perBox.length, 3);
  assert.deepEqual(e.perBox[0], boxStats(data, [n, n, n], boxes[0]));
});
