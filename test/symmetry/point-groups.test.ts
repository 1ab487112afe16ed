import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/core/errors.js';
import type { Mat3, Row3 } from '../../src/symmetry/mat3.js';
import {
  IDENTITY3,
  apply3,
  axisAngleRotation,
  maxAbsDifference3,
  multiply3,
  rotationAxisAngle,
  rotationDefect3,
  transpose3,
} from '../../src/symmetry/mat3.js';
import type { GroupGenerator } from '../../src/symmetry/point-groups.js';
import { closeGroup, parsePointGroup, pointGroupOperators } from '../../src/symmetry/point-groups.js';

const TOL = 1e-9;

function indexIn(ops: readonly Mat3[], m: Mat3, tol = TOL): number {
  return ops.findIndex((o) => maxAbsDifference3(o, m) < tol);
}

/** True when the group holds the `fold`-fold rotation about `axis` (either sense). */
function hasRotation(ops: readonly Mat3[], axis: Row3, fold: number, tol = TOL): boolean {
  return indexIn(ops, axisAngleRotation(axis, (2 * Math.PI) / fold), tol) >= 0;
}

function sameSet(a: readonly Mat3[], b: readonly Mat3[], tol: number): boolean {
  return (
    a.length === b.length &&
    a.every((m) => indexIn(b, m, tol) >= 0) &&
    b.every((m) => indexIn(a, m, tol) >= 0)
  );
}

/** Axes of the rotations of exact order `fold` (one direction per axis line, unit length). */
function axesOfOrder(ops: readonly Mat3[], fold: number): Row3[] {
  const out: Row3[] = [];
  for (const o of ops) {
    // compare cosines: acos is ill-conditioned near a half turn
    const cosA = (o[0][0] + o[1][1] + o[2][2] - 1) / 2;
    if (Math.abs(cosA - Math.cos((2 * Math.PI) / fold)) > 1e-9) continue;
    const { axis } = rotationAxisAngle(o);
    if (!out.some((a) => Math.abs(Math.abs(a[0] * axis[0] + a[1] * axis[1] + a[2] * axis[2]) - 1) < 1e-9)) {
      out.push(axis);
    }
  }
  return out;
}

function hasAxis(axes: readonly Row3[], v: Row3, tol = 1e-4): boolean {
  const len = Math.hypot(...v);
  return axes.some((a) => Math.abs(Math.abs(a[0] * v[0] + a[1] * v[1] + a[2] * v[2]) / len - 1) < tol);
}

const EXPECTED_ORDER: Record<string, number> = {
  C1: 1,
  C2: 2,
  C4: 4,
  C13: 13,
  D1: 2,
  D2: 4,
  D7: 14,
  T: 12,
  T222: 12,
  O: 24,
  I: 60,
  I1: 60,
  I2: 60,
  I3: 60,
  I4: 60,
};

test('operator counts: C4 4, D2 4, D7 14, T 12, O 24, I 60 (and the other symbols)', () => {
  for (const [symbol, order] of Object.entries(EXPECTED_ORDER)) {
    assert.equal(pointGroupOperators(symbol).length, order, symbol);
    assert.equal(parsePointGroup(symbol).order, order, symbol);
  }
});

test('every group: identity first, proper rotations, closed under products and inverses, no duplicates', () => {
  for (const symbol of Object.keys(EXPECTED_ORDER)) {
    const ops = pointGroupOperators(symbol);
    assert.equal(maxAbsDifference3(ops[0], IDENTITY3), 0, `${symbol}: identity first`);
    for (const o of ops) assert.ok(rotationDefect3(o) < 1e-12, `${symbol}: orthonormal with det +1`);
    for (const a of ops) {
      assert.ok(indexIn(ops, transpose3(a)) >= 0, `${symbol}: inverse present`);
      for (const b of ops) assert.ok(indexIn(ops, multiply3(a, b)) >= 0, `${symbol}: product present`);
    }
    for (let i = 0; i < ops.length; i++) {
      for (let j = i + 1; j < ops.length; j++) {
        assert.ok(maxAbsDifference3(ops[i], ops[j]) > 1e-3, `${symbol}: operators ${i} and ${j} differ`);
      }
    }
  }
});

test('LocScale frame (spec §7): Cn about z, Dn + 2-fold about x', () => {
  const c4 = pointGroupOperators('C4');
  assert.ok(hasRotation(c4, [0, 0, 1], 4));
  for (const o of c4) assert.deepEqual(apply3(o, [0, 0, 1]), [0, 0, 1], 'C4 fixes the z axis');
  // the quarter turn is exact and right-handed: x → y
  assert.deepEqual(apply3(axisAngleRotation([0, 0, 1], Math.PI / 2), [1, 0, 0]).map(Math.round), [0, 1, 0]);
  assert.ok(
    indexIn(c4, [
      [0, -1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]) >= 0,
  );
  const d7 = pointGroupOperators('D7');
  assert.ok(hasRotation(d7, [0, 0, 1], 7));
  assert.ok(hasRotation(d7, [1, 0, 0], 2));
  assert.ok(!hasRotation(d7, [0, 1, 0], 2), 'D7 (odd n) has no 2-fold on y');
  assert.ok(hasRotation(pointGroupOperators('D2'), [0, 1, 0], 2));
});

test('LocScale frame (spec §7): T has 3-folds about z and (0, 0.9428, −0.3333), no 2-fold on x, y, z', () => {
  const t = pointGroupOperators('T');
  const threes = axesOfOrder(t, 3);
  assert.equal(threes.length, 4);
  assert.ok(hasAxis(threes, [0, 0, 1]));
  assert.ok(hasAxis(threes, [0, 0.9428, -0.3333]));
  const twos = axesOfOrder(t, 2);
  assert.equal(twos.length, 3);
  for (const v of [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ] as Row3[]) {
    assert.ok(!hasAxis(twos, v), `no 2-fold along ${v.join(',')}`);
  }
});

test('LocScale frame (spec §7): O has 4-folds on z and y (and so x); I has 5-folds (0, .85065, .52573), (.52573, 0, .85065) and 2-folds on x, y, z', () => {
  const fours = axesOfOrder(pointGroupOperators('O'), 4);
  assert.equal(fours.length, 3);
  for (const v of [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ] as Row3[]) {
    assert.ok(hasAxis(fours, v));
  }
  const ico = pointGroupOperators('I');
  const fives = axesOfOrder(ico, 5);
  assert.equal(fives.length, 6);
  assert.ok(hasAxis(fives, [0, 0.85065, 0.52573], 1e-5));
  assert.ok(hasAxis(fives, [0.52573, 0, 0.85065], 1e-5));
  assert.equal(axesOfOrder(ico, 3).length, 10);
  const twos = axesOfOrder(ico, 2);
  assert.equal(twos.length, 15);
  for (const v of [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ] as Row3[]) {
    assert.ok(hasAxis(twos, v));
  }
});

/**
 * RELION's groups rebuilt from the literal generator axes of RELION's src/symmetries.cpp
 * (SymList::fill_symmetry_class), decimals as printed there.
 */
const RELION_GENERATORS: Record<string, GroupGenerator[]> = {
  T: [
    { axis: [0, 0, 1], fold: 3 },
    { axis: [0, 0.816496, 0.57735], fold: 2 },
  ],
  O: [
    { axis: [0.5773502, 0.5773502, 0.5773502], fold: 3 },
    { axis: [0, 0, 1], fold: 4 },
  ],
  D7: [
    { axis: [0, 0, 1], fold: 7 },
    { axis: [1, 0, 0], fold: 2 },
  ],
  I1: [
    { axis: [1, 0, 0], fold: 2 },
    { axis: [0.8506508070267, 0, -0.5257311142635], fold: 5 },
    { axis: [0.934172364, 0.3568220765, 0], fold: 3 },
  ],
  I2: [
    { axis: [0, 0, 1], fold: 2 },
    { axis: [0.525731114, 0, 0.850650807], fold: 5 },
    { axis: [0, 0.356822076, 0.934172364], fold: 3 },
  ],
  I3: [
    { axis: [-0.5257311143, 0, 0.850650807], fold: 2 },
    { axis: [0, 0, 1], fold: 5 },
    { axis: [-0.4911234778630044, 0.3568220764705179, 0.7946544753759428], fold: 3 },
  ],
  I4: [
    { axis: [0.5257311143, 0, 0.850650807], fold: 2 },
    { axis: [0.89442719325471, 0, 0.4472135909903704], fold: 5 }, // RELION: 0.8944271932547096
    { axis: [0.4911234778630044, 0.3568220764705179, 0.7946544753759428], fold: 3 },
  ],
};

test("RELION settings: I1–I4, T, O and Dn equal the groups generated from RELION's own generator axes", () => {
  for (const [symbol, gens] of Object.entries(RELION_GENERATORS)) {
    const relion = closeGroup(gens, EXPECTED_ORDER[symbol]);
    assert.ok(sameSet(pointGroupOperators(symbol), relion, 1e-6), symbol);
  }
});

test('LocScale I is RELION I2 (Crowther 222) and LocScale T is RELION T; the other settings differ', () => {
  assert.ok(sameSet(pointGroupOperators('I'), pointGroupOperators('I2'), 1e-12));
  assert.ok(sameSet(pointGroupOperators('T'), closeGroup(RELION_GENERATORS.T, 12), 1e-6));
  for (const s of ['I1', 'I3', 'I4'])
    assert.ok(!sameSet(pointGroupOperators('I'), pointGroupOperators(s), 1e-3), s);
  assert.ok(!sameSet(pointGroupOperators('T'), pointGroupOperators('T222'), 1e-3));
});

test('RELION settings in words: I1/I2 222 with front 5-folds in yz / xz; I3/I4 5-fold z, 2-fold y; T222', () => {
  const axes = (s: string, fold: number): Row3[] => axesOfOrder(pointGroupOperators(s), fold);
  for (const s of ['I1', 'I2']) {
    for (const v of [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ] as Row3[]) {
      assert.ok(hasAxis(axes(s, 2), v), `${s} 2-fold ${v.join(',')}`);
    }
  }
  assert.ok(hasAxis(axes('I1', 5), [0, 0.52573, 0.85065], 1e-5));
  assert.ok(!hasAxis(axes('I1', 5), [0.52573, 0, 0.85065], 1e-3));
  assert.ok(hasAxis(axes('I2', 5), [0.52573, 0, 0.85065], 1e-5));
  assert.ok(!hasAxis(axes('I2', 5), [0, 0.52573, 0.85065], 1e-3));
  for (const s of ['I3', 'I4']) {
    assert.ok(hasAxis(axes(s, 5), [0, 0, 1]), `${s} 5-fold on z`);
    assert.ok(hasAxis(axes(s, 2), [0, 1, 0]), `${s} 2-fold on y`);
    assert.ok(!hasAxis(axes(s, 2), [1, 0, 0], 1e-3), `${s} no 2-fold on x`);
  }
  assert.ok(hasAxis(axes('I3', 5), [-0.89443, 0, 0.44721], 1e-5));
  assert.ok(hasAxis(axes('I4', 5), [0.89443, 0, 0.44721], 1e-5));
  assert.ok(!hasAxis(axes('I3', 5), [0.89443, 0, 0.44721], 1e-3));
  const t222 = pointGroupOperators('T222');
  assert.ok(
    hasRotation(t222, [1, 0, 0], 2) && hasRotation(t222, [0, 1, 0], 2) && hasRotation(t222, [0, 0, 1], 2),
  );
  assert.ok(hasRotation(t222, [1, 1, 1], 3));
});

test('symbols are case-insensitive and trimmed; canonical names', () => {
  assert.equal(parsePointGroup(' c4 ').symbol, 'C4');
  assert.equal(parsePointGroup('d07').symbol, 'D7');
  assert.equal(parsePointGroup('i1').symbol, 'I1');
  assert.equal(parsePointGroup('t222').symbol, 'T222');
  assert.ok(sameSet(pointGroupOperators('i'), pointGroupOperators('I'), 1e-15));
});

test('unknown symbols: UserError listing the valid ones', () => {
  for (const bad of ['', 'C', 'C0', 'D0', 'C1000', 'X2', 'H', 'I5', 'TD', 'O2', 'C4.5', 'helical']) {
    assert.throws(
      () => pointGroupOperators(bad),
      (e: unknown) => {
        assert.ok(e instanceof UserError, `${bad}: UserError`);
        for (const name of ['C1', 'D1', 'T', 'T222', 'O', 'I1', 'I4'])
          assert.ok(e.message.includes(name), name);
        return true;
      },
    );
  }
});

test('returned operator arrays are fresh copies', () => {
  const a = pointGroupOperators('C4');
  a.pop();
  assert.equal(pointGroupOperators('C4').length, 4);
});

test('closeGroup refuses generators that do not give the expected order', () => {
  assert.throws(() => closeGroup([{ axis: [0, 0, 1], fold: 4 }], 3), RangeError);
  assert.throws(
    () =>
      closeGroup(
        [
          { axis: [0, 0, 1], fold: 4 },
          { axis: [0.1, 0, 1], fold: 4 },
        ],
        8,
      ),
    RangeError,
  );
});
