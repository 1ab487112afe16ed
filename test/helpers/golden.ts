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
