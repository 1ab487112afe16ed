import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseMrc, readMap, validateMapFile, validateMrc } from '../../src/io/mrc-read.js';
import { FormatError } from '../../src/core/errors.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { Triple } from './mrc-builder.js';
import { buildMrc, fileOrderValues } from './mrc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'locscale-mrc-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const f = (x: number, y: number, z: number) => x - 2 * y + 0.25 * z;
const GRID_CRS: Triple = [3, 4, 5]; // with axis order 3,1,2: columns z, rows x, sections y
const MAP_CRS: Triple = [3, 1, 2];
const SMALL = buildMrc({
  gridCrs: GRID_CRS,
  mapCrs: MAP_CRS,
  cellaXyz: [4, 5, 3],
  originXyz: [10, 20, 30],
  values: fileOrderValues(GRID_CRS, MAP_CRS, f),
});

function expectSmall(volume: {
  data: Float32Array;
  shapeZyx: readonly number[];
  voxelSizeXyzA: readonly number[];
  originXyzA: readonly number[];
}) {
  // grid along x, y, z = 4, 5, 3
  assert.deepEqual(volume.shapeZyx, [3, 5, 4]);
  assert.deepEqual(volume.voxelSizeXyzA, [1, 1, 1]);
  assert.deepEqual(volume.originXyzA, [10, 20, 30]);
  for (let z = 0; z < 3; z++) {
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 4; x++) assert.equal(volume.data[(z * 5 + y) * 4 + x], f(x, y, z));
    }
  }
}

/**
 * Runs `fn`, failing if it logs through `console` or `process.emitWarning` (library code never logs). Raw
 * stdout/stderr writes are checked too, but only while `fn` runs synchronously: the test runner itself talks
 * over stdout between awaits.
 */
async function silently<T>(fn: () => Promise<T> | T): Promise<T> {
  const written: string[] = [];
  const capture = (...args: unknown[]): boolean => {
    written.push(args.map(String).join(' '));
    return true;
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m].bind(console));
  const savedWarning = process.emitWarning.bind(process);
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  for (const m of methods) console[m] = capture;
  process.emitWarning = capture;
  process.stdout.write = capture;
  process.stderr.write = capture;
  let pending: Promise<T> | T;
  try {
    pending = fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  try {
    return await pending;
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
    process.emitWarning = savedWarning;
    assert.deepEqual(written, [], 'library code wrote to the console');
  }
}

function formatError(file: string, problem: RegExp | string) {
  return (e: unknown) =>
    e instanceof FormatError &&
    e.file === file &&
    (typeof problem === 'string' ? e.problem === problem : problem.test(e.problem));
}

test('readMap reads a plain file, normalising the axis order', async () => {
  const { volume, header } = await readMap(file('small.mrc', SMALL));
  expectSmall(volume);
  assert.deepEqual([header.mapc, header.mapr, header.maps], [3, 1, 2]);
});

test('readMap recognises gzip by its magic bytes, whatever the name', async () => {
  expectSmall((await readMap(file('small-gz.map', gzipSync(SMALL)))).volume);
  expectSmall((await readMap(file('small.mrc.gz', gzipSync(SMALL)))).volume);
});

test('parseMrc reads from memory, plain or gzip', () => {
  expectSmall(parseMrc(SMALL).volume);
  expectSmall(parseMrc(gzipSync(SMALL)).volume);
});

test('readMap reads a map bigger than one read chunk (16 MiB) with a permuted axis order', async () => {
  const gridCrs: Triple = [130, 128, 260]; // 17.3 MB of float32
  const mapCrs: Triple = [2, 3, 1];
  const g = (x: number, y: number, z: number) => x + 300 * y + 0.5 * z;
  const path = file('big.mrc', buildMrc({ gridCrs, mapCrs, values: fileOrderValues(gridCrs, mapCrs, g) }));
  const { volume } = await readMap(path);
  const [nz, ny, nx] = volume.shapeZyx;
  assert.deepEqual([nx, ny, nz], [260, 130, 128]);
  let bad = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) if (volume.data[(z * ny + y) * nx + x] !== Math.fround(g(x, y, z))) bad++;
    }
  }
  assert.equal(bad, 0);
});

test('a missing file is a FormatError naming it', async () => {
  const path = join(dir, 'no-such.mrc');
  await assert.rejects(readMap(path), formatError(path, 'file not found'));
});

test('a folder is a FormatError', async () => {
  const path = join(dir, 'a-folder.mrc');
  mkdirSync(path);
  await assert.rejects(readMap(path), formatError(path, 'is a folder, not a map file'));
});

test('a truncated file is a FormatError: expected N bytes of data, found M', async () => {
  const path = file('truncated.mrc', SMALL.subarray(0, SMALL.length - 10));
  await assert.rejects(
    readMap(path),
    formatError(
      path,
      'file is truncated: expected 240 bytes of data, found 230 (NX×NY×NZ = 3×4×5 voxels of mode 2 (float32, 4 bytes each))',
    ),
  );
  await assert.rejects(
    readMap(file('truncated.mrc.gz', gzipSync(SMALL.subarray(0, 1100)))),
    /expected 240 bytes of data, found 76/,
  );
});

test('a file shorter than the header is a FormatError', async () => {
  const path = file('short.mrc', SMALL.subarray(0, 500));
  await assert.rejects(
    readMap(path),
    formatError(
      path,
      'file is 500 bytes, shorter than the 1024-byte MRC header; not an MRC map, or truncated',
    ),
  );
});

test('corrupt gzip data is a FormatError', async () => {
  const gz = gzipSync(SMALL);
  const path = file('corrupt.mrc.gz', gz.subarray(0, gz.length - 20));
  await assert.rejects(readMap(path), formatError(path, /^cannot decompress the gzip data: /));
});

test('a text file is a FormatError saying it is not an MRC map (and nothing more)', async () => {
  const path = file('notes.txt', new TextEncoder().encode('hello\n'.repeat(300)));
  await assert.rejects(
    readMap(path),
    formatError(
      path,
      "not an MRC map: word 53 should hold 'MAP ', found 'o\\x0ahe'; not an MRC/CCP4 file, or it is corrupt",
    ),
  );
});

test('tolerated defects are read, with warnings to the sink and nothing on the console', async () => {
  // Big-endian data whose stamp says little-endian, and no map id: both seen in the wild.
  const bytes = buildMrc({
    gridCrs: GRID_CRS,
    mapCrs: MAP_CRS,
    cellaXyz: [4, 5, 3],
    originXyz: [10, 20, 30],
    littleEndian: false,
    machst: [0x44, 0x44, 0, 0],
    map: '\0\0\0\0',
    values: fileOrderValues(GRID_CRS, MAP_CRS, f),
  });
  const path = file('odd.map', bytes);
  const sink = new IssueList();
  const { volume } = await silently(() => readMap(path, sink));
  expectSmall(volume);
  assert.deepEqual(
    sink.issues.map((i) => i.code),
    ['mrc.map-id-missing', 'mrc.byte-order-swapped'],
  );
  assert.ok(sink.issues.every((i) => i.message.startsWith(`${path}: `)));
  const again = new IssueList();
  await silently(() => parseMrc(bytes, 'odd.map', again));
  assert.equal(again.issues.length, 2);
});

test('validateMrc reports every problem, including compliance notes and statistics, without throwing', () => {
  const ok = validateMrc(
    buildMrc({ gridCrs: [2, 1, 1], values: [1, 3], dmin: 1, dmax: 3, dmean: 2, rms: 1, labels: ['x'] }),
  );
  assert.deepEqual(ok, { valid: true, readable: true, issues: [] });
  const sloppy = validateMrc(
    buildMrc({ gridCrs: [2, 1, 1], values: [1, 3], dmin: 1, dmax: 4, dmean: 2, rms: 1, nversion: 0 }),
  );
  assert.equal(sloppy.valid, false);
  assert.equal(sloppy.readable, true);
  assert.deepEqual(
    sloppy.issues.map((i) => [i.code, i.severity]),
    [
      ['mrc.nversion', 'info'],
      ['mrc.stats-max', 'info'],
    ],
  );
  const broken = validateMrc(buildMrc({ gridCrs: [2, 1, 1], mode: 5, mapCrs: [1, 2, 2], missingBytes: 8 }));
  assert.equal(broken.readable, false);
  assert.deepEqual(
    broken.issues.map((i) => i.code),
    ['mrc.mode', 'mrc.axis-mapping'],
  );
  const gz = gzipSync(SMALL);
  assert.deepEqual(
    validateMrc(gz.subarray(0, 40)).issues.map((i) => i.code),
    ['mrc.gzip'],
  );
  assert.deepEqual(validateMrc(new Uint8Array(10)).issues, [
    {
      code: 'mrc.header-truncated',
      severity: 'error',
      message: 'file is 10 bytes, shorter than the 1024-byte MRC header; not an MRC map, or truncated',
    },
  ]);
});

test('validateMapFile validates a file (plain or gzip) and names missing files', async () => {
  const result = await validateMapFile(file('v.mrc.gz', gzipSync(SMALL)));
  assert.equal(result.readable, true);
  const path = join(dir, 'missing.mrc');
  await assert.rejects(validateMapFile(path), formatError(path, 'file not found'));
});
