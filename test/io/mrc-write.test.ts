import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Volume } from '../../src/grid/volume.js';
import { UserError } from '../../src/core/errors.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { VERSION } from '../../src/core/version.js';
import {
  defaultMrcLabel,
  encodeMrc,
  mrcHeaderForVolume,
  writeMap,
  writeMask,
} from '../../src/io/mrc-write.js';
import { parseMrc, readMap, validateMrc } from '../../src/io/mrc-read.js';
import { mapStats } from '../../src/io/map-stats.js';
import { word } from './mrc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'locscale-mrc-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DATE = new Date('2024-05-06T07:08:09Z');

/** A 7 × 5 × 3 (x × y × z) volume of f(x, y, z), non-cubic voxels, origin not representable in float32. */
function volumeOf(f: (x: number, y: number, z: number) => number): Volume {
  const data = new Float32Array(3 * 5 * 7);
  for (let z = 0; z < 3; z++)
    for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) data[(z * 5 + y) * 7 + x] = f(x, y, z);
  return { data, shapeZyx: [3, 5, 7], voxelSizeXyzA: [0.83, 1.2, 2.05], originXyzA: [0.1, -20.3, 1e3 / 3] };
}
const MAP = volumeOf((x, y, z) => x * 0.37 - y * y * 0.21 + z * 3.5 - 1);
const MASK = volumeOf((x, y, z) => ((x + y + z) % 3 === 0 ? 1 : 0));

test('the header is standard MRC2014: id, stamp, version, ISPG, angles, axis order, sampling, cell, origin', () => {
  const bytes = encodeMrc(MAP, 2, { date: DATE });
  const v = new DataView(bytes.buffer);
  const i4 = (w: number) => v.getInt32(word(w), true);
  const f4 = (w: number) => v.getFloat32(word(w), true);
  assert.deepEqual([i4(1), i4(2), i4(3), i4(4)], [7, 5, 3, 2]); // NX NY NZ MODE
  assert.deepEqual([i4(5), i4(6), i4(7)], [0, 0, 0]); // NXSTART…
  assert.deepEqual([i4(8), i4(9), i4(10)], [7, 5, 3]); // MX MY MZ = shape
  assert.deepEqual([f4(11), f4(12), f4(13)], [Math.fround(0.83 * 7), Math.fround(6), Math.fround(2.05 * 3)]);
  assert.deepEqual([f4(14), f4(15), f4(16)], [90, 90, 90]);
  assert.deepEqual([i4(17), i4(18), i4(19)], [1, 2, 3]);
  assert.deepEqual([i4(23), i4(24), i4(28)], [1, 0, 20140]); // ISPG NSYMBT NVERSION
  assert.deepEqual([f4(50), f4(51), f4(52)], [Math.fround(0.1), Math.fround(-20.3), Math.fround(1e3 / 3)]);
  assert.equal(new TextDecoder('latin1').decode(bytes.subarray(word(53), word(53) + 4)), 'MAP ');
  assert.deepEqual([...bytes.subarray(word(54), word(54) + 4)], [0x44, 0x44, 0, 0]);
  assert.equal(bytes.length, 1024 + 105 * 4);
});

test('statistics are computed in float64 and stored as float32', () => {
  const h = parseMrc(encodeMrc(MAP, 2, { date: DATE })).header;
  const s = mapStats(MAP.data);
  assert.equal(h.dmin, s.min);
  assert.equal(h.dmax, s.max);
  assert.equal(h.dmean, Math.fround(s.mean));
  assert.equal(h.rms, Math.fround(s.rms));
  // A reference two-pass computation, written out here.
  let sum = 0;
  for (const x of MAP.data) sum += x;
  const mean = sum / MAP.data.length;
  let ss = 0;
  for (const x of MAP.data) ss += (x - mean) ** 2;
  assert.equal(s.mean, mean);
  assert.equal(s.rms, Math.sqrt(ss / MAP.data.length));
});

test('labels: the default label first, then the caller’s; NLABL counts them', () => {
  const h = parseMrc(encodeMrc(MAP, 2, { date: DATE, labels: ['second', 'third'] })).header;
  assert.equal(defaultMrcLabel(DATE), `LocScale-TS ${VERSION} 2024-05-06 07:08:09`);
  assert.deepEqual(h.label.slice(0, 4), [defaultMrcLabel(DATE), 'second', 'third', '']);
  assert.equal(h.nlabl, 3);
  const full = parseMrc(encodeMrc(MAP, 2, { labels: Array.from({ length: 9 }, (_, i) => `l${i}`) })).header;
  assert.equal(full.nlabl, 10);
  assert.equal(full.label[9], 'l8');
});

test('too many, too long or non-ASCII labels are a UserError', () => {
  assert.throws(() => encodeMrc(MAP, 2, { labels: Array.from({ length: 10 }, () => 'x') }), {
    name: 'UserError',
    message:
      "an MRC file holds 10 labels and the first is LocScale-TS's own; 10 more were given, at most 9 fit",
  });
  assert.doesNotThrow(() => encodeMrc(MAP, 2, { labels: ['x'.repeat(80)] }));
  assert.throws(
    () => encodeMrc(MAP, 2, { labels: ['x'.repeat(81)] }),
    /must be printable ASCII of at most 80/,
  );
  assert.throws(() => encodeMrc(MAP, 2, { labels: ['Å'] }), UserError);
});

test('writer → reader round trip keeps values, voxel size, origin and statistics', async () => {
  const path = join(dir, 'round-trip.mrc');
  await writeMap(path, MAP, { labels: ['round trip'] });
  const { volume, header } = await readMap(path);
  assert.deepEqual(volume.shapeZyx, MAP.shapeZyx);
  assert.deepEqual(volume.data, MAP.data);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(volume.voxelSizeXyzA[i] / MAP.voxelSizeXyzA[i] - 1) < 1e-7, 'voxel size');
    assert.equal(volume.originXyzA[i], Math.fround(MAP.originXyzA[i]), 'origin');
  }
  assert.deepEqual(validateMrc(readFileSync(path)), { valid: true, readable: true, issues: [] });
  assert.equal(header.rms, Math.fround(mapStats(MAP.data).rms));
});

test('masks are written as int8 (mode 0) and read back exactly', async () => {
  const path = join(dir, 'mask.mrc');
  await writeMask(path, MASK);
  const bytes = readFileSync(path);
  assert.equal(bytes.length, 1024 + 105);
  const { volume, header } = parseMrc(bytes);
  assert.equal(header.mode, 0);
  assert.deepEqual(volume.data, MASK.data);
  assert.equal(validateMrc(bytes).valid, true);
});

test('a mask value that int8 cannot hold exactly is a UserError naming the voxel', async () => {
  const soft = volumeOf((x, y, z) => (x === 2 && y === 1 && z === 2 ? 0.5 : 0));
  await assert.rejects(writeMask(join(dir, 'soft.mrc'), soft), {
    name: 'UserError',
    message:
      'cannot write the mask as int8 (mode 0): voxel (x, y, z) = (2, 1, 2) holds 0.5, not an integer in ' +
      '−128…127; write soft masks with writeMap (float32)',
  });
  assert.throws(
    () =>
      encodeMrc(
        volumeOf(() => 200),
        0,
      ),
    /holds 200, not an integer/,
  );
  assert.throws(
    () =>
      encodeMrc(
        volumeOf(() => NaN),
        0,
      ),
    /holds NaN, not an integer/,
  );
  assert.ok(!readdirSync(dir).includes('soft.mrc'));
});

test('NaN or Infinity: a warning, statistics marked undetermined, values kept', () => {
  const bad = volumeOf((x, y) => (x === 1 && y === 1 ? NaN : x === 2 && y === 2 ? -Infinity : x));
  const sink = new IssueList();
  const bytes = encodeMrc(bad, 2, { diagnostics: sink });
  assert.deepEqual(sink.issues, [
    {
      code: 'mrc.write-non-finite',
      severity: 'warning',
      message:
        'map: the map holds 6 non-finite values (NaN or ±Infinity); header statistics written as undetermined',
    },
  ]);
  const { volume, header } = parseMrc(bytes);
  assert.deepEqual([header.dmin, header.dmax, header.dmean, header.rms], [0, -1, -2, -1]);
  assert.ok(Number.isNaN(volume.data[(0 * 5 + 1) * 7 + 1]));
  assert.equal(volume.data[(0 * 5 + 2) * 7 + 2], -Infinity);
});

test('a volume that cannot be written is a UserError', () => {
  assert.throws(
    () => encodeMrc({ ...MAP, voxelSizeXyzA: [0, 1, 1] }, 2),
    /voxel size 0, 1, 1 Å: must be positive/,
  );
  assert.throws(
    () => encodeMrc({ ...MAP, originXyzA: [NaN, 0, 0] }, 2),
    /origin NaN, 0, 0 Å: must be finite/,
  );
  assert.throws(() => encodeMrc({ ...MAP, data: new Float32Array(3) }, 2), /3 values for a 7×5×3 grid/);
});

test('writing goes through a temporary file: nothing but the output is left, and it replaces an old file', async () => {
  const sub = mkdtempSync(join(dir, 'atomic-'));
  const path = join(sub, 'out.mrc');
  writeFileSync(path, 'old contents');
  await writeMap(path, MAP, { date: DATE });
  assert.deepEqual(readdirSync(sub), ['out.mrc']);
  assert.deepEqual(new Uint8Array(readFileSync(path)), encodeMrc(MAP, 2, { date: DATE }));
});

test('a failed write leaves nothing behind and says why', async () => {
  const path = join(dir, 'no-such-folder', 'out.mrc');
  await assert.rejects(writeMap(path, MAP), {
    name: 'UserError',
    message: `cannot write ${path}: the folder does not exist`,
  });
});

test('an input is never overwritten: same path, relative path, symbolic link', async () => {
  const sub = mkdtempSync(join(dir, 'protect-'));
  const input = join(sub, 'input.mrc');
  writeFileSync(input, 'precious');
  const refused = (p: string) => ({
    name: 'UserError',
    message: `refusing to write ${p}: it is an input of this run (${input}); choose another output name`,
  });
  await assert.rejects(writeMap(input, MAP, { protect: [input] }), refused(input));
  const rel = relative(process.cwd(), input);
  await assert.rejects(writeMap(rel, MAP, { protect: [input] }), refused(rel));
  const link = join(sub, 'link.mrc');
  symlinkSync(input, link);
  await assert.rejects(writeMask(link, MASK, { protect: [input] }), refused(link));
  assert.equal(readFileSync(input, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(sub).sort(), ['input.mrc', 'link.mrc']);
  await writeMap(join(sub, 'output.mrc'), MAP, { protect: [input] }); // other names are fine
});

test('a name ending in .gz is written gzip-compressed and reads back', async () => {
  const path = join(dir, 'compressed.mrc.gz');
  await writeMap(path, MAP);
  const bytes = readFileSync(path);
  assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b]);
  assert.deepEqual((await readMap(path)).volume.data, MAP.data);
});

test('mrcHeaderForVolume: NLABL, byte order and origin words as the writer emits them', () => {
  const h = mrcHeaderForVolume(MAP, 2, { date: DATE });
  assert.equal(h.littleEndian, true);
  assert.equal(h.nlabl, 1);
  assert.deepEqual(h.origin, MAP.originXyzA);
  assert.equal(h.exttyp, '');
});
