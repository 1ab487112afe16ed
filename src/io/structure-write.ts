/**
 * Writing an atomic model to a file, the format chosen by the extension: .pdb/.ent → PDB, .cif/.mmcif →
 * mmCIF, either with .gz → gzip-compressed. Written to a temporary file and renamed (`writeFileAtomic`).
 */
import { gzipSync } from 'node:zlib';
import type { Diagnostics } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { writeFileAtomic } from './atomic-write.js';
import { encodeMmcif, formatMmcif } from './mmcif-write.js';
import { encodePdb, formatPdb } from './pdb-write.js';
import type { Structure } from './structure.js';
import type { StructureFormat } from './structure-read.js';
import { formatFromName } from './structure-read.js';

export interface WriteStructureOptions {
  /** Force a format instead of taking it from the extension. */
  readonly format?: StructureFormat;
  /** Where warnings go (fields that PDB cannot hold, …). Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

/** The file contents for `structure` in `format` (text). */
export function formatStructure(
  structure: Structure,
  format: StructureFormat,
  options: { readonly diagnostics?: Diagnostics } = {},
): string {
  return format === 'pdb' ? formatPdb(structure, options) : formatMmcif(structure, options);
}

/** Writes `structure` to `path` (format from the extension, gzip when it ends in .gz), atomically. */
export async function writeStructure(
  path: string,
  structure: Structure,
  options: WriteStructureOptions = {},
): Promise<void> {
  const format = options.format ?? formatFromName(path);
  if (format === null) {
    throw new UserError(
      `cannot tell the format to write from the name '${path}': use .pdb or .cif (optionally with .gz)`,
    );
  }
  const bytes = (
    format === 'pdb' ? encodePdb(structure, options) : encodeMmcif(structure, options)
  ).toBytes();
  await writeFileAtomic(path, /\.gz$/i.test(path) ? gzipSync(bytes) : bytes);
}
