/**
 * Fourier-space filters on whole volumes: the tanh low-pass (spec §2.5.1, §2.10) and global B-factor
 * sharpening, each in LocScale 2.0's exact form and, where that form has a quirk, in the standard form beside it.
 *
 * Conventions: B-factors in Å² follow crystallography, amplitude × exp(−B·s²/4) with s = |k| in 1/Å; a
 * positive `sharpenBA2` multiplies by exp(+B·s²/4), i.e. removes a blur of B.
 */
import type { Volume } from '../grid/volume.js';
import { volumeLike } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';
import { signedIndex, halfLength } from './frequency.js';
import { forwardSpectrum } from './spectrum.js';

/**
 * Multiplies the spectrum of `volume` by `gain(kz, ky, kx)` (signed integer indices, kx ≥ 0) and returns the
 * filtered volume. The gain must be even in k (so the result stays real).
 */
export function applyFourierGain(
  volume: Volume,
  gain: (kz: number, ky: number, kx: number) => number,
): Volume {
  const shape = volume.shapeZyx;
  const [nz, ny, nx] = shape;
  const spectrum = forwardSpectrum(volume);
  const hx = halfLength(nx);
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const kz = signedIndex(z, nz);
    for (let y = 0; y < ny; y++) {
      const ky = signedIndex(y, ny);
      for (let kx = 0; kx < hx; kx++, o += 2) {
        const g = gain(kz, ky, kx);
        spectrum[o] *= g;
        spectrum[o + 1] *= g;
      }
    }
  }
  const out = new Float64Array(volume.data.length);
  realFftPlan3d(shape).inverse(spectrum, out);
  return volumeLike(volume, Float32Array.from(out));
}

/**
 * Gain of the tanh low-pass at frequency `f` for cutoff frequency `c` (same units):
 * H(f) = ½·[tanh(π(f + c)/(0.2c)) − tanh(π(f − c)/(0.2c))] (spec §2.5.1; FDR `lowPassFilter`).
 */
export function tanhLowPassGain(f: number, c: number): number {
  const w = 0.2 * c;
  return 0.5 * (Math.tanh((Math.PI * (f + c)) / w) - Math.tanh((Math.PI * (f - c)) / w));
}

/**
 * Tanh low-pass at `cutoffA` Å (spec §2.5.1 and §2.10). Frequencies are physical, |k| in 1/Å from each axis's
 * own voxel size; for cubic voxels this equals the original's cycles-per-voxel form with c = apix / cutoff.
 */
export function lowPassTanh(volume: Volume, cutoffA: number): Volume {
  const [nz, ny, nx] = volume.shapeZyx;
  const [ax, ay, az] = volume.voxelSizeXyzA;
  const c = 1 / cutoffA;
  return applyFourierGain(volume, (kz, ky, kx) => {
    const fz = kz / (nz * az);
    const fy = ky / (ny * ay);
    const fx = kx / (nx * ax);
    return tanhLowPassGain(Math.sqrt(fz * fz + fy * fy + fx * fx), c);
  });
}

/**
 * LocScale 2.0's `sharpen_maps` (spec §3.5 step 4): the Fourier shell r = ⌊√(kz² + ky² + kx²)⌋ (signed integer
 * indices) is multiplied by exp(+B/4 · f_r²) for r < N/2, where N = nz (the array's first axis, as the original)
 * and f_r = r · (1/(2·apix)) / (N/2 − 1) is the *stretched* frequency axis `linspace(0, Nyquist, N/2)`.
 * Shells r ≥ N/2 (the corners) are left alone. Positive `sharpenBA2` sharpens (un-blurs).
 */
export function sharpenLocscale(volume: Volume, sharpenBA2: number, apixA: number): Volume {
  const nShells = volume.shapeZyx[0] >> 1;
  const step = 1 / (2 * apixA) / (nShells - 1);
  const factor = new Float64Array(nShells);
  for (let r = 0; r < nShells; r++) factor[r] = Math.exp((sharpenBA2 / 4) * (r * step) ** 2);
  return applyFourierGain(volume, (kz, ky, kx) => {
    const r = Math.floor(Math.sqrt(kz * kz + ky * ky + kx * kx));
    return r < nShells ? factor[r] : 1;
  });
}

/**
 * Standard global B sharpening: every Fourier coefficient is multiplied by exp(+B/4 · s²), s = |k| in 1/Å
 * (each axis with its own voxel size). Positive `sharpenBA2` sharpens, negative blurs.
 */
export function sharpenBFactor(volume: Volume, sharpenBA2: number): Volume {
  const [nz, ny, nx] = volume.shapeZyx;
  const [ax, ay, az] = volume.voxelSizeXyzA;
  return applyFourierGain(volume, (kz, ky, kx) => {
    const fz = kz / (nz * az);
    const fy = ky / (ny * ay);
    const fx = kx / (nx * ax);
    return Math.exp((sharpenBA2 / 4) * (fz * fz + fy * fy + fx * fx));
  });
}
