/**
 * Radial amplitude profiles: mean Fourier amplitude |F| per frequency shell.
 *
 * Two forms: LocScale 2.0's window form (spec §6.3), which averages over the (+,+,+) octant only because it bins
 * by raw array indices, and the proper full-shell form.
 */
import type { RealGrid } from '../grid/volume.js';
import { realFftPlan3d } from '../fft/index.js';
import { halfLength } from './frequency.js';
import { standardShells } from './shells.js';
import { forwardSpectrum } from './spectrum.js';

/**
 * LocScale 2.0's `compute_radial_profile_proper` of a cube of edge `n` (spec §6.3): F = rfftn(cube, 'ortho'),
 * element (i, j, k) of the half spectrum (raw indices, i, j ∈ 0…n−1, k ∈ 0…n/2, no wrapping to negative
 * frequencies) goes to bin ⌊√(i² + j² + k²)⌋; the profile is the mean |F| of bins 0 … n/2 (n/2 + 1 values).
 * Because bins ≤ n/2 only see i, j ≤ n/2, this is the shell average over the (+,+,+) octant (plus the Nyquist
 * planes). Bin r has frequency r/n cycles/voxel. This is the clear reference form; the scaling engine has a
 * pruned equivalent.
 */
export function radialProfileOctantLocscale(cube: Float64Array, n: number): Float64Array {
  const plan = realFftPlan3d([n, n, n]);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(cube, spectrum);
  const ortho = 1 / Math.sqrt(n * n * n);
  const nBins = (n >> 1) + 1;
  const sum = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  const hx = halfLength(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < hx; k++, o += 2) {
        const r = Math.floor(Math.sqrt(i * i + j * j + k * k));
        if (r < nBins) {
          sum[r] += Math.hypot(spectrum[o], spectrum[o + 1]) * ortho;
          count[r] += 1;
        }
      }
    }
  }
  for (let r = 0; r < nBins; r++) sum[r] /= count[r];
  return sum;
}

export interface RadialProfile {
  /** Shell frequencies (1/Å). */
  readonly freqPerA: Float64Array;
  /** Mean amplitude |F| per shell, F = rfftn(volume, 'ortho'). */
  readonly amplitude: Float64Array;
  /** Number of Fourier elements (full sphere) per shell. */
  readonly count: Float64Array;
}

/**
 * Full-shell radial amplitude profile: mean |F| (orthonormal FFT) over every Fourier element of each shell of
 * `standardShells` (full sphere, Hermitian mates counted), from f = 0 to the Nyquist frequency.
 */
export function radialProfile(volume: RealGrid): RadialProfile {
  const shells = standardShells(volume.shapeZyx, volume.voxelSizeXyzA);
  const spectrum = forwardSpectrum(volume);
  const ortho = 1 / Math.sqrt(volume.data.length);
  const amplitude = new Float64Array(shells.nShells);
  const count = new Float64Array(shells.nShells);
  const { shellOf, weight } = shells;
  for (let e = 0, o = 0; e < shellOf.length; e++, o += 2) {
    const s = shellOf[e];
    if (s < 0) continue;
    amplitude[s] += weight[e] * Math.hypot(spectrum[o], spectrum[o + 1]) * ortho;
    count[s] += weight[e];
  }
  for (let s = 0; s < shells.nShells; s++) amplitude[s] = count[s] > 0 ? amplitude[s] / count[s] : 0;
  return { freqPerA: shells.freqPerA, amplitude, count };
}
