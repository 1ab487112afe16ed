/**
 * Moving lines of a complex array through a `LineKernel` in blocks.
 *
 * A kernel transforms `count` lines laid out `[n][count]` (see `line-kernel.ts`). Array axes come in two
 * kinds: rows (x of a C-order volume, or consecutive 1-D signals: element j of row r at r·n + j) and columns
 * (y or z of a volume: element j of column c at base + j·stride + c, columns contiguous). A block of lines is
 * copied into the kernel's layout (a small transposition for rows, contiguous runs for columns), transformed
 * while it sits in cache, and copied back, optionally scaled. Block buffers are owned by the caller (a plan).
 *
 * `src` and `dst` may be the same array: each block is read completely before it is written back.
 */
import type { LineKernel } from './line-kernel.js';

/** Target size of one block, in complex numbers (two such buffers per plan: 2 × 64 KiB). */
export const BLOCK_COMPLEX = 4096;
/** Most lines in one block. */
export const MAX_BLOCK_LINES = 64;

/** Lines per block for length-n lines when `available` lines exist. */
export function blockLines(n: number, available: number): number {
  return Math.max(1, Math.min(available, MAX_BLOCK_LINES, Math.floor(BLOCK_COMPLEX / n)));
}

/**
 * Transforms `rows` rows of length n = kernel.n (complex, contiguous, row r at complex index r·n from the
 * float offset `srcOff` / `dstOff`) from `src` into `dst`, `block` rows at a time; results times `scale`.
 * bufA and bufB hold at least 2·n·block floats.
 */
export function transformRows(
  kernel: LineKernel,
  src: Float64Array,
  srcOff: number,
  dst: Float64Array,
  dstOff: number,
  rows: number,
  block: number,
  bufA: Float64Array,
  bufB: Float64Array,
  inverse: boolean,
  scale: number,
): void {
  const n = kernel.n;
  const n2 = 2 * n;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const cc = Math.min(block, rows - r0);
    const c2 = 2 * cc;
    for (let c = 0; c < cc; c++) {
      const sb = srcOff + (r0 + c) * n2;
      let o = 2 * c;
      for (let j = 0; j < n2; j += 2) {
        bufA[o] = src[sb + j];
        bufA[o + 1] = src[sb + j + 1];
        o += c2;
      }
    }
    const res = kernel.run(bufA, bufB, cc, inverse);
    for (let c = 0; c < cc; c++) {
      const db = dstOff + (r0 + c) * n2;
      let o = 2 * c;
      if (scale === 1) {
        for (let j = 0; j < n2; j += 2) {
          dst[db + j] = res[o];
          dst[db + j + 1] = res[o + 1];
          o += c2;
        }
      } else {
        for (let j = 0; j < n2; j += 2) {
          dst[db + j] = res[o] * scale;
          dst[db + j + 1] = res[o + 1] * scale;
          o += c2;
        }
      }
    }
  }
}

/**
 * Transforms `cols` contiguous columns of length n = kernel.n: element j of column c at complex index
 * base + j·stride + c, in `src` and in `dst` alike; results times `scale`.
 * bufA and bufB hold at least 2·n·block floats.
 */
export function transformColumns(
  kernel: LineKernel,
  src: Float64Array,
  dst: Float64Array,
  base: number,
  stride: number,
  cols: number,
  block: number,
  bufA: Float64Array,
  bufB: Float64Array,
  inverse: boolean,
  scale: number,
): void {
  const n = kernel.n;
  const stride2 = 2 * stride;
  for (let c0 = 0; c0 < cols; c0 += block) {
    const c2 = 2 * Math.min(block, cols - c0);
    let s = 2 * (base + c0);
    let o = 0;
    for (let j = 0; j < n; j++) {
      for (let q = 0; q < c2; q++) bufA[o + q] = src[s + q];
      s += stride2;
      o += c2;
    }
    const res = kernel.run(bufA, bufB, c2 >> 1, inverse);
    s = 2 * (base + c0);
    o = 0;
    if (scale === 1) {
      for (let j = 0; j < n; j++) {
        for (let q = 0; q < c2; q++) dst[s + q] = res[o + q];
        s += stride2;
        o += c2;
      }
    } else {
      for (let j = 0; j < n; j++) {
        for (let q = 0; q < c2; q++) dst[s + q] = res[o + q] * scale;
        s += stride2;
        o += c2;
      }
    }
  }
}
