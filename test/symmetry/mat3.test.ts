import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IDENTITY3,
  apply3,
  axisAngleRotation,
  determinant3,
  maxAbsDifference3,
  multiply3,
  rotationAxisAngle,
  rotationDefect3,
  transpose3,
} from '../../src/symmetry/mat3.js';

test('axisAngleRotation is right-handed and acts on column vectors (x, y, z)', () => {
  const rz = axisAngleRotation([0, 0, 2], Math.PI / 2);
  const p = apply3(rz, [1, 0, 0]);
  assert.ok(Math.abs(p[0]) < 1e-15 && Math.abs(p[1] - 1) < 1e-15 && Math.abs(p[2]) < 1e-15, 'x → y about z');
  const rx = axisAngleRotation([1, 0, 0], Math.PI / 2);
  const q = apply3(rx, [0, 1, 0]);
  assert.ok(Math.abs(q[2] - 1) < 1e-15, 'y → z about x');
  assert.ok(Math.abs(determinant3(rz) - 1) < 1e-15);
  assert.throws(() => axisAngleRotation([0, 0, 0], 1), RangeError);
});

test('multiply3 applies the right factor first; transpose3 inverts a rotation', () => {
  const a = axisAngleRotation([0, 0, 1], Math.PI / 2);
  const b = axisAngleRotation([1, 0, 0], Math.PI / 2);
  const ab = multiply3(a, b);
  const direct = apply3(a, apply3(b, [0, 1, 0]));
  const viaProduct = apply3(ab, [0, 1, 0]);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(direct[i] - viaProduct[i]) < 1e-15);
  assert.ok(maxAbsDifference3(multiply3(ab, transpose3(ab)), IDENTITY3) < 1e-15);
  assert.ok(rotationDefect3(ab) < 1e-15);
});

test('rotationAxisAngle inverts axisAngleRotation, including half turns', () => {
  const cases: [readonly [number, number, number], number][] = [
    [[0.3, -0.5, 0.8], 0.7],
    [[1, 2, 3], 2.5],
    [[0, 1, 1], Math.PI],
    [[-1, 0.2, 0], Math.PI],
  ];
  for (const [axis, angle] of cases) {
    const r = axisAngleRotation(axis, angle);
    const got = rotationAxisAngle(r);
    assert.ok(Math.abs(got.angleRad - angle) < 1e-7, `angle ${angle}`);
    const back = axisAngleRotation(got.axis, got.angleRad);
    assert.ok(maxAbsDifference3(back, r) < 1e-7);
  }
  assert.equal(rotationAxisAngle(IDENTITY3).angleRad, 0);
});
