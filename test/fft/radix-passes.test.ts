// Every butterfly (radix 2, 3, 4, 5, the unrolled 6, 7, 8, 11, 13, 22, 26 and the generic 17..31) as a first pass (strided
// read, twiddles), a middle pass and a last pass (both loop orders), through kernels with forced pass orders.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MixedRadixKernel } from '../../src/fft/line-kernel.js';
import { naiveDft, randomArray, relativeError } from './naive-dft.js';

/** Runs `count` lines through a kernel with the given passes, src as columns and dst as rows. */
function check(radices: number[], count: number): void {
  const n = radices.reduce((a, b) => a * b, 1);
  const kernel = new MixedRadixKernel(n, radices);
  const src = randomArray(2 * n * count, n + count);
  const dst = new Float64Array(2 * n * count);
  const bufA = new Float64Array(2 * n * count),
    bufB = new Float64Array(2 * n * count);
  for (const inverse of [false, true]) {
    kernel.run(src, 0, 1, count, dst, 0, n, 1, count, bufA, bufB, inverse);
    for (let c = 0; c < count; c++) {
      const line = new Float64Array(2 * n);
      for (let j = 0; j < n; j++) line.set([src[2 * (c + count * j)], src[2 * (c + count * j) + 1]], 2 * j);
      const ref = naiveDft(line, inverse).map((v) => (inverse ? v * n : v));
      const err = relativeError(dst.subarray(2 * n * c, 2 * n * (c + 1)), ref);
      assert.ok(err < 1e-12, `[${radices.join(',')}] line ${c} inverse=${inverse}: ${err}`);
    }
  }
}

describe('radix passes in every position', () => {
  for (const r of [2, 3, 4, 5, 6, 7, 8, 11, 13, 22, 26, 17, 19, 23, 29, 31]) {
    test(`radix ${r}: alone, first, middle and last`, () => {
      check([r], 3);
      check([r, 3], 5); // first pass with twiddles; last pass lines-inner (M = r < 8 for small r)
      check([2, r, 5], 4); // middle pass
      check([4, 4, r], 2); // last pass, elements-inner into rows (M = 16)
      check([3, r], 66); // generic chunks of 64 lines split
    });
  }
});
