/**
 * IEEE 754 binary16 ("half", MRC2014 mode 12) → float32 decoding.
 *
 * Layout of a half: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits.
 * - exponent 0: zero or subnormal, value = ±fraction · 2⁻²⁴
 * - exponent 31: ±Infinity (fraction 0) or NaN (fraction ≠ 0)
 * - otherwise: value = ±(1 + fraction / 1024) · 2^(exponent − 15)
 * Every half is exactly representable as a float32, so decoding loses nothing.
 */

/** Value of the half with bit pattern `bits` (0 … 0xffff), as a JS number. */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

let table: Float32Array | null = null;

/** The 65 536-entry decoding table, built on first use (256 KiB). */
function float16Table(): Float32Array {
  if (table === null) {
    const t = new Float32Array(65536);
    for (let bits = 0; bits < 65536; bits++) t[bits] = float16BitsToNumber(bits);
    table = t;
  }
  return table;
}

/** Decodes `count` halves from `src` (bit patterns) into `out` starting at `outOffset`. */
export function decodeFloat16(src: Uint16Array, out: Float32Array, outOffset = 0): void {
  const t = float16Table();
  const n = src.length;
  for (let i = 0; i < n; i++) out[outOffset + i] = t[src[i]];
}
