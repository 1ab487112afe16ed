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
  test('radixPlan: 4s with at most one 8 or 2, odd primes ascending, 2·11/2·13/2·3 merged; product n', () => {
    const cases: [number, number[]][] = [
      [1, []],
      [2, [2]],
      [4, [4]],
      [8, [8]],
      [16, [4, 4]],
      [32, [4, 8]],
      [128, [4, 4, 8]],
      [256, [4, 4, 4, 4]],
      [6, [6]],
      [22, [22]],
      [26, [26]],
      [24, [4, 6]],
      [48, [8, 6]],
      [96, [4, 4, 6]],
      [384, [4, 4, 4, 6]],
      [360, [4, 6, 3, 5]],
      [176, [8, 22]],
      [44, [4, 11]],
      [2 * 3 * 11 * 13, [3, 22, 13]],
      [97, [97]],
      [25, [5, 5]],
    ];
    for (const [n, plan] of cases) assert.deepEqual(radixPlan(n), plan, `n = ${n}`);
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

describe('line kernels on strided lines (columns in, rows out, and in place)', () => {
  for (const [n, count] of [
    [1, 3],
    [5, 2],
    [8, 1],
    [12, 3],
    [22, 6],
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
      // src: columns, element j of line c at 3 + c + j·(count + 2); dst: rows, at 1 + c·(n + 2) + j
      const src0 = { off: 3, q: 1, stride: count + 2 };
      const dst0 = { off: 1, q: n + 2, stride: 1 };
      const at = (a: { off: number; q: number; stride: number }, c: number, j: number) =>
        2 * (a.off + c * a.q + j * a.stride);
      const data = randomArray(at(src0, count, n), n * count);
      const bufA = new Float64Array(2 * n * count),
        bufB = new Float64Array(2 * n * count);
      for (const inverse of [false, true]) {
        const src = Float64Array.from(data);
        const dst = new Float64Array(at(dst0, count, 0)).fill(7);
        kernel.run(
          src,
          src0.off,
          src0.q,
          src0.stride,
          dst,
          dst0.off,
          dst0.q,
          dst0.stride,
          count,
          bufA,
          bufB,
          inverse,
        );
        assert.deepEqual(src, data, 'src untouched');
        kernel.run(
          src,
          src0.off,
          src0.q,
          src0.stride,
          src,
          src0.off,
          src0.q,
          src0.stride,
          count,
          bufA,
          bufB,
          inverse,
        );
        for (let c = 0; c < count; c++) {
          const line = new Float64Array(2 * n);
          const got = new Float64Array(2 * n);
          const gotInPlace = new Float64Array(2 * n);
          for (let j = 0; j < n; j++) {
            const i = at(src0, c, j),
              o = at(dst0, c, j);
            line.set([data[i], data[i + 1]], 2 * j);
            got.set([dst[o], dst[o + 1]], 2 * j);
            gotInPlace.set([src[i], src[i + 1]], 2 * j);
          }
          const ref = naiveDft(line, inverse).map((v) => (inverse ? v * n : v)); // kernels do not scale
          assert.ok(relativeError(got, ref) < 1e-12, `line ${c} inverse=${inverse}`);
          assert.deepEqual(gotInPlace, got, `in place, line ${c}`);
        }
        // nothing outside the lines was written: dst's first complex and the gaps after each row
        assert.equal(dst[0], 7);
        for (let c = 0; c < count; c++) assert.equal(dst[at(dst0, c, n)], 7);
      }
    });
  }
});
