/**
 * Symmetric 3×3 matrices stored as six numbers in the order m11 m22 m33 m12 m13 m23 (the order of anisotropic U
 * in the Structure type). Small helpers for anisotropic atoms; no allocation unless an `out` is created.
 */

/** Determinant of the symmetric matrix at `m[o..o+5]`. */
export function symDeterminant(m: ArrayLike<number>, o = 0): number {
  const a = m[o];
  const b = m[o + 1];
  const c = m[o + 2];
  const d = m[o + 3];
  const e = m[o + 4];
  const f = m[o + 5];
  return a * (b * c - f * f) - d * (d * c - f * e) + e * (d * f - b * e);
}

/**
 * Inverse of the symmetric matrix at `m[o..o+5]` scaled by `scale`, written to `out[p..p+5]`. Returns the
 * determinant (the caller checks it is positive; a zero determinant leaves non-finite values in `out`).
 */
export function symInverseScaled(
  m: ArrayLike<number>,
  o: number,
  scale: number,
  out: Float64Array,
  p: number,
): number {
  const a = m[o];
  const b = m[o + 1];
  const c = m[o + 2];
  const d = m[o + 3];
  const e = m[o + 4];
  const f = m[o + 5];
  const c11 = b * c - f * f;
  const c22 = a * c - e * e;
  const c33 = a * b - d * d;
  const c12 = e * f - d * c;
  const c13 = d * f - b * e;
  const c23 = d * e - a * f;
  const det = a * c11 + d * c12 + e * c13;
  const s = scale / det;
  out[p] = c11 * s;
  out[p + 1] = c22 * s;
  out[p + 2] = c33 * s;
  out[p + 3] = c12 * s;
  out[p + 4] = c13 * s;
  out[p + 5] = c23 * s;
  return det;
}

/**
 * Smallest eigenvalue of the symmetric matrix at `m[o..o+5]` (closed form for 3×3: the trigonometric solution of
 * the characteristic cubic; exact for diagonal matrices).
 */
export function symMinEigenvalue(m: ArrayLike<number>, o = 0): number {
  const a = m[o];
  const b = m[o + 1];
  const c = m[o + 2];
  const d = m[o + 3];
  const e = m[o + 4];
  const f = m[o + 5];
  const offDiag = d * d + e * e + f * f;
  if (offDiag === 0) return Math.min(a, b, c);
  const q = (a + b + c) / 3;
  const aq = a - q;
  const bq = b - q;
  const cq = c - q;
  const p = Math.sqrt((aq * aq + bq * bq + cq * cq + 2 * offDiag) / 6);
  // B = (M − qI)/p; r = det(B)/2 ∈ [−1, 1].
  const det = aq * (bq * cq - f * f) - d * (d * cq - f * e) + e * (d * f - bq * e);
  let r = det / (2 * p * p * p);
  if (r < -1) r = -1;
  else if (r > 1) r = 1;
  const phi = Math.acos(r) / 3;
  // Eigenvalues q + 2p·cos(φ + 2πk/3); the smallest is k = 1.
  return q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
}
