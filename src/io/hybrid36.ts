/**
 * Hybrid-36 numbers: how PDB files hold atom serials above 99 999 (5 columns) and residue numbers above 9 999
 * (4 columns). Decimal up to 10^w − 1; then base-36 with an upper-case letter first ('A0000' = 100 000, 'ZZZZZ'
 * = 100 000 + 26·36⁴ − 1); then the same with lower case. Defined by R. W. Grosse-Kunstleve et al. (cctbx,
 * "hybrid_36", 2007), and read by gemmi, PyMOL and Phenix.
 */

function digit36(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/**
 * Decodes a hybrid-36 field of `width` columns (already trimmed of nothing: pass the raw field). Decimal
 * fields (with optional sign and blanks) are read as decimals. Returns NaN when the field is not valid.
 */
export function decodeHybrid36(field: string, width: number): number {
  const s = field.trim();
  if (s === '') return NaN;
  const c0 = s.charCodeAt(0);
  const upper = c0 >= 65 && c0 <= 90;
  const lower = c0 >= 97 && c0 <= 122;
  if (!upper && !lower) {
    if (!/^[+-]?\d+$/.test(s)) return NaN;
    return Number(s) + 0;
  }
  if (s.length !== width) return NaN;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = digit36(c);
    if (d < 0) return NaN;
    // all letters of one field share the case of the first one
    if (d >= 10 && (upper ? c >= 97 : c <= 90)) return NaN;
    v = v * 36 + d;
  }
  const block = 26 * 36 ** (width - 1);
  const n = v - 10 * 36 ** (width - 1) + 10 ** width;
  return lower ? n + block : n;
}

/** Largest number a hybrid-36 field of `width` columns can hold. */
export function maxHybrid36(width: number): number {
  return 10 ** width + 2 * 26 * 36 ** (width - 1) - 1;
}

/**
 * Encodes `n` into a field of `width` columns: right-justified decimal when it fits, else hybrid-36.
 * Returns null when `n` is not an integer or out of range (below −(10^(w−1) − 1) or above `maxHybrid36`).
 */
export function encodeHybrid36(n: number, width: number): string | null {
  if (!Number.isInteger(n)) return null;
  const decimalMax = 10 ** width - 1;
  const decimalMin = -(10 ** (width - 1) - 1);
  if (n >= decimalMin && n <= decimalMax) return String(n).padStart(width, ' ');
  if (n < decimalMin || n > maxHybrid36(width)) return null;
  const block = 26 * 36 ** (width - 1);
  let v = n - 10 ** width;
  let lower = false;
  if (v >= block) {
    v -= block;
    lower = true;
  }
  v += 10 * 36 ** (width - 1);
  const s = v.toString(36).toUpperCase();
  return lower ? s.toLowerCase() : s;
}
