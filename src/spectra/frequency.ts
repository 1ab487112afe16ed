/**
 * Frequency indices of the numpy `rfftn` layout: axes z and y hold signed indices (fftfreq order
 * 0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1), axis x holds 0 … ⌊nx/2⌋ (rfftfreq).
 */

/** Signed frequency index of array position `i` on an axis of length `n` (numpy fftfreq × n). */
export function signedIndex(i: number, n: number): number {
  return i <= (n - 1) >> 1 ? i : i - n;
}

/** Length of the last axis of an r2c half spectrum for a real axis of length `nx`. */
export function halfLength(nx: number): number {
  return (nx >> 1) + 1;
}

/**
 * Calls `visit(offset, kz, ky, kx)` for every element of an rfftn half spectrum of a real array with shape
 * `[nz, ny, nx]`, in storage order; `offset` indexes the complex element (multiply by 2 for interleaved data).
 * kz, ky are signed indices, kx is 0 … ⌊nx/2⌋. For clarity in non-hot code; kernels inline the same loops.
 */
export function forEachHalfSpectrum(
  shapeZyx: readonly [number, number, number],
  visit: (offset: number, kz: number, ky: number, kx: number) => void,
): void {
  const [nz, ny, nx] = shapeZyx;
  const hx = halfLength(nx);
  let offset = 0;
  for (let z = 0; z < nz; z++) {
    const kz = signedIndex(z, nz);
    for (let y = 0; y < ny; y++) {
      const ky = signedIndex(y, ny);
      for (let kx = 0; kx < hx; kx++) visit(offset++, kz, ky, kx);
    }
  }
}

/**
 * Weight of a half-spectrum element in a sum over the full spectrum: 2 for 0 < kx < nx/2 (the element and
 * its Hermitian mate), 1 on the kx = 0 plane and, for even nx, the kx = nx/2 plane.
 */
export function hermitianWeight(kx: number, nx: number): number {
  return kx === 0 || 2 * kx === nx ? 1 : 2;
}
