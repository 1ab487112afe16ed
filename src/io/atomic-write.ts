/**
 * Atomic file output: write to a temporary file beside the target, flush it to disk, then rename it over the
 * target. A reader never sees a half-written file, and a failed or interrupted write leaves the old file (or
 * nothing) in place (architecture.md, "Errors": outputs are written to a temporary name and renamed).
 *
 * The temporary file lives in the target's directory (a rename is atomic only within one file system) and is
 * named `.<name>.<pid>-<random>.tmp`; it is removed when anything fails.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';

function temporaryPathFor(path: string): string {
  const tag = `${process.pid}-${randomBytes(6).toString('hex')}`;
  return join(dirname(path), `.${basename(path)}.${tag}.tmp`);
}

/** A `UserError` for a failed write: says which file and why, in words rather than an errno dump. */
export function writeError(path: string, e: unknown): UserError {
  const code = (e as { code?: unknown } | null)?.code;
  let why: string;
  switch (code) {
    case 'ENOENT':
      why = 'the directory does not exist';
      break;
    case 'EACCES':
    case 'EPERM':
      why = 'permission denied';
      break;
    case 'EISDIR':
      why = 'it is a directory';
      break;
    case 'ENOSPC':
      why = 'no space left on the device';
      break;
    case 'EROFS':
      why = 'the file system is read-only';
      break;
    case 'ENOTDIR':
      why = 'a part of the path is not a directory';
      break;
    default:
      why = e instanceof Error ? e.message : String(e);
  }
  return new UserError(`cannot write ${path}: ${why}`);
}

/**
 * Writes `data` (bytes, or a string written as UTF-8) to `path` atomically. Throws a `UserError` naming the
 * file when the write or the rename fails; the temporary file is removed in that case.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = temporaryPathFor(path);
  let created = false;
  try {
    const handle = await open(tmp, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e: unknown) {
    if (created) await unlink(tmp).catch(() => undefined);
    throw writeError(path, e);
  }
}

/** Synchronous twin of `writeFileAtomic`, same guarantees. */
export function writeFileAtomicSync(path: string, data: Uint8Array | string): void {
  const tmp = temporaryPathFor(path);
  let created = false;
  try {
    const fd = openSync(tmp, 'wx');
    created = true;
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e: unknown) {
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // already gone
      }
    }
    throw writeError(path, e);
  }
}
