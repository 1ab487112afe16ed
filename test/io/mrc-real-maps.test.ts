/**
 * Real EMDB boxes (test/fixtures/real, copied from shared/data/real; facts from its README, checked there with
 * mrcfile 1.4.3). Both have axis order MAPC, MAPR, MAPS = 3, 2, 1, so a reader that ignores it transposes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readMap, validateMrc } from '../../src/io/mrc-read.js';
import { mapStats } from '../../src/io/map-stats.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { valueNearestAngstrom } from '../../src/grid/volume-sample.js';

interface RealMap {
  readonly file: string;
  readonly gridXyz: readonly [number, number, number];
  readonly voxelA: number;
  readonly cellA: readonly [number, number, number];
  /** min, max, mean, rms as the README gives them (5 significant digits). */
  readonly stats: readonly [number, number, number, number];
  readonly zeroFraction: number;
  readonly label: string;
  /** Voxels as mrcfile reads them: data[i, j, k] with (i, j, k) = (x, y, z) for axis order 3,2,1. */
  readonly mrcfileVoxels: readonly (readonly [number, number, number, number])[];
}

const MAPS: readonly RealMap[] = [
  {
    file: 'test/fixtures/real/emd_4413_6i5a_box.ccp4',
    gridXyz: [46, 70, 43],
    voxelA: 1.0635,
    cellA: [48.921, 74.445, 45.7305],
    stats: [-0.17888, 0.41899, 0.010708, 0.059929],
    zeroFraction: 0,
    label: 'map_box on emd_4413.map Tue Apr 30 00:20:10 2019',
    mrcfileVoxels: [
      [10, 20, 30, 0.21946586668491364],
      [45, 1, 2, 0.0011286246590316296],
      [0, 69, 42, -0.009751062840223312],
      [0, 62, 7, 0.41898927092552185], // the maximum
    ],
  },
  {
    file: 'test/fixtures/real/emd_3240_5fn5_box.ccp4',
    gridXyz: [64, 99, 66],
    voxelA: 1.4,
    cellA: [89.6, 138.6, 92.4],
    stats: [-0.036823, 0.093425, 0.0046864, 0.012628],
    zeroFraction: 0.77,
    label: 'map_box on emd_3240.map Wed Mar 20 08:50:27 2019',
    mrcfileVoxels: [
      [23, 35, 21, -0.0033042801078408957],
      [33, 88, 41, 0.09342462569475174], // the maximum
      [10, 20, 30, 0],
    ],
  },
];

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);

for (const m of MAPS) {
  test(`${m.file}: shape, voxel size, frame and statistics as documented`, async () => {
    const sink = new IssueList();
    const { volume, header } = await readMap(m.file, sink);
    assert.deepEqual(sink.issues, []);
    assert.deepEqual([header.mapc, header.mapr, header.maps], [3, 2, 1]);
    assert.deepEqual([header.nx, header.ny, header.nz], [m.gridXyz[2], m.gridXyz[1], m.gridXyz[0]]);
    assert.deepEqual(volume.shapeZyx, [m.gridXyz[2], m.gridXyz[1], m.gridXyz[0]]);
    for (let i = 0; i < 3; i++) {
      assert.ok(close(volume.voxelSizeXyzA[i], m.voxelA, 1e-6), `voxel ${volume.voxelSizeXyzA[i]}`);
      assert.ok(close(header.cella[i], m.cellA[i], 1e-6));
    }
    assert.deepEqual(volume.originXyzA, [0, 0, 0]);
    assert.equal(header.label[0], m.label);

    const s = mapStats(volume.data);
    assert.equal(s.min, header.dmin);
    assert.equal(s.max, header.dmax);
    assert.ok(close(s.mean, header.dmean, 1e-5), `mean ${s.mean} vs header ${header.dmean}`);
    assert.ok(close(s.rms, header.rms, 1e-4), `rms ${s.rms} vs header ${header.rms}`);
    const [min, max, mean, rms] = m.stats;
    assert.ok(
      close(s.min, min, 1e-4) &&
        close(s.max, max, 1e-4) &&
        close(s.mean, mean, 1e-4) &&
        close(s.rms, rms, 1e-4),
    );
    let zeros = 0;
    for (const v of volume.data) if (v === 0) zeros++;
    assert.ok(
      Math.abs(zeros / volume.data.length - m.zeroFraction) < 0.005,
      `zero fraction ${zeros / volume.data.length}`,
    );
  });

  test(`${m.file}: voxels sit where mrcfile's data[x, y, z] puts them (axis order applied)`, async () => {
    const { volume } = await readMap(m.file);
    const [, ny, nx] = volume.shapeZyx;
    for (const [x, y, z, value] of m.mrcfileVoxels) {
      assert.equal(volume.data[(z * ny + y) * nx + x], value, `(${x}, ${y}, ${z})`);
      // The same voxel through the Volume frame, at its Å position.
      assert.equal(valueNearestAngstrom(volume, x * m.voxelA, y * m.voxelA, z * m.voxelA), value);
    }
  });

  test(`${m.file}: strictly valid by validateMrc, as mrcfile found it`, () => {
    assert.deepEqual(validateMrc(readFileSync(m.file)), { valid: true, readable: true, issues: [] });
  });
}
