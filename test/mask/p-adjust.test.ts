import { test } from 'node:test';
import assert from 'node:assert/strict';
import { golden, assertClose } from '../helpers/golden.js';
import {
  pAdjust,
  harmonicNumberLocscale,
  fdrPValueCutoff,
  adjustSortedInPlace,
} from '../../src/mask/p-adjust.js';
import { mulberry32 } from '../helpers/synthetic-maps.js';

const F = golden.F_pAdjust as { p: number[]; BY: number[]; BH: number[] };

test('golden F: pAdjust BY and BH reproduce the original to 1e-15 (bit-identical here)', () => {
  assertClose(pAdjust(F.p, 'BY'), F.BY, 1e-15, 0, 'BY');
  assertClose(pAdjust(F.p, 'BH'), F.BH, 1e-15, 0, 'BH');
});

test('H_n: the series approximation of the harmonic number (and its value for n = 8)', () => {
  // golden F: q(0.0005) = 0.0005 · 8 · H_8 ⇒ H_8 = 2.71784149285...
  assert.ok(Math.abs(harmonicNumberLocscale(8) - F.BY[4] / (0.0005 * 8)) < 1e-15);
  let exact = 0;
  for (let k = 1; k <= 1000; k++) exact += 1 / k;
  // 0.5772 (not γ = 0.5772156649…) limits the agreement to ~1.6e-5
  assert.ok(Math.abs(harmonicNumberLocscale(1000) - exact) < 2e-5);
  assert.throws(() => harmonicNumberLocscale(0), RangeError);
});

test('BY ≥ BH for every p (BY multiplies by H_n ≥ 1 for n ≥ 1), both monotone in p and capped at 1', () => {
  const rand = mulberry32(7);
  const p = Array.from({ length: 500 }, () => rand() ** 4);
  const by = pAdjust(p, 'BY');
  const bh = pAdjust(p, 'BH');
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  for (let k = 0; k < p.length; k++) {
    assert.ok(by[k] >= bh[k], `p = ${p[k]}: BY ${by[k]} < BH ${bh[k]}`);
    assert.ok(bh[k] >= p[k] && by[k] <= 1 && bh[k] <= 1);
  }
  for (let k = 1; k < order.length; k++) {
    assert.ok(by[order[k]] >= by[order[k - 1]] && bh[order[k]] >= bh[order[k - 1]]);
  }
});

test('ties get one q whatever their order, and the answer does not depend on the input order', () => {
  const p = [0.01, 0.02, 0.02, 0.02, 0.5, 0, 0, 0.02];
  const q = pAdjust(p, 'BY');
  assert.equal(q[1], q[2]);
  assert.equal(q[2], q[7]);
  assert.equal(q[5], 0);
  const rev = pAdjust([...p].reverse(), 'BY');
  assert.deepEqual([...rev].reverse(), [...q]);
});

test('the pruning cutoff: every p ≥ cutoff adjusts to ≥ 1 at any rank, so leaving it out of the sort is exact', () => {
  for (const n of [1, 2, 7, 1000, 123457, 30_000_000]) {
    const c = fdrPValueCutoff(n, 'BY');
    const hn = harmonicNumberLocscale(n);
    assert.ok(c * hn >= 1);
    assert.ok(
      (c - c * Number.EPSILON) * hn < 1 || c === 1 / hn,
      'the cutoff is the least such value (to an ulp)',
    );
    for (const i of [1, 2, n >> 1, n - 1, n]) {
      if (i >= 1 && i <= n) assert.ok(c * (n / i) * hn >= 1);
    }
    assert.equal(fdrPValueCutoff(n, 'BH'), 1);
  }
  // pruned and unpruned adjustments agree
  const rand = mulberry32(3);
  const n = 5000;
  const all = Float64Array.from({ length: n }, () => rand() ** 8).sort();
  const full = Float64Array.from(all);
  adjustSortedInPlace(full, n, 'BY');
  const cut = fdrPValueCutoff(n, 'BY');
  const m = all.findIndex((v) => v >= cut);
  const part = all.slice(0, m);
  adjustSortedInPlace(part, n, 'BY');
  assert.deepEqual([...part], [...full.slice(0, m)]);
  for (let i = m; i < n; i++) assert.equal(full[i], 1);
});

test('pAdjust refuses values that are not p-values', () => {
  assert.throws(() => pAdjust([0.1, NaN], 'BY'), RangeError);
  assert.throws(() => pAdjust([1.5], 'BH'), RangeError);
  assert.equal(pAdjust([], 'BY').length, 0);
});
