/**
 * Removing the sampling blur B_x from a simulated model map (spec §3.5 step 4).
 *
 * The faithful form is `sharpenLocscale` (spectra/filters.ts): LocScale's `sharpen_maps` on the float32 map,
 * integer index shells r < N/2 (N = the array's first axis) on the stretched frequency axis; the corners are left
 * alone. For a cubic box that is close to the physical un-blur; for a non-cubic box an index shell mixes
 * different physical frequencies along the three axes.
 *
 * `unblurPhysical` is the same idea with physical frequencies: every Fourier coefficient with s ≤ s_max is
 * multiplied by exp(+B_x s²/4), s = |k| in Å⁻¹ from each axis's own box length, s_max = 1/(2·largest voxel size)
 * (Nyquist of the coarsest axis); beyond s_max nothing is changed. The un-blur must stop there: the atoms are cut
 * at density 1e-5, and that step spreads ~1e-5 over all frequencies; at the box corners exp(B_x s²/4) reaches
 * ~7·10⁵ for the refmac blur and would turn the step into noise as large as the map.
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';
import { realFftPlan3d } from '../fft/index.js';
import { signedIndex, halfLength } from '../spectra/frequency.js';

/** Un-blurs `data` (float64, C order [z][y][x]) by `blurA2` within the Nyquist sphere; returns a new array. */
export function unblurPhysical(
  data: Float64Array,
  shapeZyx: ShapeZyx,
  voxelSizeXyzA: Xyz,
  blurA2: number,
): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const plan = realFftPlan3d(shapeZyx);
  const spectrum = new Float64Array(plan.spectrumLength);
  plan.forward(data, spectrum);
  const hx = halfLength(nx);
  const q = blurA2 / 4;
  const sMax = 1 / (2 * Math.max(voxelSizeXyzA[0], voxelSizeXyzA[1], voxelSizeXyzA[2]));
  const s2Max = sMax * sMax * (1 + 1e-12);
  const lz = nz * voxelSizeXyzA[2];
  const ly = ny * voxelSizeXyzA[1];
  const lx = nx * voxelSizeXyzA[0];
  let o = 0;
  for (let z = 0; z < nz; z++) {
    const fz = signedIndex(z, nz) / lz;
    for (let y = 0; y < ny; y++) {
      const fy = signedIndex(y, ny) / ly;
      const fzy2 = fz * fz + fy * fy;
      for (let kx = 0; kx < hx; kx++, o += 2) {
        const fx = kx / lx;
        const s2 = fzy2 + fx * fx;
        if (s2 > s2Max) continue;
        const g = Math.exp(q * s2);
        spectrum[o] *= g;
        spectrum[o + 1] *= g;
      }
    }
  }
  const out = new Float64Array(data.length);
  plan.inverseDestroyingInput(spectrum, out);
  return out;
}
