import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BluesteinKernel,
  largestPrimeFactor,
  lineKernel,
  MAX_GENERIC_RADIX,
  MixedRadixKernel,
  nextSmooth235,
  radixPlan,
} from '../../src/fft/line-kernel.js';
import { naiveDft, randomArray, relativeError } from './naive-dft.js';

describe('factorisation helpers', () => {
  test('radixPlan: 4s first, then a 2, then odd primes ascending; the product is n', () => {
    assert.deepEqual(radixPlan(1), []);
    assert.deepEqual(radixPlan(384), [4, 4, 4, 2, 3]);
    assert.deepEqual(radixPlan(360), [4, 2, 3, 3, 5]);
    assert.deepEqual(radixPlan(22), [2, 11]);
    assert.deepEqual(radixPlan(97), [97]);
    for (let n = 1; n <= 500; n++)
      assert.equal(
        radixPlan(n).reduce((a, b) => a * b, 1),
        n,
      );
  });

  test('largestPrimeFactor and nextSmooth235', () => {
    assert.equal(largestPrimeFactor(1), 1);
    assert.equal(largestPrimeFactor(202), 101);
    assert.equal(largestPrimeFactor(256), 2);
    assert.equal(largestPrimeFactor(2 * 3 * 31), 31);
    assert.equal(nextSmooth235(193), 200);
    assert.equal(nextSmooth235(403), 405);
    assert.equal(nextSmooth235(1), 1);
  });

  test('large prime factors go to Bluestein (no O(n²) path), smooth lengths to mixed radix', () => {
    for (const n of [37, 97, 101, 202, 257, 2 * 3 * 37]) {
      assert.ok(lineKernel(n) instanceof BluesteinKernel, `n = ${n}`);
      assert.ok((lineKernel(n) as BluesteinKernel).m >= 2 * n - 1);
    }
    for (const n of [22, 26, 31, 384, 7 * 11 * 13]) assert.ok(lineKernel(n) instanceof MixedRadixKernel);
    assert.equal(MAX_GENERIC_RADIX, 31);
  });
});

describe('line kernels on strided columns', () => {
  for (const [n, count] of [
    [1, 3],
    [5, 2],
    [8, 1],
    [12, 3],
    [29, 7],
    [31, 2],
    [49, 64],
    [97, 5],
    [125, 9],
    [202, 4],
  ] as const) {
    test(`n = ${n}, count = ${count}: every line matches the naive DFT, both directions, in place too`, () => {
      const kernel = lineKernel(n);
      kernel.reserve(count);
      // src: element j of line c at 3 + c + j·(count + 2); dst: at 1 + c + j·(count + 5)
      const srcOff = 3,
        srcStride = count + 2,
        dstOff = 1,
        dstStride = count + 5;
      const data = randomArray(2 * (srcOff + n * srcStride), n * count);
      const bufA = new Float64Array(2 * n * count),
        bufB = new Float64Array(2 * n * count);
      for (const inverse of [false, true]) {
        const src = Float64Array.from(data);
        const dst = new Float64Array(2 * (dstOff + n * dstStride)).fill(7);
        kernel.run(src, srcOff, srcStride, dst, dstOff, dstStride, count, bufA, bufB, inverse);
        assert.deepEqual(src, data, 'src untouched');
        kernel.run(src, srcOff, srcStride, src, srcOff, srcStride, count, bufA, bufB, inverse);
        for (let c = 0; c < count; c++) {
          const line = new Float64Array(2 * n);
          const got = new Float64Array(2 * n);
          const gotInPlace = new Float64Array(2 * n);
          for (let j = 0; j < n; j++) {
            const i = 2 * (srcOff + c + j * srcStride),
              o = 2 * (dstOff + c + j * dstStride);
            line.set([data[i], data[i + 1]], 2 * j);
            got.set([dst[o], dst[o + 1]], 2 * j);
            gotInPlace.set([src[i], src[i + 1]], 2 * j);
          }
          const ref = naiveDft(line, inverse).map((v) => (inverse ? v * n : v)); // kernels do not scale
          assert.ok(relativeError(got, ref) < 1e-12, `line ${c} inverse=${inverse}`);
          assert.deepEqual(gotInPlace, got, `in place, line ${c}`);
        }
        // nothing outside the lines was written
        assert.equal(dst[0], 7);
        assert.equal(dst[2 * (dstOff + count)], 7); // the gap after the lines of row j = 0
      }
    });
  }
});
