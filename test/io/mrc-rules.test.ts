import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import type { MrcDataStats } from '../../src/io/mrc-rules.js';
import { MRC_RULES, checkMrcHeader, enforceMrcIssues } from '../../src/io/mrc-rules.js';
import { parseMrcHeader } from '../../src/io/mrc-header.js';
import { FormatError } from '../../src/core/errors.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { MrcSpec } from './mrc-builder.js';
import { buildMrc } from './mrc-builder.js';

/** A strictly valid 4×3×2 float32 map holding 0 … 23 in file order, with correct statistics. */
const VALUES = Array.from({ length: 24 }, (_, i) => i);
const STATS: MrcDataStats = { min: 0, max: 23, mean: 11.5, rms: Math.sqrt((24 * 24 - 1) / 12) };
const BASE: MrcSpec = {
  gridCrs: [4, 3, 2],
  mode: 2,
  cellaXyz: [4.4, 3.3, 2.2],
  dmin: 0,
  dmax: 23,
  dmean: 11.5,
  rms: STATS.rms,
  labels: ['test map'],
  values: VALUES,
};

/** Issues for BASE changed by `spec`; `stats` null means none given (as the reader does). */
function issuesOf(spec: Partial<MrcSpec>, stats: MrcDataStats | null = STATS) {
  const bytes = buildMrc({ ...BASE, ...spec });
  return checkMrcHeader(parseMrcHeader(bytes), bytes.length, stats ?? undefined);
}

const tested = new Set<string>();

/** Asserts that `spec` makes rule `code` fire, exactly once, with `message` and the rule's severity. */
function expectRule(code: string, spec: Partial<MrcSpec>, message: string, stats?: MrcDataStats): void {
  tested.add(code);
  const rule = MRC_RULES.find((r) => r.code === code);
  assert.ok(rule, `no rule ${code}`);
  const found = issuesOf(spec, stats ?? STATS).filter((i) => i.code === code);
  assert.equal(found.length, 1, `${code} should fire once`);
  assert.equal(found[0].message, message);
  assert.equal(found[0].severity, rule.severity);
}

const READ_MODES = '0 (int8), 1 (int16), 2 (float32), 6 (uint16), 12 (float16)';

test('a strictly valid header passes every rule', () => {
  assert.deepEqual(issuesOf({}), []);
});

test('mrc.map-id: anything but MAP… or blank at word 53 is an error', () => {
  expectRule(
    'mrc.map-id',
    { map: 'XYZW' },
    "not an MRC map: word 53 should hold 'MAP ', found 'XYZW'; not an MRC/CCP4 file, or it is corrupt",
  );
  expectRule(
    'mrc.map-id',
    { map: 'MA\x01' },
    "not an MRC map: word 53 should hold 'MAP ', found 'MA\\x01'; not an MRC/CCP4 file, or it is corrupt",
  );
});

test('mrc.map-id-missing: a blank id (old CCP4 files) is a warning', () => {
  expectRule(
    'mrc.map-id-missing',
    { map: '\0\0\0\0' },
    "no map id at word 53 (expected 'MAP ', found blank); an old-style CCP4/MRC file? Read as MRC2014",
  );
  assert.ok(!issuesOf({ map: '    ' }).some((i) => i.code === 'mrc.map-id'));
});

test("mrc.map-id-variant: 'MAP' + another 4th byte is only a compliance note", () => {
  expectRule('mrc.map-id-variant', { map: 'MAP\0' }, "map id at word 53 is 'MAP' instead of 'MAP '");
  expectRule('mrc.map-id-variant', { map: 'MAPX' }, "map id at word 53 is 'MAPX' instead of 'MAP '");
});

test('mrc.machine-stamp: an unrecognised stamp is a warning naming the order used', () => {
  expectRule(
    'mrc.machine-stamp',
    { machst: [0, 0, 0, 0] },
    'unrecognised machine stamp 0x00 0x00 0x00 0x00 at word 54 (expected 0x44 0x44 0x00 0x00 or 0x44 0x41 0x00 0x00 ' +
      'for little-endian, 0x11 0x11 0x00 0x00 for big-endian); read as little-endian',
  );
});

test('mrc.byte-order-swapped: a stamp naming the wrong order is a warning', () => {
  expectRule(
    'mrc.byte-order-swapped',
    { littleEndian: false, machst: [0x44, 0x44, 0, 0] },
    'machine stamp 0x44 0x44 0x00 0x00 (word 54) says little-endian, but the header only makes sense ' +
      'big-endian (mode 2, grid 4×3×2); read as big-endian',
  );
});

test('mrc.mode: unknown modes and non-density modes are errors listing the modes read', () => {
  expectRule('mrc.mode', { mode: 77 }, `unknown mode 77 (word 4); LocScale-TS reads modes ${READ_MODES}`);
  expectRule(
    'mrc.mode',
    { mode: 4 },
    `mode 4 (complex float32, a Fourier transform) is not a density map; LocScale-TS reads modes ${READ_MODES}`,
  );
});

test('mrc.grid-size: zero or negative NX, NY, NZ is an error', () => {
  expectRule(
    'mrc.grid-size',
    { gridCrs: [0, 3, 2] },
    'grid size NX, NY, NZ = 0, 3, 2 (words 1–3) must be positive',
  );
  expectRule(
    'mrc.grid-size',
    { gridCrs: [4, -3, 2] },
    'grid size NX, NY, NZ = 4, -3, 2 (words 1–3) must be positive',
  );
});

test('mrc.axis-mapping: MAPC, MAPR, MAPS must be a permutation of 1, 2, 3', () => {
  expectRule(
    'mrc.axis-mapping',
    { mapCrs: [-200, 3, 4] },
    'invalid axis mapping: MAPC, MAPR, MAPS = -200, 3, 4 (words 17–19), should be a permutation of 1, 2, 3',
  );
  expectRule(
    'mrc.axis-mapping',
    { mapCrs: [1, 1, 3] },
    'invalid axis mapping: MAPC, MAPR, MAPS = 1, 1, 3 (words 17–19), should be a permutation of 1, 2, 3',
  );
});

test('mrc.cell: non-positive or non-finite CELLA is an error (voxel size unknown)', () => {
  expectRule(
    'mrc.cell',
    { cellaXyz: [0, 3.3, 2.2] },
    'cell dimensions CELLA = 0, 3.3, 2.2 Å (words 11–13) must be positive and finite; the voxel size is unknown',
  );
  expectRule(
    'mrc.cell',
    { cellaXyz: [4.4, NaN, 2.2] },
    'cell dimensions CELLA = 4.4, NaN, 2.2 Å (words 11–13) must be positive and finite; the voxel size is unknown',
  );
});

test('mrc.sampling: non-positive MX, MY, MZ is a warning (grid size used instead)', () => {
  expectRule(
    'mrc.sampling',
    { samplingXyz: [0, 3, 2] },
    'sampling MX, MY, MZ = 0, 3, 2 (words 8–10) is not positive; using the grid size along x, y, z (4, 3, 2) ' +
      'for each such axis instead (voxel size = CELLA / grid size)',
  );
});

test('mrc.origin: a non-finite ORIGIN is an error', () => {
  expectRule('mrc.origin', { originXyz: [NaN, 0, 0] }, 'ORIGIN = NaN, 0, 0 Å (words 50–52) is not finite');
});

test('mrc.origin-and-nstart: both set is a warning (ORIGIN wins)', () => {
  expectRule(
    'mrc.origin-and-nstart',
    { originXyz: [1.5, 0, 0], startCrs: [1, 2, 3] },
    'both ORIGIN = 1.5, 0, 0 Å (words 50–52) and NXSTART, NYSTART, NZSTART = 1, 2, 3 (words 5–7) are set; ' +
      'using ORIGIN (other programs may use the start indices, so the map may sit elsewhere there)',
  );
});

test('mrc.cell-angles: angles other than 90° are a warning; unset angles (0, 0, 0) pass', () => {
  expectRule(
    'mrc.cell-angles',
    { cellb: [90, 90, 120] },
    'cell angles CELLB = 90, 90, 120° (words 14–16) are not 90°; LocScale-TS treats the grid as orthogonal',
  );
  assert.deepEqual(issuesOf({ cellb: [0, 0, 0] }), []);
});

test('mrc.extended-header: a negative or too long NSYMBT is an error', () => {
  expectRule(
    'mrc.extended-header',
    { nsymbt: -4 },
    'extended header length NSYMBT = -4 (word 24) is negative',
  );
  expectRule(
    'mrc.extended-header',
    { nsymbt: 1_000_000_000 },
    'extended header length NSYMBT = 1000000000 (word 24) runs past the end of the file: ' +
      'expected at least 1000001024 bytes, found 1120',
  );
});

test('mrc.data-truncated: fewer data bytes than the header says is an error', () => {
  expectRule(
    'mrc.data-truncated',
    { missingBytes: 4 },
    'file is truncated: expected 96 bytes of data, found 92 ' +
      '(NX×NY×NZ = 4×3×2 voxels of mode 2 (float32, 4 bytes each))',
  );
  expectRule(
    'mrc.data-truncated',
    { mode: 0, values: undefined, missingBytes: 24 },
    'file is truncated: expected 24 bytes of data, found 0 (NX×NY×NZ = 4×3×2 voxels of mode 0 (int8, 1 byte each))',
  );
});

test('mrc.data-size-mismatch: at least twice the data the header describes is an error', () => {
  expectRule(
    'mrc.data-size-mismatch',
    { trailingBytes: 96 },
    'data length does not match the header: expected 96 bytes of data, found 192 ' +
      '(NX×NY×NZ = 4×3×2 voxels of mode 2 (float32, 4 bytes each)); the mode or grid size in the header is probably wrong',
  );
});

test('mrc.data-extra: a few bytes more than the data is a warning', () => {
  expectRule(
    'mrc.data-extra',
    { trailingBytes: 10 },
    'file is 10 bytes larger than expected (96 bytes of data); the extra bytes are ignored',
  );
});

test('mrc.volume-stack: a stack of several volumes, or a malformed one, is an error', () => {
  expectRule(
    'mrc.volume-stack',
    { ispg: 401, samplingXyz: [4, 3, 1] },
    'the file is a stack of 2 volumes (ISPG = 401, NZ / MZ = 2 / 1); LocScale-TS reads single volumes',
  );
  expectRule(
    'mrc.volume-stack',
    { ispg: 401, samplingXyz: [4, 3, 3] },
    'error in dimensions for volume stack (ISPG = 401, word 23): NZ should be divisible by MZ, found NZ = 2, MZ = 3',
  );
  assert.deepEqual(issuesOf({ ispg: 401 }), []); // a stack of one volume
});

test('mrc.labels: NLABL must count the labels, which come first', () => {
  expectRule(
    'mrc.labels',
    { nlabl: 3 },
    'error in header labels: NLABL = 3 (word 56) but 1 labels contain text',
  );
  expectRule(
    'mrc.labels',
    { labels: ['a', '', 'c'], nlabl: 2 },
    'error in header labels: empty labels appear between text-containing labels',
  );
});

test('mrc.nversion: NVERSION must be 20140 or 20141', () => {
  expectRule(
    'mrc.nversion',
    { nversion: 0 },
    'file does not declare MRC format version 20140 or 20141: NVERSION = 0 (word 28)',
  );
  assert.deepEqual(issuesOf({ nversion: 20141 }), []);
});

test('mrc.exttyp: an extended header needs a known EXTTYP', () => {
  expectRule(
    'mrc.exttyp',
    { extendedHeader: new Uint8Array(8) },
    "extended header type is undefined or unrecognised: EXTTYP = '' (word 27), " +
      'expected one of CCP4, MRCO, SERI, AGAR, FEI1, FEI2, HDF5',
  );
  assert.deepEqual(issuesOf({ extendedHeader: new Uint8Array(8), exttyp: 'SERI' }), []);
});

test('mrc.stats-rms: RMS within 1 % of the data, or undetermined', () => {
  expectRule(
    'mrc.stats-rms',
    { rms: 1 },
    'data statistics appear to be inaccurate: RMS deviation is 6.922186552431729 but the value in the header (word 55) is 1',
  );
  assert.deepEqual(issuesOf({ rms: STATS.rms * 1.009 }), []);
  assert.deepEqual(issuesOf({ rms: -1 }), []);
});

test('mrc.stats-min: DMIN is the data minimum, unless DMIN ≥ DMAX (undetermined)', () => {
  expectRule(
    'mrc.stats-min',
    { dmin: -0.5 },
    'data statistics appear to be inaccurate: minimum is 0 but the value in the header (word 20) is -0.5',
  );
});

test('mrc.stats-max: DMAX is the data maximum, unless DMIN ≥ DMAX (undetermined)', () => {
  expectRule(
    'mrc.stats-max',
    { dmax: 23.5 },
    'data statistics appear to be inaccurate: maximum is 23 but the value in the header (word 21) is 23.5',
  );
});

test('mrc.stats-mean: DMEAN within 1 % of the data mean, unless below DMIN and DMAX (undetermined)', () => {
  expectRule(
    'mrc.stats-mean',
    { dmean: 12 },
    'data statistics appear to be inaccurate: mean is 11.5 but the value in the header (word 22) is 12',
  );
  assert.deepEqual(issuesOf({ dmin: 0, dmax: -1, dmean: -2, rms: -1 }), []); // all undetermined
});

test('statistics rules are skipped when no statistics are given (the reader)', () => {
  assert.deepEqual(issuesOf({ rms: 1, dmin: -7, dmean: 3 }, null), []);
});

test('every rule in the table has a test above', () => {
  for (const rule of MRC_RULES) assert.ok(tested.has(rule.code), `rule ${rule.code} has no test`);
});

test('byte counts over 2 GiB and 4 GiB do not wrap', () => {
  const big = (gridCrs: [number, number, number], mode: number) => {
    const bytes = buildMrc({ gridCrs: [1, 1, 1], mode });
    const h = { ...parseMrcHeader(bytes), nx: gridCrs[0], ny: gridCrs[1], nz: gridCrs[2] };
    return checkMrcHeader(h, bytes.length).find((i) => i.code === 'mrc.data-truncated')?.message;
  };
  assert.match(
    big([1024, 1024, 1024], 2) ?? '',
    /^file is truncated: expected 4294967296 bytes of data, found 4 /,
  );
  assert.match(
    big([2048, 2048, 2048], 0) ?? '',
    /^file is truncated: expected 8589934592 bytes of data, found 1 /,
  );
  assert.match(
    big([1300, 1300, 1300], 1) ?? '',
    /^file is truncated: expected 4394000000 bytes of data, found 2 /,
  );
});

test('enforceMrcIssues: errors throw one FormatError naming the file; warnings go to the sink; info is dropped', () => {
  const bytes = buildMrc({ ...BASE, mode: 77, gridCrs: [0, 3, 2], nversion: 0 });
  const issues = checkMrcHeader(parseMrcHeader(bytes), bytes.length);
  assert.throws(
    () => enforceMrcIssues(issues, 'bad.mrc', new IssueList()),
    (e: unknown) =>
      e instanceof FormatError &&
      e.message ===
        `bad.mrc: unknown mode 77 (word 4); LocScale-TS reads modes ${READ_MODES}; ` +
          'grid size NX, NY, NZ = 0, 3, 2 (words 1–3) must be positive',
  );
  const warned = buildMrc({ ...BASE, machst: [0, 0, 0, 0], nversion: 0 });
  const sink = new IssueList();
  enforceMrcIssues(checkMrcHeader(parseMrcHeader(warned), warned.length), 'old.map', sink);
  assert.deepEqual(
    sink.issues.map((i) => [i.code, i.severity, i.message.slice(0, 35)]),
    [['mrc.machine-stamp', 'warning', 'old.map: unrecognised machine stamp']],
  );
});

test('docs/mrc-io.md lists every rule with its severity', () => {
  const doc = readFileSync('docs/mrc-io.md', 'utf8');
  for (const rule of MRC_RULES) {
    assert.ok(
      doc.includes(`| \`${rule.code}\` | ${rule.severity} |`),
      `${rule.code} missing from docs/mrc-io.md`,
    );
  }
});
