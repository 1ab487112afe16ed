import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { erf, erfc } from '../../src/core/erf.js';

interface ErfFixture {
  x: number[];
  erf: number[];
  t: number[];
  p_right: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/mask/erf-python.json', import.meta.url), 'utf8'),
) as ErfFixture;

test('erf agrees with CPython math.erf (glibc) to a few ulp over [-6.5, 6.5] and the range boundaries', () => {
  let worst = 0;
  for (let i = 0; i < fixture.x.length; i++) {
    const x = fixture.x[i];
    const want = fixture.erf[i];
    const got = erf(x);
    const rel = want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
    worst = Math.max(worst, rel);
    assert.ok(rel <= 1e-15, `erf(${x}) = ${got}, Python ${want} (relative error ${rel})`);
  }
  assert.ok(worst > 0 || fixture.x.length > 0);
});

test('the FDR p-value 1 − ½(1 + erf(t/√2)) matches Python to one ulp of 1 and hits exactly 0 at the same t', () => {
  for (let i = 0; i < fixture.t.length; i++) {
    const t = fixture.t[i];
    const p = 1.0 - 0.5 * (1.0 + erf(t / Math.SQRT2));
    const want = fixture.p_right[i];
    assert.ok(Math.abs(p - want) <= 2.3e-16, `t = ${t}: p = ${p}, Python ${want}`);
    assert.equal(p === 0, want === 0, `t = ${t}: p = ${p}, Python ${want} (ties at p = 0)`);
  }
  // the literal form underflows where erfc would not: this is what makes voxels with t ≳ 8.3 tie at p = 0
  assert.equal(1.0 - 0.5 * (1.0 + erf(9 / Math.SQRT2)), 0);
  assert.ok(0.5 * erfc(9 / Math.SQRT2) > 1e-19);
});

test('erf is odd, saturates at ±1, handles 0, tiny, huge and NaN arguments', () => {
  for (const x of [1e-20, 0.3, 0.46875, 0.5, 1.7, 3.9, 4.2, 6, 30]) assert.equal(erf(-x), -erf(x));
  assert.equal(erf(0), 0);
  assert.ok(Object.is(erf(-0), -0));
  assert.equal(erf(1e-300), (1e-300 * 3209.3775891384694) / 2844.236833439171);
  assert.equal(erf(27), 1);
  assert.equal(erf(Infinity), 1);
  assert.equal(erf(-Infinity), -1);
  assert.ok(Number.isNaN(erf(NaN)));
});

test('erfc is accurate in the far tail (published MPFR values)', () => {
  // reference values: W. J. Cody's CALERF test table as republished with MPFR-computed digits
  const cases: [number, number][] = [
    [4, 1.541725790028002e-8],
    [5, 1.537459794428035e-12],
    [6, 2.1519736712498913e-17],
    [10, 2.088487583762545e-45],
    [20, 5.395865611607901e-176],
  ];
  for (const [x, want] of cases) {
    const got = erfc(x);
    assert.ok(Math.abs(got - want) / want < 1e-14, `erfc(${x}) = ${got}, expected ${want}`);
  }
  assert.ok(Math.abs(erfc(-1) - (2 - erfc(1))) < 1e-16);
  assert.ok(Math.abs(erfc(0.3) - (1 - erf(0.3))) < 1e-16);
});
