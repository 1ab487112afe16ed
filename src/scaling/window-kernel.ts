/**
 * The exact engine's per-window work (spec §6). For every listed voxel: the octant amplitude profiles of the EM
 * and reference windows centred on it (spec §6.3), the scale factors of the voxel's rule, and the centre value of
 * the rescaled EM window, Σ_r k_r·b_r without an inverse transform (spec §6.4, window-tables.ts). Window spectra
 * slide along x and y (sliding-spectrum.ts). Single-threaded and pure: arrays in, caller-owned arrays out.
 */
import type { ShapeZyx } from '../core/vec.js';
import type { ScaleRule, WindowFit } from './scale-rules.js';
import { SlidingSpectrum } from './sliding-spectrum.js';
import { windowTables } from './window-tables.js';
import type { WindowTables } from './window-tables.js';
import type { VoxelRows } from './voxel-list.js';
import { rowAt } from './voxel-list.js';

export interface ScalingMaps {
  readonly em: Float32Array;
  /** Null when no rule needs a reference. */
  readonly reference: Float32Array | null;
  readonly shapeZyx: ShapeZyx;
  readonly wn: number;
}

/** Outputs, indexed by the voxel's flat index in the map. */
export interface ValueSink {
  readonly kind: 'value';
  /** Rescaled value (float64 for exactness tests). */
  readonly value: Float32Array | Float64Array;
  /** Optional local B (Å²) and fit quality R². */
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
}

/** A window re-anchors (full 3-D transform) after this many slides, bounding rounding drift. */
const MAX_SLIDES = 256;
/**
 * Moves of up to this many slides (a gap in a row, or the step to the next row) are made by sliding; longer ones
 * re-anchor. One slide of a half spectrum costs about a sixth of an anchor (measured at wn = 22–28).
 */
const MAX_MOVE = 6;

/** Scratch for one thread's windows of size wn. */
export class WindowKernel {
  private readonly tables: WindowTables;
  private readonly em: SlidingSpectrum;
  private readonly ref: SlidingSpectrum | null;
  private readonly emProfile: Float64Array;
  private readonly refProfile: Float64Array;
  private readonly factors: Float64Array;
  private readonly b: Float64Array;
  private readonly fit: WindowFit = { bFactorA2: NaN, qfit: NaN };

  /**
   * @param rules the scale-factor rules; `ruleOf[flat index]` picks each voxel's rule (rule 0 when `ruleOf` is
   *   null).
   */
  constructor(
    private readonly maps: ScalingMaps,
    private readonly rules: readonly ScaleRule[],
    private readonly ruleOf: Uint8Array | null,
    private readonly sink: ValueSink,
  ) {
    const { wn } = maps;
    this.tables = windowTables(wn);
    const h = this.tables.nBins;
    // the centre value needs the whole half spectrum; profiles need only the octant
    this.em = new SlidingSpectrum(maps.em, maps.shapeZyx, wn, 'half');
    const needsReference = rules.some((r) => r.needsReference);
    this.ref =
      needsReference && maps.reference !== null
        ? new SlidingSpectrum(maps.reference, maps.shapeZyx, wn, 'octant')
        : null;
    this.emProfile = new Float64Array(h);
    this.refProfile = new Float64Array(h);
    this.factors = new Float64Array(h);
    this.b = new Float64Array(h);
  }

  /**
   * Processes rows [rowBegin, rowEnd) of `rows` into the sink. Returns the number of voxels done.
   *
   * The window snakes through the rows: a row that follows the previous one in the same z plane, a few voxels
   * further along y, is entered from the end where the previous row left off (slides along y, then along x) and
   * walked in the opposite direction, so that most rows need no anchor. What is anchored where depends only on
   * the rows given, so a chunk of rows gives the same results on any thread.
   */
  run(rows: VoxelRows, rowBegin: number, rowEnd: number): number {
    const [, ny, nx] = this.maps.shapeZyx;
    const half = this.maps.wn / 2;
    // the window's centre, and slides since the last anchor (Infinity: no window yet)
    let cz = -1;
    let cy = -1;
    let cx = -1;
    let slides = Infinity;
    let direction: 1 | -1 = 1;
    const anchor = (z: number, y: number, x: number) => {
      this.em.anchor(z - half, y - half, x - half);
      this.ref?.anchor(z - half, y - half, x - half);
      cz = z;
      cy = y;
      cx = x;
      slides = 0;
    };
    const slideX = (step: 1 | -1, count: number) => {
      for (let s = 0; s < count; s++) {
        this.em.slideX(step);
        this.ref?.slideX(step);
      }
      cx += step * count;
      slides += count;
    };
    let done = 0;
    for (let r = rowBegin; r < rowEnd; r++) {
      const { begin, end, z, y } = rowAt(rows, r, ny, nx);
      // the snake: after a row walked forwards, enter this one at its far end and walk it backwards, and vice
      // versa; slide there when that is cheaper than an anchor
      const entryX = rows.voxels[direction === 1 ? end - 1 : begin] % nx;
      const dy = y - cy;
      const move = dy + Math.abs(entryX - cx);
      if (z === cz && dy > 0 && move <= MAX_MOVE && slides + move <= MAX_SLIDES) {
        for (let s = 0; s < dy; s++) {
          this.em.slideY();
          this.ref?.slideY();
        }
        cy = y;
        slides += dy;
        direction = direction === 1 ? -1 : 1;
      } else {
        direction = 1;
        slides = Infinity; // anchors at the row's first voxel
      }
      for (let i = 0; i < end - begin; i++) {
        const v = direction === 1 ? begin + i : end - 1 - i;
        const index = rows.voxels[v];
        const x = index % nx;
        const gap = Math.abs(x - cx);
        if (gap > MAX_MOVE || slides + gap > MAX_SLIDES) anchor(z, y, x);
        else slideX(x > cx ? 1 : -1, gap);
        this.profiles();
        this.writeValue(index);
        done++;
      }
    }
    return done;
  }

  private profiles(): void {
    const t = this.tables;
    octantProfile(this.em.spectrum, this.em.rows, t, this.emProfile);
    if (this.ref !== null) octantProfile(this.ref.spectrum, this.ref.rows, t, this.refProfile);
  }

  private writeValue(index: number): void {
    const { factors, b, fit, sink, tables: t } = this;
    const rule = this.rules[this.ruleOf === null ? 0 : this.ruleOf[index]];
    rule.compute(this.emProfile, this.ref !== null ? this.refProfile : null, factors, fit);
    b.fill(0);
    const spectrum = this.em.spectrum;
    const { lo, loWeight, hiWeight, nBins } = t;
    for (let e = 0, n = lo.length; e < n; e++) {
      const re = spectrum[2 * e];
      const l = lo[e];
      b[l] += loWeight[e] * re;
      b[l + 1 < nBins ? l + 1 : l] += hiWeight[e] * re;
    }
    let centre = 0;
    for (let i = 0; i < nBins; i++) centre += factors[i] * b[i];
    sink.value[index] = centre;
    if (sink.bFactor !== null) sink.bFactor[index] = fit.bFactorA2;
    if (sink.qfit !== null) sink.qfit[index] = fit.qfit;
  }
}

/**
 * Octant radial profile (spec §6.3) from a window spectrum stored with `rows` rows along kz and ky
 * (wn for a half spectrum, wn/2 + 1 for an octant block): mean of |F|·wn^(−3/2) per bin ⌊√(kz² + ky² + kx²)⌋.
 */
export function octantProfile(
  spectrum: Float64Array,
  rows: number,
  t: WindowTables,
  out: Float64Array,
): void {
  const h = t.nBins;
  const { octantBin, invBinCount, profileRowLength } = t;
  out.fill(0);
  for (let kz = 0; kz < h; kz++)
    for (let ky = 0; ky < h; ky++) {
      const length = profileRowLength[kz * h + ky];
      const o = (kz * h + ky) * h;
      const s = 2 * (kz * rows + ky) * h;
      for (let kx = 0; kx < length; kx++) {
        const re = spectrum[s + 2 * kx];
        const im = spectrum[s + 2 * kx + 1];
        out[octantBin[o + kx]] += Math.sqrt(re * re + im * im);
      }
    }
  const ortho = 1 / Math.sqrt(t.wn * t.wn * t.wn);
  for (let r = 0; r < h; r++) out[r] *= ortho * invBinCount[r];
}
