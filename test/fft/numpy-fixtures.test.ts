// Compares with numpy.fft outputs stored by tools/make-fft-fixtures.py (test/fixtures/fft/numpy-fft.json).
// The inputs are the formulas of that script, evaluated here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { complexFftPlan1d, fftn, irfftn, rfftn } from '../../src/fft/index.js';
import { relativeError } from './naive-dft.js';

interface Case {
  name: string;
  kind: 'rfftn' | 'fftn' | 'irfftn' | 'fft';
  shapeZyx: [number, number, number];
  output: number[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/fft/numpy-fft.json', import.meta.url), 'utf8'),
) as { numpy: string; cases: Case[] };

/** Fills f(z, y, x) over a C-order grid, `components` floats per point. */
function onGrid(
  shape: readonly number[],
  components: 1 | 2,
  f: (z: number, y: number, x: number) => readonly [number, number],
): Float64Array {
  const [nz, ny, nx] = shape;
  const out = new Float64Array(components * nz * ny * nx);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const v = f(z, y, x);
        out[i++] = v[0];
        if (components === 2) out[i++] = v[1];
      }
  return out;
}

const realInput = (z: number, y: number, x: number) =>
  [
    Math.sin(0.37 * x + 0.61 * y * y + 0.23 * z) + 0.5 * Math.cos(1.3 * x * y - 0.7 * z) + 0.01 * x * y * z,
    0,
  ] as const;
const complexInput = (z: number, y: number, x: number) =>
  [Math.cos(0.5 * x + 0.3 * y * z), Math.sin(0.9 * x * y + 0.2 * z) - 0.25] as const;
const halfSpectrumInput = (z: number, y: number, x: number) =>
  [Math.cos(0.41 * x + 0.17 * y + 0.29 * z * z), Math.sin(0.53 * x * y + 0.31 * z + 0.1)] as const;

describe(`numpy ${fixture.numpy} fixtures`, () => {
  test('the fixture holds every kind', () => {
    const kinds = new Set(fixture.cases.map((c) => c.kind));
    assert.deepEqual([...kinds].sort(), ['fft', 'fftn', 'irfftn', 'rfftn']);
  });

  for (const c of fixture.cases) {
    test(c.name, () => {
      const shape = c.shapeZyx;
      const expected = Float64Array.from(c.output);
      let got: Float64Array;
      switch (c.kind) {
        case 'rfftn':
          got = rfftn(onGrid(shape, 1, realInput), shape);
          break;
        case 'fftn':
          got = fftn(onGrid(shape, 2, complexInput), shape);
          break;
        case 'irfftn': {
          // a non-Hermitian half spectrum: numpy ignores Im of the kx = 0 and kx = nx/2 bins
          const half = [shape[0], shape[1], Math.floor(shape[2] / 2) + 1];
          got = irfftn(onGrid(half, 2, halfSpectrumInput), shape);
          break;
        }
        case 'fft': {
          const n = shape[2];
          const x = onGrid([1, 1, n], 2, (_z, _y, j) => [
            Math.cos(0.5 * j + (0.3 * j * j) / 7),
            Math.sin(0.9 * j),
          ]);
          got = new Float64Array(2 * n);
          complexFftPlan1d(n).forward(x, got);
          break;
        }
      }
      assert.equal(got.length, expected.length);
      const err = relativeError(got, expected);
      assert.ok(err < 1e-12, `relative error ${err}`);
    });
  }
});
