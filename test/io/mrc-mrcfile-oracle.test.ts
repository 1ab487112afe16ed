/**
 * mrcfile (1.4.3, Debian) as an independent oracle. `tools/check-mrc-with-mrcfile.py` validated every file in
 * test/fixtures/mrc with `mrcfile.validate` and dumped what mrcfile reads to `<file>.mrcfile.json`; here our
 * reader must agree with it, and our writer must still produce the committed `ours-*` bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readMap } from '../../src/io/mrc-read.js';
import { encodeMrc } from '../../src/io/mrc-write.js';
import { mapStats } from '../../src/io/map-stats.js';
import { FIXTURE_DATE, FIXTURE_DIR, OUR_FIXTURES } from './mrc-fixture-specs.js';

interface MrcfileDump {
  file: string;
  mrcfile_validate: boolean;
  byte_order: '<' | '>';
  header: Record<string, number | string | number[] | string[]>;
  voxel_size: [number, number, number];
  data_shape_src: [number, number, number];
  stats: { min: number; max: number; mean: number; std: number };
  samples_src_value: [number, number, number, number][];
}

const dumps: MrcfileDump[] = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.mrcfile.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as MrcfileDump);

test('every MRC fixture has an mrcfile dump, and mrcfile found each valid', () => {
  const maps = readdirSync(FIXTURE_DIR).filter((n) => /\.mrc(\.gz)?$/.test(n));
  assert.deepEqual(dumps.map((d) => d.file).sort(), maps.sort());
  assert.ok(dumps.length >= 7);
  for (const d of dumps) assert.equal(d.mrcfile_validate, true, d.file);
});

const relClose = (a: number, b: number, tol: number) =>
  Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

for (const dump of dumps) {
  test(`${dump.file}: our reader agrees with mrcfile (header, voxel size, frame, values, statistics)`, async () => {
    const { volume, header } = await readMap(join(FIXTURE_DIR, dump.file));
    const raw = header as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(dump.header)) {
      // mrcfile keeps trailing NULs in 4-byte text fields; our parser strips them.
      const want = typeof value === 'string' ? value.replace(/\0+$/, '') : value;
      assert.deepEqual(raw[name], want, `header field ${name}`);
    }
    assert.equal(header.littleEndian, dump.byte_order === '<');

    const mapCrs = [header.mapc, header.mapr, header.maps];
    const [ns, nr, nc] = dump.data_shape_src;
    const gridXyz = [0, 0, 0];
    [nc, nr, ns].forEach((n, i) => (gridXyz[mapCrs[i] - 1] = n));
    assert.deepEqual(volume.shapeZyx, [gridXyz[2], gridXyz[1], gridXyz[0]]);

    // mrcfile's voxel_size is CELLA / M computed in float32; ours in float64.
    for (let i = 0; i < 3; i++)
      assert.ok(relClose(volume.voxelSizeXyzA[i], dump.voxel_size[i], 1e-6), `voxel ${i}`);

    const h = dump.header;
    const origin = h.origin as number[];
    if (origin.some((o) => o !== 0)) assert.deepEqual(volume.originXyzA, origin);
    else {
      const startCrs = [h.nxstart, h.nystart, h.nzstart] as number[];
      for (let i = 0; i < 3; i++) {
        const axis = mapCrs[i] - 1;
        assert.equal(
          volume.originXyzA[axis],
          startCrs[i] * volume.voxelSizeXyzA[axis],
          `origin axis ${axis}`,
        );
      }
    }

    const [, ny, nx] = volume.shapeZyx;
    for (const [s, r, c, value] of dump.samples_src_value) {
      const xyz = [0, 0, 0];
      xyz[mapCrs[0] - 1] = c;
      xyz[mapCrs[1] - 1] = r;
      xyz[mapCrs[2] - 1] = s;
      assert.equal(
        volume.data[(xyz[2] * ny + xyz[1]) * nx + xyz[0]],
        value,
        `voxel [s,r,c] = [${s},${r},${c}]`,
      );
    }

    const stats = mapStats(volume.data);
    assert.equal(stats.min, dump.stats.min);
    assert.equal(stats.max, dump.stats.max);
    assert.ok(relClose(stats.mean, dump.stats.mean, 1e-9), `mean ${stats.mean} vs ${dump.stats.mean}`);
    assert.ok(relClose(stats.rms, dump.stats.std, 1e-9), `rms ${stats.rms} vs ${dump.stats.std}`);
  });
}

/** Bytes 224–303: label 1, which holds the version and date. */
const LABEL0 = [224, 304] as const;

for (const fixture of OUR_FIXTURES) {
  test(`${fixture.file}: our writer still produces the committed bytes`, () => {
    const committed = new Uint8Array(readFileSync(join(FIXTURE_DIR, fixture.file)));
    const encoded = encodeMrc(fixture.volume(), fixture.mode, { labels: fixture.labels, date: FIXTURE_DATE });
    const label0 = new TextDecoder('latin1').decode(committed.subarray(...LABEL0)).replace(/\0+$/, '');
    assert.match(label0, /^LocScale-TS \S+ 2024-01-01 00:00:00$/);
    // The version in label 1 may move on; every other byte must not.
    committed.fill(0, ...LABEL0);
    encoded.fill(0, ...LABEL0);
    assert.equal(encoded.length, committed.length);
    assert.deepEqual(encoded, committed);
  });

  test(`${fixture.file}: reads back as the volume written`, async () => {
    const want = fixture.volume();
    const { volume } = await readMap(join(FIXTURE_DIR, fixture.file));
    assert.deepEqual(volume.shapeZyx, want.shapeZyx);
    assert.deepEqual(volume.data, want.data);
    assert.deepEqual(volume.originXyzA, want.originXyzA);
    for (let i = 0; i < 3; i++) assert.ok(relClose(volume.voxelSizeXyzA[i], want.voxelSizeXyzA[i], 1e-7));
  });
}
