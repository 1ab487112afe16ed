import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MRC_HEADER_BYTES,
  MRC_HEADER_FIELDS,
  byteOrderFromMachineStamp,
  formatMachineStamp,
  mrcFieldBytes,
  mrcWordOffset,
  parseMrcHeader,
  serializeMrcHeader,
} from '../../src/io/mrc-header.js';
import { FormatError } from '../../src/core/errors.js';
import { buildMrc, word } from './mrc-builder.js';

test('the field table covers the 1024-byte header word by word, without gaps or overlaps', () => {
  let offset = 0;
  for (const field of MRC_HEADER_FIELDS) {
    assert.equal(mrcWordOffset(field.word), offset, `${field.name} starts at word ${field.word}`);
    offset += mrcFieldBytes(field);
  }
  assert.equal(offset, MRC_HEADER_BYTES);
});

test('the field table puts the MRC2014 landmarks at their words', () => {
  const at = (name: string) => MRC_HEADER_FIELDS.find((f) => f.name === name)?.word;
  assert.equal(at('mode'), 4);
  assert.equal(at('mapc'), 17);
  assert.equal(at('nsymbt'), 24);
  assert.equal(at('exttyp'), 27);
  assert.equal(at('nversion'), 28);
  assert.equal(at('origin'), 50);
  assert.equal(at('map'), 53);
  assert.equal(at('machst'), 54);
  assert.equal(at('rms'), 55);
  assert.equal(at('label'), 57);
});

const SPEC = {
  gridCrs: [5, 4, 3],
  mode: 2,
  startCrs: [-1, 2, -3],
  samplingXyz: [10, 8, 6],
  cellaXyz: [11, 9.5, 7.25],
  cellb: [90, 90, 90],
  mapCrs: [1, 2, 3],
  dmin: -1.5,
  dmax: 2.5,
  dmean: 0.25,
  rms: 0.75,
  ispg: 1,
  exttyp: 'CCP4',
  nversion: 20140,
  originXyz: [1.5, -2.5, 3.5],
  labels: ['first label', 'second'],
  extendedHeader: new Uint8Array(8),
} as const;

function expectSpecFields(h: ReturnType<typeof parseMrcHeader>): void {
  assert.deepEqual([h.nx, h.ny, h.nz, h.mode], [5, 4, 3, 2]);
  assert.deepEqual([h.nxstart, h.nystart, h.nzstart], [-1, 2, -3]);
  assert.deepEqual([h.mx, h.my, h.mz], [10, 8, 6]);
  assert.deepEqual(h.cella, [11, 9.5, 7.25]);
  assert.deepEqual(h.cellb, [90, 90, 90]);
  assert.deepEqual([h.mapc, h.mapr, h.maps], [1, 2, 3]);
  assert.deepEqual([h.dmin, h.dmax, h.dmean, h.rms], [-1.5, 2.5, 0.25, 0.75]);
  assert.deepEqual([h.ispg, h.nsymbt, h.exttyp, h.nversion], [1, 8, 'CCP4', 20140]);
  assert.deepEqual(h.origin, [1.5, -2.5, 3.5]);
  assert.equal(h.map, 'MAP ');
  assert.equal(h.nlabl, 2);
  assert.deepEqual(h.label, ['first label', 'second', '', '', '', '', '', '', '', '']);
}

test('parseMrcHeader reads every field of a little-endian header', () => {
  const h = parseMrcHeader(buildMrc(SPEC));
  expectSpecFields(h);
  assert.deepEqual(h.machst, [0x44, 0x44, 0, 0]);
  assert.equal(h.littleEndian, true);
});

test('parseMrcHeader reads every field of a big-endian header', () => {
  const h = parseMrcHeader(buildMrc({ ...SPEC, littleEndian: false }));
  expectSpecFields(h);
  assert.deepEqual(h.machst, [0x11, 0x11, 0, 0]);
  assert.equal(h.littleEndian, false);
});

test('parseMrcHeader works on a view that does not start at byte 0 of its buffer', () => {
  const file = buildMrc(SPEC);
  const padded = new Uint8Array(file.length + 3);
  padded.set(file, 3);
  expectSpecFields(parseMrcHeader(padded.subarray(3)));
});

test('the 0x44 0x41 machine stamp also means little-endian (older CCP4 builds)', () => {
  assert.equal(byteOrderFromMachineStamp([0x44, 0x41, 0, 0]), 'little');
  assert.equal(byteOrderFromMachineStamp([0x44, 0x44, 0, 0]), 'little');
  assert.equal(byteOrderFromMachineStamp([0x11, 0x11, 0, 0]), 'big');
  assert.equal(byteOrderFromMachineStamp([0, 0, 0, 0]), null);
  assert.equal(formatMachineStamp([0x44, 0x41, 0, 0]), '0x44 0x41 0x00 0x00');
  const h = parseMrcHeader(buildMrc({ ...SPEC, machst: [0x44, 0x41, 0, 0] }));
  assert.equal(h.littleEndian, true);
});

test('a machine stamp naming the wrong byte order is overridden when only the other order makes sense', () => {
  const bigWithLittleStamp = buildMrc({ ...SPEC, littleEndian: false, machst: [0x44, 0x44, 0, 0] });
  const h = parseMrcHeader(bigWithLittleStamp);
  assert.equal(h.littleEndian, false);
  expectSpecFields(h);
  const littleWithBigStamp = buildMrc({ ...SPEC, machst: [0x11, 0x11, 0, 0] });
  assert.equal(parseMrcHeader(littleWithBigStamp).littleEndian, true);
});

test('an unrecognised stamp is read little-endian, or big-endian when only that makes sense', () => {
  assert.equal(parseMrcHeader(buildMrc({ ...SPEC, machst: [0, 0, 0, 0] })).littleEndian, true);
  const big = parseMrcHeader(buildMrc({ ...SPEC, littleEndian: false, machst: [0, 0, 0, 0] }));
  assert.equal(big.littleEndian, false);
  expectSpecFields(big);
});

test('a mode-0 file (mode reads 0 in both orders) gets its byte order from the grid sizes', () => {
  const h = parseMrcHeader(
    buildMrc({ gridCrs: [64, 32, 16], mode: 0, littleEndian: false, machst: [0, 0, 0, 0] }),
  );
  assert.equal(h.littleEndian, false);
  assert.deepEqual([h.nx, h.ny, h.nz], [64, 32, 16]);
});

test('when neither byte order makes sense the stamp order is kept (the rules then report it)', () => {
  const h = parseMrcHeader(buildMrc({ ...SPEC, mode: 77 }));
  assert.equal(h.littleEndian, true);
  assert.equal(h.mode, 77);
});

test('labels lose trailing NULs and spaces; text fields lose trailing NULs only', () => {
  const bytes = buildMrc({ gridCrs: [1, 1, 1], labels: ['padded   '], map: 'MAP\0' });
  const h = parseMrcHeader(bytes);
  assert.equal(h.label[0], 'padded');
  assert.equal(h.map, 'MAP');
  assert.equal(h.exttyp, '');
});

test('serializeMrcHeader → parseMrcHeader is the identity, in both byte orders', () => {
  for (const littleEndian of [true, false]) {
    const file = buildMrc({ ...SPEC, littleEndian });
    const h = parseMrcHeader(file);
    const bytes = serializeMrcHeader(h);
    assert.deepEqual(bytes, file.subarray(0, MRC_HEADER_BYTES));
    assert.deepEqual(parseMrcHeader(bytes), h);
  }
});

test('serializeMrcHeader writes extra1/extra2 verbatim', () => {
  const file = buildMrc(SPEC);
  file[word(25)] = 7;
  file[word(49) + 3] = 9;
  assert.deepEqual(serializeMrcHeader(parseMrcHeader(file)), file.subarray(0, MRC_HEADER_BYTES));
});

test('fewer than 1024 bytes is a FormatError naming the file and both lengths', () => {
  assert.throws(
    () => parseMrcHeader(new Uint8Array(100), 'tiny.mrc'),
    (e: unknown) =>
      e instanceof FormatError &&
      e.message ===
        'tiny.mrc: file is 100 bytes, shorter than the 1024-byte MRC header; not an MRC map, or truncated',
  );
});
