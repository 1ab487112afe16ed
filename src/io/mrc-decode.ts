/**
 * MRC data block → `Volume`: decode the mode's element type, fix the byte order, and move every voxel from file
 * order (columns fastest, then rows, then sections) to C order `[z][y][x]` with x fastest.
 *
 * The data is decoded in chunks (`MrcDecoder.decode`), so a file can be read piece by piece into the one output
 * array without ever holding a second copy of the map; `volumeFromMrc` runs the same decoder over a data block
 * already in memory.
 */
import type { Volume } from '../grid/volume.js';
import { InternalError, UserError } from '../core/errors.js';
import type { MrcHeader } from './mrc-header.js';
import { MRC_READ_MODES } from './mrc-modes.js';
import { decodeFloat16 } from './float16.js';
import {
  mapCrs,
  mrcDataByteLength,
  mrcGridXyz,
  mrcOriginXyzA,
  mrcShapeZyx,
  mrcVoxelSizeXyzA,
} from './mrc-frame.js';

/** True on little-endian hosts (all current Node platforms); typed arrays use the host's order. */
export const HOST_LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Elements decoded per step when a data block in memory is converted (bounds the scratch arrays). */
const CHUNK_VOXELS = 1 << 22;

/**
 * Decodes an MRC data block chunk by chunk into a C-order `[z][y][x]` Float32Array.
 * Chunks must arrive in file order and hold whole voxels.
 */
export class MrcDecoder {
  readonly out: Float32Array;
  private readonly mode: number;
  private readonly bytesPerVoxel: number;
  private readonly swap: boolean;
  private readonly standardOrder: boolean;
  /** Columns, rows per section. */
  private readonly nc: number;
  private readonly nr: number;
  /** Step in `out` for one column, row, section of the file. */
  private readonly strideC: number;
  private readonly strideR: number;
  private readonly strideS: number;
  /** Voxels decoded so far (the file-order index of the next chunk's first voxel). */
  private done = 0;
  private bytesScratch = new Uint8Array(0);
  private floatScratch = new Float32Array(0);

  /** `header` must have passed `checkMrcHeader`'s error rules. */
  constructor(header: MrcHeader) {
    const mode = MRC_READ_MODES.get(header.mode);
    if (mode === undefined) throw new InternalError(`MrcDecoder: unchecked mode ${header.mode}`);
    this.mode = mode.mode;
    this.bytesPerVoxel = mode.bytesPerVoxel;
    this.swap = mode.bytesPerVoxel > 1 && header.littleEndian !== HOST_LITTLE_ENDIAN;
    const map = mapCrs(header);
    this.standardOrder = map[0] === 1 && map[1] === 2 && map[2] === 3;
    const grid = mrcGridXyz(header);
    // C-order strides of the spatial axes x, y, z, then picked for columns, rows, sections.
    const strideXyz = [1, grid[0], grid[0] * grid[1]];
    this.strideC = strideXyz[map[0] - 1];
    this.strideR = strideXyz[map[1] - 1];
    this.strideS = strideXyz[map[2] - 1];
    this.nc = header.nx;
    this.nr = header.ny;
    const count = header.nx * header.ny * header.nz;
    try {
      this.out = new Float32Array(count);
    } catch (e: unknown) {
      if (e instanceof RangeError) {
        throw new UserError(
          `the map has ${count} voxels (${mrcDataByteLength(header)} bytes of data), more than this ` +
            `Node.js can hold in one Float32Array (${e.message})`,
        );
      }
      throw e;
    }
  }

  /** Voxels still expected. */
  get remaining(): number {
    return this.out.length - this.done;
  }

  /** Decodes the next `chunk` of the data block (whole voxels, in file order). */
  decode(chunk: Uint8Array): void {
    const count = chunk.length / this.bytesPerVoxel;
    if (!Number.isInteger(count) || count > this.remaining) {
      throw new InternalError(`MrcDecoder: chunk of ${chunk.length} bytes does not fit`);
    }
    if (count === 0) return;
    const source = this.sourceArray(chunk, count);
    if (this.standardOrder) {
      // File order is already C order: convert straight into place.
      if (this.mode === 12) decodeFloat16(source as Uint16Array, this.out, this.done);
      else this.out.set(source, this.done);
    } else {
      if (this.floatScratch.length < count) this.floatScratch = new Float32Array(count);
      const values = this.floatScratch;
      if (this.mode === 12) decodeFloat16(source as Uint16Array, values, 0);
      else values.set(source);
      this.scatter(values, count);
    }
    this.done += count;
  }

  /** A typed array over the chunk's elements in host byte order (a copy only when swapping or unaligned). */
  private sourceArray(chunk: Uint8Array, count: number): Int8Array | Int16Array | Uint16Array | Float32Array {
    const b = this.bytesPerVoxel;
    let bytes = chunk;
    if (this.swap || chunk.byteOffset % b !== 0) {
      if (this.bytesScratch.length < chunk.length) this.bytesScratch = new Uint8Array(chunk.length);
      bytes = this.bytesScratch;
      if (this.swap) {
        for (let i = 0; i < chunk.length; i += b) {
          for (let k = 0; k < b; k++) bytes[i + k] = chunk[i + b - 1 - k];
        }
      } else bytes.set(chunk);
    }
    switch (this.mode) {
      case 0:
        return new Int8Array(bytes.buffer, bytes.byteOffset, count);
      case 1:
        return new Int16Array(bytes.buffer, bytes.byteOffset, count);
      case 2:
        return new Float32Array(bytes.buffer, bytes.byteOffset, count);
      default: // 6 (uint16) and 12 (float16 bit patterns)
        return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    }
  }

  /** Writes `count` values, in file order from voxel `done`, to their C-order places. */
  private scatter(values: Float32Array, count: number): void {
    const out = this.out;
    const nc = this.nc;
    const nr = this.nr;
    const sc = this.strideC;
    const sr = this.strideR;
    const ss = this.strideS;
    let c = this.done % nc;
    const rows = (this.done - c) / nc;
    let r = rows % nr;
    let s = (rows - r) / nr;
    let rowBase = r * sr + s * ss;
    for (let i = 0; i < count; i++) {
      out[rowBase + c * sc] = values[i];
      if (++c === nc) {
        c = 0;
        if (++r === nr) {
          r = 0;
          s++;
        }
        rowBase = r * sr + s * ss;
      }
    }
  }
}

/** The Volume of a decoded map: shape, voxel size and origin from the header (`mrc-frame.ts`). */
export function volumeFromDecoded(header: MrcHeader, data: Float32Array): Volume {
  return {
    data,
    shapeZyx: mrcShapeZyx(header),
    voxelSizeXyzA: mrcVoxelSizeXyzA(header),
    originXyzA: mrcOriginXyzA(header),
  };
}

/**
 * The Volume held by `data`, the data block of a checked header (at least `mrcDataByteLength(header)` bytes;
 * anything after is ignored). Normalised to C order `[z][y][x]` whatever MAPC/MAPR/MAPS say.
 */
export function volumeFromMrc(header: MrcHeader, data: Uint8Array): Volume {
  const length = mrcDataByteLength(header);
  if (data.length < length) {
    throw new InternalError(`volumeFromMrc: ${data.length} bytes of data, the header needs ${length}`);
  }
  const decoder = new MrcDecoder(header);
  const step = CHUNK_VOXELS * (length / decoder.out.length);
  for (let offset = 0; offset < length; offset += step) {
    decoder.decode(data.subarray(offset, Math.min(length, offset + step)));
  }
  return volumeFromDecoded(header, decoder.out);
}
