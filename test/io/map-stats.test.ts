import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapStats } from '../../src/io/map-stats.js';

test('mapStats: min, max, mean and population RMS deviation', () => {
  const s = mapStats(new Float32Array([1, 2, 3, 4]));
  assert.deepEqual(s, { min: 1, max: 4, mean: 2.5, rms: Math.sqrt(1.25), nonFinite: 0 });
});

test('mapStats stays accurate for a large mean (two passes, float64)', () => {
  const data = new Float32Array(100_000);
  for (let i = 0; i < data.length; i++) data[i] = 10000 + (i % 2 === 0 ? 0.5 : -0.5);
  const s = mapStats(data);
  assert.equal(s.mean, 10000);
  assert.equal(s.rms, 0.5);
});

test('mapStats leaves NaN and ±Infinity out and counts them', () => {
  const s = mapStats(new Float32Array([NaN, 1, Infinity, 3, -Infinity]));
  assert.deepEqual(s, { min: 1, max: 3, mean: 2, rms: 1, nonFinite: 3 });
  const none = mapStats(new Float32Array([NaN]));
  assert.equal(none.nonFinite, 1);
  assert.ok(Number.isNaN(none.mean) && Number.isNaN(none.rms));
});
