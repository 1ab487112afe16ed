/**
 * The MRC2014 main header (1024 bytes = 256 four-byte words), declared once as a field table with the spec's
 * names and word numbers (Cheng et al. 2015, J. Struct. Biol. 192:146; ccpem.ac.uk/mrc_format). Parsing and
 * serialising both walk the table; offsets never appear anywhere else.
 *
 * `parseMrcHeader` only decodes: it reports nothing and checks nothing beyond the header's length. Whether the
 * header makes sense is `checkMrcHeader`'s job (`mrc-rules.ts`); what the fields mean in space (axis order,
 * voxel size, origin) is `mrc-frame.ts`'s.
 */
import type { Xyz } from '../core/vec.js';
import { FormatError } from '../core/errors.js';

export const MRC_HEADER_BYTES = 1024;
export const MRC_LABEL_COUNT = 10;
export const MRC_LABEL_CHARS = 80;

/** A triple in the file's column/row/section order (e.g. MAPC,MAPR,MAPS or NXSTART,NYSTART,NZSTART). */
export type Crs = readonly [c: number, r: number, s: number];

/** The raw main header, field for field. Counts and starts are in column/row/section order, not x/y/z. */
export interface MrcHeader {
  /** Words 1–3: number of columns, rows, sections (columns vary fastest in the data block). */
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** Word 4: data type (0 int8, 1 int16, 2 float32, 3/4 complex, 6 uint16, 12 float16, 101 4-bit). */
  readonly mode: number;
  /** Words 5–7: index of the first column, row, section (column/row/section order, like nx/ny/nz). */
  readonly nxstart: number;
  readonly nystart: number;
  readonly nzstart: number;
  /** Words 8–10: sampling (intervals per unit cell) along X, Y, Z. */
  readonly mx: number;
  readonly my: number;
  readonly mz: number;
  /** Words 11–13: cell dimensions in Å along X, Y, Z. */
  readonly cella: Xyz;
  /** Words 14–16: cell angles α, β, γ in degrees. */
  readonly cellb: Xyz;
  /** Words 17–19: which axis (1 = X, 2 = Y, 3 = Z) runs along columns, rows, sections. */
  readonly mapc: number;
  readonly mapr: number;
  readonly maps: number;
  /** Words 20–22: minimum, maximum, mean density. */
  readonly dmin: number;
  readonly dmax: number;
  readonly dmean: number;
  /** Word 23: space group (1 for a single volume, 0 for image stacks, 401–630 for volume stacks). */
  readonly ispg: number;
  /** Word 24: length of the extended header in bytes. */
  readonly nsymbt: number;
  /** Words 25–26: extra space (8 bytes), kept verbatim. */
  readonly extra1: Uint8Array;
  /** Word 27: extended header type ('CCP4', 'MRCO', 'SERI', 'AGAR', 'FEI1', 'FEI2', 'HDF5'; trailing NULs removed). */
  readonly exttyp: string;
  /** Word 28: format version, 20140 or 20141 for MRC2014. */
  readonly nversion: number;
  /** Words 29–49: extra space (84 bytes), kept verbatim. */
  readonly extra2: Uint8Array;
  /** Words 50–52: origin in Å along X, Y, Z (subvolume origin for maps). */
  readonly origin: Xyz;
  /** Word 53: file type id, 'MAP ' (as found, trailing NULs removed). */
  readonly map: string;
  /** Word 54: machine stamp bytes (0x44 0x44 0 0 or 0x44 0x41 0 0 little-endian, 0x11 0x11 0 0 big-endian). */
  readonly machst: readonly [number, number, number, number];
  /** Word 55: RMS deviation of the densities from their mean. */
  readonly rms: number;
  /** Word 56: number of labels in use. */
  readonly nlabl: number;
  /** Words 57–256: ten 80-character labels, trailing NULs and spaces removed. */
  readonly label: readonly string[];
  /** Not a header word: the byte order the numeric fields were decoded in (see `parseMrcHeader`). */
  readonly littleEndian: boolean;
}

type FieldType = 'i4' | 'f4' | 'f4x3' | 'bytes' | 'text' | 'machst' | 'labels';

interface MrcField {
  readonly name: keyof MrcHeader;
  /** First word of the field, numbered from 1 as in the MRC2014 table. */
  readonly word: number;
  readonly type: FieldType;
  /** Length in bytes for 'bytes' and 'text'. */
  readonly bytes?: number;
}

/** The main header, in file order. Each field starts at byte (word − 1) · 4. */
export const MRC_HEADER_FIELDS: readonly MrcField[] = [
  { name: 'nx', word: 1, type: 'i4' },
  { name: 'ny', word: 2, type: 'i4' },
  { name: 'nz', word: 3, type: 'i4' },
  { name: 'mode', word: 4, type: 'i4' },
  { name: 'nxstart', word: 5, type: 'i4' },
  { name: 'nystart', word: 6, type: 'i4' },
  { name: 'nzstart', word: 7, type: 'i4' },
  { name: 'mx', word: 8, type: 'i4' },
  { name: 'my', word: 9, type: 'i4' },
  { name: 'mz', word: 10, type: 'i4' },
  { name: 'cella', word: 11, type: 'f4x3' },
  { name: 'cellb', word: 14, type: 'f4x3' },
  { name: 'mapc', word: 17, type: 'i4' },
  { name: 'mapr', word: 18, type: 'i4' },
  { name: 'maps', word: 19, type: 'i4' },
  { name: 'dmin', word: 20, type: 'f4' },
  { name: 'dmax', word: 21, type: 'f4' },
  { name: 'dmean', word: 22, type: 'f4' },
  { name: 'ispg', word: 23, type: 'i4' },
  { name: 'nsymbt', word: 24, type: 'i4' },
  { name: 'extra1', word: 25, type: 'bytes', bytes: 8 },
  { name: 'exttyp', word: 27, type: 'text', bytes: 4 },
  { name: 'nversion', word: 28, type: 'i4' },
  { name: 'extra2', word: 29, type: 'bytes', bytes: 84 },
  { name: 'origin', word: 50, type: 'f4x3' },
  { name: 'map', word: 53, type: 'text', bytes: 4 },
  { name: 'machst', word: 54, type: 'machst' },
  { name: 'rms', word: 55, type: 'f4' },
  { name: 'nlabl', word: 56, type: 'i4' },
  { name: 'label', word: 57, type: 'labels' },
];

/** Size of a field in bytes. */
export function mrcFieldBytes(field: MrcField): number {
  switch (field.type) {
    case 'i4':
    case 'f4':
    case 'machst':
      return 4;
    case 'f4x3':
      return 12;
    case 'bytes':
    case 'text':
      return field.bytes ?? 0;
    case 'labels':
      return MRC_LABEL_COUNT * MRC_LABEL_CHARS;
  }
}

/** Byte offset of word `word` (numbered from 1). */
export function mrcWordOffset(word: number): number {
  return (word - 1) * 4;
}

const WORD_MODE = 4;
const WORD_NX = 1;
/** Modes defined by MRC2014 (supported or not); used only to choose the byte order. */
const MRC2014_MODES: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 6, 12, 101]);
/** Grid sizes above this are taken as a sign of the wrong byte order (2²⁴ voxels along one axis). */
const PLAUSIBLE_GRID_MAX = 2 ** 24;

/** Byte order named by a machine stamp, or null when the stamp is not one MRC2014 defines. */
export function byteOrderFromMachineStamp(machst: ArrayLike<number>): 'little' | 'big' | null {
  // 0x44 0x41 is written by some older CCP4 builds; mrcfile accepts it too (utils.py).
  if (machst[0] === 0x44 && (machst[1] === 0x44 || machst[1] === 0x41)) return 'little';
  if (machst[0] === 0x11 && machst[1] === 0x11) return 'big';
  return null;
}

/** Machine stamp bytes as `0x44 0x44 0x00 0x00`. */
export function formatMachineStamp(machst: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) parts.push('0x' + (machst[i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/** True when the header read in this byte order has a defined mode and grid sizes in 1 … 2²⁴. */
function headerPlausible(view: DataView, littleEndian: boolean): boolean {
  if (!MRC2014_MODES.has(view.getInt32(mrcWordOffset(WORD_MODE), littleEndian))) return false;
  for (let i = 0; i < 3; i++) {
    const n = view.getInt32(mrcWordOffset(WORD_NX + i), littleEndian);
    if (n < 1 || n > PLAUSIBLE_GRID_MAX) return false;
  }
  return true;
}

/**
 * Decodes the 1024-byte main header at the start of `bytes` (at least 1024 bytes, else a `FormatError` naming
 * `fileName`).
 *
 * Byte order: the one MACHST names (little-endian when the stamp is unrecognised). If the header does not make
 * sense in that order (undefined mode, or a grid size outside 1 … 2²⁴) but does in the other, the other is used.
 * mrcfile does the same for the mode alone, for files "seen in the wild" whose stamp names the wrong order;
 * testing the grid sizes too also settles mode-0 files, whose mode reads 0 either way. `checkMrcHeader`
 * reports either case (`mrc.machine-stamp`, `mrc.byte-order-swapped`).
 */
export function parseMrcHeader(bytes: Uint8Array, fileName = 'MRC data'): MrcHeader {
  if (bytes.length < MRC_HEADER_BYTES) {
    throw new FormatError(
      fileName,
      `file is ${bytes.length} bytes, shorter than the ${MRC_HEADER_BYTES}-byte MRC header; not an MRC map, or truncated`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, MRC_HEADER_BYTES);
  const machstOffset = mrcWordOffset(54);
  const stampOrder = byteOrderFromMachineStamp(bytes.subarray(machstOffset, machstOffset + 4));
  let littleEndian = stampOrder !== 'big';
  if (!headerPlausible(view, littleEndian) && headerPlausible(view, !littleEndian)) {
    littleEndian = !littleEndian;
  }

  const header: Record<string, unknown> = { littleEndian };
  for (const field of MRC_HEADER_FIELDS) {
    const offset = mrcWordOffset(field.word);
    switch (field.type) {
      case 'i4':
        header[field.name] = view.getInt32(offset, littleEndian);
        break;
      case 'f4':
        header[field.name] = view.getFloat32(offset, littleEndian);
        break;
      case 'f4x3':
        header[field.name] = [
          view.getFloat32(offset, littleEndian),
          view.getFloat32(offset + 4, littleEndian),
          view.getFloat32(offset + 8, littleEndian),
        ];
        break;
      case 'bytes':
        header[field.name] = bytes.slice(offset, offset + mrcFieldBytes(field));
        break;
      case 'text':
        header[field.name] = latin1(bytes, offset, mrcFieldBytes(field)).replace(/\0+$/, '');
        break;
      case 'machst':
        header[field.name] = [bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]];
        break;
      case 'labels': {
        const labels: string[] = [];
        for (let i = 0; i < MRC_LABEL_COUNT; i++) {
          const text = latin1(bytes, offset + i * MRC_LABEL_CHARS, MRC_LABEL_CHARS);
          labels.push(text.replace(/[\0 ]+$/, ''));
        }
        header[field.name] = labels;
        break;
      }
    }
  }
  return header as unknown as MrcHeader;
}

/**
 * The 1024 bytes of `header`, in the byte order `header.littleEndian` names. Text is written as Latin-1,
 * NUL-padded ('MAP ' keeps its space); labels longer than 80 characters are cut (callers check them first).
 */
export function serializeMrcHeader(header: MrcHeader): Uint8Array {
  const bytes = new Uint8Array(MRC_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const le = header.littleEndian;
  for (const field of MRC_HEADER_FIELDS) {
    const offset = mrcWordOffset(field.word);
    const value = header[field.name];
    switch (field.type) {
      case 'i4':
        view.setInt32(offset, value as number, le);
        break;
      case 'f4':
        view.setFloat32(offset, value as number, le);
        break;
      case 'f4x3': {
        const v = value as Xyz;
        view.setFloat32(offset, v[0], le);
        view.setFloat32(offset + 4, v[1], le);
        view.setFloat32(offset + 8, v[2], le);
        break;
      }
      case 'bytes':
        bytes.set((value as Uint8Array).subarray(0, mrcFieldBytes(field)), offset);
        break;
      case 'text':
        writeLatin1(bytes, offset, mrcFieldBytes(field), value as string);
        break;
      case 'machst':
        bytes.set(value as readonly number[], offset);
        break;
      case 'labels': {
        const labels = value as readonly string[];
        for (let i = 0; i < MRC_LABEL_COUNT && i < labels.length; i++) {
          writeLatin1(bytes, offset + i * MRC_LABEL_CHARS, MRC_LABEL_CHARS, labels[i]);
        }
        break;
      }
    }
  }
  return bytes;
}

function latin1(bytes: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(bytes[offset + i]);
  return s;
}

function writeLatin1(bytes: Uint8Array, offset: number, length: number, text: string): void {
  const n = Math.min(length, text.length);
  for (let i = 0; i < n; i++) bytes[offset + i] = text.charCodeAt(i) & 0xff;
}
