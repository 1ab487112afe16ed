import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeScaleRule } from '../../src/scaling/scale-rules.js';

const wn = 16;
const apix = 1.0;
const freq = Array.from({ length: wn / 2 + 1 }, (_, j) => j / (wn * apix));

test('case C: k = |R|/|E|, division by zero gives 0', () => {
  const rule = makeScaleRule({ kind: 'reference', fscCutoffA: 3, measureBFactors: false }, wn, apix);
  const k = new Float64Array(9);
  const fit = { bFactorA2: 0, qfit: 0 };
  rule.compute(
    Float64Array.from([2, 4, 0, 1, 1, 1, 1, 1, 1]),
    Float64Array.from([1, -2, 3, 0, 1, 1, 1, 1, 2]),
    k,
    fit,
  );
  assert.deepEqual(Array.from(k.slice(0, 4)), [0.5, 0.5, 0, 0]);
  assert.equal(k[8], 2);
  assert.ok(Number.isNaN(fit.bFactorA2));
});

test('case A (--no_reference): a window with Wilson B 100 is sharpened to B 20 below the FSC cutoff', () => {
  const b = 100;
  const target = 20;
  const fsc = 3;
  const rule = makeScaleRule(
    { kind: 'no-reference', wilsonCutoffA: 10, fscCutoffA: fsc, targetBA2: target },
    wn,
    apix,
  );
  const em = Float64Array.from(freq, (f) => 5 * Math.exp((-b / 4) * f * f));
  const k = new Float64Array(9);
  const fit = { bFactorA2: 0, qfit: 0 };
  rule.compute(em, null, k, fit);
  assert.ok(Math.abs(fit.bFactorA2 - b) < 1e-9);
  assert.ok(Math.abs(fit.qfit - 1) < 1e-12);
  for (let j = 0; j < freq.length; j++) {
    const merge = 1 / (1 + Math.exp(10 * (fsc - 1 / freq[j])));
    const want = merge * Math.exp(((b - target) / 4) * freq[j] ** 2);
    assert.ok(Math.abs(k[j] - want) <= 1e-12 * want, `k[${j}] ${k[j]} vs ${want}`);
  }
  // well below the cutoff the sharpened profile has B = 20: k·E ∝ exp(−20/4·f²)
  const ratio = (k[2] * em[2]) / (k[1] * em[1]);
  assert.ok(Math.abs(ratio - Math.exp((-target / 4) * (freq[2] ** 2 - freq[1] ** 2))) < 1e-6);
});

test('case B refuses nothing: an all-zero reference gives zero factors (no crash)', () => {
  const rule = makeScaleRule(
    { kind: 'theoretical', wilsonCutoffA: 10, fscCutoffA: 3, nyquistA: 2.1, boost: 1.5 },
    wn,
    apix,
  );
  const k = new Float64Array(9);
  rule.compute(
    Float64Array.from(freq, () => 1),
    new Float64Array(9),
    k,
    { bFactorA2: 0, qfit: 0 },
  );
  assert.deepEqual(Array.from(k), new Array<number>(9).fill(0));
});
