/**
 * Moving lines of a complex array through a `LineKernel` in blocks.
 *
 * A kernel transforms `count` lines that are columns of an array (element j of line c at
 * off + c + j·stride, see `line-kernel.ts`). Array axes come in two kinds:
 * - columns (y or z of a C-order volume): the kernel reads and writes them in place, `block` columns at a
 *   time, its first pass reading the array and its last pass writing it (no copies);
 * - rows (x of a volume, or consecutive 1-D signals: element j of row r at r·n + j): a block of rows is first
 *   transposed into a small buffer `G` ([n][block]), transformed there in place while it sits in cache, and
 *   transposed back, optionally scaled.
 * Block buffers are owned by the caller (a plan). `src` and `dst` may be the same array: each block is read
 * completely before it is written back.
 */
import type { LineKernel } from './line-kernel.js';

/** Target size of one block, in complex numbers (three such buffers per plan: 3 × 64 KiB). */
export const BLOCK_COMPLEX = 4096;
/** Most lines in one block. */
export const MAX_BLOCK_LINES = 64;

/** Lines per block for length-n lines when `available` lines exist (blocks balanced in size). */
export function blockLines(n: number, available: number): number {
  const most = Math.max(1, Math.min(MAX_BLOCK_LINES, Math.floor(BLOCK_COMPLEX / n)));
  const blocks = Math.ceil(Math.max(1, available) / most);
  return Math.ceil(Math.max(1, available) / blocks);
}

/**
 * Transforms `rows` rows of length n = kernel.n (complex, contiguous, row r at complex index r·n from the
 * float offsets `srcOff` / `dstOff`) from `src` into `dst`, `block` rows at a time; results times `scale`.
 * g, bufA and bufB hold at least 2·n·block floats.
 */
export function transformRows(
  kernel: LineKernel,
  src: Float64Array,
  srcOff: number,
  dst: Float64Array,
  dstOff: number,
  rows: number,
  block: number,
  g: Float64Array,
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
        g[o] = src[sb + j];
        g[o + 1] = src[sb + j + 1];
        o += c2;
      }
    }
    kernel.run(g, 0, cc, g, 0, cc, cc, bufA, bufB, inverse);
    for (let c = 0; c < cc; c++) {
      const db = dstOff + (r0 + c) * n2;
      let o = 2 * c;
      if (scale === 1) {
        for (let j = 0; j < n2; j += 2) {
          dst[db + j] = g[o];
          dst[db + j + 1] = g[o + 1];
          o += c2;
        }
      } else {
        for (let j = 0; j < n2; j += 2) {
          dst[db + j] = g[o] * scale;
          dst[db + j + 1] = g[o + 1] * scale;
          o += c2;
        }
      }
    }
  }
}

/**
 * Transforms `cols` contiguous columns of length n = kernel.n: element j of column c at complex index
 * base + j·stride + c, read from `src` and written to `dst` at the same places.
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
): void {
  for (let c0 = 0; c0 < cols; c0 += block) {
    const cc = Math.min(block, cols - c0);
    kernel.run(src, base + c0, stride, dst, base + c0, stride, cc, bufA, bufB, inverse);
  }
}
