/**
 * Line kernels: unnormalised complex DFTs of `count` lines of length n at once, the engine under every
 * public plan (1-D and 3-D).
 *
 * Addressing: element j of line c sits at complex index off + c·q + j·stride of a caller's array (columns of a
 * C-order volume: q = 1, stride = row length; rows: q = row length, stride = 1). The first Stockham pass reads
 * the lines from there and the last writes them back, the passes in between run in two scratch buffers laid
 * out `[n][count]` (line index fastest, element j of line c at c + count·j), which gives every pass inner loops
 * at least `count` long (see `radix-passes.ts`). No gather or scatter copies.
 *
 * Convention (numpy's): forward X[k] = Σ_j x[j]·exp(−2πi·j·k/n); "inverse" here is the unnormalised
 * Σ_k X[k]·exp(+2πi·j·k/n). The public plans apply the 1/n.
 *
 * Two kernels:
 * - `MixedRadixKernel`: Stockham passes of radix 4, 8, 2, 3, 5, 6, 7, 11, 13, 22, 26 (unrolled) and a generic odd
 *   radix, for n whose prime factors are all ≤ `MAX_GENERIC_RADIX`.
 * - `BluesteinKernel`: any other n (a prime factor > `MAX_GENERIC_RADIX`, e.g. 37, 97, 101, 257, 2·101), as a
 *   cyclic convolution of a smooth length M ≥ 2n − 1 (derivation on the class). No O(n²) path exists.
 *
 * Kernels are cached per n (`lineKernel`) and shared by all plans of one thread; they own small mutable
 * scratch, so a kernel must never run re-entrantly or from two threads (JS modules are per thread, so
 * worker threads each get their own cache).
 */
import { assert } from '../core/errors.js';
import { GENERIC_CHUNK, pass2, pass3, pass4, pass5, passGeneric } from './radix-passes.js';
import { pass11, pass13, pass22, pass26, pass6, pass7, pass8 } from './radix-passes-generated.js';

/** Largest prime handled by the generic odd-radix butterfly (O(r) work per point); above it: Bluestein. */
export const MAX_GENERIC_RADIX = 31;

/**
 * Row outputs: the last pass loops over a row's elements in its inner loop (instead of over the lines) when a
 * row gets at least this many elements per pass (radix-passes.ts, module comment).
 */
export const ELEMENTS_INNER_MIN = 8;

/** Radices with their own unrolled pass; other odd primes ≤ MAX_GENERIC_RADIX use `passGeneric`. */
export const UNROLLED_RADICES: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 11, 13, 22, 26]);

export interface LineKernel {
  /** Transform length. */
  readonly n: number;
  /** Makes the kernel able to run `count` lines per call (allocates its scratch once; later calls with a
   * count up to the largest reserved allocate nothing). */
  reserve(count: number): void;
  /**
   * Unnormalised DFT of `count` lines. Element j of line c is read at complex index
   * srcOff + c·srcQ + j·srcStride of `src` and its transform written at dstOff + c·dstQ + j·dstStride of
   * `dst` (columns of a C-order array: q = 1, stride = row length; rows: q = row length, stride = 1). The
   * lines must not overlap. `dst` may be `src` with the same addressing (in place). `bufA` and `bufB` are
   * scratch of at least 2·n·count floats, distinct from `src` and `dst`. `inverse` selects exp(+2πi·jk/n) and
   * does not scale.
   */
  run(
    src: Float64Array,
    srcOff: number,
    srcQ: number,
    srcStride: number,
    dst: Float64Array,
    dstOff: number,
    dstQ: number,
    dstStride: number,
    count: number,
    bufA: Float64Array,
    bufB: Float64Array,
    inverse: boolean,
  ): void;
}

/**
 * The passes for length n: the power of two 2^e as radix-4 passes with at most one radix 8 or one lone 2,
 * then the odd primes ascending. A lone 2 merges with an 11, a 13 or a 3 (first found in that order) into one
 * composite radix-22, 26 or 6 pass. Fewest passes win; on a tie, no radix 8 (measured 2026-11-25 with
 * interleaved runs: radix 8 pays only where it saves a pass, e.g. 128 = 4·4·8 is 16% faster than 4·4·4·2,
 * 256 = 4·4·4·4 beats 8·8·4 and 4·8·8, 384 = 4·4·4·6 beats 8·8·6 and 8·4·4·3, 48 = 8·6 beats 4·4·3).
 */
export function radixPlan(n: number): number[] {
  let rest = n;
  let e = 0;
  while (rest % 2 === 0) {
    e++;
    rest /= 2;
  }
  const odd: number[] = [];
  for (let f = 3; f * f <= rest; f += 2) {
    while (rest % f === 0) {
      odd.push(f);
      rest /= f;
    }
  }
  if (rest > 1) odd.push(rest);
  const mergeAt = [11, 13, 3].map((p) => odd.indexOf(p)).find((i) => i >= 0) ?? -1;
  const out: number[] = [];
  const fours = (k: number) => {
    for (let i = 0; i < k; i++) out.push(4);
  };
  if (e % 2 === 0) {
    if (e >= 4 && mergeAt >= 0) {
      fours((e - 4) / 2); // 2^e = 4^a·8·2, the 2 merged
      out.push(8);
      odd[mergeAt] *= 2;
    } else fours(e / 2);
  } else if (mergeAt >= 0) {
    fours((e - 1) / 2); // 2^e = 4^a·2, the 2 merged
    odd[mergeAt] *= 2;
  } else if (e >= 3) {
    fours((e - 3) / 2);
    out.push(8);
  } else out.push(2);
  return out.concat(odd);
}

/** Largest prime factor of n ≥ 1 (1 for n = 1). */
export function largestPrimeFactor(n: number): number {
  let rest = n;
  let largest = 1;
  for (let f = 2; f * f <= rest; f++) {
    while (rest % f === 0) {
      largest = f;
      rest /= f;
    }
  }
  return rest > 1 ? rest : largest;
}

/** Smallest m ≥ lower whose prime factors are all 2, 3 or 5. */
export function nextSmooth235(lower: number): number {
  for (let m = Math.max(1, lower); ; m++) {
    let r = m;
    while (r % 2 === 0) r /= 2;
    while (r % 3 === 0) r /= 3;
    while (r % 5 === 0) r /= 5;
    if (r === 1) return m;
  }
}

/** Stockham mixed-radix kernel for n with prime factors ≤ MAX_GENERIC_RADIX (see `radix-passes.ts`). */
export class MixedRadixKernel implements LineKernel {
  readonly n: number;
  readonly radices: Int32Array;
  /** Forward twiddles of every pass, concatenated; pass i starts at twOffsets[i]. */
  private readonly twiddles: Float64Array;
  private readonly twOffsets: Int32Array;
  /** cos/sin tables for the generic radix, per pass (empty for specialised radices). */
  private readonly genericCos: Float64Array[];
  private readonly genericSin: Float64Array[];
  private readonly genericScratch: Float64Array;

  /** `radices` (default `radixPlan(n)`) may force another order or split of the passes (tests, tuning). */
  constructor(n: number, radices: readonly number[] = radixPlan(n)) {
    assert(Number.isInteger(n) && n >= 1, `FFT length must be a positive integer, got ${n}`);
    this.n = n;
    assert(
      radices.reduce((a, b) => a * b, 1) === n &&
        radices.every(
          (r) =>
            r === 4 || r === 6 || r === 8 || r === 22 || r === 26 || (r >= 2 && largestPrimeFactor(r) === r),
        ),
      `MixedRadixKernel(${n}): radices [${radices.join(', ')}] must be 4, 6, 8, 22, 26 or primes with product ${n}`,
    );
    assert(
      radices.every((r) => r <= MAX_GENERIC_RADIX),
      `MixedRadixKernel(${n}) needs Bluestein (factor > ${MAX_GENERIC_RADIX})`,
    );
    this.radices = Int32Array.from(radices);
    this.twOffsets = new Int32Array(radices.length);
    let total = 0;
    let nCur = n;
    for (let i = 0; i < radices.length; i++) {
      const r = radices[i];
      const m = nCur / r;
      this.twOffsets[i] = total;
      total += 2 * (r - 1) * m;
      nCur = m;
    }
    this.twiddles = new Float64Array(total);
    this.genericCos = [];
    this.genericSin = [];
    let maxGeneric = 0;
    nCur = n;
    for (let i = 0; i < radices.length; i++) {
      const r = radices[i];
      const m = nCur / r;
      const off = this.twOffsets[i];
      for (let p = 0; p < m; p++) {
        for (let k = 1; k < r; k++) {
          // exact integer reduction keeps the angle small: (p·k) mod N with N = r·m
          const angle = (2 * Math.PI * ((p * k) % nCur)) / nCur;
          const t = off + 2 * ((r - 1) * p + k - 1);
          this.twiddles[t] = Math.cos(angle);
          this.twiddles[t + 1] = -Math.sin(angle);
        }
      }
      const isGeneric = !UNROLLED_RADICES.has(r);
      const h = (r - 1) >> 1;
      const cs = new Float64Array(isGeneric ? h * h : 0);
      const sn = new Float64Array(isGeneric ? h * h : 0);
      if (isGeneric) {
        maxGeneric = Math.max(maxGeneric, r);
        for (let j = 1; j <= h; j++) {
          for (let k = 1; k <= h; k++) {
            const angle = (2 * Math.PI * ((j * k) % r)) / r;
            cs[(j - 1) * h + k - 1] = Math.cos(angle);
            sn[(j - 1) * h + k - 1] = Math.sin(angle);
          }
        }
      }
      this.genericCos.push(cs);
      this.genericSin.push(sn);
      nCur = m;
    }
    // passGeneric's scratch: 2h + 3 = r + 2 runs of GENERIC_CHUNK complex
    this.genericScratch = new Float64Array(maxGeneric > 0 ? 2 * GENERIC_CHUNK * (maxGeneric + 2) : 0);
  }

  reserve(_count: number): void {
    // scratch does not depend on count
  }

  run(
    src: Float64Array,
    srcOff: number,
    srcQ: number,
    srcStride: number,
    dst: Float64Array,
    dstOff: number,
    dstQ: number,
    dstStride: number,
    count: number,
    bufA: Float64Array,
    bufB: Float64Array,
    inverse: boolean,
  ): void {
    const dir = inverse ? -1 : 1;
    const radices = this.radices;
    const last = radices.length - 1;
    if (last < 0) {
      // n = 1: the identity
      if (src !== dst || srcOff !== dstOff || srcQ !== dstQ) {
        for (let c = 0; c < count; c++) {
          const i = 2 * (srcOff + c * srcQ),
            o = 2 * (dstOff + c * dstQ);
          dst[o] = src[i];
          dst[o + 1] = src[i + 1];
        }
      }
      return;
    }
    // the first pass reads src; middle passes ping-pong between bufA and bufB; the last one writes dst
    let x = src;
    let xOff = srcOff;
    let xq = srcQ;
    let xs = srcStride;
    let y = bufA;
    let s = count;
    let nCur = this.n;
    for (let i = 0; i <= last; i++) {
      const r = radices[i];
      const m = nCur / r;
      if (i < last) {
        this.pass(i, r, x, xOff, xq, xs, m * xs, y, 0, 1, r * s, s, s, m, this.twOffsets[i], dir);
        x = y;
        xOff = 0;
        xq = 1;
        y = y === bufA ? bufB : bufA;
        s *= r;
        xs = s;
      } else if (i === 0) {
        // a single pass (n = 2, 3, 4, 5, 22, 26 or a prime ≤ 31): lines inner, from src to dst
        this.pass(i, r, x, xOff, xq, xs, xs, dst, dstOff, dstQ, dstStride, dstStride, count, 1, -1, dir);
      } else {
        // last pass (m = 1) re-read as p := e < M = n/r and q := c < count, or the other way round
        const M = s / count;
        if (dstQ > dstStride && M >= ELEMENTS_INNER_MIN) {
          this.pass(
            i,
            r,
            x,
            0,
            count,
            1,
            count * M,
            dst,
            dstOff,
            dstStride,
            dstQ,
            M * dstStride,
            M,
            count,
            -1,
            dir,
          );
        } else {
          this.pass(
            i,
            r,
            x,
            0,
            1,
            count,
            count * M,
            dst,
            dstOff,
            dstQ,
            dstStride,
            M * dstStride,
            count,
            M,
            -1,
            dir,
          );
        }
      }
      nCur = m;
    }
  }

  private pass(
    i: number,
    r: number,
    x: Float64Array,
    xOff: number,
    xq: number,
    xs: number,
    xk: number,
    y: Float64Array,
    yOff: number,
    yq: number,
    ys: number,
    yk: number,
    qn: number,
    pn: number,
    twOff: number,
    dir: number,
  ): void {
    const tw = this.twiddles;
    switch (r) {
      case 4:
        pass4(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 2:
        pass2(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 3:
        pass3(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 5:
        pass5(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 7:
        pass7(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 11:
        pass11(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 13:
        pass13(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 8:
        pass8(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 6:
        pass6(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 22:
        pass22(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      case 26:
        pass26(x, xOff, xq, xs, xk, y, yOff, yq, ys, yk, qn, pn, tw, twOff, dir);
        break;
      default:
        passGeneric(
          x,
          xOff,
          xq,
          xs,
          xk,
          y,
          yOff,
          yq,
          ys,
          yk,
          qn,
          pn,
          r,
          tw,
          twOff,
          dir,
          this.genericCos[i],
          this.genericSin[i],
          this.genericScratch,
        );
    }
  }
}

/**
 * Bluestein's algorithm: a length-n DFT as a cyclic convolution of smooth length M ≥ 2n − 1.
 *
 * Derivation: j·k = (j² + k² − (k − j)²)/2, so with the chirp c_j = exp(−πi·j²/n)
 *
 *     X[k] = Σ_j x[j]·exp(−2πi·jk/n) = c_k · Σ_j (x[j]·c_j) · conj(c_{k−j}).
 *
 * The sum is a linear convolution of a_j = x[j]·c_j (j < n) with b_d = conj(c_d) (|d| < n). Zero-padding a to M
 * and wrapping b (b_d at d and at M − d, d = 1..n−1) makes it a cyclic convolution of length M ≥ 2n − 1 with no
 * wrap-around overlap, computed as IFFT_M(FFT_M(a) · FFT_M(b)) with the smooth mixed-radix kernel.
 * FFT_M(b)/M is precomputed. c_{j} depends on j² mod 2n only, reduced exactly in integers before the
 * trigonometric call, so the chirp stays accurate for large n.
 *
 * The inverse (exp(+2πi·jk/n)) uses conj(c); b becomes conj(b), and since b is even (b_d = b_{M−d}),
 * FFT(conj b) = conj(FFT(b)): the same tables, conjugated. Cost: two length-M transforms per line, so
 * O(n log n) for any n.
 */
export class BluesteinKernel implements LineKernel {
  readonly n: number;
  /** The smooth convolution length. */
  readonly m: number;
  private readonly inner: MixedRadixKernel;
  /** c_j = exp(−πi·j²/n), j < n, interleaved. */
  private readonly chirp: Float64Array;
  /** FFT_M(b) / M, interleaved. */
  private readonly bHat: Float64Array;
  private bufA: Float64Array = new Float64Array(0);
  private bufB: Float64Array = new Float64Array(0);
  private bufC: Float64Array = new Float64Array(0);
  private reserved = 0;

  constructor(n: number) {
    assert(Number.isInteger(n) && n >= 1, `FFT length must be a positive integer, got ${n}`);
    this.n = n;
    const m = nextSmooth235(2 * n - 1);
    this.m = m;
    this.inner = new MixedRadixKernel(m);
    this.chirp = new Float64Array(2 * n);
    const twoN = 2 * n;
    for (let j = 0; j < n; j++) {
      // j² mod 2n, exactly (j < 2^26 keeps j·j below 2^53)
      const jj = (j * j) % twoN;
      const angle = (Math.PI * jj) / n;
      this.chirp[2 * j] = Math.cos(angle);
      this.chirp[2 * j + 1] = -Math.sin(angle);
    }
    const b = new Float64Array(2 * m);
    const scratchA = new Float64Array(2 * m);
    const scratchB = new Float64Array(2 * m);
    for (let d = 0; d < n; d++) {
      const re = this.chirp[2 * d],
        im = -this.chirp[2 * d + 1];
      b[2 * d] = re;
      b[2 * d + 1] = im;
      if (d > 0) {
        b[2 * (m - d)] = re;
        b[2 * (m - d) + 1] = im;
      }
    }
    this.inner.run(b, 0, 1, 1, b, 0, 1, 1, 1, scratchA, scratchB, false);
    this.bHat = new Float64Array(2 * m);
    for (let i = 0; i < 2 * m; i++) this.bHat[i] = b[i] / m;
  }

  reserve(count: number): void {
    if (count <= this.reserved) return;
    this.reserved = count;
    this.bufA = new Float64Array(2 * this.m * count);
    this.bufB = new Float64Array(2 * this.m * count);
    this.bufC = new Float64Array(2 * this.m * count);
  }

  run(
    src: Float64Array,
    srcOff: number,
    srcQ: number,
    srcStride: number,
    dst: Float64Array,
    dstOff: number,
    dstQ: number,
    dstStride: number,
    count: number,
    _bufA: Float64Array,
    _bufB: Float64Array,
    inverse: boolean,
  ): void {
    assert(count <= this.reserved, `BluesteinKernel(${this.n}): reserve(${count}) was not called`);
    const dir = inverse ? -1 : 1;
    const n = this.n,
      m = this.m;
    const chirp = this.chirp,
      bHat = this.bHat;
    const A = this.bufA;
    const c2 = 2 * count,
      sq2 = 2 * srcQ,
      dq2 = 2 * dstQ;
    // a_j = x_j · c_j (conj for the inverse), zero-padded to M; A is [M][count]
    for (let j = 0; j < n; j++) {
      const cr = chirp[2 * j],
        ci = dir * chirp[2 * j + 1];
      const base = j * c2;
      for (let q = 0, i = 2 * (srcOff + j * srcStride); q < c2; q += 2, i += sq2) {
        const xr = src[i],
          xi = src[i + 1];
        A[base + q] = xr * cr - xi * ci;
        A[base + q + 1] = xr * ci + xi * cr;
      }
    }
    A.fill(0, n * c2, m * c2);
    this.inner.run(A, 0, 1, count, A, 0, 1, count, count, this.bufB, this.bufC, false);
    for (let k = 0; k < m; k++) {
      const br = bHat[2 * k],
        bi = dir * bHat[2 * k + 1];
      const base = k * c2;
      for (let q = 0; q < c2; q += 2) {
        const fr = A[base + q],
          fi = A[base + q + 1];
        A[base + q] = fr * br - fi * bi;
        A[base + q + 1] = fr * bi + fi * br;
      }
    }
    this.inner.run(A, 0, 1, count, A, 0, 1, count, count, this.bufB, this.bufC, true);
    for (let k = 0; k < n; k++) {
      const cr = chirp[2 * k],
        ci = dir * chirp[2 * k + 1];
      const base = k * c2;
      for (let q = 0, o = 2 * (dstOff + k * dstStride); q < c2; q += 2, o += dq2) {
        const gr = A[base + q],
          gi = A[base + q + 1];
        dst[o] = gr * cr - gi * ci;
        dst[o + 1] = gr * ci + gi * cr;
      }
    }
  }
}

const kernelCache = new Map<number, LineKernel>();

/** The cached line kernel for length n (mixed radix when n is smooth enough, else Bluestein). */
export function lineKernel(n: number): LineKernel {
  let k = kernelCache.get(n);
  if (k === undefined) {
    k = largestPrimeFactor(n) <= MAX_GENERIC_RADIX ? new MixedRadixKernel(n) : new BluesteinKernel(n);
    kernelCache.set(n, k);
  }
  return k;
}

/** Drops the cached line kernels (part of `clearFftPlanCache`). */
export function clearLineKernelCache(): void {
  kernelCache.clear();
}
