/**
 * Sorting p-values together with their voxel indices, for the FDR map: an LSD radix sort on the IEEE-754 bit
 * patterns, one byte per pass. For non-negative doubles the bit pattern read as an unsigned 64-bit integer orders
 * like the value, so no comparisons are needed. Measured on 5·10⁶ p-values (BENCHMARKS.md, FDR section): several times
 * faster than `Float64Array.prototype.sort` followed by a binary search per voxel, which it replaces.
 */
import { assert } from '../core/errors.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts `keys` ascending in place and applies the same permutation to `payload`. Keys must be non-negative
 * (+0 included, −0 and NaN not) and the two arrays the same length. Equal keys keep their input order (stable).
 * Scratch: one more copy of both arrays.
 */
export function sortNonNegativeWithPayload(keys: Float64Array, payload: Uint32Array): void {
  const m = keys.length;
  assert(payload.length === m, 'sortNonNegativeWithPayload: keys and payload differ in length');
  assert(LITTLE_ENDIAN, 'sortNonNegativeWithPayload assumes a little-endian platform');
  if (m < 2) return;
  // histograms of all eight bytes in one pass
  const counts = new Uint32Array(8 * 256);
  let bytes = new Uint8Array(keys.buffer, keys.byteOffset, 8 * m);
  for (let i = 0; i < m; i++) {
    const o = 8 * i;
    for (let d = 0; d < 8; d++) counts[d * 256 + bytes[o + d]]++;
  }
  let srcK = keys;
  let srcP = payload;
  let dstK: Float64Array = new Float64Array(m);
  let dstP: Uint32Array = new Uint32Array(m);
  const offsets = new Uint32Array(256);
  for (let d = 0; d < 8; d++) {
    const base = d * 256;
    // a byte that is the same in every key orders nothing: skip its pass
    let trivial = false;
    for (let b = 0; b < 256; b++) {
      const c = counts[base + b];
      if (c === m) trivial = true;
      if (c !== 0) break;
    }
    if (trivial) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      offsets[b] = sum;
      sum += counts[base + b];
    }
    bytes = new Uint8Array(srcK.buffer, srcK.byteOffset, 8 * m);
    for (let i = 0; i < m; i++) {
      const j = offsets[bytes[8 * i + d]]++;
      dstK[j] = srcK[i];
      dstP[j] = srcP[i];
    }
    const tk = srcK;
    srcK = dstK;
    dstK = tk;
    const tp = srcP;
    srcP = dstP;
    dstP = tp;
  }
  if (srcK !== keys) {
    keys.set(srcK);
    payload.set(srcP);
  }
}
