import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrcHeader, MRC_HEADER_BYTES } from '../../src/io/mrc-header.js';
import { MrcDecoder, volumeFromMrc } from '../../src/io/mrc-decode.js';
import { mrcDataOffset } from '../../src/io/mrc-frame.js';
import type { MrcSpec, Triple } from './mrc-builder.js';
import { buildMrc, fileOrderValues, gridXyzOf } from './mrc-builder.js';

function decode(spec: MrcSpec) {
  const bytes = buildMrc(spec);
  const header = parseMrcHeader(bytes);
  return volumeFromMrc(header, bytes.subarray(mrcDataOffset(header)));
}

/** Values each mode stores exactly, with the float32 they decode to. */
const MODE_CASES: readonly { mode: number; stored: number[]; decoded: number[] }[] = [
  { mode: 0, stored: [-128, -1, 0, 1, 127, 5], decoded: [-128, -1, 0, 1, 127, 5] },
  { mode: 1, stored: [-32768, -300, 0, 1, 32767, 1234], decoded: [-32768, -300, 0, 1, 32767, 1234] },
  {
    mode: 2,
    stored: [-1.5, 0.1, 3.4e38, -0, 1e-40, 7],
    decoded: [-1.5, Math.fround(0.1), Math.fround(3.4e38), -0, Math.fround(1e-40), 7],
  },
  { mode: 6, stored: [0, 1, 65535, 32768, 300, 2], decoded: [0, 1, 65535, 32768, 300, 2] },
  {
    mode: 12, // half bit patterns: 1, -2, 65504, 2^-24, 0.333251953125, 1.5
    stored: [0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555, 0x3e00],
    decoded: [1, -2, 65504, 2 ** -24, 0.333251953125, 1.5],
  },
];

for (const { mode, stored, decoded } of MODE_CASES) {
  for (const littleEndian of [true, false]) {
    test(`mode ${mode}, ${littleEndian ? 'little' : 'big'}-endian: values decode exactly`, () => {
      const v = decode({ gridCrs: [3, 2, 1], mode, littleEndian, values: stored });
      assert.deepEqual([...v.data], decoded);
      assert.deepEqual(v.shapeZyx, [1, 2, 3]);
    });
  }
}

const PERMUTATIONS: readonly Triple[] = [
  [1, 2, 3],
  [1, 3, 2],
  [2, 1, 3],
  [2, 3, 1],
  [3, 1, 2],
  [3, 2, 1],
];
/** Distinct, exactly representable values: f(x, y, z) = x + 100 y + 10000 z. */
const f = (x: number, y: number, z: number) => x + 100 * y + 10000 * z;

for (const mapCrs of PERMUTATIONS) {
  for (const [mode, littleEndian] of [
    [2, true],
    [1, false],
  ] as const) {
    test(`axis order ${mapCrs.join(',')} (mode ${mode}, ${littleEndian ? 'LE' : 'BE'}): volume is [z][y][x] of the formula, frame on x/y/z`, () => {
      const gridXyz: Triple = [5, 4, 3];
      // Counts in file order: column count is the size of the axis MAPC names, and so on.
      const gridCrs: Triple = [gridXyz[mapCrs[0] - 1], gridXyz[mapCrs[1] - 1], gridXyz[mapCrs[2] - 1]];
      assert.deepEqual(gridXyzOf(gridCrs, mapCrs), gridXyz);
      const startXyz = [-2, 3, 7];
      const v = decode({
        gridCrs,
        mapCrs,
        mode,
        littleEndian,
        startCrs: [startXyz[mapCrs[0] - 1], startXyz[mapCrs[1] - 1], startXyz[mapCrs[2] - 1]],
        samplingXyz: [10, 8, 6],
        cellaXyz: [10, 12, 3], // voxel 1, 1.5, 0.5 Å
        values: fileOrderValues(gridCrs, mapCrs, f),
      });
      assert.deepEqual(v.shapeZyx, [3, 4, 5]);
      assert.deepEqual(v.voxelSizeXyzA, [1, 1.5, 0.5]);
      assert.deepEqual(v.originXyzA, [-2, 4.5, 3.5]);
      for (let z = 0; z < 3; z++) {
        for (let y = 0; y < 4; y++) {
          for (let x = 0; x < 5; x++)
            assert.equal(v.data[(z * 4 + y) * 5 + x], f(x, y, z), `(${x},${y},${z})`);
        }
      }
    });
  }
}

test('the extended header (NSYMBT bytes) is skipped, also when it leaves the data unaligned', () => {
  for (const length of [12, 3, 1]) {
    const ext = new Uint8Array(length).fill(0xab);
    const v = decode({ gridCrs: [2, 2, 1], values: [1.5, -2, 3, 4], extendedHeader: ext, exttyp: 'CCP4' });
    assert.deepEqual([...v.data], [1.5, -2, 3, 4]);
  }
});

test('decoding in chunks of any whole-voxel size gives the one-shot result (file order carried across chunks)', () => {
  const gridCrs: Triple = [7, 5, 3];
  const mapCrs: Triple = [2, 3, 1];
  for (const mode of [2, 12, 0]) {
    const values = fileOrderValues(gridCrs, mapCrs, (x, y, z) =>
      mode === 12 ? 0x3c00 + x + 7 * y : (x + y * 3 + z) % 100,
    );
    const bytes = buildMrc({ gridCrs, mapCrs, mode, littleEndian: false, values });
    const header = parseMrcHeader(bytes);
    const data = bytes.subarray(MRC_HEADER_BYTES);
    const oneShot = volumeFromMrc(header, data).data;
    for (const chunkVoxels of [1, 4, 7, 13, 35, 105]) {
      const decoder = new MrcDecoder(header);
      const bpv = data.length / 105;
      for (let i = 0; i < 105; i += chunkVoxels) {
        decoder.decode(data.subarray(i * bpv, Math.min(105, i + chunkVoxels) * bpv));
      }
      assert.equal(decoder.remaining, 0);
      assert.deepEqual(decoder.out, oneShot, `mode ${mode}, chunk ${chunkVoxels}`);
    }
  }
});

test('bytes after the data block are ignored by volumeFromMrc', () => {
  const v = decode({ gridCrs: [2, 1, 1], values: [1, 2], trailingBytes: 3 });
  assert.deepEqual([...v.data], [1, 2]);
});
