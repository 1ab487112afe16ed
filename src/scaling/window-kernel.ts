/**
 * The per-window work of local scaling (spec §6), shared by both engines. For every listed voxel: the octant
 * amplitude profiles of the EM and reference windows centred on it (spec §6.3), the scale factors of the
 * voxel's rule, and either
 * - 'value' mode (exact engine): the centre value of the rescaled EM window, Σ_r k_r·b_r without an inverse
 *   transform (spec §6.4, window-tables.ts), or
 * - 'factors' mode (fast engine): the scale factors themselves, of every rule, for later interpolation.
 * Window spectra slide along x (sliding-spectrum.ts). Single-threaded and pure: arrays in, caller-owned arrays out.
 */
import type { ShapeZyx } from '../core/vec.js';
import type { ScaleRule, WindowFit } from './scale-rules.js';
import { SlidingSpectrum } from './sliding-spectrum.js';
import { windowTables } from './window-tables.js';
import type { WindowTables } from './window-tables.js';
import type { VoxelRows } from './voxel-list.js';

export interface ScalingMaps {
  readonly em: Float32Array;
  /** Null when no rule needs a reference. */
  readonly reference: Float32Array | null;
  readonly shapeZyx: ShapeZyx;
  readonly wn: number;
}

/** 'value' mode outputs, indexed by the voxel's flat index in the map. */
export interface ValueSink {
  readonly kind: 'value';
  /** Rescaled value (float64 for exactness tests). */
  readonly value: Float32Array | Float64Array;
  /** Optional local B (Å²) and fit quality R². */
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
}

/** 'factors' mode outputs, indexed by the voxel's position v in `rows.voxels`. */
export interface FactorSink {
  readonly kind: 'factors';
  /** factors[(v·ruleCount + rule)·nBins + r]. */
  readonly factors: Float64Array;
  /** Optional local B and R² per (v, rule): bFactor[v·ruleCount + rule]. */
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
}

/** A window re-anchors (full 3-D transform) after this many slides, bounding rounding drift. */
const MAX_SLIDES = 64;
/**
 * Gaps in a row up to this many voxels are crossed by sliding; longer gaps re-anchor. One slide of a half
 * spectrum ('value' mode) costs about a sixth of an anchor, one slide of an octant block about a twentieth
 * (measured at wn = 22–28), hence the two limits.
 */
const MAX_GAP = { value: 6, factors: 20 } as const;

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
  private readonly maxGap: number;

  /**
   * @param rules the scale-factor rules; in 'value' mode `ruleOf[flat index]` picks each voxel's rule (rule 0 when
   *   `ruleOf` is null); in 'factors' mode every rule is evaluated.
   */
  constructor(
    private readonly maps: ScalingMaps,
    private readonly rules: readonly ScaleRule[],
    private readonly ruleOf: Uint8Array | null,
    mode: 'value' | 'factors',
  ) {
    this.maxGap = MAX_GAP[mode];
    const { wn } = maps;
    this.tables = windowTables(wn);
    const h = this.tables.nBins;
    // the centre value needs the whole half spectrum; profiles need only the octant
    this.em = new SlidingSpectrum(maps.em, maps.shapeZyx, wn, mode === 'value' ? 'half' : 'octant');
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

  /** Processes rows [rowBegin, rowEnd) of `rows` into `sink`. Returns the number of voxels done. */
  run(rows: VoxelRows, rowBegin: number, rowEnd: number, sink: ValueSink | FactorSink): number {
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
        if (prevX < 0 || gap > this.maxGap || slides + gap > MAX_SLIDES) {
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
        this.profiles();
        if (sink.kind === 'value') this.writeValue(index, sink);
        else this.writeFactors(v, sink);
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

  private writeValue(index: number, sink: ValueSink): void {
    const { factors, b, fit, tables: t } = this;
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

  private writeFactors(v: number, sink: FactorSink): void {
    const { factors, fit } = this;
    const nBins = this.tables.nBins;
    const ruleCount = this.rules.length;
    for (let k = 0; k < ruleCount; k++) {
      this.rules[k].compute(this.emProfile, this.ref !== null ? this.refProfile : null, factors, fit);
      sink.factors.set(factors, (v * ruleCount + k) * nBins);
      if (sink.bFactor !== null) sink.bFactor[v * ruleCount + k] = fit.bFactorA2;
      if (sink.qfit !== null) sink.qfit[v * ruleCount + k] = fit.qfit;
    }
  }
}

/**
 * Octant radial profile (spec §6.3) from a window spectrum stored with `rows` rows along kz and ky
 * (wn for a half spectrum, wn/2 + 1 for an octant block): mean of |F|·wn^(−3/2) per bin ⌊√(kz² + ky² + kx²)⌋.
 */
function octantProfile(spectrum: Float64Array, rows: number, t: WindowTables, out: Float64Array): void {
  const h = t.nBins;
  const { octantBin, invBinCount } = t;
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
  const ortho = 1 / Math.sqrt(t.wn * t.wn * t.wn);
  for (let r = 0; r < h; r++) out[r] *= ortho * invBinCount[r];
}
