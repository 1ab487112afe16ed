/**
 * The golden vectors computed by the original LocScale 2.3.1.post4 (test/fixtures/locscale_data), and the
 * closed-form inputs they were computed from.
 */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

export const golden = JSON.parse(
  readFileSync(new URL('../fixtures/locscale_data/golden_vectors.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;

/** frac(v) = v − floor(v). */
export function frac(v: number): number {
  return v - Math.floor(v);
}

/** The golden files' hash noise: frac(sin(12.9898x + 78.233y + 37.719z)·43758.5453) − 0.5. */
export function hashNoise(x: number, y: number, z: number): number {
  return frac(Math.sin(12.9898 * x + 78.233 * y + 37.719 * z) * 43758.5453) - 0.5;
}

/** A cube of edge n filled with f(x, y, z) in C order [z][y][x]. */
export function cubeFromFormula(n: number, f: (x: number, y: number, z: number) => number): Float64Array {
  const out = new Float64Array(n * n * n);
  let i = 0;
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out[i++] = f(x, y, z);
  return out;
}

/** Asserts |actual − expected| ≤ rel·max(|expected|, floor) element-wise, naming the first failure. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  floor = 0,
  what = 'value',
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const tol = rel * Math.max(Math.abs(expected[i]), floor);
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol,
      `${what}[${i}]: got ${actual[i]}, expected ${expected[i]} (tolerance ${tol})`,
    );
  }
}

/** Golden A/B's EM map: sin(0.37x + 0.11y²)·cos(0.23z + 0.05xy) + 0.3·sin(1.3(x + 2y + 3z)). */
export const goldenEmFormula = (x: number, y: number, z: number): number =>
  Math.sin(0.37 * x + 0.11 * y * y) * Math.cos(0.23 * z + 0.05 * x * y) +
  0.3 * Math.sin(1.3 * (x + 2 * y + 3 * z));

/** Golden A/B's model map: exp(−((x−10)² + (y−9)² + (z−11)²)/18) + 0.5·cos(0.9x − 0.4y + 0.7z) + 1. */
export const goldenModelFormula = (x: number, y: number, z: number): number =>
  Math.exp(-((x - 10) ** 2 + (y - 9) ** 2 + (z - 11) ** 2) / 18) +
  0.5 * Math.cos(0.9 * x - 0.4 * y + 0.7 * z) +
  1.0;
