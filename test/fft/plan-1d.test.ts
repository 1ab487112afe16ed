import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clearFftPlanCache, complexFftPlan1d } from '../../src/fft/index.js';
import { energy, naiveDft, randomArray, relativeError } from './naive-dft.js';

const TOL = 1e-12;
const SIZES = [
  ...Array.from({ length: 32 }, (_, i) => i + 1),
  49,
  64,
  77,
  97,
  100,
  101,
  128,
  202,
  256,
  257,
  360,
  384,
];

describe('complexFftPlan1d against the naive DFT', () => {
  for (const n of SIZES) {
    test(`n = ${n}: forward and inverse`, () => {
      const plan = complexFftPlan1d(n);
      const x = randomArray(2 * n, 1000 + n);
      const out = new Float64Array(2 * n);
      plan.forward(x, out);
      const errF = relativeError(out, naiveDft(x));
      assert.ok(errF < TOL, `forward error ${errF}`);
      plan.inverse(x, out);
      const errI = relativeError(out, naiveDft(x, true));
      assert.ok(errI < TOL, `inverse error ${errI}`);
    });
  }
});

describe('complexFftPlan1d properties', () => {
  test('round trip inverse(forward(x)) = x for every size', () => {
    for (const n of SIZES) {
      const plan = complexFftPlan1d(n);
      const x = randomArray(2 * n, 7 * n);
      const y = new Float64Array(2 * n);
      plan.forward(x, y);
      plan.inverse(y, y);
      assert.ok(relativeError(y, x) < 1e-14, `n = ${n}: ${relativeError(y, x)}`);
    }
  });

  test('Parseval: Σ|X|² = n·Σ|x|²', () => {
    for (const n of [12, 97, 360]) {
      const plan = complexFftPlan1d(n);
      const x = randomArray(2 * n, 3);
      const y = new Float64Array(2 * n);
      plan.forward(x, y);
      const ratio = energy(y) / (n * energy(x));
      assert.ok(Math.abs(ratio - 1) < 1e-13, `n = ${n}: ratio ${ratio}`);
    }
  });

  test('linearity: F(a·x + b·y) = a·F(x) + b·F(y)', () => {
    const n = 77;
    const plan = complexFftPlan1d(n);
    const x = randomArray(2 * n, 11),
      y = randomArray(2 * n, 12);
    const combo = x.map((v, i) => 2.5 * v - 0.75 * y[i]);
    const fx = new Float64Array(2 * n),
      fy = new Float64Array(2 * n),
      fc = new Float64Array(2 * n);
    plan.forward(x, fx);
    plan.forward(y, fy);
    plan.forward(combo, fc);
    assert.ok(
      relativeError(
        fc,
        fx.map((v, i) => 2.5 * v - 0.75 * fy[i]),
      ) < TOL,
    );
  });

  test('a unit impulse at j0 transforms to exp(−2πi·j0·k/n)', () => {
    const n = 24,
      j0 = 5;
    const x = new Float64Array(2 * n);
    x[2 * j0] = 1;
    const y = new Float64Array(2 * n);
    complexFftPlan1d(n).forward(x, y);
    for (let k = 0; k < n; k++) {
      const a = (-2 * Math.PI * j0 * k) / n;
      assert.ok(Math.abs(y[2 * k] - Math.cos(a)) < 1e-14 && Math.abs(y[2 * k + 1] - Math.sin(a)) < 1e-14);
    }
  });

  test('forwardMany / inverseMany transform consecutive lines', () => {
    for (const [n, count] of [
      [22, 130],
      [97, 3],
      [256, 70],
      [1, 5],
    ] as const) {
      const plan = complexFftPlan1d(n);
      const x = randomArray(2 * n * count, n + count);
      const y = new Float64Array(2 * n * count);
      plan.forwardMany(x, y, count);
      for (const c of [0, count >> 1, count - 1]) {
        const line = x.subarray(2 * n * c, 2 * n * (c + 1));
        assert.ok(
          relativeError(y.subarray(2 * n * c, 2 * n * (c + 1)), naiveDft(line)) < TOL,
          `n=${n} c=${c}`,
        );
      }
      plan.inverseMany(y, y, count);
      assert.ok(relativeError(y, x) < 1e-14);
    }
  });

  test('in place: out may be the input array', () => {
    const n = 30;
    const x = randomArray(2 * n, 5);
    const expected = naiveDft(x);
    complexFftPlan1d(n).forward(x, x);
    assert.ok(relativeError(x, expected) < TOL);
  });

  test('partial overlap and wrong lengths are refused with RangeError', () => {
    const plan = complexFftPlan1d(8);
    const buf = new Float64Array(20);
    assert.throws(() => plan.forward(buf.subarray(0, 16), buf.subarray(2, 18)), RangeError);
    assert.throws(() => plan.forward(new Float64Array(15), new Float64Array(16)), /must hold 16 float64/);
    assert.throws(() => plan.forwardMany(new Float64Array(32), new Float64Array(32), 1.5), RangeError);
    assert.throws(() => complexFftPlan1d(0), RangeError);
    assert.throws(() => complexFftPlan1d(2.5), RangeError);
  });

  test('the cache returns the same plan; clearFftPlanCache builds a new one', () => {
    const a = complexFftPlan1d(48);
    assert.equal(complexFftPlan1d(48), a);
    clearFftPlanCache();
    const b = complexFftPlan1d(48);
    assert.notEqual(b, a);
    // the old plan keeps working
    const x = randomArray(96, 1);
    const ya = new Float64Array(96),
      yb = new Float64Array(96);
    a.forward(x, ya);
    b.forward(x, yb);
    assert.deepEqual(ya, yb);
  });
});
