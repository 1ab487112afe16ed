import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clearFftPlanCache,
  complexFftPlan3d,
  fftn,
  ifftn,
  irfftn,
  realFftPlan3d,
  rfftn,
} from '../../src/fft/index.js';
import {
  energy,
  halfOf,
  naiveDft3d,
  naiveDft3dSeparable,
  randomArray,
  realToComplex,
  relativeError,
} from './naive-dft.js';

const TOL = 1e-12;
type Shape = [number, number, number];

/** Small shapes: checked against the direct O(N²) 3-D DFT. */
const SMALL: Shape[] = [
  [1, 1, 1],
  [1, 1, 7],
  [2, 3, 4],
  [5, 4, 3],
  [3, 5, 1],
  [4, 1, 6],
  [7, 12, 25],
  [6, 5, 9],
  [8, 8, 8],
  [11, 13, 2],
  [3, 17, 5],
];
/** Bigger shapes: checked against naive 1-D DFTs along each axis. */
const MID: Shape[] = [
  [22, 22, 22],
  [25, 24, 26],
  [13, 7, 97],
  [66, 99, 64],
  [9, 202, 3],
];

const naiveFor = (s: Shape) => (s[0] * s[1] * s[2] <= 2200 ? naiveDft3d : naiveDft3dSeparable);

describe('complexFftPlan3d against the naive 3-D DFT', () => {
  for (const shape of [...SMALL, ...MID]) {
    test(`[${shape.join(', ')}]: forward and inverse`, () => {
      const n = shape[0] * shape[1] * shape[2];
      const plan = complexFftPlan3d(shape);
      const x = randomArray(2 * n, n + 17);
      const out = new Float64Array(2 * n);
      const naive = naiveFor(shape);
      plan.forward(x, out);
      assert.ok(relativeError(out, naive(x, shape)) < TOL, `forward ${relativeError(out, naive(x, shape))}`);
      plan.inverse(x, out);
      const ref = naive(x, shape, true);
      assert.ok(relativeError(out, ref) < TOL, `inverse ${relativeError(out, ref)}`);
    });
  }
});

describe('realFftPlan3d.correlateRows (a kernel zero outside some z planes)', () => {
  for (const shape of [
    [12, 9, 10],
    [11, 7, 9],
    [25, 24, 26],
  ] as Shape[]) {
    test(`[${shape.join(', ')}]: the listed rows of irfftn(M·conj(rfftn(k)))`, () => {
      const [nz, ny, nx] = shape;
      const plan = realFftPlan3d(shape);
      const ranges: [number, number][] = [
        [0, 2],
        [5, 6],
        [nz - 3, nz],
      ];
      const k = randomArray(nz * ny * nx, 3);
      for (let z = 0; z < nz; z++)
        if (!ranges.some(([b, e]) => z >= b && z < e)) k.fill(0, z * ny * nx, (z + 1) * ny * nx);
      const m = randomArray(nz * ny * nx, 4);
      const spectrum = new Float64Array(plan.spectrumLength);
      plan.forward(m, spectrum);
      // the correlation written out: Σ_u m(v + u)·k(u), cyclic
      const want = new Float64Array(nz * ny * nx);
      for (let v = 0; v < want.length; v++) {
        const [vz, vy, vx] = [Math.floor(v / (ny * nx)), Math.floor(v / nx) % ny, v % nx];
        let sum = 0;
        for (let u = 0; u < k.length; u++) {
          if (k[u] === 0) continue;
          const [uz, uy, ux] = [Math.floor(u / (ny * nx)), Math.floor(u / nx) % ny, u % nx];
          sum += m[(((vz + uz) % nz) * ny + ((vy + uy) % ny)) * nx + ((vx + ux) % nx)] * k[u];
        }
        want[v] = sum;
      }
      const rows: [number, number][] = [
        [1, 4],
        [ny + 2, 3 * ny + 1],
        [nz * ny - 2, nz * ny],
      ];
      const out = new Float64Array(plan.realLength).fill(NaN);
      const work = randomArray(plan.spectrumLength, 9); // garbage it must not read
      plan.correlateRows(spectrum, Float64Array.from(k), ranges, work, out, rows);
      let worst = 0;
      for (const [begin, end] of rows)
        for (let i = begin * nx; i < end * nx; i++) worst = Math.max(worst, Math.abs(out[i] - want[i]));
      assert.ok(worst < 1e-9 * Math.sqrt(energy(want)), `max |difference| ${worst}`);
      // the kernel may be the output array
      const same = Float64Array.from(k);
      plan.correlateRows(spectrum, same, ranges, work, same, rows);
      for (const [begin, end] of rows)
        for (let i = begin * nx; i < end * nx; i++) assert.ok(Math.abs(same[i] - out[i]) < 1e-12);
    });
  }

  test('z ranges or rows out of order, overlapping or outside the box are refused', () => {
    const plan = realFftPlan3d([6, 4, 4]);
    const run =
      (zRanges: [number, number][], rows: [number, number][] = [[0, 24]]) =>
      () =>
        plan.correlateRows(
          new Float64Array(plan.spectrumLength),
          new Float64Array(plan.realLength),
          zRanges,
          new Float64Array(plan.spectrumLength),
          new Float64Array(plan.realLength),
          rows,
        );
    for (const bad of [
      [
        [3, 4],
        [1, 2],
      ],
      [
        [0, 3],
        [2, 4],
      ],
      [[4, 7]],
      [[2, 2]],
    ] as [number, number][][])
      assert.throws(run(bad), /z ranges must be ascending/);
    assert.throws(run([[0, 1]], [[0, 25]]), /row ranges must be ascending/);
  });
});

describe('realFftPlan3d against the naive 3-D DFT', () => {
  for (const shape of [...SMALL, ...MID, [2, 2, 2] as Shape, [1, 3, 2] as Shape, [2, 1, 1] as Shape]) {
    test(`[${shape.join(', ')}]: r2c forward and c2r inverse`, () => {
      const n = shape[0] * shape[1] * shape[2];
      const plan = realFftPlan3d(shape);
      assert.equal(plan.spectrumLength, 2 * shape[0] * shape[1] * (Math.floor(shape[2] / 2) + 1));
      assert.deepEqual(plan.spectrumShapeZyx, [shape[0], shape[1], Math.floor(shape[2] / 2) + 1]);
      const x = randomArray(n, n + 5);
      const spec = new Float64Array(plan.spectrumLength);
      plan.forward(x, spec);
      const full = naiveFor(shape)(realToComplex(x), shape);
      const expected = halfOf(full, shape);
      assert.ok(relativeError(spec, expected) < TOL, `r2c ${relativeError(spec, expected)}`);
      // c2r of an exactly Hermitian half spectrum returns the real input
      const back = new Float64Array(n);
      plan.inverse(expected, back);
      assert.ok(relativeError(back, x) < TOL, `c2r ${relativeError(back, x)}`);
    });
  }
});

describe('3-D properties', () => {
  test('round trips: ifftn(fftn(x)) = x and irfftn(rfftn(x)) = x', () => {
    for (const shape of [
      [24, 24, 24],
      [26, 22, 25],
      [7, 12, 25],
      [1, 1, 2],
      [16, 9, 257],
    ] as Shape[]) {
      const n = shape[0] * shape[1] * shape[2];
      const c = randomArray(2 * n, 9);
      assert.ok(relativeError(ifftn(fftn(c, shape), shape), c) < 1e-14, `c2c ${shape.join('x')}`);
      const r = randomArray(n, 10);
      assert.ok(relativeError(irfftn(rfftn(r, shape), shape), r) < 1e-14, `r2c ${shape.join('x')}`);
    }
  });

  test('Parseval: Σ|X|² = N·Σ|x|² (c2c), and for r2c with the half spectrum counted twice', () => {
    const shape: Shape = [10, 15, 21];
    const n = 10 * 15 * 21;
    const c = randomArray(2 * n, 21);
    const ratio = energy(fftn(c, shape)) / (n * energy(c));
    assert.ok(Math.abs(ratio - 1) < 1e-13, `c2c ratio ${ratio}`);
    // odd nx: every kx ≥ 1 of the half spectrum stands for two bins
    const r = randomArray(n, 22);
    const spec = rfftn(r, shape);
    let e = 0;
    for (let i = 0; i < spec.length / 2; i++) {
      const w = i % 11 === 0 ? 1 : 2;
      e += w * (spec[2 * i] ** 2 + spec[2 * i + 1] ** 2);
    }
    assert.ok(Math.abs(e / (n * energy(r)) - 1) < 1e-13);
  });

  test('linearity of rfftn', () => {
    const shape: Shape = [6, 10, 14];
    const n = 6 * 10 * 14;
    const a = randomArray(n, 1),
      b = randomArray(n, 2);
    const lhs = rfftn(
      a.map((v, i) => 3 * v + 0.5 * b[i]),
      shape,
    );
    const fa = rfftn(a, shape),
      fb = rfftn(b, shape);
    assert.ok(
      relativeError(
        lhs,
        fa.map((v, i) => 3 * v + 0.5 * fb[i]),
      ) < TOL,
    );
  });

  test('a constant volume transforms to N at the origin only', () => {
    const shape: Shape = [5, 6, 7];
    const spec = rfftn(new Float64Array(210).fill(2), shape);
    assert.ok(Math.abs(spec[0] - 420) < 1e-12);
    let rest = 0;
    for (let i = 1; i < spec.length; i++) rest = Math.max(rest, Math.abs(spec[i]));
    assert.ok(rest < 1e-12, `leak ${rest}`);
  });

  test('c2c in place: out may be the input array', () => {
    const shape: Shape = [9, 10, 11];
    const x = randomArray(2 * 990, 4);
    const expected = fftn(x, shape);
    complexFftPlan3d(shape).forward(x, x);
    assert.ok(relativeError(x, expected) < TOL);
    complexFftPlan3d(shape).inverse(x, x);
    assert.ok(relativeError(x, randomArray(2 * 990, 4)) < 1e-14);
  });

  test('inverse leaves the spectrum untouched; inverseDestroyingInput gives the same result', () => {
    const shape: Shape = [8, 12, 9];
    const plan = realFftPlan3d(shape);
    const spec = randomArray(plan.spectrumLength, 77); // not Hermitian: c2r must follow numpy's rule
    const copy = Float64Array.from(spec);
    const a = new Float64Array(plan.realLength),
      b = new Float64Array(plan.realLength);
    plan.inverse(spec, a);
    assert.deepEqual(spec, copy);
    plan.inverseDestroyingInput(spec, b);
    assert.deepEqual(b, a);
  });

  test('inverseRowsDestroyingInput gives the listed rows of the full inverse (even and odd nx)', () => {
    for (const shape of [
      [6, 10, 8],
      [7, 9, 11],
      [5, 1, 6],
    ] as Shape[]) {
      const plan = realFftPlan3d(shape);
      const [nz, ny, nx] = shape;
      const spec = randomArray(plan.spectrumLength, 5);
      const full = new Float64Array(plan.realLength);
      plan.inverse(spec, full);
      // ranges that start and end on odd and even rows, inside and across planes
      const ranges: [number, number][] = [
        [1, 2],
        [ny + 3, 2 * ny + 2],
        [3 * ny, 3 * ny + 1],
        [nz * ny - 1, nz * ny],
      ].filter(([b, e]) => b < e && e <= nz * ny) as [number, number][];
      const some = new Float64Array(plan.realLength).fill(NaN);
      plan.inverseRowsDestroyingInput(Float64Array.from(spec), some, ranges);
      for (const [begin, end] of ranges)
        for (let i = begin * nx; i < end * nx; i++)
          assert.ok(Math.abs(some[i] - full[i]) < 1e-12, `${shape.join(', ')}: ${i}`);
      // an even nx leaves the other rows alone
      if (nx % 2 === 0) assert.ok(Number.isNaN(some[0]));
    }
    const plan = realFftPlan3d([4, 4, 4]);
    const run = (ranges: [number, number][]) => () =>
      plan.inverseRowsDestroyingInput(new Float64Array(plan.spectrumLength), new Float64Array(64), ranges);
    assert.throws(run([[3, 2]]), /ascending, disjoint/);
    assert.throws(
      run([
        [0, 4],
        [2, 5],
      ]),
      /ascending, disjoint/,
    );
    assert.throws(run([[0, 17]]), /inside 0…16/);
  });

  test('the input of r2c forward is not modified', () => {
    const x = randomArray(7 * 12 * 25, 8);
    const copy = Float64Array.from(x);
    rfftn(x, [7, 12, 25]);
    assert.deepEqual(x, copy);
  });

  test('aliasing is refused with a RangeError', () => {
    const shape: Shape = [4, 4, 4];
    const r = realFftPlan3d(shape);
    const buf = new Float64Array(r.spectrumLength + r.realLength);
    const real = buf.subarray(0, r.realLength);
    assert.throws(() => r.forward(real, buf.subarray(10, 10 + r.spectrumLength)), /must not share memory/);
    const spec = new Float64Array(r.spectrumLength * 2);
    assert.throws(
      () => r.inverse(spec.subarray(0, r.spectrumLength), new Float64Array(spec.buffer, 8, r.realLength)),
      RangeError,
    );
    const c = complexFftPlan3d(shape);
    const cbuf = new Float64Array(c.length + 2);
    assert.throws(() => c.forward(cbuf.subarray(0, c.length), cbuf.subarray(2)), /overlap partially/);
  });

  test('wrong lengths and shapes are refused with a RangeError', () => {
    const r = realFftPlan3d([4, 5, 6]);
    assert.throws(
      () => r.forward(new Float64Array(119), new Float64Array(r.spectrumLength)),
      /must hold 120/,
    );
    assert.throws(() => r.forward(new Float64Array(120), new Float64Array(120)), /half spectrum/);
    assert.throws(() => complexFftPlan3d([4, 0, 4]), RangeError);
    assert.throws(() => realFftPlan3d([4, 4, -1]), RangeError);
    assert.throws(() => rfftn(new Float64Array(8), [2, 2, 3]), RangeError);
  });

  test('the cache returns the same plan per shape; shapes are read-only copies', () => {
    const shape: Shape = [3, 4, 5];
    const p = realFftPlan3d(shape);
    assert.equal(realFftPlan3d([3, 4, 5]), p);
    assert.equal(complexFftPlan3d(shape), complexFftPlan3d([3, 4, 5]));
    assert.notEqual(realFftPlan3d([3, 5, 4]), p);
    shape[0] = 99;
    assert.deepEqual(p.shapeZyx, [3, 4, 5]);
    assert.ok(Object.isFrozen(p.shapeZyx));
    clearFftPlanCache();
    assert.notEqual(realFftPlan3d([3, 4, 5]), p);
  });

  test('many small r2c calls on one plan give identical results (no state leaks between calls)', () => {
    const plan = realFftPlan3d([22, 22, 22]);
    const x = randomArray(22 ** 3, 31);
    const first = new Float64Array(plan.spectrumLength),
      again = new Float64Array(plan.spectrumLength);
    plan.forward(x, first);
    for (let i = 0; i < 20; i++) plan.forward(randomArray(22 ** 3, i), again);
    plan.forward(x, again);
    assert.deepEqual(again, first);
  });
});

/** Direct DFT sum for one bin (O(N)), complex input (interleaved) or real input. */
function directBin(x: Float64Array, complex: boolean, shape: Shape, kz: number, ky: number, kx: number) {
  const [nz, ny, nx] = shape;
  let re = 0,
    im = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let xi = 0; xi < nx; xi++) {
        const t = ((z * kz) % nz) / nz + ((y * ky) % ny) / ny + ((xi * kx) % nx) / nx;
        const c = Math.cos(2 * Math.PI * t),
          s = -Math.sin(2 * Math.PI * t);
        const i = (z * ny + y) * nx + xi;
        const xr = complex ? x[2 * i] : x[i],
          xim = complex ? x[2 * i + 1] : 0;
        re += xr * c - xim * s;
        im += xr * s + xim * c;
      }
  return [re, im] as const;
}

describe('large volumes (many blocks per axis)', () => {
  const bins: [number, number, number][] = [
    [0, 0, 0],
    [1, 2, 3],
    [5, 0, 17],
    [60, 61, 62],
    [95, 99, 64],
  ];

  test('c2c [96, 100, 120]: sampled bins against the direct sum; round trip', () => {
    const shape: Shape = [96, 100, 120];
    const n = 96 * 100 * 120;
    const x = randomArray(2 * n, 123);
    const X = fftn(x, shape);
    for (const [kz, ky, kx] of bins) {
      const [re, im] = directBin(x, true, shape, kz, ky, kx);
      const o = 2 * ((kz * 100 + ky) * 120 + kx);
      const scale = Math.sqrt(n);
      assert.ok(
        Math.abs(X[o] - re) < 1e-10 * scale && Math.abs(X[o + 1] - im) < 1e-10 * scale,
        `${kz},${ky},${kx}`,
      );
    }
    assert.ok(relativeError(ifftn(X, shape), x) < 1e-14);
  });

  for (const shape of [
    [130, 126, 128],
    [129, 127, 129],
  ] as Shape[]) {
    test(`r2c [${shape.join(', ')}]: sampled bins against the direct sum; c2r round trip`, () => {
      const [nz, ny, nx] = shape;
      const n = nz * ny * nx;
      const nxh = Math.floor(nx / 2) + 1;
      const plan = realFftPlan3d(shape);
      const x = randomArray(n, 321);
      const X = rfftn(x, shape);
      for (const [kz, ky, kx] of bins) {
        if (kx >= nxh) continue;
        const [re, im] = directBin(x, false, shape, kz, ky, kx);
        const o = 2 * ((kz * ny + ky) * nxh + kx);
        const scale = Math.sqrt(n);
        assert.ok(
          Math.abs(X[o] - re) < 1e-10 * scale && Math.abs(X[o + 1] - im) < 1e-10 * scale,
          `${kz},${ky},${kx}`,
        );
      }
      assert.ok(relativeError(irfftn(X, shape), x) < 1e-14);
      const back = new Float64Array(n);
      plan.inverseDestroyingInput(X, back);
      assert.ok(relativeError(back, x) < 1e-14);
    });
  }
});
