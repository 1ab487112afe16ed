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

describe('line kernels on interleaved [n][count] blocks', () => {
  for (const [n, count] of [
    [8, 1],
    [12, 3],
    [29, 7],
    [31, 2],
    [49, 64],
    [97, 5],
    [125, 9],
    [202, 4],
  ] as const) {
    test(`n = ${n}, count = ${count}: every line matches the naive DFT, both directions`, () => {
      const kernel = lineKernel(n);
      kernel.reserve(count);
      const data = randomArray(2 * n * count, n * count);
      for (const inverse of [false, true]) {
        const a = Float64Array.from(data);
        const b = new Float64Array(a.length);
        const res = kernel.run(a, b, count, inverse);
        for (let c = 0; c < count; c++) {
          const line = new Float64Array(2 * n);
          const got = new Float64Array(2 * n);
          for (let j = 0; j < n; j++) {
            line[2 * j] = data[2 * (c + count * j)];
            line[2 * j + 1] = data[2 * (c + count * j) + 1];
            got[2 * j] = res[2 * (c + count * j)];
            got[2 * j + 1] = res[2 * (c + count * j) + 1];
          }
          const ref = naiveDft(line, inverse).map((v) => (inverse ? v * n : v)); // kernels do not scale
          assert.ok(relativeError(got, ref) < 1e-12, `line ${c} inverse=${inverse}`);
        }
      }
    });
  }
});
