import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortNonNegativeWithPayload } from '../../src/mask/radix-sort.js';
import { mulberry32 } from '../helpers/synthetic-maps.js';

test('radix sort orders non-negative doubles like Float64Array.sort and carries the payload, stably', () => {
  const rand = mulberry32(12);
  for (const m of [0, 1, 2, 7, 1000, 100_000]) {
    const values = Float64Array.from({ length: m }, (_, i) =>
      i % 11 === 0 ? 0 : i % 13 === 0 ? 0.25 : rand() ** 8 * (i % 3 === 0 ? 1e-300 : 0.05),
    );
    const keys = Float64Array.from(values);
    const payload = Uint32Array.from({ length: m }, (_, i) => i);
    sortNonNegativeWithPayload(keys, payload);
    assert.deepEqual([...keys], [...Float64Array.from(values).sort()]);
    for (let k = 0; k < m; k++) {
      assert.equal(values[payload[k]], keys[k]);
      if (k > 0 && keys[k] === keys[k - 1]) assert.ok(payload[k] > payload[k - 1], 'stable');
    }
  }
});

test('subnormals, 1 and all-equal keys', () => {
  const keys = Float64Array.from([1, 5e-324, 0, 1e-310, 1, 0.5]);
  const payload = Uint32Array.from([0, 1, 2, 3, 4, 5]);
  sortNonNegativeWithPayload(keys, payload);
  assert.deepEqual([...keys], [0, 5e-324, 1e-310, 0.5, 1, 1]);
  assert.deepEqual([...payload], [2, 1, 3, 5, 0, 4]);
  const same = new Float64Array(5).fill(0.125);
  const p = Uint32Array.from([4, 3, 2, 1, 0]);
  sortNonNegativeWithPayload(same, p);
  assert.deepEqual([...p], [4, 3, 2, 1, 0]);
  assert.throws(() => sortNonNegativeWithPayload(new Float64Array(2), new Uint32Array(3)));
});
