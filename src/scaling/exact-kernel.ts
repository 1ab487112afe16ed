/**
 * The exact engine's inner loop (spec §6): for every listed voxel, the octant amplitude profiles of the EM and
 * reference windows centred on it, the scale factors of the rule, and the centre value of the rescaled EM window,
 * computed without an inverse transform as Σ_r k_r·b_r (window-tables.ts). Window spectra slide along x
 * (sliding-spectrum.ts). Single-threaded and pure: arrays in, values written into caller-owned arrays.
 */
import type { ShapeZyx } from '../core/vec.js';
import type { ScaleRule, WindowFit } from './scale-rules.js';
import { SlidingSpectrum } from './sliding-spectrum.js';
import { windowTables } from './window-tables.js';
import type { VoxelRows } from './voxel-list.js';

export interface ScalingMaps {
  readonly em: Float32Array;
  /** Null for rules that need no reference. */
  readonly reference: Float32Array | null;
  readonly shapeZyx: ShapeZyx;
  readonly wn: number;
}

export interface ScalingOutputs {
  /** Rescaled value of each listed voxel, at its flat index (others untouched); float64 for exactness tests. */
  readonly value: Float32Array | Float64Array;
  /** Optional per-voxel local B (Å²) and fit quality R², at the same indices. */
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
}

/** A window re-anchors (full 3-D transform) after this many slides, bounding rounding drift. */
const MAX_SLIDES = 64;
/** Gaps in a row up to this many voxels are crossed by sliding; longer gaps re-anchor. */
const MAX_GAP = 6;

/** Scratch for one thread's windows of size wn. */
export class ExactKernel {
  private readonly em: SlidingSpectrum;
  private readonly ref: SlidingSpectrum | null;
  private readonly emProfile: Float64Array;
  private readonly refProfile: Float64Array;
  private readonly factors: Float64Array;
  private readonly b: Float64Array;
  private readonly fit: WindowFit = { bFactorA2: NaN, qfit: NaN };

  constructor(
    private readonly maps: ScalingMaps,
    private readonly rule: ScaleRule,
  ) {
    const { wn } = maps;
    const h = wn / 2 + 1;
    this.em = new SlidingSpectrum(maps.em, maps.shapeZyx, wn, 'half');
    this.ref =
      rule.needsReference && maps.reference !== null
        ? new SlidingSpectrum(maps.reference, maps.shapeZyx, wn, 'octant')
        : null;
    this.emProfile = new Float64Array(h);
    this.refProfile = new Float64Array(h);
    this.factors = new Float64Array(h);
    this.b = new Float64Array(h);
  }

  /** Processes rows [rowBegin, rowEnd) of `rows`, writing into `out`. Returns the number of voxels done. */
  run(rows: VoxelRows, rowBegin: number, rowEnd: number, out: ScalingOutputs): number {
    const { wn, shapeZyx } = this.maps;
    const [, ny, nx] = shapeZyx;
    const half = wn / 2;
    let done = 0;
    for (let r = rowBegin; r < rowEnd; r++) {
      const begin = rows.rowStart[r];
      const end = rows.rowStart[r + 1];
      let prevX = -1;
      let slides = 0;
      for (let v = begin; v < end; v++) {
        const index = rows.voxels[v];
        const x = index % nx;
        const zy = (index - x) / nx;
        const y = zy % ny;
        const z = (zy - y) / ny;
        const gap = x - prevX;
        if (prevX < 0 || gap > MAX_GAP || slides + gap > MAX_SLIDES) {
          this.em.anchor(z - half, y - half, x - half);
          this.ref?.anchor(z - half, y - half, x - half);
          slides = 0;
        } else {
          for (let s = 0; s < gap; s++) {
            this.em.slide();
            this.ref?.slide();
          }
          slides += gap;
        }
        prevX = x;
        this.writeVoxel(index, out);
        done++;
      }
    }
    return done;
  }

  private writeVoxel(index: number, out: ScalingOutputs): void {
    const t = windowTables(this.maps.wn);
    const { emProfile, refProfile, factors, b, fit } = this;
    octantProfile(
      this.em.spectrum,
      this.em.rows,
      t.nBins,
      this.maps.wn,
      t.octantBin,
      t.invBinCount,
      emProfile,
    );
    if (this.ref !== null) {
      octantProfile(
        this.ref.spectrum,
        this.ref.rows,
        t.nBins,
        this.maps.wn,
        t.octantBin,
        t.invBinCount,
        refProfile,
      );
    }
    this.rule.compute(emProfile, this.ref !== null ? refProfile : null, factors, fit);
    b.fill(0);
    const spectrum = this.em.spectrum;
    const { lo, loWeight, hiWeight } = t;
    for (let e = 0, n = lo.length; e < n; e++) {
      const re = spectrum[2 * e];
      const l = lo[e];
      b[l] += loWeight[e] * re;
      b[l + 1 < t.nBins ? l + 1 : l] += hiWeight[e] * re;
    }
    let centre = 0;
    for (let i = 0; i < t.nBins; i++) centre += factors[i] * b[i];
    out.value[index] = centre;
    if (out.bFactor !== null) out.bFactor[index] = fit.bFactorA2;
    if (out.qfit !== null) out.qfit[index] = fit.qfit;
  }
}

/**
 * Octant radial profile (spec §6.3) from a window spectrum stored with `rows` rows along kz and ky
 * (wn for a half spectrum, wn/2 + 1 for an octant block): mean of |F|·wn^(−3/2) per bin ⌊√(kz² + ky² + kx²)⌋.
 */
function octantProfile(
  spectrum: Float64Array,
  rows: number,
  h: number,
  wn: number,
  octantBin: Int32Array,
  invBinCount: Float64Array,
  out: Float64Array,
): void {
  out.fill(0);
  let o = 0;
  for (let kz = 0; kz < h; kz++)
    for (let ky = 0; ky < h; ky++) {
      let s = 2 * (kz * rows + ky) * h;
      for (let kx = 0; kx < h; kx++, o++, s += 2) {
        const bin = octantBin[o];
        if (bin < h) out[bin] += Math.sqrt(spectrum[s] * spectrum[s] + spectrum[s + 1] * spectrum[s + 1]);
      }
    }
  const ortho = 1 / Math.sqrt(wn * wn * wn);
  for (let r = 0; r < h; r++) out[r] *= ortho * invBinCount[r];
}
