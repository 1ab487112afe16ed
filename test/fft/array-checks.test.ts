import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlaps, refuseAliasing, refusePartialAliasing, sameRange } from '../../src/fft/array-checks.js';

test('overlaps and sameRange look at the memory, not the view objects', () => {
  const buf = new Float64Array(10);
  assert.ok(overlaps(buf.subarray(0, 5), buf.subarray(4, 10)));
  assert.ok(!overlaps(buf.subarray(0, 5), buf.subarray(5, 10)));
  assert.ok(!overlaps(buf, new Float64Array(10)));
  assert.ok(sameRange(buf.subarray(2, 6), new Float64Array(buf.buffer, 16, 4)));
  const shared = new Float64Array(new SharedArrayBuffer(80));
  assert.ok(overlaps(shared, shared.subarray(9)));
});

test('refusals throw RangeError with what to do', () => {
  const buf = new Float64Array(10);
  assert.throws(() => refuseAliasing('f', buf, buf), /pass a separate output array/);
  assert.doesNotThrow(() => refusePartialAliasing('f', buf, buf));
  assert.throws(() => refusePartialAliasing('f', buf.subarray(1), buf.subarray(0, 9)), RangeError);
});
