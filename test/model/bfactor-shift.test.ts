import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  shiftBFactorsByProbability,
  silvermanBandwidth,
  kdeCdfFromMinimum,
  kdeQuantileLocscale,
  linspaceAt,
  KDE_CDF_POINTS,
} from '../../src/model/bfactor-shift.js';
import { erf, erfc, standardNormalCdf } from '../../src/core/erf.js';
import { UserError } from '../../src/core/errors.js';

interface ShiftSet {
  b: number[];
  bandwidth: number;
  cdfIndices: number[];
  cdf: number[];
  quantile: number;
  shift: number;
  shiftedFirst50: number[];
  threshold: number;
}
interface Fixture {
  sets: Record<string, ShiftSet>;
  ndtr: { z: number[]; value: number[] };
  erf: { x: number[]; erf: number[]; erfc: number[] };
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/bfactor/kde-shift.json', import.meta.url), 'utf8'),
) as Fixture;

test('erf, erfc, Φ against scipy.special (absolute 1.5e-15; erfc relative 1e-14 in the tail)', () => {
  fixture.erf.x.forEach((x, i) => {
    assert.ok(
      Math.abs(erf(x) - fixture.erf.erf[i]) <= 1.5e-15,
      `erf(${x}) ${erf(x)} vs ${fixture.erf.erf[i]}`,
    );
    const want = fixture.erf.erfc[i];
    const got = erfc(x);
    assert.ok(
      Math.abs(got - want) <= Math.max(1.5e-15, 1e-14 * Math.abs(want)),
      `erfc(${x}) ${got} vs ${want}`,
    );
  });
  fixture.ndtr.z.forEach((z, i) => {
    const want = fixture.ndtr.value[i];
    const got = standardNormalCdf(z);
    assert.ok(Math.abs(got - want) <= Math.max(1.5e-15, 1e-14 * want), `Φ(${z}) ${got} vs ${want}`);
  });
});

for (const [name, set] of Object.entries(fixture.sets)) {
  test(`KDE shift vs scipy gaussian_kde + interp1d: ${name} (n = ${set.b.length})`, () => {
    const h = silvermanBandwidth(set.b);
    assert.ok(Math.abs(h - set.bandwidth) <= 1e-13 * set.bandwidth, `bandwidth ${h} vs ${set.bandwidth}`);
    const lo = Math.min(...set.b);
    const hi = Math.max(...set.b);
    set.cdfIndices.forEach((k, j) => {
      const got = kdeCdfFromMinimum(set.b, linspaceAt(lo, hi, KDE_CDF_POINTS, k));
      assert.ok(Math.abs(got - set.cdf[j]) <= 1e-13, `CDF[${k}] ${got} vs ${set.cdf[j]}`);
    });
    const q = kdeQuantileLocscale(set.b, set.threshold);
    assert.ok(q !== null);
    assert.ok(Math.abs(q - set.quantile) <= 1e-9, `quantile ${q} vs ${set.quantile}`);
    const r = shiftBFactorsByProbability(set.b, set.threshold);
    assert.ok(Math.abs(r.shiftA2 - set.shift) <= 1e-9);
    assert.equal(r.degenerate, false);
    set.shiftedFirst50.forEach((v, i) => assert.ok(Math.abs(r.bIsoA2[i] - v) <= 1e-9));
    for (let i = 0; i < set.b.length; i++) assert.ok(r.bIsoA2[i] >= 0);
  });
}

test('KDE shift: degenerate inputs (one value, all equal) shift by the minimum, not crash', () => {
  const one = shiftBFactorsByProbability([40]);
  assert.equal(one.degenerate, true);
  assert.equal(one.shiftA2, 0);
  assert.deepEqual(Array.from(one.bIsoA2), [40]);
  const same = shiftBFactorsByProbability(new Float64Array(100).fill(40));
  assert.equal(same.degenerate, true);
  assert.equal(same.bIsoA2[7], 40);
  const withMin = shiftBFactorsByProbability([40, 40], 0.01, 5);
  assert.equal(withMin.shiftA2, 5);
  assert.equal(withMin.bIsoA2[0], 35);
});

test('KDE shift: the minimum clamps both the shift and the shifted B', () => {
  const b = Float64Array.from({ length: 200 }, (_, i) => 3 + (i % 50));
  const r = shiftBFactorsByProbability(b, 0.01, 10);
  assert.ok(r.shiftA2 >= 10);
  for (const v of r.bIsoA2) assert.ok(v >= 10);
});

test('KDE shift: bad input is a UserError', () => {
  assert.throws(() => shiftBFactorsByProbability([1, Number.NaN, 3]), UserError);
  assert.throws(() => shiftBFactorsByProbability([1, 2, 3], 0), UserError);
});
