/**
 * The optional pre-filter of LocScale's FDR confidence map (`FDRutil.lowPassFilter`, spec §2.5.1), kept in
 * float64 end to end as the original (numpy's rfftn/irfftn of the map in double precision).
 *
 * Frequencies are in cycles per voxel, numpy-style: f = √(f_z² + f_y² + f_x²) with f_a = k·(1/n_a) (fftfreq on
 * z and y, rfftfreq on x); the cutoff is c = apix/cutoff_Å with apix the mean voxel size. The gain is the
 * original's `tanh_filter` written as it is: 1 − (1 − ½[tanh(π(f + c)/(2·0.1·c)) − tanh(π(f − c)/(2·0.1·c))]),
 * whose outer 1 − (1 − ·) flushes gains below ~1e-17 to 0. For cubic voxels this is the same filter as
 * `lowPassTanh` (spectra/filters.ts) up to rounding; for non-cubic voxels the original's cycles-per-voxel form
 * differs from the physical one, and this port keeps the original's.
 */
import type { RealGrid } from '../grid/volume.js';
import { meanVoxelSizeA } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';
import { signedIndex, halfLength } from '../spectra/frequency.js';
import { UserError } from '../core/errors.js';

/** The FDR pre-filter gain at `f` cycles/voxel for cutoff `c` cycles/voxel, in the original's operation order. */
export function fdrTanhGain(f: number, c: number): number {
  const w = 2 * 0.1 * c;
  return 1.0 - (1.0 - 0.5 * (Math.tanh((Math.PI * (f + c)) / w) - Math.tanh((Math.PI * (f - c)) / w)));
}

/** numpy `fftfreq(n)` (signed = true) or `rfftfreq(n)` value at position i: k·(1/n). */
function freq(i: number, n: number, signed: boolean): number {
  return (signed ? signedIndex(i, n) : i) * (1.0 / n);
}

/**
 * Low-passes `grid` at `cutoffA` Å with the FDR tanh filter and returns the filtered values (float64, C order).
 * `grid.data` is not modified. Peak memory: the result, one half spectrum and, for float32 input, nothing else
 * (the float64 copy of the input becomes the result).
 */
export function fdrLowPass(grid: RealGrid, cutoffA: number): Float64Array {
  if (!(cutoffA > 0) || !Number.isFinite(cutoffA)) {
    throw new UserError(`the FDR low-pass cutoff (-fdr_f) must be a positive number of Å, got ${cutoffA}.`);
  }
  const apixA = meanVoxelSizeA(grid);
  const c = apixA / cutoffA;
  const shape = grid.shapeZyx;
  const [nz, ny, nx] = shape;
  const plan = realFftPlan3d(shape);
  const spectrum = new Float64Array(plan.spectrumLength);
  let out: Float64Array;
  if (grid.data instanceof Float64Array) {
    plan.forward(grid.data, spectrum);
    out = new Float64Array(grid.data.length);
  } else {
    out = Float64Array.from(grid.data);
    plan.forward(out, spectrum);
  }
  const hx = halfLength(nx);
  const fx2 = new Float64Array(hx);
  for (let k = 0; k < hx; k++) {
    const f = freq(k, nx, false);
    fx2[k] = f * f;
  }
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const fz = freq(z, nz, true);
    const fz2 = fz * fz;
    for (let y = 0; y < ny; y++) {
      const fy = freq(y, ny, true);
      const fzy2 = fz2 + fy * fy;
      for (let k = 0; k < hx; k++, o += 2) {
        const g = fdrTanhGain(Math.sqrt(fzy2 + fx2[k]), c);
        spectrum[o] *= g;
        spectrum[o + 1] *= g;
      }
    }
  }
  plan.inverseDestroyingInput(spectrum, out);
  return out;
}
