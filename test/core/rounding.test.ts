import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundHalfEven, roundUpProper, roundUpToEven } from '../../src/core/rounding.js';

test("roundHalfEven matches Python's round()", () => {
  // Python: [round(v) for v in (0.5, 1.5, 2.5, -0.5, -1.5, 24.3, 24.5, 25.5, 2.675)]
  const cases: [number, number][] = [
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [-0.5, -0],
    [-1.5, -2],
    [24.3, 24],
    [24.5, 24],
    [25.5, 26],
    [2.675, 3],
  ];
  for (const [v, want] of cases) assert.equal(roundHalfEven(v), want, `round(${v})`);
});

test('roundUpProper rounds halves up', () => {
  assert.equal(roundUpProper(2.5), 3);
  assert.equal(roundUpProper(3.5), 4);
  assert.equal(roundUpProper(2.4999), 2);
});

test('roundUpToEven gives the window sizes of spec §2.4', () => {
  // wn = round_up_to_even(25 / apix): 1.2156 → 22, 1.0 → 26, 0.83 → 32, 1.5 → 18
  assert.equal(roundUpToEven(25 / 1.2156), 22);
  assert.equal(roundUpToEven(25 / 1.0), 26);
  assert.equal(roundUpToEven(25 / 0.83), 32);
  assert.equal(roundUpToEven(25 / 1.5), 18);
  assert.equal(roundUpToEven(4), 4);
});
