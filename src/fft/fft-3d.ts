/**
 * 3-D FFT plans: complex-to-complex (`complexFftPlan3d`) and real-to-complex / complex-to-real
 * (`realFftPlan3d`), for any shape (every axis any length ≥ 1).
 *
 * ## Conventions (numpy's `fftn`, `ifftn`, `rfftn`, `irfftn`)
 * Arrays are C order `[nz][ny][nx]`, x fastest. Complex values are interleaved [re, im] in `Float64Array`s.
 *
 *     forward   X[kz,ky,kx] = Σ x[z,y,x]·exp(−2πi·(z·kz/nz + y·ky/ny + x·kx/nx))          (unnormalised)
 *     inverse   x[z,y,x] = (1/(nz·ny·nx))·Σ X[kz,ky,kx]·exp(+2πi·(z·kz/nz + y·ky/ny + x·kx/nx))
 *
 * so inverse(forward(x)) = x. The real transform stores the half spectrum kx = 0..floor(nx/2) — numpy's
 * `rfftn` layout: shape `[nz][ny][floor(nx/2)+1]` complex, interleaved, last axis fastest; the missing half
 * is X[kz,ky,kx] = conj(X[−kz,−ky,−kx]) (indices mod n). The c2r inverse reads it like numpy's
 * `irfftn(spectrum, s=shape)`: inverse transforms along z and y, then a Hermitian c2r along x that ignores
 * the imaginary parts of the kx = 0 bin and (even nx) of the kx = nx/2 bin.
 *
 * ## How the work is organised
 * One axis at a time (x, then y, then z; the c2r inverse runs z, y, then x). Lines of an axis go in blocks
 * through the Stockham line kernel (`line-kernel.ts`), whose first pass reads the array and last pass writes
 * it (`line-blocks.ts`), so a block's passes run in cache. The 1/N of an inverse is folded into the x step.
 *
 * ## r2c along x: real rows as half-length complex rows (even nx)
 * For even n = 2N, a real row x is read as the complex row z[j] = x[2j] + i·x[2j+1] (the same floats: no
 * copy), transformed with an N-point complex FFT, Z = DFT_N(z). With E = DFT_N(x_even) and O = DFT_N(x_odd),
 * both Hermitian because x is real, Z[k] = E[k] + i·O[k] and conj(Z[N−k]) = E[k] − i·O[k], so
 *
 *     E[k] = (Z[k] + conj(Z[N−k])) / 2,   O[k] = (Z[k] − conj(Z[N−k])) / (2i),   X[k] = E[k] + w^k·O[k]
 *
 * with w = exp(−2πi/n), for k = 0..N (indices of Z mod N; X[0] = Re Z0 + Im Z0, X[N] = Re Z0 − Im Z0).
 * The c2r inverse runs it backwards: from the half row X[0..N] (imaginary parts of X[0] and X[N] ignored, as
 * numpy does), E[k] = (X[k] + conj(X[N−k]))/2 and O[k] = (X[k] − conj(X[N−k]))·conj(w^k)/2, since
 * conj(X[N−k]) = E[k] − w^k·O[k] (w^{N−k} = −conj(w^k)). Then z = x_even + i·x_odd = IDFT_N(E + i·O); the
 * inverse N-point transform (unnormalised, so the 1/N and the 1/(nz·ny) of the other axes are folded into
 * E + i·O beforehand) writes straight into the real output row.
 *
 * ## r2c along x: two real rows packed into one complex row (odd nx)
 * Two real x-rows a and b are transformed together as z = a + i·b. Because a and b are real, their spectra
 * are Hermitian, A[n−k] = conj(A[k]) and B[n−k] = conj(B[k]), so conj(Z[n−k]) = A[k] − i·B[k] and
 *
 *     A[k] = (Z[k] + conj(Z[n−k])) / 2,        B[k] = (Z[k] − conj(Z[n−k])) / (2i)       (n−k taken mod n).
 *
 * Only k = 0..floor(n/2) is kept. The c2r inverse runs this backwards: rebuild Z[k] = A[k] + i·B[k] for all k
 * from the two half rows (A[k] = conj(A[n−k]) for k > n/2), one inverse complex transform, and a = Re z,
 * b = Im z. An odd row count pairs the last row with zeros.
 *
 * Either way the y and z passes then run on the half spectrum only.
 *
 * ## Plans, caching, threads, memory
 * A plan is built once per shape (`complexFftPlan3d`, `realFftPlan3d` cache it per thread) and owns its
 * tables and scratch: calls allocate nothing (exception: the first `RealFftPlan3d.inverse` call allocates the
 * plan's half-spectrum work volume, kept for later calls). Plans hold mutable scratch: never share one across
 * worker threads; each thread has its own cache (module state is per thread). `clearFftPlanCache()` empties
 * the caches of this thread (plans already held keep working).
 */
import type { ShapeZyx } from '../core/vec.js';
import { checkLength, refuseAliasing, refusePartialAliasing } from './array-checks.js';
import { blockLines, transformColumns, transformRows } from './line-blocks.js';
import type { LineKernel } from './line-kernel.js';
import { lineKernel } from './line-kernel.js';
import { checkFftLength } from './plan-1d.js';

export interface ComplexFftPlan3d {
  /** The array shape [nz, ny, nx]. */
  readonly shapeZyx: ShapeZyx;
  /** Float64 entries of one complex volume: 2·nz·ny·nx. */
  readonly length: number;
  /**
   * Forward 3-D DFT (numpy `fftn`). `input` and `out` hold `length` floats. In place is supported:
   * `out` may be the very same array as `input`; partially overlapping views are refused (`RangeError`).
   */
  forward(input: Float64Array, out: Float64Array): void;
  /** Inverse 3-D DFT with the 1/(nz·ny·nx) (numpy `ifftn`). In place supported as for `forward`. */
  inverse(input: Float64Array, out: Float64Array): void;
}

export interface RealFftPlan3d {
  /** The real array shape [nz, ny, nx]. */
  readonly shapeZyx: ShapeZyx;
  /** The half-spectrum shape [nz, ny, floor(nx/2)+1] (complex entries). */
  readonly spectrumShapeZyx: ShapeZyx;
  /** Float64 entries of the real volume: nz·ny·nx. */
  readonly realLength: number;
  /** Float64 entries of the half spectrum: 2·nz·ny·(floor(nx/2)+1). */
  readonly spectrumLength: number;
  /**
   * r2c forward (numpy `rfftn`): real `input` (`realLength`) → half spectrum `out` (`spectrumLength`).
   * Input and output must not share memory (`RangeError`); `input` is not modified.
   */
  forward(input: Float64Array, out: Float64Array): void;
  /**
   * The circular correlation of a real volume m, given by its half spectrum `spectrum` = rfftn(m), with a real
   * kernel k that is zero outside the z planes of `zRanges` ([begin, end) pairs, ascending, disjoint):
   * out = irfftn(spectrum · conj(rfftn(k))), on the output rows `rows` only (as `inverseRowsDestroyingInput`).
   * For small kernels in a large box (the fast scaling engine's correlations): the kernel's x and y passes run on
   * its planes only, and its z pass, the product and the inverse z pass run block by block of columns, so the box
   * is swept once where a transform, a product and an inverse would sweep it three times. `kernel` (realLength)
   * is read on its planes only and may be `out`; `work` (spectrumLength) is scratch.
   */
  correlateRows(
    spectrum: Float64Array,
    kernel: Float64Array,
    zRanges: readonly (readonly [number, number])[],
    work: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[],
  ): void;
  /**
   * c2r inverse with the 1/(nz·ny·nx) (numpy `irfftn(spectrum, s=shapeZyx)`): half spectrum → real `out`.
   * `spectrum` is not modified (the plan works in its own half-spectrum volume, allocated on the first call).
   * Input and output must not share memory.
   */
  inverse(spectrum: Float64Array, out: Float64Array): void;
  /**
   * Same result as `inverse`, but uses `spectrum` as its work space and leaves it overwritten with garbage;
   * needs no extra memory (for big maps).
   */
  inverseDestroyingInput(spectrum: Float64Array, out: Float64Array): void;
  /**
   * `inverseDestroyingInput` computing only the output rows (z, y) listed: `rows` holds ascending, disjoint ranges
   * [begin, end) of the row index z·ny + y. The y pass runs only on the z planes those rows lie in and the c2r pass
   * only on those rows (for odd nx, with the other row of their pair); the other rows of `out` are not to be read.
   */
  inverseRowsDestroyingInput(
    spectrum: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[],
  ): void;
}

function checkShape(where: string, shapeZyx: readonly number[]): ShapeZyx {
  if (shapeZyx.length !== 3) {
    throw new RangeError(`${where}: shape must be [nz, ny, nx], got [${shapeZyx.join(', ')}]`);
  }
  for (const n of shapeZyx) checkFftLength(where, n);
  return Object.freeze([shapeZyx[0], shapeZyx[1], shapeZyx[2]] as const);
}

function shapeKey(s: ShapeZyx): string {
  return `${s[0]},${s[1]},${s[2]}`;
}

function formatZyx(s: ShapeZyx): string {
  return `[${s[0]}, ${s[1]}, ${s[2]}]`;
}

class ComplexPlan3d implements ComplexFftPlan3d {
  readonly shapeZyx: ShapeZyx;
  readonly length: number;
  private readonly name: string;
  private readonly kx: LineKernel;
  private readonly ky: LineKernel;
  private readonly kz: LineKernel;
  private readonly bx: number;
  private readonly by: number;
  private readonly bz: number;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;

  constructor(shapeZyx: ShapeZyx) {
    this.shapeZyx = shapeZyx;
    const [nz, ny, nx] = shapeZyx;
    this.length = 2 * nz * ny * nx;
    this.name = `ComplexFftPlan3d(${formatZyx(shapeZyx)})`;
    this.kx = lineKernel(nx);
    this.ky = lineKernel(ny);
    this.kz = lineKernel(nz);
    this.bx = blockLines(nx, nz * ny);
    this.by = blockLines(ny, nx);
    this.bz = blockLines(nz, ny * nx);
    this.kx.reserve(this.bx);
    this.ky.reserve(this.by);
    this.kz.reserve(this.bz);
    const size = 2 * Math.max(nx * this.bx, ny * this.by, nz * this.bz);
    this.bufA = new Float64Array(size);
    this.bufB = new Float64Array(size);
  }

  forward(input: Float64Array, out: Float64Array): void {
    this.check('forward', input, out);
    this.exec(input, out, false);
  }

  inverse(input: Float64Array, out: Float64Array): void {
    this.check('inverse', input, out);
    this.exec(input, out, true);
  }

  private check(method: string, input: Float64Array, out: Float64Array): void {
    const where = `${this.name}.${method}`;
    checkLength(where, 'input', input, this.length);
    checkLength(where, 'out', out, this.length);
    refusePartialAliasing(where, input, out);
  }

  private exec(input: Float64Array, out: Float64Array, inverse: boolean): void {
    const [nz, ny, nx] = this.shapeZyx;
    const scale = inverse ? 1 / (nz * ny * nx) : 1;
    const { bufA, bufB } = this;
    transformRows(this.kx, input, 0, out, 0, nz * ny, this.bx, bufA, bufB, inverse, scale);
    if (ny > 1) {
      for (let z = 0; z < nz; z++) {
        transformColumns(this.ky, out, out, z * ny * nx, nx, nx, this.by, bufA, bufB, inverse);
      }
    }
    if (nz > 1) {
      transformColumns(this.kz, out, out, 0, ny * nx, ny * nx, this.bz, bufA, bufB, inverse);
    }
  }
}

class RealPlan3d implements RealFftPlan3d {
  readonly shapeZyx: ShapeZyx;
  readonly spectrumShapeZyx: ShapeZyx;
  readonly realLength: number;
  readonly spectrumLength: number;
  private readonly name: string;
  private readonly nxh: number;
  /** Even nx: rows are transformed as N = nx/2-point complex rows; odd nx: as nx-point row pairs. */
  private readonly evenNx: boolean;
  /** Kernel along x: length nx/2 (even nx) or nx (odd nx). */
  private readonly kx: LineKernel;
  private readonly ky: LineKernel;
  private readonly kz: LineKernel;
  /** Even nx: w^k = exp(−2πi·k/nx), k < nx/2, interleaved. */
  private readonly rowTwiddles: Float64Array;
  /** Rows (even nx) or row pairs (odd nx) per block along x. */
  private readonly bx: number;
  private readonly by: number;
  private readonly bz: number;
  /** One x block in the kernel's [N][count] layout. */
  private readonly bufG: Float64Array;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;
  private work: Float64Array | null = null;
  /** A z block of columns for `correlateRows` (made on its first call). */
  private columnBlock: Float64Array | null = null;

  constructor(shapeZyx: ShapeZyx) {
    this.shapeZyx = shapeZyx;
    const [nz, ny, nx] = shapeZyx;
    const nxh = (nx >> 1) + 1;
    this.nxh = nxh;
    this.spectrumShapeZyx = Object.freeze([nz, ny, nxh] as const);
    this.realLength = nz * ny * nx;
    this.spectrumLength = 2 * nz * ny * nxh;
    this.name = `RealFftPlan3d(${formatZyx(shapeZyx)})`;
    this.evenNx = nx % 2 === 0;
    const rows = nz * ny;
    const half = nx >> 1;
    this.kx = lineKernel(this.evenNx ? half : nx);
    this.bx = this.evenNx ? blockLines(half, rows) : blockLines(nx, (rows + 1) >> 1);
    this.rowTwiddles = new Float64Array(this.evenNx ? nx : 0);
    if (this.evenNx) {
      for (let k = 0; k < half; k++) {
        const angle = (2 * Math.PI * k) / nx;
        this.rowTwiddles[2 * k] = Math.cos(angle);
        this.rowTwiddles[2 * k + 1] = -Math.sin(angle);
      }
    }
    this.ky = lineKernel(ny);
    this.kz = lineKernel(nz);
    this.by = blockLines(ny, nxh);
    this.bz = blockLines(nz, ny * nxh);
    this.kx.reserve(this.bx);
    this.ky.reserve(this.by);
    this.kz.reserve(this.bz);
    const xLen = 2 * this.kx.n * this.bx;
    const size = Math.max(xLen, 2 * ny * this.by, 2 * nz * this.bz);
    this.bufG = new Float64Array(xLen);
    this.bufA = new Float64Array(size);
    this.bufB = new Float64Array(size);
  }

  forward(input: Float64Array, out: Float64Array): void {
    const where = `${this.name}.forward`;
    checkLength(where, 'input (real)', input, this.realLength);
    checkLength(where, 'out (half spectrum)', out, this.spectrumLength);
    refuseAliasing(where, input, out);
    const [nz, ny] = this.shapeZyx;
    this.forwardXY(input, out, 0, nz);
    if (nz > 1) {
      transformColumns(
        this.kz,
        out,
        out,
        0,
        ny * this.nxh,
        ny * this.nxh,
        this.bz,
        this.bufA,
        this.bufB,
        false,
      );
    }
  }

  correlateRows(
    spectrum: Float64Array,
    kernel: Float64Array,
    zRanges: readonly (readonly [number, number])[],
    work: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[],
  ): void {
    const where = `${this.name}.correlateRows`;
    checkLength(where, 'spectrum', spectrum, this.spectrumLength);
    checkLength(where, 'kernel', kernel, this.realLength);
    checkLength(where, 'work', work, this.spectrumLength);
    checkLength(where, 'out', out, this.realLength);
    refuseAliasing(where, spectrum, work);
    refuseAliasing(where, kernel, work);
    refuseAliasing(where, out, work);
    const [nz, ny] = this.shapeZyx;
    this.checkRows(where, rows);
    let last = 0;
    for (const [zBegin, zEnd] of zRanges) {
      if (zBegin < last || zEnd <= zBegin || zEnd > nz)
        throw new RangeError(`${where}: z ranges must be ascending, disjoint and inside 0…${nz}`);
      last = zEnd;
      this.forwardXY(kernel, work, zBegin, zEnd);
    }
    // column block by column block: gather the kernel's planes (zero elsewhere), z transform, spectrum times
    // conj(·), inverse z transform into work
    const columns = ny * this.nxh;
    const block = this.bz;
    const { bufA, bufB, kz } = this;
    const g = (this.columnBlock ??= new Float64Array(2 * nz * block));
    for (let c0 = 0; c0 < columns; c0 += block) {
      const cc = Math.min(block, columns - c0);
      g.fill(0, 0, 2 * nz * cc);
      for (const [zBegin, zEnd] of zRanges)
        for (let z = zBegin; z < zEnd; z++) {
          const src = 2 * (z * columns + c0);
          for (let i = 0; i < 2 * cc; i++) g[2 * z * cc + i] = work[src + i];
        }
      kz.run(g, 0, 1, cc, g, 0, 1, cc, cc, bufA, bufB, false);
      for (let z = 0; z < nz; z++) {
        const m = 2 * (z * columns + c0);
        for (let i = 0, q = 2 * z * cc; i < 2 * cc; i += 2, q += 2) {
          const er = spectrum[m + i];
          const ei = spectrum[m + i + 1];
          const kr = g[q];
          const ki = g[q + 1];
          g[q] = er * kr + ei * ki;
          g[q + 1] = ei * kr - er * ki;
        }
      }
      kz.run(g, 0, 1, cc, work, c0, 1, columns, cc, bufA, bufB, true);
    }
    this.inverseYX(work, work, out, rows);
  }

  /** x and y forward passes of the z planes [zBegin, zEnd) of `input` into `out`. */
  private forwardXY(input: Float64Array, out: Float64Array, zBegin: number, zEnd: number): void {
    const [, ny] = this.shapeZyx;
    const nxh = this.nxh;
    if (this.evenNx) this.forwardRowsEven(input, out, zBegin * ny, zEnd * ny);
    else this.forwardRowsPaired(input, out, zBegin * ny, zEnd * ny);
    if (ny > 1)
      for (let z = zBegin; z < zEnd; z++)
        transformColumns(this.ky, out, out, z * ny * nxh, nxh, nxh, this.by, this.bufA, this.bufB, false);
  }

  inverse(spectrum: Float64Array, out: Float64Array): void {
    this.checkInverse('inverse', spectrum, out);
    if (this.work === null) this.work = new Float64Array(this.spectrumLength);
    this.inverseInto(spectrum, this.work, out);
  }

  inverseDestroyingInput(spectrum: Float64Array, out: Float64Array): void {
    this.checkInverse('inverseDestroyingInput', spectrum, out);
    this.inverseInto(spectrum, spectrum, out);
  }

  inverseRowsDestroyingInput(
    spectrum: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[],
  ): void {
    this.checkInverse('inverseRowsDestroyingInput', spectrum, out);
    this.checkRows(`${this.name}.inverseRowsDestroyingInput`, rows);
    this.inverseInto(spectrum, spectrum, out, rows);
  }

  private checkInverse(method: string, spectrum: Float64Array, out: Float64Array): void {
    const where = `${this.name}.${method}`;
    checkLength(where, 'spectrum', spectrum, this.spectrumLength);
    checkLength(where, 'out (real)', out, this.realLength);
    refuseAliasing(where, spectrum, out);
  }

  private checkRows(where: string, rows: readonly (readonly [number, number])[]): void {
    const [nz, ny] = this.shapeZyx;
    let last = 0;
    for (const [begin, end] of rows) {
      if (begin < last || end <= begin || end > nz * ny)
        throw new RangeError(`${where}: row ranges must be ascending, disjoint and inside 0…${nz * ny}`);
      last = end;
    }
  }

  /**
   * z and y inverse passes from `spectrum` into `work` (may be the same array), then c2r rows into `out`: all rows,
   * or only those in `rows` (ranges of z·ny + y).
   */
  private inverseInto(
    spectrum: Float64Array,
    work: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[] = [[0, this.shapeZyx[0] * this.shapeZyx[1]]],
  ): void {
    const [nz, ny] = this.shapeZyx;
    let src = spectrum;
    if (nz > 1) {
      transformColumns(
        this.kz,
        src,
        work,
        0,
        ny * this.nxh,
        ny * this.nxh,
        this.bz,
        this.bufA,
        this.bufB,
        true,
      );
      src = work;
    }
    this.inverseYX(src, work, out, rows);
  }

  /** The y inverse pass from `src` into `work` on the planes of `rows`, then c2r of those rows into `out`. */
  private inverseYX(
    src: Float64Array,
    work: Float64Array,
    out: Float64Array,
    rows: readonly (readonly [number, number])[],
  ): void {
    const ny = this.shapeZyx[1];
    const nxh = this.nxh;
    if (ny > 1) {
      let done = -1; // the last plane transformed
      for (const [begin, end] of rows)
        for (let z = Math.max(Math.floor(begin / ny), done + 1); z <= Math.floor((end - 1) / ny); z++) {
          transformColumns(this.ky, src, work, z * ny * nxh, nxh, nxh, this.by, this.bufA, this.bufB, true);
          done = z;
        }
      src = work;
    }
    if (this.evenNx) for (const [begin, end] of rows) this.inverseRowsEven(src, out, begin, end);
    else {
      // rows go in pairs (2p, 2p + 1): each range widened to whole pairs, a pair done once
      let next = 0;
      for (const [begin, end] of rows) {
        const first = Math.max(begin - (begin % 2), next);
        if (first < end) this.inverseRowsPaired(src, out, first, end);
        next = end + (end % 2);
      }
    }
  }

  /** r2c along x for even nx: each real row read as nx/2 complex points, then split (module doc). */
  private forwardRowsEven(input: Float64Array, out: Float64Array, rowBegin: number, rowEnd: number): void {
    const N = this.kx.n;
    const nxh = this.nxh; // N + 1
    const { bufG, bufA, bufB, kx } = this;
    const w = this.rowTwiddles;
    const block = this.bx;
    for (let r0 = rowBegin; r0 < rowEnd; r0 += block) {
      const cc = Math.min(block, rowEnd - r0);
      const c2 = 2 * cc;
      // Z of row r0 + c, bin k, lands at complex index c + cc·k of G. Loops run k outer, c inner: G is read
      // contiguously (its rows are a power of two apart for power-of-two sizes: cache-set conflicts otherwise).
      kx.run(input, r0 * N, N, 1, bufG, 0, 1, cc, cc, bufA, bufB, false);
      const o0 = 2 * r0 * nxh,
        rowStep = 2 * nxh;
      for (let c = 0, o = o0; c < cc; c++, o += rowStep) {
        const z0r = bufG[2 * c],
          z0i = bufG[2 * c + 1];
        out[o] = z0r + z0i;
        out[o + 1] = 0;
        out[o + 2 * N] = z0r - z0i;
        out[o + 2 * N + 1] = 0;
      }
      for (let k = 1; k < N; k++) {
        const wr = w[2 * k],
          wi = w[2 * k + 1];
        const zk = k * c2, // Z[k] of row c at zk + 2c
          zm = (N - k) * c2; // Z[N − k]
        for (let q = 0, o = o0 + 2 * k; q < c2; q += 2, o += rowStep) {
          const akr = bufG[zk + q],
            aki = bufG[zk + q + 1],
            bmr = bufG[zm + q],
            bmi = bufG[zm + q + 1];
          // E = (Z[k] + conj Z[N−k]) / 2; Z[k] − conj Z[N−k] = dr + i·di; O = (di − i·dr) / 2
          const er = 0.5 * (akr + bmr),
            ei = 0.5 * (aki - bmi),
            or = 0.5 * (aki + bmi),
            oi = 0.5 * (bmr - akr);
          out[o] = er + wr * or - wi * oi;
          out[o + 1] = ei + wr * oi + wi * or;
        }
      }
    }
  }

  /** c2r along x for even nx with the 1/N of the whole inverse: rebuild 2E + i·2O, one inverse transform. */
  private inverseRowsEven(src: Float64Array, out: Float64Array, rowBegin: number, rowEnd: number): void {
    const [nz, ny, nx] = this.shapeZyx;
    const N = this.kx.n;
    const nxh = this.nxh;
    const scale = 1 / (nz * ny * nx);
    const { bufG, bufA, bufB, kx } = this;
    const w = this.rowTwiddles;
    const block = this.bx;
    for (let r0 = rowBegin; r0 < rowEnd; r0 += block) {
      const cc = Math.min(block, rowEnd - r0);
      const c2 = 2 * cc;
      const i0 = 2 * r0 * nxh,
        rowStep = 2 * nxh;
      // k = 0: X[0] and X[N] taken as real (numpy's c2r); 2E = a + b, 2O = a − b
      for (let q = 0, ia = i0; q < c2; q += 2, ia += rowStep) {
        const a = src[ia],
          b = src[ia + 2 * N];
        bufG[q] = scale * (a + b);
        bufG[q + 1] = scale * (a - b);
      }
      // k outer, rows inner: G written contiguously (see forwardRowsEven)
      for (let k = 1; k < N; k++) {
        const wr = w[2 * k],
          wi = w[2 * k + 1];
        const g = k * c2;
        for (let q = 0, ia = i0; q < c2; q += 2, ia += rowStep) {
          const xr = src[ia + 2 * k],
            xi = src[ia + 2 * k + 1],
            ym = ia + 2 * (N - k),
            yr = src[ym],
            yi = -src[ym + 1]; // conj X[N − k]
          const dr = xr - yr,
            di = xi - yi;
          // 2O = D·conj(w^k); Z' = 2E + i·2O
          const or = dr * wr + di * wi,
            oi = di * wr - dr * wi;
          bufG[g + q] = scale * (xr + yr - oi);
          bufG[g + q + 1] = scale * (xi + yi + or);
        }
      }
      kx.run(bufG, 0, 1, cc, out, r0 * N, N, 1, cc, bufA, bufB, true);
    }
  }

  /** r2c along x for odd nx: row pairs packed as a + i·b, one complex transform, then split (module doc). */
  private forwardRowsPaired(input: Float64Array, out: Float64Array, rowBegin: number, rowEnd: number): void {
    const nx = this.shapeZyx[2];
    const nxh = this.nxh;
    const pairs = (rowEnd - rowBegin + 1) >> 1;
    const { bufG, bufA, bufB, kx } = this;
    const block = this.bx;
    for (let p0 = 0; p0 < pairs; p0 += block) {
      const cc = Math.min(block, pairs - p0);
      const c2 = 2 * cc;
      for (let c = 0; c < cc; c++) {
        const rowA = rowBegin + 2 * (p0 + c);
        const ia = rowA * nx;
        let o = 2 * c;
        if (rowA + 1 < rowEnd) {
          const ib = ia + nx;
          for (let j = 0; j < nx; j++) {
            bufG[o] = input[ia + j];
            bufG[o + 1] = input[ib + j];
            o += c2;
          }
        } else {
          for (let j = 0; j < nx; j++) {
            bufG[o] = input[ia + j];
            bufG[o + 1] = 0;
            o += c2;
          }
        }
      }
      kx.run(bufG, 0, 1, cc, bufG, 0, 1, cc, cc, bufA, bufB, false);
      const Z = bufG;
      for (let c = 0; c < cc; c++) {
        const rowA = rowBegin + 2 * (p0 + c);
        const hasB = rowA + 1 < rowEnd;
        const oa = 2 * rowA * nxh;
        const ob = oa + 2 * nxh;
        // k = 0: A = Re Z0, B = Im Z0 (both real)
        out[oa] = Z[2 * c];
        out[oa + 1] = 0;
        if (hasB) {
          out[ob] = Z[2 * c + 1];
          out[ob + 1] = 0;
        }
        let zk = 2 * c + c2; // Z[k]
        let zn = 2 * c + (nx - 1) * c2; // Z[n−k]
        for (let k = 1; k < nxh; k++) {
          const zkr = Z[zk],
            zki = Z[zk + 1],
            znr = Z[zn],
            zni = Z[zn + 1];
          out[oa + 2 * k] = 0.5 * (zkr + znr);
          out[oa + 2 * k + 1] = 0.5 * (zki - zni);
          if (hasB) {
            out[ob + 2 * k] = 0.5 * (zki + zni);
            out[ob + 2 * k + 1] = 0.5 * (znr - zkr);
          }
          zk += c2;
          zn -= c2;
        }
      }
    }
  }

  /** c2r along x for odd nx with the 1/N of the whole inverse: rebuild Z = A + i·B per row pair. */
  /** c2r of rows [rowBegin, rowEnd) (rowBegin even) for odd nx, two rows per complex transform. */
  private inverseRowsPaired(src: Float64Array, out: Float64Array, rowBegin: number, rowEnd: number): void {
    const [nz, ny, nx] = this.shapeZyx;
    const nxh = this.nxh;
    const rows = nz * ny;
    const pairs = Math.min(rows + 1, rowEnd + 1) >> 1;
    const scale = 1 / (nz * ny * nx);
    const { bufG, bufA, bufB, kx } = this;
    const block = this.bx;
    // odd nx: every k in 1..(nx−1)/2 has a distinct mirror nx − k ≥ nxh; no Nyquist bin
    for (let p0 = rowBegin >> 1; p0 < pairs; p0 += block) {
      const cc = Math.min(block, pairs - p0);
      const c2 = 2 * cc;
      for (let c = 0; c < cc; c++) {
        const rowA = 2 * (p0 + c);
        const hasB = rowA + 1 < rows;
        const ia = 2 * rowA * nxh;
        const ib = ia + 2 * nxh;
        // DC: imaginary parts ignored (numpy's c2r)
        bufG[2 * c] = src[ia];
        bufG[2 * c + 1] = hasB ? src[ib] : 0;
        let zk = 2 * c + c2;
        let zn = 2 * c + (nx - 1) * c2;
        for (let k = 1; k < nxh; k++) {
          const ar = src[ia + 2 * k],
            ai = src[ia + 2 * k + 1];
          const br = hasB ? src[ib + 2 * k] : 0,
            bi = hasB ? src[ib + 2 * k + 1] : 0;
          // Z[k] = A + i·B;  Z[n−k] = conj(A) + i·conj(B)
          bufG[zk] = ar - bi;
          bufG[zk + 1] = ai + br;
          bufG[zn] = ar + bi;
          bufG[zn + 1] = br - ai;
          zk += c2;
          zn -= c2;
        }
      }
      kx.run(bufG, 0, 1, cc, bufG, 0, 1, cc, cc, bufA, bufB, true);
      const z = bufG;
      for (let c = 0; c < cc; c++) {
        const rowA = 2 * (p0 + c);
        const oa = rowA * nx;
        let o = 2 * c;
        if (rowA + 1 < rows) {
          const ob = oa + nx;
          for (let j = 0; j < nx; j++) {
            out[oa + j] = z[o] * scale;
            out[ob + j] = z[o + 1] * scale;
            o += c2;
          }
        } else {
          for (let j = 0; j < nx; j++) {
            out[oa + j] = z[o] * scale;
            o += c2;
          }
        }
      }
    }
  }
}

const complexCache = new Map<string, ComplexFftPlan3d>();
const realCache = new Map<string, RealFftPlan3d>();

/** The cached complex 3-D plan for `shapeZyx` = [nz, ny, nx] (built on first use in this thread). */
export function complexFftPlan3d(shapeZyx: readonly [number, number, number]): ComplexFftPlan3d {
  const key = `${shapeZyx[0]},${shapeZyx[1]},${shapeZyx[2]}`;
  let plan = complexCache.get(key);
  if (plan === undefined) {
    plan = new ComplexPlan3d(checkShape('complexFftPlan3d', shapeZyx));
    complexCache.set(shapeKey(plan.shapeZyx), plan);
  }
  return plan;
}

/** The cached real (r2c / c2r) 3-D plan for the real shape `shapeZyx` = [nz, ny, nx]. */
export function realFftPlan3d(shapeZyx: readonly [number, number, number]): RealFftPlan3d {
  const key = `${shapeZyx[0]},${shapeZyx[1]},${shapeZyx[2]}`;
  let plan = realCache.get(key);
  if (plan === undefined) {
    plan = new RealPlan3d(checkShape('realFftPlan3d', shapeZyx));
    realCache.set(shapeKey(plan.shapeZyx), plan);
  }
  return plan;
}

/** Drops the cached 3-D plans (part of `clearFftPlanCache`). */
export function clearPlan3dCache(): void {
  complexCache.clear();
  realCache.clear();
}

/** numpy `rfftn(input)` for a real C-order array of shape `shapeZyx`: a new half spectrum. */
export function rfftn(input: Float64Array, shapeZyx: readonly [number, number, number]): Float64Array {
  const plan = realFftPlan3d(shapeZyx);
  const out = new Float64Array(plan.spectrumLength);
  plan.forward(input, out);
  return out;
}

/** numpy `irfftn(spectrum, s=shapeZyx)`: a new real array; `spectrum` is not modified. */
export function irfftn(spectrum: Float64Array, shapeZyx: readonly [number, number, number]): Float64Array {
  const plan = realFftPlan3d(shapeZyx);
  const out = new Float64Array(plan.realLength);
  plan.inverse(spectrum, out);
  return out;
}

/** numpy `fftn(input)` for an interleaved complex array of shape `shapeZyx`: a new array. */
export function fftn(inputComplex: Float64Array, shapeZyx: readonly [number, number, number]): Float64Array {
  const plan = complexFftPlan3d(shapeZyx);
  const out = new Float64Array(plan.length);
  plan.forward(inputComplex, out);
  return out;
}

/** numpy `ifftn(input)` (with the 1/N) for an interleaved complex array of shape `shapeZyx`: a new array. */
export function ifftn(inputComplex: Float64Array, shapeZyx: readonly [number, number, number]): Float64Array {
  const plan = complexFftPlan3d(shapeZyx);
  const out = new Float64Array(plan.length);
  plan.inverse(inputComplex, out);
  return out;
}
