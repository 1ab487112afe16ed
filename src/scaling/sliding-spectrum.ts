/**
 * The spectrum of a wn³ window that moves through a map one voxel at a time: along x in either direction, along y
 * forwards.
 *
 * A window's unnormalised spectrum F(k) = Σ_{z,y,x} W[z][y][x]·ω^(kz·z + ky·y + kx·x), ω = e^(−2πi/wn), obeys the
 * sliding-DFT relations (spec §6, architecture.md): moving the window start from x₀ to x₀ + 1 gives
 *
 *     F′(k) = ω^(−kx) · ( F(k) + D(kz, ky) ),   D = 2-D DFT (over z, y) of  M[·][·][x₀ + wn] − M[·][·][x₀],
 *
 * the plane that enters minus the plane that leaves; moving it back from x₀ to x₀ − 1 gives
 *
 *     F′(k) = ω^(kx) · F(k) + D(kz, ky),        D = 2-D DFT of  M[·][·][x₀ − 1] − M[·][·][x₀ + wn − 1],
 *
 * and a step along y is the first relation with the roles of x and y exchanged (D over z, x; rotation ω^(−ky)).
 * One small 2-D transform and one complex multiply-add per element replace the window's 3-D transform. The caller
 * re-anchors (a full 3-D transform) often enough that rounding does not accumulate, at positions that depend only
 * on the rows and the mask, never on how rows are split among workers (bit-identical results).
 *
 * Two extents: 'half' keeps the whole rfftn half spectrum [wn][wn][wn/2 + 1] (needed for the centre value);
 * 'octant' keeps only raw indices kz, ky, kx ≤ wn/2, the part the radial profile reads (spec §6.3). Elements
 * slide independently of each other, so in 'octant' extent a slide updates only those inside the profile's sphere
 * (kz² + ky² + kx² < (wn/2 + 1)², about 60 % of the block); the corners keep stale values after the first slide and
 * must not be read.
 */
import type { ShapeZyx } from '../core/vec.js';
import { realFftPlan3d } from '../fft/index.js';
import type { RealFftPlan3d } from '../fft/index.js';
import { windowTables } from './window-tables.js';

export type SpectrumExtent = 'half' | 'octant';

export class SlidingSpectrum {
  /** Interleaved complex spectrum; rows kz < nz (wn or wn/2 + 1), ky < ny (same), kx ≤ wn/2. */
  readonly spectrum: Float64Array;
  /** Rows kept along kz and ky: wn ('half') or wn/2 + 1 ('octant'). */
  readonly rows: number;
  readonly hx: number;
  private readonly window: Float64Array;
  private readonly windowSpectrum: Float64Array;
  private readonly windowPlan: RealFftPlan3d;
  private readonly planePlan: RealFftPlan3d;
  private readonly plane: Float64Array;
  private readonly planeSpectrum: Float64Array;
  /** e^(+2πi·k/wn) for k < wn, interleaved. */
  private readonly rotation: Float64Array;
  /** Per (kz, ky) row: how many kx a slide updates (all hx for 'half'; inside the sphere for 'octant'). */
  private readonly rowLength: Int32Array;
  private z0 = 0;
  private y0 = 0;
  private x0 = 0;

  constructor(
    private readonly map: Float32Array,
    private readonly shapeZyx: ShapeZyx,
    private readonly wn: number,
    extent: SpectrumExtent,
  ) {
    this.hx = wn / 2 + 1;
    this.rows = extent === 'half' ? wn : this.hx;
    this.spectrum = new Float64Array(2 * this.rows * this.rows * this.hx);
    this.window = new Float64Array(wn * wn * wn);
    this.windowPlan = realFftPlan3d([wn, wn, wn]);
    this.windowSpectrum = new Float64Array(this.windowPlan.spectrumLength);
    this.planePlan = realFftPlan3d([1, wn, wn]);
    this.plane = new Float64Array(wn * wn);
    this.planeSpectrum = new Float64Array(this.planePlan.spectrumLength);
    // octant: the profile's sphere, row by row (window-tables.ts); half: whole rows
    this.rowLength =
      extent === 'octant'
        ? windowTables(wn).profileRowLength
        : new Int32Array(this.rows * this.rows).fill(this.hx);
    this.rotation = new Float64Array(2 * wn);
    for (let k = 0; k < wn; k++) {
      this.rotation[2 * k] = Math.cos((2 * Math.PI * k) / wn);
      this.rotation[2 * k + 1] = Math.sin((2 * Math.PI * k) / wn);
    }
  }

  /** Computes the spectrum of the window whose first voxel is (z0, y0, x0) with a full 3-D transform. */
  anchor(z0: number, y0: number, x0: number): void {
    this.z0 = z0;
    this.y0 = y0;
    this.x0 = x0;
    const { map, wn, window } = this;
    const ny = this.shapeZyx[1];
    const nx = this.shapeZyx[2];
    let w = 0;
    for (let z = 0; z < wn; z++)
      for (let y = 0; y < wn; y++) {
        const row = ((z0 + z) * ny + (y0 + y)) * nx + x0;
        for (let x = 0; x < wn; x++) window[w++] = map[row + x];
      }
    this.windowPlan.forward(window, this.windowSpectrum);
    if (this.rows === wn) {
      this.spectrum.set(this.windowSpectrum);
      return;
    }
    const { rows, hx, spectrum, windowSpectrum } = this;
    for (let kz = 0; kz < rows; kz++)
      for (let ky = 0; ky < rows; ky++) {
        const src = 2 * (kz * wn + ky) * hx;
        const dst = 2 * (kz * rows + ky) * hx;
        spectrum.set(windowSpectrum.subarray(src, src + 2 * hx), dst);
      }
  }

  /** Moves the window one voxel along x, forwards (+1) or backwards (−1). */
  slideX(step: 1 | -1): void {
    const { map, wn, plane, rows, hx, spectrum, rotation } = this;
    const [, ny, nx] = this.shapeZyx;
    const xIn = step === 1 ? this.x0 + wn : this.x0 - 1;
    const xOut = step === 1 ? this.x0 : this.x0 + wn - 1;
    const corner = (this.z0 * ny + this.y0) * nx;
    let p = 0;
    for (let z = 0; z < wn; z++)
      for (let y = 0, row = corner + z * ny * nx; y < wn; y++, p++, row += nx)
        plane[p] = map[row + xIn] - map[row + xOut];
    this.planePlan.forward(plane, this.planeSpectrum);
    const d = this.planeSpectrum;
    const hy = hx; // the plane's half spectrum along y: ky = 0 … wn/2
    const rowLength = this.rowLength;
    for (let kz = 0; kz < rows; kz++) {
      for (let ky = 0; ky < rows; ky++) {
        const length = rowLength[kz * rows + ky];
        // D(kz, ky) for ky > wn/2 from Hermitian symmetry: conj(D(−kz, −ky))
        const q = ky < hy ? 2 * (kz * hy + ky) : 2 * (((wn - kz) % wn) * hy + (wn - ky));
        const dr = d[q];
        const di = ky < hy ? d[q + 1] : -d[q + 1];
        const o = 2 * (kz * rows + ky) * hx;
        if (step === 1) addThenRotate(spectrum, o, length, dr, di, rotation);
        else rotateThenAdd(spectrum, o, length, dr, di, rotation);
      }
    }
    this.x0 += step;
  }

  /** Moves the window one voxel along +y. */
  slideY(): void {
    const { map, wn, plane, rows, hx, spectrum, rotation } = this;
    const ny = this.shapeZyx[1];
    const nx = this.shapeZyx[2];
    let p = 0;
    for (let z = 0; z < wn; z++) {
      const rowIn = ((this.z0 + z) * ny + (this.y0 + wn)) * nx + this.x0;
      const rowOut = ((this.z0 + z) * ny + this.y0) * nx + this.x0;
      for (let x = 0; x < wn; x++, p++) plane[p] = map[rowIn + x] - map[rowOut + x];
    }
    this.planePlan.forward(plane, this.planeSpectrum);
    // the plane's half spectrum D(kz, kx), kx = 0 … wn/2, is exactly what every row (kz, ky) adds
    const d = this.planeSpectrum;
    const rowLength = this.rowLength;
    for (let kz = 0; kz < rows; kz++) {
      for (let ky = 0; ky < rows; ky++) {
        const length = rowLength[kz * rows + ky];
        const cr = rotation[2 * ky];
        const ci = rotation[2 * ky + 1];
        let o = 2 * (kz * rows + ky) * hx;
        for (let kx = 0, q = 2 * kz * hx; kx < length; kx++, o += 2, q += 2) {
          const ar = spectrum[o] + d[q];
          const ai = spectrum[o + 1] + d[q + 1];
          spectrum[o] = ar * cr - ai * ci;
          spectrum[o + 1] = ar * ci + ai * cr;
        }
      }
    }
    this.y0 += 1;
  }
}

/** F ← (F + d)·e^(2πi·kx/wn) for the `length` elements kx = 0, 1, … of a row starting at `o` (a forward slide). */
function addThenRotate(
  spectrum: Float64Array,
  o: number,
  length: number,
  dr: number,
  di: number,
  rotation: Float64Array,
): void {
  for (let kx = 0; kx < length; kx++) {
    const ar = spectrum[o + 2 * kx] + dr;
    const ai = spectrum[o + 2 * kx + 1] + di;
    const cr = rotation[2 * kx];
    const ci = rotation[2 * kx + 1];
    spectrum[o + 2 * kx] = ar * cr - ai * ci;
    spectrum[o + 2 * kx + 1] = ar * ci + ai * cr;
  }
}

/** F ← F·e^(−2πi·kx/wn) + d for the `length` elements of a row starting at `o` (a backward slide). */
function rotateThenAdd(
  spectrum: Float64Array,
  o: number,
  length: number,
  dr: number,
  di: number,
  rotation: Float64Array,
): void {
  for (let kx = 0; kx < length; kx++) {
    const ar = spectrum[o + 2 * kx];
    const ai = spectrum[o + 2 * kx + 1];
    const cr = rotation[2 * kx];
    const ci = rotation[2 * kx + 1];
    spectrum[o + 2 * kx] = ar * cr + ai * ci + dr;
    spectrum[o + 2 * kx + 1] = ai * cr - ar * ci + di;
  }
}
