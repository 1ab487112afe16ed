/**
 * Writing MRC2014 maps: mode 2 (float32) for maps, mode 0 (int8) for masks.
 *
 * The header is standard: axis order MAPC, MAPR, MAPS = 1, 2, 3, the volume's voxel size (CELLA = voxel size ·
 * grid, MX, MY, MZ = grid) and origin (ORIGIN words, NXSTART… = 0), so outputs overlay the input in ChimeraX and
 * Mol*; 'MAP ' id, little-endian stamp 0x44 0x44 0 0, NVERSION 20140, ISPG 1, cell angles 90°, statistics
 * recomputed in float64, and a first label 'LocScale-TS <version> <date>' followed by the caller's labels.
 *
 * Files are written to a temporary name in the target's folder and renamed into place, so a failed run never
 * leaves a half-written map; a path marked as an input (`protect`) is never overwritten. Names ending in `.gz`
 * are gzip-compressed.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Volume } from '../grid/volume.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics, warning } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { MrcHeader } from './mrc-header.js';
import { MRC_HEADER_BYTES, MRC_LABEL_CHARS, MRC_LABEL_COUNT, serializeMrcHeader } from './mrc-header.js';
import { HOST_LITTLE_ENDIAN } from './mrc-decode.js';
import { mapStats } from './map-stats.js';

/** Modes the writer emits: 2 (float32) for maps, 0 (int8) for masks. */
export type MrcWriteMode = 0 | 2;

export interface MrcEncodeOptions {
  /** Labels after the default one: at most 9, printable ASCII, at most 80 characters each. */
  readonly labels?: readonly string[];
  /** Date shown in the default label (default: now); fixed in tests so the bytes are reproducible. */
  readonly date?: Date;
  /** Receives warnings (non-finite values). */
  readonly diagnostics?: Diagnostics;
}

export interface WriteMapOptions extends MrcEncodeOptions {
  /** Paths of the run's inputs; writing over any of them (same path, link or hard link) is a `UserError`. */
  readonly protect?: readonly string[];
}

/** Bytes of data handed to the file or the gzip stream at a time. */
const WRITE_CHUNK_BYTES = 16 * 1024 * 1024;

/** 'LocScale-TS 0.1.0 2024-05-01 12:00:00' (UTC). */
export function defaultMrcLabel(date: Date): string {
  return `LocScale-TS ${VERSION} ${date.toISOString().slice(0, 19).replace('T', ' ')}`;
}

function checkLabels(labels: readonly string[]): void {
  if (labels.length > MRC_LABEL_COUNT - 1) {
    throw new UserError(
      `an MRC file holds ${MRC_LABEL_COUNT} labels and the first is LocScale-TS's own; ` +
        `${labels.length} more were given, at most ${MRC_LABEL_COUNT - 1} fit`,
    );
  }
  for (const label of labels) {
    if (label.length > MRC_LABEL_CHARS || !/^[\x20-\x7e]*$/.test(label)) {
      throw new UserError(
        `MRC label ${JSON.stringify(label)} must be printable ASCII of at most ${MRC_LABEL_CHARS} characters`,
      );
    }
  }
}

function checkVolume(volume: Volume): void {
  const [nz, ny, nx] = volume.shapeZyx;
  for (const n of [nx, ny, nz]) {
    if (!Number.isInteger(n) || n < 1 || n > 0x7fffffff) {
      throw new UserError(
        `cannot write a map of shape ${nx}×${ny}×${nz} (x×y×z): sizes must be positive integers`,
      );
    }
  }
  if (volume.data.length !== nx * ny * nz) {
    throw new UserError(`cannot write a map: ${volume.data.length} values for a ${nx}×${ny}×${nz} grid`);
  }
  if (!volume.voxelSizeXyzA.every((v) => Number.isFinite(v) && v > 0)) {
    throw new UserError(
      `cannot write a map with voxel size ${volume.voxelSizeXyzA.join(', ')} Å: must be positive`,
    );
  }
  if (!volume.originXyzA.every((v) => Number.isFinite(v))) {
    throw new UserError(`cannot write a map with origin ${volume.originXyzA.join(', ')} Å: must be finite`);
  }
}

/** A mask is written as int8: every value must be an integer in −128 … 127 (soft masks: use `writeMap`). */
function checkMaskValues(volume: Volume): void {
  const data = volume.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(Number.isInteger(v) && v >= -128 && v <= 127)) {
      const nx = volume.shapeZyx[2];
      const ny = volume.shapeZyx[1];
      const x = i % nx;
      const y = ((i - x) / nx) % ny;
      const z = (i - x - y * nx) / (nx * ny);
      throw new UserError(
        `cannot write the mask as int8 (mode 0): voxel (x, y, z) = (${x}, ${y}, ${z}) holds ${v}, not an ` +
          `integer in −128…127; write soft masks with writeMap (float32)`,
      );
    }
  }
}

/**
 * The header the writer emits for `volume` (statistics computed here; a warning when values are not finite).
 * Throws a `UserError` for a volume that cannot be written (bad shape, voxel size, origin; mode 0 values that
 * are not int8) or bad labels.
 */
export function mrcHeaderForVolume(
  volume: Volume,
  mode: MrcWriteMode,
  options: MrcEncodeOptions = {},
  fileName = 'map',
): MrcHeader {
  checkVolume(volume);
  if (mode === 0) checkMaskValues(volume);
  const labels = options.labels ?? [];
  checkLabels(labels);
  const [nz, ny, nx] = volume.shapeZyx;
  const [vx, vy, vz] = volume.voxelSizeXyzA;
  const stats = mapStats(volume.data);
  let dmin = stats.min;
  let dmax = stats.max;
  let dmean = stats.mean;
  let rms = stats.rms;
  if (stats.nonFinite > 0) {
    // MRC2014's "undetermined" statistics: DMAX < DMIN, DMEAN < both, RMS < 0 (mrcfile's reset_header_stats).
    dmin = 0;
    dmax = -1;
    dmean = -2;
    rms = -1;
    (options.diagnostics ?? silentDiagnostics).report(
      warning(
        'mrc.write-non-finite',
        `${fileName}: the map holds ${stats.nonFinite} non-finite values (NaN or ±Infinity); ` +
          `header statistics written as undetermined`,
      ),
    );
  }
  const allLabels = [defaultMrcLabel(options.date ?? new Date()), ...labels];
  while (allLabels.length < MRC_LABEL_COUNT) allLabels.push('');
  return {
    nx,
    ny,
    nz,
    mode,
    nxstart: 0,
    nystart: 0,
    nzstart: 0,
    mx: nx,
    my: ny,
    mz: nz,
    cella: [vx * nx, vy * ny, vz * nz],
    cellb: [90, 90, 90],
    mapc: 1,
    mapr: 2,
    maps: 3,
    dmin,
    dmax,
    dmean,
    ispg: 1,
    nsymbt: 0,
    extra1: new Uint8Array(8),
    exttyp: '',
    nversion: 20140,
    extra2: new Uint8Array(84),
    origin: volume.originXyzA,
    map: 'MAP ',
    machst: [0x44, 0x44, 0, 0],
    rms,
    nlabl: labels.length + 1,
    label: allLabels,
    littleEndian: true,
  };
}

/** The data block in pieces: float32 little-endian (mode 2) or int8 (mode 0), C order as stored. */
function* mrcDataChunks(volume: Volume, mode: MrcWriteMode): Generator<Uint8Array> {
  const data = volume.data;
  const bytesPerVoxel = mode === 2 ? 4 : 1;
  const step = WRITE_CHUNK_BYTES / bytesPerVoxel;
  for (let start = 0; start < data.length; start += step) {
    const values = data.subarray(start, Math.min(data.length, start + step));
    if (mode === 0) {
      const out = new Int8Array(values.length);
      out.set(values); // exact: checkMaskValues passed
      yield new Uint8Array(out.buffer);
    } else if (HOST_LITTLE_ENDIAN) {
      yield new Uint8Array(values.buffer, values.byteOffset, values.byteLength); // no copy
    } else {
      const out = new Uint8Array(values.length * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
      yield out;
    }
  }
}

/** The whole file, in memory: header then data. For small maps and tests; `writeMap` streams instead. */
export function encodeMrc(volume: Volume, mode: MrcWriteMode, options: MrcEncodeOptions = {}): Uint8Array {
  const header = serializeMrcHeader(mrcHeaderForVolume(volume, mode, options));
  const out = new Uint8Array(MRC_HEADER_BYTES + volume.data.length * (mode === 2 ? 4 : 1));
  out.set(header, 0);
  let offset = MRC_HEADER_BYTES;
  for (const chunk of mrcDataChunks(volume, mode)) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Throws a `UserError` when `target` is one of `protect` (by resolved path, or the same file on disk). */
async function refuseProtected(path: string, target: string, protect: readonly string[]): Promise<void> {
  if (protect.length === 0) return;
  const targetStats = await stat(target).catch(() => null);
  for (const input of protect) {
    const inputPath = resolve(input);
    let same = inputPath === target;
    if (!same && targetStats !== null) {
      const inputStats = await stat(inputPath).catch(() => null);
      same = inputStats !== null && inputStats.dev === targetStats.dev && inputStats.ino === targetStats.ino;
    }
    if (same) {
      throw new UserError(
        `refusing to write ${path}: it is an input of this run (${input}); choose another output name`,
      );
    }
  }
}

function writeError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new UserError(`cannot write ${path}: the folder does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`cannot write ${path}: permission denied`);
  if (code === 'EISDIR') return new UserError(`cannot write ${path}: it is a folder`);
  if (code === 'ENOSPC') return new UserError(`cannot write ${path}: no space left on the device`);
  if (code !== undefined) return new UserError(`cannot write ${path} (${code})`);
  return e instanceof Error ? e : new UserError(String(e));
}

/** Writes `chunks` to a temporary file beside `path`, then renames it into place (gzip for `.gz` names). */
async function writeAtomically(
  path: string,
  chunks: Iterable<Uint8Array>,
  protect: readonly string[],
): Promise<void> {
  const target = resolve(path);
  await refuseProtected(path, target, protect);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    if (/\.gz$/i.test(target)) {
      await pipeline(Readable.from(chunks), createGzip(), createWriteStream(temporary, { flags: 'wx' }));
    } else {
      const handle = await open(temporary, 'wx');
      try {
        for (const chunk of chunks) {
          for (let done = 0; done < chunk.length;) {
            const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
            done += bytesWritten;
          }
        }
      } finally {
        await handle.close();
      }
    }
    await rename(temporary, target);
  } catch (e: unknown) {
    await unlink(temporary).catch(() => undefined);
    if (e instanceof UserError) throw e;
    throw writeError(path, e);
  }
}

function* fileChunks(header: MrcHeader, volume: Volume, mode: MrcWriteMode): Generator<Uint8Array> {
  yield serializeMrcHeader(header);
  yield* mrcDataChunks(volume, mode);
}

/** Writes `volume` as an MRC2014 float32 (mode 2) map at `path`. */
export async function writeMap(path: string, volume: Volume, options: WriteMapOptions = {}): Promise<void> {
  const header = mrcHeaderForVolume(volume, 2, options, path);
  await writeAtomically(path, fileChunks(header, volume, 2), options.protect ?? []);
}

/**
 * Writes a mask as an MRC2014 int8 (mode 0) map at `path`. Every value must be an integer in −128 … 127
 * (binary masks hold 0 and 1); soft masks go through `writeMap`.
 */
export async function writeMask(path: string, mask: Volume, options: WriteMapOptions = {}): Promise<void> {
  const header = mrcHeaderForVolume(mask, 0, options, path);
  await writeAtomically(path, fileChunks(header, mask, 0), options.protect ?? []);
}
