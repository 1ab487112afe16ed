import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Volume } from '../../src/grid/volume.js';
import { zoomLinear, zoomShape, resampleFourier } from '../../src/grid/resample.js';
import { assertClose } from '../helpers/golden.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/grid/zoom-scipy.json', import.meta.url), 'utf8'),
) as {
  input_shape_zyx: [number, number, number];
  cases: { factor: number; shape_zyx: [number, number, number]; values: number[] }[];
};

function fromFormula(
  shape: [number, number, number],
  f: (x: number, y: number, z: number) => number,
  apix = 1,
): Volume {
  const [nz, ny, nx] = shape;
  const data = new Float32Array(nz * ny * nx);
  let i = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[i++] = f(x, y, z);
  return { data, shapeZyx: shape, voxelSizeXyzA: [apix, apix, apix], originXyzA: [1, 2, 3] };
}

test('zoomLinear matches scipy zoom(order=1, grid_mode=False) (fixture)', () => {
  const v = fromFormula(
    fixture.input_shape_zyx,
    (x, y, z) => Math.sin(0.7 * x) + (Math.cos(0.5 * y) * z) / 3 + 0.1 * x * y,
  );
  for (const c of fixture.cases) {
    const shape = zoomShape(v.shapeZyx, c.factor);
    assert.deepEqual(shape, c.shape_zyx);
    assertClose(zoomLinear(v, shape).data, c.values, 1e-6, 1, `factor ${c.factor}`);
  }
});

test('zoomLinear keeps the corner voxels in place: voxel size a(n−1)/(m−1), origin kept', () => {
  const v = fromFormula([4, 5, 6], (x, y, z) => x + 2 * y - z, 1.2);
  const z = zoomLinear(v, [7, 9, 11]);
  assertClose(z.voxelSizeXyzA, [(1.2 * 5) / 10, (1.2 * 4) / 8, (1.2 * 3) / 6], 1e-12);
  assert.deepEqual(z.originXyzA, v.originXyzA);
  // a linear function is reproduced exactly at the new voxel positions
  const [ax, ay, az] = z.voxelSizeXyzA;
  for (let k = 0; k < 7; k++)
    for (let j = 0; j < 9; j++)
      for (let i = 0; i < 11; i++) {
        const want = (i * ax) / 1.2 + (2 * j * ay) / 1.2 - (k * az) / 1.2;
        assert.ok(Math.abs(z.data[(k * 9 + j) * 11 + i] - want) < 1e-5);
      }
});

test('resampleFourier is exact for band-limited content, up and down, odd and even sizes', () => {
  // period = box length L = n·a; content up to |k| = 2 cycles per box
  const f = (px: number, py: number, pz: number) =>
    1 +
    Math.cos(2 * Math.PI * (px + 2 * py)) +
    0.5 * Math.sin(2 * Math.PI * (2 * pz - px)) +
    0.25 * Math.cos(2 * Math.PI * pz);
  for (const [from, to] of [
    [
      [9, 10, 11],
      [16, 15, 14],
    ],
    [
      [16, 15, 14],
      [9, 10, 12],
    ],
  ] as [[number, number, number], [number, number, number]][]) {
    const v = fromFormula(from, (x, y, z) => f(x / from[2], y / from[1], z / from[0]));
    const r = resampleFourier(v, to);
    assertClose(r.voxelSizeXyzA, [from[2] / to[2], from[1] / to[1], from[0] / to[0]], 1e-12);
    const want = fromFormula(to, (x, y, z) => f(x / to[2], y / to[1], z / to[0]));
    assertClose(r.data, want.data, 1e-5, 1, `${from.join()}→${to.join()}`);
  }
});
