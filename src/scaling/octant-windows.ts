/**
 * Octant radial profiles (spec §6.3) of two maps' windows on the rows of a coarse grid, by three one-dimensional
 * sliding DFTs instead of a 2-D plane transform per step (the fast engine's first phase; architecture.md, "how
 * windows move").
 *
 * The profile reads only the window spectrum's (+,+,+) octant inside the sphere kz² + ky² + kx² < (wn/2 + 1)²,
 * F(kz, ky, kx) = Σ_{z,y,x} W[z][y][x]·ω^(kz·z + ky·y + kx·x), ω = e^(−2πi/wn). The sums separate:
 *
 *     A(kz; y, x)   = Σ_z M[z₀ + z][y][x]·ω^(kz·z)       per map column (y, x), for the plane of windows z₀
 *     B(kz, ky; x)  = Σ_y A(kz; y₀ + y, x)·ω^(ky·y)      per column x, for the row of windows (z₀, y₀)
 *     F(kz, ky, kx) = Σ_x B(kz, ky; x₀ + x)·ω^(kx·x)     the window (z₀, y₀, x₀)
 *
 * and each stage slides like the window itself: moving its start by one voxel gives S′ = ω^(−k)·(S + in − out),
 * the value entering minus the value leaving (sliding-spectrum.ts). A is kept per column and slid from the previous
 * plane, B per column x and slid from the previous row, F from the previous window of the row. A step along x then
 * costs one complex update of each element inside the sphere (2 022 at wn = 28) and its magnitude, against a
 * wn × wn plane transform, its gather and the same update in sliding-spectrum.ts; a row costs, per column x, one
 * update of each (kz, ky) pair (189) per step along y. Stages start afresh (one-dimensional transforms) where
 * nothing valid is near, so results depend only on the rows given and their order, never on the thread.
 *
 * The two maps (EM and reference) share every loop: they are stored side by side, [element][map] complex, and use
 * the same indices and rotations. Coordinates are window starts (the centre minus wn/2).
 */
import type { ShapeZyx } from '../core/vec.js';
import { complexFftPlan1d } from '../fft/index.js';
import type { ComplexFftPlan1d } from '../fft/index.js';
import { windowTables } from './window-tables.js';
import type { WindowTables } from './window-tables.js';

/** A and B slide over gaps of up to this many voxels, F over up to MAX_X_SLIDE; longer gaps start afresh. */
const MAX_STAGE_SLIDE = 4;
const MAX_X_SLIDE = 16;
/** The window re-anchors after this many slides, bounding rounding drift. */
const MAX_SLIDES = 256;
/** "No position yet": every gap from it is too long to slide (a small integer, so coordinates stay integers). */
const NONE = -(1 << 29);
/** Columns made afresh per batch of one-dimensional transforms along z. */
const FRESH_BATCH = 64;

/** The octant's (kz, ky) pairs that reach inside the sphere, and their elements: tables of the window size. */
export interface OctantLayout {
  readonly wn: number;
  readonly nBins: number;
  /** Per pair, ordered by kz then ky = 0, 1, …: kz, ky, how many kx lie inside the sphere, first element. */
  readonly pairKz: Int32Array;
  readonly pairKy: Int32Array;
  readonly pairLength: Int32Array;
  readonly pairOffset: Int32Array;
  /**
   * Per element (pair by pair, kx = 0 … pairLength − 1): its profile bin; where its difference lies in a step along
   * x ([pair][map]) or y ([kz][kx][map]), ×4; and its rotations ω^(−kx) (+x), ω^(kx) (−x), ω^(−ky) (+y), interleaved.
   */
  readonly elementBin: Int32Array;
  readonly elementPair4: Int32Array;
  readonly elementKzKx4: Int32Array;
  readonly elementRotationX: Float64Array;
  readonly elementRotationBackX: Float64Array;
  readonly elementRotationY: Float64Array;
  /** ω^(−kz), kz < nBins (A), and per pair ω^(−ky) (B), interleaved. */
  readonly rotation: Float64Array;
  readonly pairRotation: Float64Array;
  readonly tables: WindowTables;
}

const layouts = new Map<number, OctantLayout>();

export function octantLayout(wn: number): OctantLayout {
  const cached = layouts.get(wn);
  if (cached) return cached;
  const tables = windowTables(wn);
  const h = tables.nBins;
  const kz: number[] = [];
  const ky: number[] = [];
  const length: number[] = [];
  for (let z = 0; z < h; z++)
    for (let y = 0; y < h; y++) {
      const l = tables.profileRowLength[z * h + y];
      if (l === 0) break; // the rows of one kz that reach the sphere are ky = 0 … up to its edge
      kz.push(z);
      ky.push(y);
      length.push(l);
    }
  const pairs = kz.length;
  const pairLength = Int32Array.from(length);
  const pairOffset = new Int32Array(pairs + 1);
  for (let p = 0; p < pairs; p++) pairOffset[p + 1] = pairOffset[p] + pairLength[p];
  const elements = pairOffset[pairs];
  // ω^(−k) = e^(+2πi·k/wn), interleaved
  const rotationOf = (k: number, out: Float64Array, at: number) => {
    out[at] = Math.cos((2 * Math.PI * k) / wn);
    out[at + 1] = Math.sin((2 * Math.PI * k) / wn);
  };
  const elementBin = new Int32Array(elements);
  const elementPair4 = new Int32Array(elements);
  const elementKzKx4 = new Int32Array(elements);
  const elementRotationX = new Float64Array(2 * elements);
  const elementRotationBackX = new Float64Array(2 * elements);
  const elementRotationY = new Float64Array(2 * elements);
  for (let p = 0; p < pairs; p++)
    for (let kx = 0; kx < pairLength[p]; kx++) {
      const e = pairOffset[p] + kx;
      elementBin[e] = tables.octantBin[(kz[p] * h + ky[p]) * h + kx];
      elementPair4[e] = 4 * p;
      elementKzKx4[e] = 4 * (kz[p] * h + kx);
      rotationOf(kx, elementRotationX, 2 * e);
      rotationOf(wn - kx, elementRotationBackX, 2 * e);
      rotationOf(ky[p], elementRotationY, 2 * e);
    }
  const rotation = new Float64Array(2 * h);
  for (let k = 0; k < h; k++) rotationOf(k, rotation, 2 * k);
  const pairRotation = new Float64Array(2 * pairs);
  for (let p = 0; p < pairs; p++) rotationOf(ky[p], pairRotation, 2 * p);
  const layout = {
    wn,
    nBins: h,
    pairKz: Int32Array.from(kz),
    pairKy: Int32Array.from(ky),
    pairLength,
    pairOffset,
    elementBin,
    elementPair4,
    elementKzKx4,
    elementRotationX,
    elementRotationBackX,
    elementRotationY,
    rotation,
    pairRotation,
    tables,
  };
  layouts.set(wn, layout);
  return layout;
}

/**
 * The three stages for two maps on the same grid. Call `plane`, then `row` for each row of the plane (increasing
 * y₀), then `moveTo` for each window of the row in the direction `row` returned; `profile` reads the current
 * window's profile of either map. `reset` forgets everything (what follows is computed as on a fresh object).
 *
 * The window snakes through the rows of a plane as in the exact engine (window-kernel.ts): a row is entered from
 * the window the previous row ended on, by slides along y (from A) and then along x, when that is near, and walked
 * towards its other end; else the row starts with an anchor (transforms of B along x) at its first window.
 */
export class OctantWindows {
  private readonly layout: OctantLayout;
  private readonly ny: number;
  private readonly nx: number;
  private readonly planeStride: number;
  /** A per map column c = y·nx + x: [c][kz][map] complex, and the plane z₀ each column holds. */
  private readonly a: Float64Array;
  private readonly aPlane: Int32Array;
  /** B per column x: [x][pair][map] complex, and the row y₀ each column holds in the current plane. */
  private readonly b: Float64Array;
  private readonly bRow: Int32Array;
  /** F of the current window, [element][map] complex, and Σ|F| per [bin][map]. */
  private readonly f: Float64Array;
  private readonly sums: Float64Array;
  /** Scratch: one step's entering minus leaving values of A ([kz][map]), B ([pair][map]) or, along y, of the
   * window's transform along x ([kz][kx][map]). */
  private readonly d: Float64Array;
  /** Scratch for the one-dimensional transforms of length wn, and the columns waiting for them. */
  private readonly linePlan: ComplexFftPlan1d;
  private readonly lines: Float64Array;
  private readonly fresh: Int32Array;
  private freshCount = 0;
  /** The current plane and row, and the current window's start (its row fy0, which may still be the last one). */
  private z0 = NONE;
  private y0 = NONE;
  private fy0 = NONE;
  private fx0 = NONE;
  /** Slides since the window's last anchor. */
  private slides = 0;

  constructor(
    private readonly map0: Float32Array,
    private readonly map1: Float32Array,
    shapeZyx: ShapeZyx,
    wn: number,
  ) {
    this.layout = octantLayout(wn);
    [, this.ny, this.nx] = shapeZyx;
    this.planeStride = this.ny * this.nx;
    const h = this.layout.nBins;
    const pairs = this.layout.pairKz.length;
    this.a = new Float64Array(4 * h * this.planeStride);
    this.aPlane = new Int32Array(this.planeStride);
    this.b = new Float64Array(4 * pairs * this.nx);
    this.bRow = new Int32Array(this.nx);
    this.f = new Float64Array(4 * this.layout.elementBin.length);
    this.sums = new Float64Array(2 * h);
    this.d = new Float64Array(4 * Math.max(2 * pairs, h * h, MAX_STAGE_SLIDE * h));
    this.linePlan = complexFftPlan1d(wn);
    this.lines = new Float64Array(2 * wn * Math.max(2 * pairs, FRESH_BATCH));
    this.fresh = new Int32Array(FRESH_BATCH);
    this.reset();
  }

  reset(): void {
    this.aPlane.fill(NONE);
    this.bRow.fill(NONE);
    this.z0 = NONE;
    this.y0 = NONE;
    this.fy0 = NONE;
    this.fx0 = NONE;
  }

  /** Starts the plane of windows z₀ (increasing from one call to the next). */
  plane(z0: number): void {
    this.z0 = z0;
    this.y0 = NONE;
    this.fy0 = NONE;
    this.bRow.fill(NONE);
  }

  /**
   * Starts the row y₀ of the current plane (increasing) whose windows start at xFirst … xLast, puts the window at
   * one end of it and returns the direction its windows are to be visited in: 1 from xFirst up, −1 from xLast down.
   */
  row(y0: number, xFirst: number, xLast: number): 1 | -1 {
    const wn = this.layout.wn;
    const { bRow, fx0 } = this;
    // the snake: enter at the end nearer the window, if it is near
    const dy = y0 - this.fy0;
    const entryX = Math.abs(xLast - fx0) < Math.abs(xFirst - fx0) ? xLast : xFirst;
    const move = Math.abs(entryX - fx0);
    const snake = dy <= MAX_STAGE_SLIDE && move <= MAX_X_SLIDE && this.slides + dy + move <= MAX_SLIDES;
    const xBegin = snake ? Math.min(xFirst, fx0) : xFirst;
    const xEnd = (snake ? Math.max(xLast, fx0) : xLast) + wn;
    this.y0 = y0;
    // B of a column slides from its row (reading A on the rows that leave and enter) or starts afresh (rows y₀ …);
    // the window's slides along y read A on the same rows
    let yFrom = y0;
    for (let x = xBegin; x < xEnd; x++) if (y0 - bRow[x] <= MAX_STAGE_SLIDE) yFrom = Math.min(yFrom, bRow[x]);
    this.ensureA(yFrom, y0 + wn, xBegin, xEnd);
    for (let x = xBegin; x < xEnd; x++) {
      const gap = y0 - bRow[x];
      if (gap === 0) continue;
      if (gap <= MAX_STAGE_SLIDE) this.slideB(x, gap);
      else this.freshB(x);
      bRow[x] = y0;
    }
    if (!snake) {
      this.anchor(xFirst);
      return 1;
    }
    while (this.fy0 < y0) this.slideY(move === 0 && this.fy0 === y0 - 1);
    this.slides += dy;
    this.moveTo(entryX);
    return entryX === xFirst ? 1 : -1;
  }

  /** Moves the window along the current row to start at x₀: by slides when near enough, else by an anchor. */
  moveTo(x0: number): void {
    const gap = x0 - this.fx0;
    const steps = Math.abs(gap);
    if (steps > MAX_X_SLIDE || this.slides + steps > MAX_SLIDES) {
      this.anchor(x0);
      return;
    }
    for (let s = 0; s < steps; s += 2) this.slideX(gap > 0, Math.min(2, steps - s));
    this.slides += steps;
  }

  /** The current window's octant profile of map 0 or 1: mean |F|·wn^(−3/2) per bin, into `out`. */
  profile(which: 0 | 1, out: Float64Array): void {
    const t = this.layout.tables;
    const ortho = 1 / Math.sqrt(t.wn * t.wn * t.wn);
    for (let r = 0; r < t.nBins; r++) out[r] = this.sums[2 * r + which] * ortho * t.invBinCount[r];
  }

  /** Makes the window starting at x₀ of the current row current: transforms along x of its B. */
  private anchor(x0: number): void {
    const { wn, pairLength, pairOffset } = this.layout;
    const { b, lines, f } = this;
    const pairs = pairLength.length;
    // line (pair, map) holds B(pair, map; x₀ + x), x < wn
    for (let x = 0; x < wn; x++)
      for (let p = 0, src = 4 * pairs * (x0 + x); p < pairs; p++, src += 4) {
        const l = 2 * (2 * p * wn + x);
        lines[l] = b[src];
        lines[l + 1] = b[src + 1];
        lines[l + 2 * wn] = b[src + 2];
        lines[l + 2 * wn + 1] = b[src + 3];
      }
    // numpy's forward transform: Σ_x B(x)·e^(−2πi·kx·x/wn) = Σ_x B(x)·ω^(kx·x)
    this.transformLines(2 * pairs);
    for (let p = 0; p < pairs; p++)
      for (let kx = 0; kx < pairLength[p]; kx++) {
        const e = 4 * (pairOffset[p] + kx);
        const l = 2 * (2 * p * wn + kx);
        f[e] = lines[l];
        f[e + 1] = lines[l + 1];
        f[e + 2] = lines[l + 2 * wn];
        f[e + 3] = lines[l + 2 * wn + 1];
      }
    this.fy0 = this.y0;
    this.fx0 = x0;
    this.slides = 0;
    this.sumMagnitudes();
  }

  /** Makes A hold the current plane on rows [yBegin, yEnd) × columns [xBegin, xEnd): slid there or afresh. */
  private ensureA(yBegin: number, yEnd: number, xBegin: number, xEnd: number): void {
    const { aPlane, z0, fresh } = this;
    for (let y = yBegin; y < yEnd; y++)
      for (let col = y * this.nx + xBegin, end = y * this.nx + xEnd; col < end; col++) {
        const gap = z0 - aPlane[col];
        if (gap === 0) continue;
        aPlane[col] = z0;
        if (gap <= MAX_STAGE_SLIDE) this.slideA(col, gap);
        else {
          fresh[this.freshCount++] = col;
          if (this.freshCount === FRESH_BATCH) this.freshA();
        }
      }
    this.freshA();
  }

  /**
   * A of the waiting columns by transforms along z: map 0 + i·map 1 in one complex transform C, then
   * A₀(k) = (C(k) + conj C(−k))/2 and A₁(k) = (C(k) − conj C(−k))/(2i) (both maps are real).
   */
  private freshA(): void {
    const { wn, nBins } = this.layout;
    const { a, lines, fresh, map0, map1, planeStride } = this;
    const count = this.freshCount;
    for (let i = 0; i < count; i++)
      for (
        let z = 0, src = this.z0 * planeStride + fresh[i], l = 2 * wn * i;
        z < wn;
        z++, src += planeStride
      ) {
        lines[l + 2 * z] = map0[src];
        lines[l + 2 * z + 1] = map1[src];
      }
    this.transformLines(count);
    for (let i = 0; i < count; i++) {
      const l = 2 * wn * i;
      const o = 4 * nBins * fresh[i];
      for (let k = 0; k < nBins; k++) {
        const cr = lines[l + 2 * k];
        const ci = lines[l + 2 * k + 1];
        const m = (wn - k) % wn;
        const mr = lines[l + 2 * m];
        const mi = lines[l + 2 * m + 1];
        a[o + 4 * k] = (cr + mr) / 2;
        a[o + 4 * k + 1] = (ci - mi) / 2;
        a[o + 4 * k + 2] = (ci + mi) / 2;
        a[o + 4 * k + 3] = (mr - cr) / 2;
      }
    }
    this.freshCount = 0;
  }

  /** Slides A of a column from the plane z₀ − gap to z₀: A ← ω^(−kz)·(A + in − out) per step. */
  private slideA(col: number, gap: number): void {
    const { wn, nBins, rotation } = this.layout;
    const { a, map0, map1, planeStride } = this;
    const o = 4 * nBins * col;
    for (let z = this.z0 - gap; z < this.z0; z++) {
      const enter = (z + wn) * planeStride + col;
      const leave = z * planeStride + col;
      const d0 = map0[enter] - map0[leave];
      const d1 = map1[enter] - map1[leave];
      for (let k = 0; k < nBins; k++) {
        const cr = rotation[2 * k];
        const ci = rotation[2 * k + 1];
        const q = o + 4 * k;
        const ar = a[q] + d0;
        const ai = a[q + 1];
        const br = a[q + 2] + d1;
        const bi = a[q + 3];
        a[q] = ar * cr - ai * ci;
        a[q + 1] = ar * ci + ai * cr;
        a[q + 2] = br * cr - bi * ci;
        a[q + 3] = br * ci + bi * cr;
      }
    }
  }

  /** B(kz, ky; x) = Σ_y A(kz; y₀ + y, x)·ω^(ky·y) for the current row, by transforms along y. */
  private freshB(x: number): void {
    const { wn, nBins, pairKz, pairKy } = this.layout;
    const { a, b, lines } = this;
    // line (kz, map) holds A(kz, map; y₀ + y, x), y < wn
    for (let y = 0; y < wn; y++) {
      const c = 4 * nBins * ((this.y0 + y) * this.nx + x);
      for (let k = 0; k < nBins; k++) {
        const l = 2 * (2 * k * wn + y);
        lines[l] = a[c + 4 * k];
        lines[l + 1] = a[c + 4 * k + 1];
        lines[l + 2 * wn] = a[c + 4 * k + 2];
        lines[l + 2 * wn + 1] = a[c + 4 * k + 3];
      }
    }
    this.transformLines(2 * nBins);
    for (let p = 0, o = 4 * pairKz.length * x; p < pairKz.length; p++, o += 4) {
      const l = 2 * (2 * pairKz[p] * wn + pairKy[p]);
      b[o] = lines[l];
      b[o + 1] = lines[l + 1];
      b[o + 2] = lines[l + 2 * wn];
      b[o + 3] = lines[l + 2 * wn + 1];
    }
  }

  /** Slides B of column x by `gap` rows to the current row: B ← ω^(−ky)·(B + A(in) − A(out)) per step. */
  private slideB(x: number, gap: number): void {
    const { wn, nBins, pairKz, pairRotation } = this.layout;
    const { a, b, d } = this;
    const h4 = 4 * nBins;
    // the steps' differences, [step][kz][map]
    for (let s = 0; s < gap; s++) {
      const leave = h4 * ((this.y0 - gap + s) * this.nx + x);
      const enter = leave + wn * h4 * this.nx;
      for (let k = 0; k < h4; k++) d[s * h4 + k] = a[enter + k] - a[leave + k];
    }
    for (let p = 0, q = 4 * pairKz.length * x; p < pairKz.length; p++, q += 4) {
      const cr = pairRotation[2 * p];
      const ci = pairRotation[2 * p + 1];
      let ar = b[q];
      let ai = b[q + 1];
      let br = b[q + 2];
      let bi = b[q + 3];
      for (let t = 4 * pairKz[p], end = t + gap * h4; t < end; t += h4) {
        const sr = ar + d[t];
        const si = ai + d[t + 1];
        const ur = br + d[t + 2];
        const ui = bi + d[t + 3];
        ar = sr * cr - si * ci;
        ai = sr * ci + si * cr;
        br = ur * cr - ui * ci;
        bi = ur * ci + ui * cr;
      }
      b[q] = ar;
      b[q + 1] = ai;
      b[q + 2] = br;
      b[q + 3] = bi;
    }
  }

  /**
   * One slide of the window along x, forwards (x₀ + 1: F ← ω^(−kx)·(F + B(x₀ + wn) − B(x₀))) or backwards
   * (x₀ − 1: F ← ω^(kx)·F + B(x₀ − 1) − B(x₀ + wn − 1)); `sum`: and the magnitudes' sums.
   */
  private slideX(forwards: boolean, steps: number): void {
    const { wn, pairKz, elementPair4, elementRotationX, elementRotationBackX } = this.layout;
    const { b, d } = this;
    const pairs4 = 4 * pairKz.length;
    for (let s = 0, x0 = this.fx0; s < steps; s++, x0 += forwards ? 1 : -1) {
      const enter = pairs4 * (forwards ? x0 + wn : x0 - 1);
      const leave = pairs4 * (forwards ? x0 : x0 + wn - 1);
      for (let p = 0; p < pairs4; p++) d[s * pairs4 + p] = b[enter + p] - b[leave + p];
    }
    if (forwards) this.update(elementPair4, elementRotationX, true, steps === 2, pairs4, true);
    else this.update(elementPair4, elementRotationBackX, false, steps === 2, pairs4, true);
    this.fx0 += forwards ? steps : -steps;
  }

  /**
   * One slide of the window along y (y₀ + 1): F ← ω^(−ky)·(F + C(kz, kx)), C the transform along x over the
   * window's columns of A on the row that enters minus the row that leaves.
   */
  private slideY(sum: boolean): void {
    const { wn, nBins, elementKzKx4, elementRotationY } = this.layout;
    const { a, d, lines } = this;
    const leave = 4 * nBins * (this.fy0 * this.nx + this.fx0);
    const enter = leave + 4 * nBins * wn * this.nx;
    // line (kz, map) holds the difference at x₀ + x, x < wn
    for (let x = 0; x < wn; x++)
      for (let k = 0, q = 4 * nBins * x; k < nBins; k++, q += 4) {
        const l = 2 * (2 * k * wn + x);
        lines[l] = a[enter + q] - a[leave + q];
        lines[l + 1] = a[enter + q + 1] - a[leave + q + 1];
        lines[l + 2 * wn] = a[enter + q + 2] - a[leave + q + 2];
        lines[l + 2 * wn + 1] = a[enter + q + 3] - a[leave + q + 3];
      }
    this.transformLines(2 * nBins);
    for (let k = 0; k < nBins; k++)
      for (let kx = 0; kx < nBins; kx++) {
        const l = 2 * (2 * k * wn + kx);
        const o = 4 * (k * nBins + kx);
        d[o] = lines[l];
        d[o + 1] = lines[l + 1];
        d[o + 2] = lines[l + 2 * wn];
        d[o + 3] = lines[l + 2 * wn + 1];
      }
    this.update(elementKzKx4, elementRotationY, true, false, 0, sum);
    this.fy0 += 1;
  }

  /**
   * F ← (F + d)·rotation (`addFirst`) or F·rotation + d, element by element, d[index[e]] the element's difference
   * for both maps; `sum`: the magnitudes' sums too. One flat loop over the elements, each reading its own index and
   * rotation, runs much faster under V8 than a loop per pair.
   */
  private update(
    index: Int32Array,
    rotation: Float64Array,
    addFirst: boolean,
    twice: boolean,
    stride: number,
    sum: boolean,
  ): void {
    const { f, d, sums } = this;
    const bins = this.layout.elementBin;
    if (sum) sums.fill(0);
    for (let e = 0, n = bins.length; e < n; e++) {
      const q = index[e];
      const cr = rotation[2 * e];
      const ci = rotation[2 * e + 1];
      const o = 4 * e;
      let ar = f[o];
      let ai = f[o + 1];
      let br = f[o + 2];
      let bi = f[o + 3];
      if (addFirst) {
        ar += d[q];
        ai += d[q + 1];
        br += d[q + 2];
        bi += d[q + 3];
      }
      let nr = ar * cr - ai * ci;
      let ni = ar * ci + ai * cr;
      let mr = br * cr - bi * ci;
      let mi = br * ci + bi * cr;
      if (!addFirst) {
        nr += d[q];
        ni += d[q + 1];
        mr += d[q + 2];
        mi += d[q + 3];
      }
      if (twice) {
        const t = q + stride;
        if (addFirst) {
          nr += d[t];
          ni += d[t + 1];
          mr += d[t + 2];
          mi += d[t + 3];
        }
        const pr = nr * cr - ni * ci;
        ni = nr * ci + ni * cr;
        nr = pr;
        const sr = mr * cr - mi * ci;
        mi = mr * ci + mi * cr;
        mr = sr;
        if (!addFirst) {
          nr += d[t];
          ni += d[t + 1];
          mr += d[t + 2];
          mi += d[t + 3];
        }
      }
      f[o] = nr;
      f[o + 1] = ni;
      f[o + 2] = mr;
      f[o + 3] = mi;
      if (sum) {
        const s = 2 * bins[e];
        sums[s] += Math.sqrt(nr * nr + ni * ni);
        sums[s + 1] += Math.sqrt(mr * mr + mi * mi);
      }
    }
  }

  /** Forward transforms of the first `count` lines of `lines`, in place. */
  private transformLines(count: number): void {
    const view = this.lines.subarray(0, 2 * this.layout.wn * count);
    this.linePlan.forwardMany(view, view, count);
  }

  /** Σ|F| per bin and map of the current window. */
  private sumMagnitudes(): void {
    const { f, sums } = this;
    const bins = this.layout.elementBin;
    sums.fill(0);
    for (let e = 0; e < bins.length; e++) {
      const o = 4 * e;
      const s = 2 * bins[e];
      sums[s] += Math.sqrt(f[o] * f[o] + f[o + 1] * f[o + 1]);
      sums[s + 1] += Math.sqrt(f[o + 2] * f[o + 2] + f[o + 3] * f[o + 3]);
    }
  }
}
