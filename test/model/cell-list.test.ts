import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCellGrid, neighbourPairs, nearestPoint } from '../../src/model/cell-list.js';
import { maskAroundPoints } from '../../src/model/atom-mask.js';
import { readStructure } from '../../src/io/structure-read.js';

const model = (await readStructure(new URL('../fixtures/real/6i5a_box_model.pdb', import.meta.url).pathname))
  .atoms;

test('cell list: neighbour pairs and nearest point agree with brute force', () => {
  const n = 600;
  const grid = buildCellGrid(
    model.x,
    model.y,
    model.z,
    Int32Array.from({ length: n }, (_, i) => i),
    2.0,
  );
  const pairs = neighbourPairs(grid, 2.0);
  const want: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d2 =
        (model.x[i] - model.x[j]) ** 2 + (model.y[i] - model.y[j]) ** 2 + (model.z[i] - model.z[j]) ** 2;
      if (d2 < 4) want.push(`${i}-${j}`);
    }
  const got = Array.from(pairs.first, (f, k) => `${f}-${pairs.second[k]}`);
  assert.deepEqual(got, want);
  for (let i = 0; i < 50; i++) {
    const k = nearestPoint(grid, model.x[i] + 0.3, model.y[i], model.z[i], 5, i);
    let best = -1;
    let bestD = 25;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d2 =
        (model.x[i] + 0.3 - model.x[j]) ** 2 +
        (model.y[i] - model.y[j]) ** 2 +
        (model.z[i] - model.z[j]) ** 2;
      if (d2 < bestD) {
        bestD = d2;
        best = j;
      }
    }
    assert.equal(k, best);
  }
});

test('cell list: a far outlier enlarges the cells instead of allocating a huge grid', () => {
  const x = [0, 1, 2, 1e6];
  const grid = buildCellGrid(x, [0, 0, 0, 0], [0, 0, 0, 0], null, 1);
  assert.ok(grid.nx * grid.ny * grid.nz <= 8 * 4 + 64);
  const pairs = neighbourPairs(grid, 1.5);
  assert.deepEqual(Array.from(pairs.first), [0, 1]);
  assert.deepEqual(Array.from(pairs.second), [1, 2]);
  assert.equal(nearestPoint(grid, 1e6 - 0.5, 0, 0, 2), 3);
  assert.equal(nearestPoint(grid, 500, 0, 0, 2), -1);
});

test('atom mask: grid points within the radius of an atom, periodic, against brute force', () => {
  const grid = {
    shapeZyx: [9, 11, 13] as const,
    voxelSizeXyzA: [0.9, 1.1, 1.0] as const,
    originXyzA: [-2, 3, 0.5] as const,
  };
  const x = [-1.5, 8.9, 4.0];
  const y = [3.2, 12.0, 7.7];
  const z = [0.4, 8.0, 4.4];
  const r = 2.3;
  const mask = maskAroundPoints(grid, x, y, z, [0, 2, 1], r);
  const [nz, ny, nx] = grid.shapeZyx;
  const box = [nx * 0.9, ny * 1.1, nz * 1.0];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = [-2 + i * 0.9, 3 + j * 1.1, 0.5 + k * 1.0];
        let inside = 0;
        for (let a = 0; a < 3; a++) {
          let d2 = 0;
          const q = [x[a], y[a], z[a]];
          for (let d = 0; d < 3; d++) {
            let t = p[d] - q[d];
            t -= box[d] * Math.round(t / box[d]); // nearest periodic image
            d2 += t * t;
          }
          if (d2 < r * r) inside = 1;
        }
        assert.equal(mask[(k * ny + j) * nx + i], inside, `voxel ${i},${j},${k}`);
      }
});
