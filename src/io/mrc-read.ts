/**
 * Reading MRC/CCP4 maps: `readMap(path)` from a file, `parseMrc(bytes)` from memory, and `validateMrc` /
 * `validateMapFile`, which report every problem instead of stopping at the first.
 *
 * All of them take the same three steps (style-anchors.md §5): `parseMrcHeader` → `checkMrcHeader` (one rule
 * table; the reader stops on errors and passes warnings to the Diagnostics sink) → decode into a `Volume`
 * normalised to C order `[z][y][x]`. Gzip-compressed files are recognised by their magic bytes (1f 8b), not
 * their name.
 *
 * `readMap` is async: it reads plain files in 16 MiB pieces straight into the output array (one copy of the
 * map in memory, and the event loop, e.g. a progress timer, keeps running), and decompresses gzip off the main
 * thread. Byte counts are plain JS numbers, so maps over 2 GiB are fine up to what one Float32Array can hold.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { gunzip, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { Volume } from '../grid/volume.js';
import type { Diagnostics, Issue } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import { FormatError, UserError } from '../core/errors.js';
import type { MrcHeader } from './mrc-header.js';
import { MRC_HEADER_BYTES, parseMrcHeader } from './mrc-header.js';
import { checkMrcHeader, enforceMrcIssues } from './mrc-rules.js';
import { MrcDecoder, volumeFromDecoded, volumeFromMrc } from './mrc-decode.js';
import { mrcDataByteLength, mrcDataOffset } from './mrc-frame.js';
import { mapStats } from './map-stats.js';

/** A map as read: the normalised volume and the raw header it came from. */
export interface MrcMap {
  readonly volume: Volume;
  readonly header: MrcHeader;
}

/** The outcome of `validateMrc`: every problem found, and whether the file is strictly MRC2014-valid. */
export interface MrcValidation {
  /** True when no rule fired at all (as mrcfile's `validate`). */
  readonly valid: boolean;
  /** True when no `error` issue fired: `readMap` would read it. */
  readonly readable: boolean;
  readonly issues: readonly Issue[];
}

/** Bytes read from disk per step. */
const READ_CHUNK_BYTES = 16 * 1024 * 1024;
/** FileHandle.read takes at most 2³¹ − 1 bytes per call. */
const MAX_READ_BYTES = 1024 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

/** True for gzip data (RFC 1952 magic bytes 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzipBytes(bytes: Uint8Array, name: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e: unknown) {
    throw new FormatError(name, `cannot decompress the gzip data: ${(e as Error).message}`);
  }
}

/**
 * The map held by `bytes` (a whole MRC file, plain or gzip). Throws a `FormatError` naming `name` when the
 * header rules find errors; warnings go to `diagnostics`.
 */
export function parseMrc(
  bytes: Uint8Array,
  name = 'MRC data',
  diagnostics: Diagnostics = silentDiagnostics,
): MrcMap {
  const plain = isGzip(bytes) ? gunzipBytes(bytes, name) : bytes;
  const header = parseMrcHeader(plain, name);
  enforceMrcIssues(checkMrcHeader(header, plain.length), name, diagnostics);
  const volume = volumeFromMrc(header, plain.subarray(mrcDataOffset(header)));
  return { volume, header };
}

/**
 * Checks `bytes` (a whole MRC file, plain or gzip) against every rule, mrcfile-style: nothing is thrown for a
 * bad file, every problem is listed. When the header is readable the data is decoded and its statistics are
 * compared with the header's. Messages do not name the file.
 */
export function validateMrc(bytes: Uint8Array): MrcValidation {
  const refused = (code: string, message: string): MrcValidation => ({
    valid: false,
    readable: false,
    issues: [{ code, severity: 'error', message }],
  });
  let plain = bytes;
  if (isGzip(bytes)) {
    try {
      plain = gunzipSync(bytes);
    } catch (e: unknown) {
      return refused('mrc.gzip', `cannot decompress the gzip data: ${(e as Error).message}`);
    }
  }
  let header: MrcHeader;
  try {
    header = parseMrcHeader(plain, 'data');
  } catch (e: unknown) {
    if (!(e instanceof FormatError)) throw e;
    return refused('mrc.header-truncated', e.problem);
  }
  let issues = checkMrcHeader(header, plain.length);
  const readable = !issues.some((i) => i.severity === 'error');
  if (readable) {
    const volume = volumeFromMrc(header, plain.subarray(mrcDataOffset(header)));
    issues = checkMrcHeader(header, plain.length, mapStats(volume.data));
  }
  return { valid: issues.length === 0, readable, issues };
}

/** Opens `path` for reading; missing files, folders and unreadable files become `FormatError`s. */
async function openForReading(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e: unknown) {
    throw fileError(path, e);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new FormatError(path, 'is a folder, not a map file');
    return { handle, size: stats.size };
  } catch (e: unknown) {
    await handle.close();
    throw e;
  }
}

function fileError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new FormatError(path, 'file not found');
  if (code === 'EACCES' || code === 'EPERM') return new FormatError(path, 'permission denied');
  if (code === 'EISDIR') return new FormatError(path, 'is a folder, not a map file');
  if (code !== undefined) return new FormatError(path, `cannot read the file (${code})`);
  return e instanceof Error ? e : new UserError(String(e));
}

/** Fills `target` from `position`; a file that ends first is a FormatError ("expected N bytes, found M"). */
async function readFully(
  handle: FileHandle,
  target: Uint8Array,
  position: number,
  path: string,
  what: string,
): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const want = Math.min(target.length - done, MAX_READ_BYTES);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(target, done, want, position + done));
    } catch (e: unknown) {
      throw fileError(path, e);
    }
    if (bytesRead === 0) {
      throw new FormatError(
        path,
        `the file ended early: expected ${target.length} bytes of ${what}, found ${done}`,
      );
    }
    done += bytesRead;
  }
}

/**
 * Reads the map at `path` (MRC/CCP4, plain or gzip). Throws a `FormatError` naming the file for a missing or
 * unreadable file or a header with errors; warnings (tolerated defects) go to `diagnostics`.
 */
export async function readMap(path: string, diagnostics: Diagnostics = silentDiagnostics): Promise<MrcMap> {
  const { handle, size } = await openForReading(path);
  try {
    const head = new Uint8Array(Math.min(size, MRC_HEADER_BYTES));
    await readFully(handle, head, 0, path, 'header');
    if (isGzip(head)) {
      const compressed = new Uint8Array(size);
      await readFully(handle, compressed, 0, path, 'gzip data');
      let plain: Uint8Array;
      try {
        plain = await gunzipAsync(compressed);
      } catch (e: unknown) {
        throw new FormatError(path, `cannot decompress the gzip data: ${(e as Error).message}`);
      }
      return parseMrc(plain, path, diagnostics);
    }
    const header = parseMrcHeader(head, path);
    enforceMrcIssues(checkMrcHeader(header, size), path, diagnostics);
    const decoder = new MrcDecoder(header);
    const length = mrcDataByteLength(header);
    const bytesPerVoxel = length / decoder.out.length;
    const buffer = new Uint8Array(Math.min(length, READ_CHUNK_BYTES - (READ_CHUNK_BYTES % bytesPerVoxel)));
    const start = mrcDataOffset(header);
    for (let done = 0; done < length;) {
      const piece = buffer.subarray(0, Math.min(buffer.length, length - done));
      await readFully(handle, piece, start + done, path, 'data');
      decoder.decode(piece);
      done += piece.length;
    }
    return { volume: volumeFromDecoded(header, decoder.out), header };
  } finally {
    await handle.close();
  }
}

/** `validateMrc` on the file at `path` (read whole; missing or unreadable files throw a `FormatError`). */
export async function validateMapFile(path: string): Promise<MrcValidation> {
  const { handle, size } = await openForReading(path);
  try {
    const bytes = new Uint8Array(size);
    await readFully(handle, bytes, 0, path, 'file');
    return validateMrc(bytes);
  } finally {
    await handle.close();
  }
}
