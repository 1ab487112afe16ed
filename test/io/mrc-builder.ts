/**
 * Test helper: builds MRC files in memory with a DataView, word by word from the MRC2014 table, independently of
 * `src/io/mrc-header.ts` (so the parser is never tested against itself).
 */

export type Triple = readonly [number, number, number];

export interface MrcSpec {
  /** Columns, rows, sections (NX, NY, NZ). */
  readonly gridCrs: Triple;
  readonly mode?: number;
  readonly littleEndian?: boolean;
  /** Machine stamp bytes; default 0x44 0x44 0 0 or 0x11 0x11 0 0 for the byte order. */
  readonly machst?: readonly number[];
  readonly startCrs?: Triple;
  /** MX, MY, MZ; default the grid along x, y, z. */
  readonly samplingXyz?: Triple;
  /** CELLA in Å; default sampling × 1 Å. */
  readonly cellaXyz?: Triple;
  readonly cellb?: Triple;
  readonly mapCrs?: Triple;
  readonly dmin?: number;
  readonly dmax?: number;
  readonly dmean?: number;
  readonly rms?: number;
  readonly ispg?: number;
  /** NSYMBT; default the extended header's length. */
  readonly nsymbt?: number;
  readonly exttyp?: string;
  readonly nversion?: number;
  readonly originXyz?: Triple;
  /** Word 53, up to 4 bytes (default 'MAP '). */
  readonly map?: string;
  readonly labels?: readonly string[];
  /** NLABL; default the number of labels. */
  readonly nlabl?: number;
  readonly extendedHeader?: Uint8Array;
  /** Values in file order (columns fastest); for mode 12 the half-precision bit patterns. Default zeros. */
  readonly values?: ArrayLike<number>;
  /** Bytes to append after the data block. */
  readonly trailingBytes?: number;
  /** Bytes to drop from the end of the data block. */
  readonly missingBytes?: number;
}

export const BYTES_PER_VOXEL: Readonly<Record<number, number>> = { 0: 1, 1: 2, 2: 4, 6: 2, 12: 2 };

/** Byte offset of header word `n` (numbered from 1). */
export const word = (n: number): number => (n - 1) * 4;

/** Grid along x, y, z for counts in column/row/section order. */
export function gridXyzOf(gridCrs: Triple, mapCrs: Triple): Triple {
  const xyz = [0, 0, 0];
  for (let i = 0; i < 3; i++) xyz[mapCrs[i] - 1] = gridCrs[i];
  return [xyz[0], xyz[1], xyz[2]];
}

export function buildMrc(spec: MrcSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const mode = spec.mode ?? 2;
  const mapCrs = spec.mapCrs ?? [1, 2, 3];
  const [nc, nr, ns] = spec.gridCrs;
  const count = Math.max(0, nc) * Math.max(0, nr) * Math.max(0, ns);
  const bpv = BYTES_PER_VOXEL[mode] ?? 4;
  const ext = spec.extendedHeader ?? new Uint8Array(0);
  const dataBytes = count * bpv - (spec.missingBytes ?? 0) + (spec.trailingBytes ?? 0);
  const out = new Uint8Array(1024 + ext.length + dataBytes);
  const v = new DataView(out.buffer);
  const i4 = (w: number, x: number) => v.setInt32(word(w), x, le);
  const f4 = (w: number, x: number) => v.setFloat32(word(w), x, le);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[offset + i] = s.charCodeAt(i);
  };
  const gridXyz = isPermutation(mapCrs) ? gridXyzOf(spec.gridCrs, mapCrs) : spec.gridCrs;
  const m = spec.samplingXyz ?? gridXyz;
  const cella = spec.cellaXyz ?? m;
  const start = spec.startCrs ?? [0, 0, 0];
  const cellb = spec.cellb ?? [90, 90, 90];
  const origin = spec.originXyz ?? [0, 0, 0];
  i4(1, nc); // NX
  i4(2, nr); // NY
  i4(3, ns); // NZ
  i4(4, mode); // MODE
  for (let i = 0; i < 3; i++) {
    i4(5 + i, start[i]); // NXSTART, NYSTART, NZSTART
    i4(8 + i, m[i]); // MX, MY, MZ
    f4(11 + i, cella[i]); // CELLA
    f4(14 + i, cellb[i]); // CELLB
    i4(17 + i, mapCrs[i]); // MAPC, MAPR, MAPS
    f4(50 + i, origin[i]); // ORIGIN
  }
  f4(20, spec.dmin ?? 0); // DMIN
  f4(21, spec.dmax ?? -1); // DMAX (undetermined by default)
  f4(22, spec.dmean ?? -2); // DMEAN
  i4(23, spec.ispg ?? 1); // ISPG
  i4(24, spec.nsymbt ?? ext.length); // NSYMBT
  text(word(27), spec.exttyp ?? ''); // EXTTYP
  i4(28, spec.nversion ?? 20140); // NVERSION
  text(word(53), spec.map ?? 'MAP '); // MAP
  out.set(spec.machst ?? (le ? [0x44, 0x44, 0, 0] : [0x11, 0x11, 0, 0]), word(54)); // MACHST
  f4(55, spec.rms ?? -1); // RMS
  const labels = spec.labels ?? [];
  i4(56, spec.nlabl ?? labels.length); // NLABL
  labels.forEach((label, i) => text(word(57) + 80 * i, label)); // LABEL
  out.set(ext, 1024);

  const values = spec.values;
  const dataStart = 1024 + ext.length;
  const writable = Math.min(count, Math.floor((out.length - dataStart) / bpv));
  if (values !== undefined) {
    for (let i = 0; i < writable; i++) {
      const o = dataStart + i * bpv;
      const x = values[i];
      if (mode === 0) v.setInt8(o, x);
      else if (mode === 1) v.setInt16(o, x, le);
      else if (mode === 6 || mode === 12) v.setUint16(o, x, le);
      else v.setFloat32(o, x, le);
    }
  }
  return out;
}

function isPermutation(m: Triple): boolean {
  return [...m].sort().join() === '1,2,3';
}

/** Values of `f(x, y, z)` in file order (columns fastest) for a grid in column/row/section order. */
export function fileOrderValues(
  gridCrs: Triple,
  mapCrs: Triple,
  f: (x: number, y: number, z: number) => number,
): number[] {
  const values: number[] = [];
  const xyz = [0, 0, 0];
  for (let s = 0; s < gridCrs[2]; s++) {
    for (let r = 0; r < gridCrs[1]; r++) {
      for (let c = 0; c < gridCrs[0]; c++) {
        xyz[mapCrs[0] - 1] = c;
        xyz[mapCrs[1] - 1] = r;
        xyz[mapCrs[2] - 1] = s;
        values.push(f(xyz[0], xyz[1], xyz[2]));
      }
    }
  }
  return values;
}
