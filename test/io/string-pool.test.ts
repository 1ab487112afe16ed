import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShortStringPool } from '../../src/io/string-pool.js';

test('pooled slices equal plain slices, trimmed or not', () => {
  const text = 'ATOM      1  CA  ALA A   1   é CAXY';
  const raw = new ShortStringPool(false);
  const trimmed = new ShortStringPool(true);
  for (const [s, e] of [
    [12, 16],
    [17, 20],
    [20, 22],
    [16, 17],
    [0, 6],
    [29, 30],
    [31, 35],
    [5, 5],
  ] as const) {
    for (let k = 0; k < 2; k++) {
      assert.equal(raw.get(text, s, e), text.substring(s, e));
      assert.equal(trimmed.get(text, s, e), text.substring(s, e).trim());
    }
  }
});

test('slices of different lengths never collide', () => {
  const pool = new ShortStringPool(false);
  const text = 'AAAAA A AA';
  assert.equal(pool.get(text, 0, 1), 'A');
  assert.equal(pool.get(text, 0, 2), 'AA');
  assert.equal(pool.get(text, 0, 4), 'AAAA');
  assert.equal(pool.get(text, 6, 7), 'A');
  assert.equal(pool.get(text, 8, 10), 'AA');
});
