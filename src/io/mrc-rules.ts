/**
 * The one rule table for MRC headers. The reader and `validateMrc` both run it; only the policy differs
 * (`enforceMrcIssues` vs. reporting everything), so no rule is written twice.
 *
 * Severity is the reader's policy:
 * - `error`: the map cannot be read correctly; the reader stops with a `FormatError`.
 * - `warning`: read anyway (a defect seen in real files, tolerated on purpose); sent to the Diagnostics sink.
 * - `info`: strict MRC2014 compliance only (mrcfile's `validate` rules 7–10); `validateMrc` reports it, the
 *   reader does not.
 *
 * Messages give the header word, expected and found (mrcfile's wording where it has one); the file name is
 * added by the caller.
 */
import type { Issue, Diagnostics, Severity } from '../core/diagnostics.js';
import { FormatError } from '../core/errors.js';
import type { MrcHeader } from './mrc-header.js';
import { MRC_HEADER_BYTES, byteOrderFromMachineStamp, formatMachineStamp } from './mrc-header.js';
import { MRC_READ_MODES, MRC_UNREAD_MODES, describeReadModes } from './mrc-modes.js';
import {
  gridCrs,
  hasOrigin,
  hasStart,
  isAxisPermutation,
  mapCrs,
  mrcDataByteLength,
  mrcGridXyz,
  startCrs,
} from './mrc-frame.js';

/** Statistics of the decoded data, for the `mrc.stats-*` rules (validation only). */
export interface MrcDataStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Root-mean-square deviation from the mean (population standard deviation), as MRC2014's RMS. */
  readonly rms: number;
}

export interface MrcRuleContext {
  readonly header: MrcHeader;
  /** Length of the whole (decompressed) file in bytes. */
  readonly fileByteLength: number;
  /** Statistics of the data, when decoded; the `mrc.stats-*` rules are skipped without them. */
  readonly stats?: MrcDataStats;
}

export interface MrcRule {
  /** Stable Issue code. */
  readonly code: string;
  readonly severity: Severity;
  /** What the rule checks, in one line (for documentation). */
  readonly summary: string;
  /** The problem found, or undefined when the header passes. */
  readonly check: (ctx: MrcRuleContext) => string | undefined;
}

/** Extended header types MRC2014 (and mrcfile) know. */
export const MRC_EXTTYPES: readonly string[] = ['CCP4', 'MRCO', 'SERI', 'AGAR', 'FEI1', 'FEI2', 'HDF5'];

/** A float32 header value, shortest decimal that reads back to it (0.1788801 rather than 0.178880095…). */
function f32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 6; digits < 10; digits++) {
    const s = Number(v.toPrecision(digits));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

function triple(v: readonly number[], format: (x: number) => string = String): string {
  return `${format(v[0])}, ${format(v[1])}, ${format(v[2])}`;
}

/** Text with non-printable bytes as \xNN, for messages. */
function showText(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    s += c >= 0x20 && c < 0x7f ? text[i] : '\\x' + c.toString(16).padStart(2, '0');
  }
  return `'${s}'`;
}

function modeOk(h: MrcHeader): boolean {
  return MRC_READ_MODES.has(h.mode);
}
function gridOk(h: MrcHeader): boolean {
  return h.nx > 0 && h.ny > 0 && h.nz > 0;
}
function axesOk(h: MrcHeader): boolean {
  return isAxisPermutation(mapCrs(h));
}
function extendedHeaderOk(ctx: MrcRuleContext): boolean {
  return ctx.header.nsymbt >= 0 && MRC_HEADER_BYTES + ctx.header.nsymbt <= ctx.fileByteLength;
}
/** Data bytes the header asks for, and bytes the file holds after the headers; null when not computable. */
function dataSizes(ctx: MrcRuleContext): { expected: number; found: number } | null {
  if (!modeOk(ctx.header) || !gridOk(ctx.header) || !extendedHeaderOk(ctx)) return null;
  return {
    expected: mrcDataByteLength(ctx.header),
    found: ctx.fileByteLength - MRC_HEADER_BYTES - ctx.header.nsymbt,
  };
}
function describeGrid(h: MrcHeader): string {
  const mode = MRC_READ_MODES.get(h.mode);
  const each =
    mode === undefined
      ? ''
      : ` (${mode.name}, ${mode.bytesPerVoxel} byte${mode.bytesPerVoxel > 1 ? 's' : ''} each)`;
  return `NX×NY×NZ = ${h.nx}×${h.ny}×${h.nz} voxels of mode ${h.mode}${each}`;
}
/** numpy.isclose(a, b, rtol) with its default atol = 1e-8 (mrcfile's statistics test). */
function isClose(a: number, b: number, rtol: number): boolean {
  return Math.abs(a - b) <= 1e-8 + rtol * Math.abs(b);
}
const blankId = (map: string): boolean => /^[\0 ]*$/.test(map);

export const MRC_RULES: readonly MrcRule[] = [
  {
    code: 'mrc.map-id',
    severity: 'error',
    summary: "word 53 starts with 'MAP' (or is blank, see mrc.map-id-missing)",
    check: ({ header }) =>
      header.map.startsWith('MAP') || blankId(header.map)
        ? undefined
        : `not an MRC map: word 53 should hold 'MAP ', found ${showText(header.map)}; not an MRC/CCP4 file, or it is corrupt`,
  },
  {
    // Seen in the wild: files from pre-2000 CCP4/MRC programs, which had no id word. mrcfile refuses them
    // unless opened permissive; we read them when the rest of the header holds up, and say so.
    code: 'mrc.map-id-missing',
    severity: 'warning',
    summary: 'word 53 is blank (an old-style CCP4/MRC file): read anyway',
    check: ({ header }) =>
      blankId(header.map)
        ? "no map id at word 53 (expected 'MAP ', found blank); an old-style CCP4/MRC file? Read as MRC2014"
        : undefined,
  },
  {
    // The MRC2014 paper prints the id as 'MAP'; some software writes 'MAP' + NUL. mrcfile checks only the
    // first three bytes when reading, but its validate() wants 'MAP '.
    code: 'mrc.map-id-variant',
    severity: 'info',
    summary: "word 53 is exactly 'MAP '",
    check: ({ header }) =>
      header.map.startsWith('MAP') && header.map !== 'MAP '
        ? `map id at word 53 is ${showText(header.map)} instead of 'MAP '`
        : undefined,
  },
  {
    code: 'mrc.machine-stamp',
    severity: 'warning',
    summary: 'MACHST (word 54) is 0x44 0x44, 0x44 0x41 (little-endian) or 0x11 0x11 (big-endian)',
    check: ({ header }) =>
      byteOrderFromMachineStamp(header.machst) === null
        ? `unrecognised machine stamp ${formatMachineStamp(header.machst)} at word 54 (expected 0x44 0x44 0x00 0x00 ` +
          `or 0x44 0x41 0x00 0x00 for little-endian, 0x11 0x11 0x00 0x00 for big-endian); ` +
          `read as ${header.littleEndian ? 'little' : 'big'}-endian`
        : undefined,
  },
  {
    // Seen in the wild (mrcfile, mrcinterpreter.py): files correct but for a stamp naming the wrong order.
    code: 'mrc.byte-order-swapped',
    severity: 'warning',
    summary: 'the header makes sense in the byte order MACHST names',
    check: ({ header }) => {
      const stamp = byteOrderFromMachineStamp(header.machst);
      const used = header.littleEndian ? 'little' : 'big';
      if (stamp === null || stamp === used) return undefined;
      return (
        `machine stamp ${formatMachineStamp(header.machst)} (word 54) says ${stamp}-endian, but the header only ` +
        `makes sense ${used}-endian (mode ${header.mode}, grid ${header.nx}×${header.ny}×${header.nz}); read as ${used}-endian`
      );
    },
  },
  {
    code: 'mrc.mode',
    severity: 'error',
    summary: `MODE (word 4) is one LocScale-TS reads: ${describeReadModes()}`,
    check: ({ header }) => {
      if (modeOk(header)) return undefined;
      const what = MRC_UNREAD_MODES.get(header.mode);
      return what === undefined
        ? `unknown mode ${header.mode} (word 4); LocScale-TS reads modes ${describeReadModes()}`
        : `mode ${header.mode} (${what}) is not a density map; LocScale-TS reads modes ${describeReadModes()}`;
    },
  },
  {
    code: 'mrc.grid-size',
    severity: 'error',
    summary: 'NX, NY, NZ (words 1–3) are positive',
    check: ({ header }) =>
      gridOk(header)
        ? undefined
        : `grid size NX, NY, NZ = ${triple(gridCrs(header))} (words 1–3) must be positive`,
  },
  {
    code: 'mrc.axis-mapping',
    severity: 'error',
    summary: 'MAPC, MAPR, MAPS (words 17–19) are a permutation of 1, 2, 3',
    check: ({ header }) =>
      axesOk(header)
        ? undefined
        : `invalid axis mapping: MAPC, MAPR, MAPS = ${triple(mapCrs(header))} (words 17–19), ` +
          `should be a permutation of 1, 2, 3`,
  },
  {
    code: 'mrc.cell',
    severity: 'error',
    summary: 'CELLA (words 11–13) is positive and finite',
    check: ({ header }) =>
      header.cella.every((a) => Number.isFinite(a) && a > 0)
        ? undefined
        : `cell dimensions CELLA = ${triple(header.cella, f32)} Å (words 11–13) must be positive and finite; ` +
          `the voxel size is unknown`,
  },
  {
    code: 'mrc.sampling',
    severity: 'warning',
    summary: 'MX, MY, MZ (words 8–10) are positive (else the grid size is used for the voxel size)',
    check: ({ header }) => {
      if (header.mx > 0 && header.my > 0 && header.mz > 0) return undefined;
      const grid = gridOk(header) && axesOk(header) ? mrcGridXyz(header) : null;
      return (
        `sampling MX, MY, MZ = ${triple([header.mx, header.my, header.mz])} (words 8–10) is not positive; ` +
        `using the grid size along x, y, z${grid === null ? '' : ` (${triple(grid)})`} for each such axis ` +
        `instead (voxel size = CELLA / grid size)`
      );
    },
  },
  {
    code: 'mrc.origin',
    severity: 'error',
    summary: 'ORIGIN (words 50–52) is finite',
    check: ({ header }) =>
      header.origin.every((a) => Number.isFinite(a))
        ? undefined
        : `ORIGIN = ${triple(header.origin, f32)} Å (words 50–52) is not finite`,
  },
  {
    code: 'mrc.origin-and-nstart',
    severity: 'warning',
    summary: 'not both ORIGIN (words 50–52) and NXSTART, NYSTART, NZSTART (words 5–7) are set',
    check: ({ header }) =>
      hasOrigin(header) && hasStart(header)
        ? `both ORIGIN = ${triple(header.origin, f32)} Å (words 50–52) and NXSTART, NYSTART, NZSTART = ` +
          `${triple(startCrs(header))} (words 5–7) are set; using ORIGIN (other programs may use the ` +
          `start indices, so the map may sit elsewhere there)`
        : undefined,
  },
  {
    code: 'mrc.cell-angles',
    severity: 'warning',
    summary: 'CELLB (words 14–16) is 90, 90, 90 (or unset, 0, 0, 0)',
    check: ({ header }) => {
      const b = header.cellb;
      if (b.every((a) => a === 90) || b.every((a) => a === 0)) return undefined;
      return (
        `cell angles CELLB = ${triple(b, f32)}° (words 14–16) are not 90°; ` +
        `LocScale-TS treats the grid as orthogonal`
      );
    },
  },
  {
    code: 'mrc.extended-header',
    severity: 'error',
    summary: 'NSYMBT (word 24) is ≥ 0 and the extended header fits in the file',
    check: (ctx) => {
      const n = ctx.header.nsymbt;
      if (n < 0) return `extended header length NSYMBT = ${n} (word 24) is negative`;
      if (MRC_HEADER_BYTES + n > ctx.fileByteLength) {
        return (
          `extended header length NSYMBT = ${n} (word 24) runs past the end of the file: ` +
          `expected at least ${MRC_HEADER_BYTES + n} bytes, found ${ctx.fileByteLength}`
        );
      }
      return undefined;
    },
  },
  {
    code: 'mrc.data-truncated',
    severity: 'error',
    summary: 'the file holds all the data the header describes',
    check: (ctx) => {
      const d = dataSizes(ctx);
      if (d === null || d.found >= d.expected) return undefined;
      return `file is truncated: expected ${d.expected} bytes of data, found ${d.found} (${describeGrid(ctx.header)})`;
    },
  },
  {
    // A data block at least twice the expected size is not padding: the header's mode or grid is wrong (for
    // example float32 data labelled mode 1), and reading the start of it would give a garbage map.
    code: 'mrc.data-size-mismatch',
    severity: 'error',
    summary: 'the data block is less than twice the size the header describes',
    check: (ctx) => {
      const d = dataSizes(ctx);
      if (d === null || d.found < 2 * d.expected) return undefined;
      return (
        `data length does not match the header: expected ${d.expected} bytes of data, found ${d.found} ` +
        `(${describeGrid(ctx.header)}); the mode or grid size in the header is probably wrong`
      );
    },
  },
  {
    // mrcfile warns the same way ("MRC file is {0} bytes larger than expected").
    code: 'mrc.data-extra',
    severity: 'warning',
    summary: 'the file ends where the data block ends',
    check: (ctx) => {
      const d = dataSizes(ctx);
      if (d === null || d.found <= d.expected || d.found >= 2 * d.expected) return undefined;
      return `file is ${d.found - d.expected} bytes larger than expected (${d.expected} bytes of data); the extra bytes are ignored`;
    },
  },
  {
    code: 'mrc.volume-stack',
    severity: 'error',
    summary: 'the file is one volume (ISPG, word 23, not a volume stack of several)',
    check: ({ header }) => {
      if (header.ispg < 401 || header.ispg > 630) return undefined;
      if (header.mz <= 0 || header.nz % header.mz !== 0) {
        return (
          `error in dimensions for volume stack (ISPG = ${header.ispg}, word 23): NZ should be divisible by MZ, ` +
          `found NZ = ${header.nz}, MZ = ${header.mz}`
        );
      }
      const count = header.nz / header.mz;
      return count > 1
        ? `the file is a stack of ${count} volumes (ISPG = ${header.ispg}, NZ / MZ = ${header.nz} / ${header.mz}); ` +
            `LocScale-TS reads single volumes`
        : undefined;
    },
  },
  {
    code: 'mrc.labels',
    severity: 'info',
    summary: 'NLABL (word 56) counts the labels in use, and they come first',
    check: ({ header }) => {
      let count = 0;
      let gap = false;
      let seenEmpty = false;
      for (const label of header.label) {
        if (label.trim().length > 0) {
          count++;
          if (seenEmpty) gap = true;
        } else seenEmpty = true;
      }
      if (gap) return 'error in header labels: empty labels appear between text-containing labels';
      if (count !== header.nlabl) {
        return `error in header labels: NLABL = ${header.nlabl} (word 56) but ${count} labels contain text`;
      }
      return undefined;
    },
  },
  {
    code: 'mrc.nversion',
    severity: 'info',
    summary: 'NVERSION (word 28) is 20140 or 20141',
    check: ({ header }) =>
      header.nversion === 20140 || header.nversion === 20141
        ? undefined
        : `file does not declare MRC format version 20140 or 20141: NVERSION = ${header.nversion} (word 28)`,
  },
  {
    code: 'mrc.exttyp',
    severity: 'info',
    summary: `an extended header has a known EXTTYP (word 27): ${MRC_EXTTYPES.join(', ')}`,
    check: ({ header }) =>
      header.nsymbt > 0 && !MRC_EXTTYPES.includes(header.exttyp)
        ? `extended header type is undefined or unrecognised: EXTTYP = ${showText(header.exttyp)} (word 27), ` +
          `expected one of ${MRC_EXTTYPES.join(', ')}`
        : undefined,
  },
  {
    // mrcfile validate rule 10: RMS within 1 % unless marked undetermined (RMS < 0).
    code: 'mrc.stats-rms',
    severity: 'info',
    summary: 'RMS (word 55) is within 1 % of the data, or undetermined (< 0)',
    check: ({ header, stats }) =>
      stats === undefined || header.rms < 0 || isClose(stats.rms, header.rms, 0.01)
        ? undefined
        : `data statistics appear to be inaccurate: RMS deviation is ${stats.rms} but the value in the header (word 55) is ${f32(header.rms)}`,
  },
  {
    code: 'mrc.stats-min',
    severity: 'info',
    summary: 'DMIN (word 20) is the data minimum, or undetermined (DMIN ≥ DMAX)',
    check: ({ header, stats }) =>
      stats === undefined || !(header.dmin < header.dmax) || header.dmin === stats.min
        ? undefined
        : `data statistics appear to be inaccurate: minimum is ${stats.min} but the value in the header (word 20) is ${f32(header.dmin)}`,
  },
  {
    code: 'mrc.stats-max',
    severity: 'info',
    summary: 'DMAX (word 21) is the data maximum, or undetermined (DMIN ≥ DMAX)',
    check: ({ header, stats }) =>
      stats === undefined || !(header.dmin < header.dmax) || header.dmax === stats.max
        ? undefined
        : `data statistics appear to be inaccurate: maximum is ${stats.max} but the value in the header (word 21) is ${f32(header.dmax)}`,
  },
  {
    code: 'mrc.stats-mean',
    severity: 'info',
    summary: 'DMEAN (word 22) is within 1 % of the data mean, or undetermined (DMEAN < DMIN, DMAX)',
    check: ({ header, stats }) =>
      stats === undefined ||
      !(header.dmean > Math.min(header.dmin, header.dmax)) ||
      isClose(stats.mean, header.dmean, 0.01)
        ? undefined
        : `data statistics appear to be inaccurate: mean is ${stats.mean} but the value in the header (word 22) is ${f32(header.dmean)}`,
  },
];

/** Runs every rule; returns the problems found, in table order. */
export function checkMrcHeader(header: MrcHeader, fileByteLength: number, stats?: MrcDataStats): Issue[] {
  const ctx: MrcRuleContext = { header, fileByteLength, stats };
  const issues: Issue[] = [];
  for (const rule of MRC_RULES) {
    const message = rule.check(ctx);
    if (message !== undefined) issues.push({ code: rule.code, severity: rule.severity, message });
  }
  return issues;
}

/**
 * The reader's policy: throws a `FormatError` naming `fileName` with every `error` issue (only `mrc.map-id`
 * when that fired: the rest is noise for a file that is not a map), else reports each
 * `warning` (message prefixed with the file name) to `diagnostics`; `info` issues are dropped.
 */
export function enforceMrcIssues(issues: readonly Issue[], fileName: string, diagnostics: Diagnostics): void {
  const errors = issues.filter((i) => i.severity === 'error');
  // A file that is not an MRC map at all gets that one message, not a list of every field that is then wrong.
  const notMrc = errors.find((e) => e.code === 'mrc.map-id');
  if (notMrc !== undefined) throw new FormatError(fileName, notMrc.message);
  if (errors.length > 0) throw new FormatError(fileName, errors.map((e) => e.message).join('; '));
  for (const issue of issues) {
    if (issue.severity === 'warning') {
      diagnostics.report({ ...issue, message: `${fileName}: ${issue.message}` });
    }
  }
}
