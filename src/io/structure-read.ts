/**
 * Reading an atomic model from a file: PDB or mmCIF, plain or gzip-compressed, told apart by content (the name
 * only breaks ties). Every failure is a `FormatError` naming the file and the problem, never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { FormatError } from '../core/errors.js';
import { parseMmcif } from './mmcif-read.js';
import { parsePdb } from './pdb-read.js';
import type { ReadStructureOptions } from './read-options.js';
import type { Structure } from './structure.js';

export type StructureFormat = 'pdb' | 'mmcif';

/** Gzip files start with 1f 8b (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const PDB_RECORDS = new Set([
  'ATOM', 'HETATM', 'HEADER', 'TITLE', 'COMPND', 'SOURCE', 'KEYWDS', 'EXPDTA', 'AUTHOR', 'REVDAT', 'JRNL',
  'REMARK', 'DBREF', 'SEQRES', 'HELIX', 'SHEET', 'CRYST1', 'ORIGX1', 'SCALE1', 'MODEL', 'ANISOU', 'TER',
  'HET', 'HETNAM', 'FORMUL', 'LINK', 'SSBOND', 'CISPEP', 'SITE', 'SEQADV', 'MTRIX1', 'SPLIT', 'CAVEAT',
  'OBSLTE', 'NUMMDL', 'MDLTYP', 'SPRSDE', 'END', 'ENDMDL', 'CONECT', 'MASTER', 'HETSYN', 'MODRES', 'DBREF1',
]); // prettier-ignore

/** The format of `name` from its extension (after any '.gz'), or null. */
export function formatFromName(name: string): StructureFormat | null {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(pdb|ent|pdb\d?)$/.test(lower)) return 'pdb';
  if (/\.(cif|mmcif|mcif)$/.test(lower)) return 'mmcif';
  return null;
}

/**
 * The format of `text` from its content: mmCIF when the first token (after comments and blanks) is 'data_…';
 * PDB when the first non-blank line starts with a PDB record name, or any line starts with ATOM/HETATM; else
 * null.
 */
export function formatFromContent(text: string): StructureFormat | null {
  let pos = 0;
  const len = text.length;
  for (;;) {
    while (pos < len && /\s/.test(text.charAt(pos))) pos++;
    if (pos < len && text.charAt(pos) === '#') {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return null;
      pos = nl + 1;
      continue;
    }
    break;
  }
  if (pos >= len) return null;
  if (text.slice(pos, pos + 5).toLowerCase() === 'data_') return 'mmcif';
  // PDB: a line that starts with a known record name (column 1)
  const lineStart = text.lastIndexOf('\n', pos) + 1;
  const record = /^[A-Z][A-Z0-9]{1,5}/.exec(text.slice(lineStart, lineStart + 6))?.[0] ?? '';
  if (PDB_RECORDS.has(record) || PDB_RECORDS.has(record.slice(0, 4))) return 'pdb';
  // files opening with an unusual record (USER, a blank-padded title, …) still have ATOM/HETATM lines
  if (/^(ATOM {2}|HETATM)/m.test(text)) return 'pdb';
  return null;
}

/** True when the first kilobyte holds NUL bytes or many control characters: not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control > n / 10;
}

export interface ParseStructureOptions extends ReadStructureOptions {
  /** Force a format instead of detecting it. */
  readonly format?: StructureFormat;
}

/**
 * Parses the bytes of a coordinate file (gzip allowed). `fileName` names the file in messages and breaks ties
 * when the content does not tell the format.
 */
export function parseStructure(
  bytes: Uint8Array,
  fileName: string,
  options: ParseStructureOptions = {},
): Structure {
  let data = bytes;
  if (isGzip(data)) {
    try {
      data = gunzipSync(data);
    } catch (e: unknown) {
      const why = e instanceof Error ? e.message : String(e);
      throw new FormatError(fileName, `the file starts like gzip but cannot be decompressed (${why})`);
    }
  }
  if (data.length === 0) throw new FormatError(fileName, 'the file is empty');
  if (looksBinary(data)) {
    throw new FormatError(
      fileName,
      'this is a binary file, not a PDB or mmCIF text file (a map? maps go to the map options)',
    );
  }
  let text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark from some Windows editors
  const format = options.format ?? formatFromContent(text) ?? formatFromName(fileName);
  if (format === null) {
    throw new FormatError(
      fileName,
      "not a PDB or mmCIF file: it neither starts with 'data_' (mmCIF) nor has PDB records such as ATOM/HETATM",
    );
  }
  return format === 'mmcif' ? parseMmcif(text, fileName, options) : parsePdb(text, fileName, options);
}

/** Reads a PDB or mmCIF file (optionally gzip-compressed). Throws `FormatError` for every file problem. */
export async function readStructure(path: string, options: ParseStructureOptions = {}): Promise<Structure> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e: unknown) {
    throw new FormatError(path, readProblem(e));
  }
  return parseStructure(bytes, path, options);
}

function readProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'this is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read the file (${e instanceof Error ? e.message : String(e)})`;
  }
}
