import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrcHeader } from '../../src/io/mrc-header.js';
import {
  crsToXyz,
  isAxisPermutation,
  mrcDataByteLength,
  mrcDataOffset,
  mrcGridXyz,
  mrcOriginXyzA,
  mrcShapeZyx,
  mrcVoxelSizeXyzA,
} from '../../src/io/mrc-frame.js';
import type { MrcSpec } from './mrc-builder.js';
import { buildMrc } from './mrc-builder.js';

const header = (spec: MrcSpec) => parseMrcHeader(buildMrc(spec));

test('crsToXyz puts column/row/section values on their spatial axes', () => {
  assert.deepEqual(crsToXyz([10, 20, 30], [1, 2, 3]), [10, 20, 30]);
  assert.deepEqual(crsToXyz([10, 20, 30], [3, 2, 1]), [30, 20, 10]);
  assert.deepEqual(crsToXyz([10, 20, 30], [2, 3, 1]), [30, 10, 20]);
});

test('isAxisPermutation accepts the six permutations only', () => {
  const perms = [
    [1, 2, 3],
    [1, 3, 2],
    [2, 1, 3],
    [2, 3, 1],
    [3, 1, 2],
    [3, 2, 1],
  ] as const;
  for (const p of perms) assert.ok(isAxisPermutation(p));
  for (const p of [
    [1, 1, 3],
    [0, 1, 2],
    [1, 2, 4],
    [-1, 2, 3],
  ] as const)
    assert.ok(!isAxisPermutation(p));
});

test('grid and shape follow MAPC/MAPR/MAPS (axis order 3,2,1 as in the real maps)', () => {
  const h = header({ gridCrs: [43, 70, 46], mapCrs: [3, 2, 1], values: undefined, missingBytes: 0 });
  assert.deepEqual(mrcGridXyz(h), [46, 70, 43]);
  assert.deepEqual(mrcShapeZyx(h), [43, 70, 46]);
});

test('voxel size is CELLA / sampling (MX, MY, MZ), not CELLA / column count', () => {
  const h = header({ gridCrs: [4, 3, 2], samplingXyz: [8, 6, 10], cellaXyz: [8, 9, 5] });
  assert.deepEqual(mrcVoxelSizeXyzA(h), [1, 1.5, 0.5]);
});

test('a non-positive sampling falls back to the grid size along that spatial axis', () => {
  const h = header({ gridCrs: [4, 3, 2], mapCrs: [2, 3, 1], samplingXyz: [0, 6, -1], cellaXyz: [8, 9, 5] });
  // grid along x, y, z = (sections, columns, rows) = (2, 4, 3)
  assert.deepEqual(mrcVoxelSizeXyzA(h), [4, 1.5, 5 / 3]);
});

test('origin is ORIGIN when non-zero, else NXSTART… permuted to x/y/z times the voxel size', () => {
  const withOrigin = header({ gridCrs: [4, 3, 2], originXyz: [1.5, -2, 3], startCrs: [7, 8, 9] });
  assert.deepEqual(mrcOriginXyzA(withOrigin), [1.5, -2, 3]);
  const fromStart = header({
    gridCrs: [4, 3, 2],
    mapCrs: [3, 1, 2], // columns are z, rows x, sections y
    startCrs: [-5, 2, 7], // so z starts at -5, x at 2, y at 7
    samplingXyz: [3, 2, 4],
    cellaXyz: [6, 3, 2], // voxel 2, 1.5, 0.5 Å
  });
  assert.deepEqual(mrcOriginXyzA(fromStart), [4, 10.5, -2.5]);
});

test('data offset skips the extended header; data length is plain arithmetic', () => {
  const h = header({ gridCrs: [4, 3, 2], mode: 1, extendedHeader: new Uint8Array(40), exttyp: 'CCP4' });
  assert.equal(mrcDataOffset(h), 1064);
  assert.equal(mrcDataByteLength(h), 48);
  assert.equal(mrcDataByteLength({ ...h, nx: 2000, ny: 2000, nz: 2000 }), 16_000_000_000);
});
