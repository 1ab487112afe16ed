/**
 * Assignment of half-spectrum elements to Fourier shells, in LocScale 2.0's form and in the standard form.
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';
import { signedIndex, halfLength, hermitianWeight } from './frequency.js';

export interface ShellBinning {
  /** Shell of each complex element of the rfftn half spectrum, −1 for elements outside every shell. */
  readonly shellOf: Int32Array;
  /** Weight of each element in a full-spectrum sum (1 or 2, see `hermitianWeight`; all 1 in LocScale's form). */
  readonly weight: Float64Array;
  readonly nShells: number;
  /** Frequency (1/Å) assigned to each shell. */
  readonly freqPerA: Float64Array;
}

/**
 * LocScale 2.0's shells (spec §2.3 step 2, §3.5 step 4): r = ⌊√(kz² + ky² + kx²)⌋ with signed integer indices,
 * shells r = 0 … N/2 − 1 with N = nz (the array's first axis), every half-spectrum element weighted 1, and the
 * *stretched* frequency axis f_r = r · (1/(2·apix)) / (N/2 − 1), i.e. `linspace(0, Nyquist, N/2)`.
 */
export function locscaleShells(shapeZyx: ShapeZyx, apixA: number): ShellBinning {
  const [nz, ny, nx] = shapeZyx;
  const nShells = nz >> 1;
  const hx = halfLength(nx);
  const shellOf = new Int32Array(nz * ny * hx);
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const kz = signedIndex(z, nz);
    for (let y = 0; y < ny; y++) {
      const ky = signedIndex(y, ny);
      for (let kx = 0; kx < hx; kx++) {
        const r = Math.floor(Math.sqrt(kz * kz + ky * ky + kx * kx));
        shellOf[o++] = r < nShells ? r : -1;
      }
    }
  }
  return {
    shellOf,
    weight: new Float64Array(shellOf.length).fill(1),
    nShells,
    freqPerA: stretchedFrequencyAxis(nShells, apixA),
  };
}

/** `linspace(0, 1/(2·apix), n)`: LocScale 2.0's frequency axis for n shells (spec §12 item 6). */
export function stretchedFrequencyAxis(n: number, apixA: number): Float64Array {
  const f = new Float64Array(n);
  const nyquist = 1 / (2 * apixA);
  for (let r = 0; r < n; r++) f[r] = n === 1 ? 0 : (r * nyquist) / (n - 1);
  return f;
}

/**
 * Standard shells: |k| in 1/Å from each axis's own voxel size, shell width Δf = 1/L with L the longest box edge
 * (Å), shell s = round(|k|/Δf) for s = 0 … ⌊f_N/Δf⌋ where f_N is the lowest of the three Nyquist frequencies;
 * shell s has frequency s·Δf. Elements carry Hermitian weights so sums run over the full sphere.
 * For a cubic N³ box this is the usual s = round(|k|), f = s/(N·apix), s = 0 … N/2.
 */
export function standardShells(shapeZyx: ShapeZyx, voxelSizeXyzA: Xyz): ShellBinning {
  const [nz, ny, nx] = shapeZyx;
  const [ax, ay, az] = voxelSizeXyzA;
  const df = 1 / Math.max(nx * ax, ny * ay, nz * az);
  const fNyquist = Math.min(1 / (2 * ax), 1 / (2 * ay), 1 / (2 * az));
  const nShells = Math.floor(fNyquist / df + 1e-9) + 1;
  const hx = halfLength(nx);
  const shellOf = new Int32Array(nz * ny * hx);
  const weight = new Float64Array(shellOf.length);
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const fz = signedIndex(z, nz) / (nz * az);
    for (let y = 0; y < ny; y++) {
      const fy = signedIndex(y, ny) / (ny * ay);
      for (let kx = 0; kx < hx; kx++, o++) {
        const fx = kx / (nx * ax);
        const s = Math.round(Math.sqrt(fz * fz + fy * fy + fx * fx) / df);
        shellOf[o] = s < nShells ? s : -1;
        weight[o] = hermitianWeight(kx, nx);
      }
    }
  }
  const freqPerA = new Float64Array(nShells);
  for (let s = 0; s < nShells; s++) freqPerA[s] = s * df;
  return { shellOf, weight, nShells, freqPerA };
}
