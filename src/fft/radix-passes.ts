/**
 * The butterfly passes of the Stockham autosort FFT (decimation in frequency), one function per radix.
 *
 * Complex numbers are interleaved in `Float64Array`s: [re0, im0, re1, im1, ...]. Indices below count
 * complex numbers; the code multiplies them by 2.
 *
 * ## One pass
 * A pass of radix r works on sub-transforms of length N = r·m, laid out with `s` interleaved runs:
 *
 *     input   x[q + s·(p + m·k)]     k  = 0..r-1   (the r inputs of one butterfly)
 *     output  y[q + s·(r·p + k')]    k' = 0..r-1
 *     y_{k'} = ω_N^{p·k'} · Σ_k x_k · ω_r^{k·k'},     ω_L = exp(−2πi·dir/L)
 *
 * for p = 0..m-1 and q = 0..s-1; dir = +1 for the forward transform, −1 for the (unnormalised) inverse.
 *
 * The functions take the addressing as parameters (all in complex units), so that the first pass can read
 * straight from a strided array and the last pass write straight into one (no copies):
 *
 *     input   x[xOff + xq·q + xs·p + xk·k],   output  y[yOff + yq·q + ys·p + yk·k'],   q < qn, p < pn
 *
 * with the twiddles of p (module's Twiddles section). A middle pass of the ping-pong buffers has
 * xq = yq = 1, qn = s, pn = m, xs = s, xk = m·s, ys = r·s, yk = s. The first pass reads line q of the
 * caller's array with its own strides (xq between lines, xs = element stride, xk = m·xs). The last pass
 * (m = 1, no twiddles: twOff < 0) is re-read with q = c + count·e (c < count, e < M = n/r): its input is
 * c + count·(e + M·k) and its output, element e + M·k' of line c, goes to dstOff + dstQ·c + dstStride·(e + M·k').
 * With no twiddles p and q are interchangeable, so either loop may be the inner one: lines inner
 * (q := c, p := e: xq = 1, xs = count, yq = dstQ, ys = dstStride) suits columns, elements inner
 * (q := e, p := c: xq = count, xs = 1, yq = dstStride, ys = dstQ) suits rows, whose lines are far apart
 * (writing one value per row in the inner loop thrashes the cache when the row length is a large power of
 * two times a small factor). In both, xk = count·M and yk = M·dstStride.
 *
 * ## Why the passes compose to a DFT (no bit reversal)
 * Write the DFT of one length-N sequence u[j] = x[q + s·j] with j = p + m·k and output index r·l + k':
 *
 *     U[r·l + k'] = Σ_p ω_N^{p·k'} ω_m^{p·l} Σ_k u[p + m·k] ω_r^{k·k'}
 *
 * (ω_N^{m·k·r·l} = 1, ω_N^{m·k·k'} = ω_r^{k·k'}, ω_N^{p·r·l} = ω_m^{p·l}). So U[r·l + k'] is the length-m DFT
 * over p of z_{k'}[p] = y[q + s·(r·p + k')] = y[q' + s'·p] with q' = q + s·k' < s' = s·r. The next pass runs
 * on (m, s') and, by induction, leaves U[r·l + k'] at q' + s'·l = q + s·(k' + r·l): natural order, stride s.
 * A length-1 transform is the identity. Starting with s = `count` on data laid out `[n][count]` (the count
 * lines interleaved, line index fastest) therefore transforms all lines at once, with inner loops over
 * q that are contiguous and at least `count` long.
 *
 * ## Twiddles
 * `tw` holds, from `twOff`, the forward factors ω_N^{p·k'} (dir = +1) for p = 0..m-1, k' = 1..r-1, as
 * (cos, −sin) pairs at `twOff + 2·((r−1)·p + k' − 1)`; the inverse uses their conjugates (imaginary part
 * times dir). p = 0 needs none and is looped apart; twOff < 0 means no twiddles at all (the last pass).
 */

/** Radix-2 pass: y0 = a0 + a1, y1 = (a0 − a1)·w. Parameters: see the module comment. */
export function pass2(
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
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  for (let p = 0; p < pn; p++) {
    const xb = 2 * (xOff + p * xs),
      yb = 2 * (yOff + p * ys);
    if (p === 0 || twOff < 0) {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          o0 = iy,
          o1 = o0 + yk2;
        const a0r = x[i0],
          a0i = x[i0 + 1],
          a1r = x[i1],
          a1i = x[i1 + 1];
        y[o0] = a0r + a1r;
        y[o0 + 1] = a0i + a1i;
        y[o1] = a0r - a1r;
        y[o1 + 1] = a0i - a1i;
      }
    } else {
      const t = twOff + 2 * p;
      const wr = tw[t],
        wi = dir * tw[t + 1];
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          o0 = iy,
          o1 = o0 + yk2;
        const a0r = x[i0],
          a0i = x[i0 + 1],
          a1r = x[i1],
          a1i = x[i1 + 1];
        y[o0] = a0r + a1r;
        y[o0 + 1] = a0i + a1i;
        const dr = a0r - a1r,
          di = a0i - a1i;
        y[o1] = dr * wr - di * wi;
        y[o1 + 1] = dr * wi + di * wr;
      }
    }
  }
}

/**
 * Radix-3 pass. With t = a1 + a2, d = a1 − a2 and S = dir·sin(2π/3):
 * y0 = a0 + t, y1 = a0 − t/2 − i·S·d, y2 = a0 − t/2 + i·S·d (then twiddles).
 */
export function pass3(
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
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const S = dir * 0.8660254037844386; // sin(2π/3), nearest double
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  for (let p = 0; p < pn; p++) {
    const xb = 2 * (xOff + p * xs),
      yb = 2 * (yOff + p * ys);
    const plain = p === 0 || twOff < 0;
    const t = twOff + 4 * p;
    const w1r = plain ? 1 : tw[t],
      w1i = plain ? 0 : dir * tw[t + 1],
      w2r = plain ? 1 : tw[t + 2],
      w2i = plain ? 0 : dir * tw[t + 3];
    if (plain) {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1];
        const tr = a1r + a2r,
          ti = a1i + a2i;
        const dr = S * (a1r - a2r),
          di = S * (a1i - a2i);
        const cr = a0r - 0.5 * tr,
          ci = a0i - 0.5 * ti;
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2;
        y[o0] = a0r + tr;
        y[o0 + 1] = a0i + ti;
        y[o1] = cr + di;
        y[o1 + 1] = ci - dr;
        y[o2] = cr - di;
        y[o2 + 1] = ci + dr;
      }
    } else {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1];
        const tr = a1r + a2r,
          ti = a1i + a2i;
        const dr = S * (a1r - a2r),
          di = S * (a1i - a2i);
        const cr = a0r - 0.5 * tr,
          ci = a0i - 0.5 * ti;
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2;
        y[o0] = a0r + tr;
        y[o0 + 1] = a0i + ti;
        const b1r = cr + di,
          b1i = ci - dr,
          b2r = cr - di,
          b2i = ci + dr;
        y[o1] = b1r * w1r - b1i * w1i;
        y[o1 + 1] = b1r * w1i + b1i * w1r;
        y[o2] = b2r * w2r - b2i * w2i;
        y[o2 + 1] = b2r * w2i + b2i * w2r;
      }
    }
  }
}

/**
 * Radix-4 pass. With w = ω_4 = −i·dir: t0 = a0 + a2, t1 = a0 − a2, t2 = a1 + a3, t3 = w·(a1 − a3);
 * y0 = t0 + t2, y1 = t1 + t3, y2 = t0 − t2, y3 = t1 − t3 (then twiddles).
 */
export function pass4(
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
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  for (let p = 0; p < pn; p++) {
    const xb = 2 * (xOff + p * xs),
      yb = 2 * (yOff + p * ys);
    if (p === 0 || twOff < 0) {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2,
          i3 = i2 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1],
          a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1],
          a3r = x[i3],
          a3i = x[i3 + 1];
        const t0r = a0r + a2r,
          t0i = a0i + a2i,
          t1r = a0r - a2r,
          t1i = a0i - a2i;
        const t2r = a1r + a3r,
          t2i = a1i + a3i;
        const t3r = dir * (a1i - a3i),
          t3i = dir * (a3r - a1r);
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2,
          o3 = o2 + yk2;
        y[o0] = t0r + t2r;
        y[o0 + 1] = t0i + t2i;
        y[o1] = t1r + t3r;
        y[o1 + 1] = t1i + t3i;
        y[o2] = t0r - t2r;
        y[o2 + 1] = t0i - t2i;
        y[o3] = t1r - t3r;
        y[o3 + 1] = t1i - t3i;
      }
    } else {
      const t = twOff + 6 * p;
      const w1r = tw[t],
        w1i = dir * tw[t + 1],
        w2r = tw[t + 2],
        w2i = dir * tw[t + 3],
        w3r = tw[t + 4],
        w3i = dir * tw[t + 5];
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2,
          i3 = i2 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1],
          a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1],
          a3r = x[i3],
          a3i = x[i3 + 1];
        const t0r = a0r + a2r,
          t0i = a0i + a2i,
          t1r = a0r - a2r,
          t1i = a0i - a2i;
        const t2r = a1r + a3r,
          t2i = a1i + a3i;
        const t3r = dir * (a1i - a3i),
          t3i = dir * (a3r - a1r);
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2,
          o3 = o2 + yk2;
        y[o0] = t0r + t2r;
        y[o0 + 1] = t0i + t2i;
        const b1r = t1r + t3r,
          b1i = t1i + t3i,
          b2r = t0r - t2r,
          b2i = t0i - t2i,
          b3r = t1r - t3r,
          b3i = t1i - t3i;
        y[o1] = b1r * w1r - b1i * w1i;
        y[o1 + 1] = b1r * w1i + b1i * w1r;
        y[o2] = b2r * w2r - b2i * w2i;
        y[o2 + 1] = b2r * w2i + b2i * w2r;
        y[o3] = b3r * w3r - b3i * w3i;
        y[o3 + 1] = b3r * w3i + b3i * w3r;
      }
    }
  }
}

const C51 = 0.30901699437494745; // cos(2π/5); these four are the nearest doubles of the exact values
const C52 = -0.8090169943749475; // cos(4π/5)
const S51 = 0.9510565162951535; // sin(2π/5)
const S52 = 0.5877852522924731; // sin(4π/5)

/**
 * Radix-5 pass. With t1 = a1 + a4, t2 = a2 + a3, d1 = a1 − a4, d2 = a2 − a3, cj = cos(2πj/5), Sj = dir·sin(2πj/5):
 * y1,4 = a0 + c1·t1 + c2·t2 ∓ i·(S1·d1 + S2·d2),  y2,3 = a0 + c2·t1 + c1·t2 ∓ i·(S2·d1 − S1·d2).
 */
export function pass5(
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
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const s1 = dir * S51,
    s2 = dir * S52;
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  for (let p = 0; p < pn; p++) {
    const xb = 2 * (xOff + p * xs),
      yb = 2 * (yOff + p * ys);
    if (p === 0 || twOff < 0) {
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2,
          i3 = i2 + xk2,
          i4 = i3 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1],
          a3r = x[i3],
          a3i = x[i3 + 1],
          a4r = x[i4],
          a4i = x[i4 + 1];
        const t1r = a1r + a4r,
          t1i = a1i + a4i,
          t2r = a2r + a3r,
          t2i = a2i + a3i;
        const d1r = a1r - a4r,
          d1i = a1i - a4i,
          d2r = a2r - a3r,
          d2i = a2i - a3i;
        const A1r = a0r + C51 * t1r + C52 * t2r,
          A1i = a0i + C51 * t1i + C52 * t2i,
          A2r = a0r + C52 * t1r + C51 * t2r,
          A2i = a0i + C52 * t1i + C51 * t2i;
        const U1r = s1 * d1r + s2 * d2r,
          U1i = s1 * d1i + s2 * d2i,
          U2r = s2 * d1r - s1 * d2r,
          U2i = s2 * d1i - s1 * d2i;
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2,
          o3 = o2 + yk2,
          o4 = o3 + yk2;
        y[o0] = a0r + t1r + t2r;
        y[o0 + 1] = a0i + t1i + t2i;
        // y = A − i·U = (Ar + Ui, Ai − Ur);  y' = A + i·U = (Ar − Ui, Ai + Ur)
        y[o1] = A1r + U1i;
        y[o1 + 1] = A1i - U1r;
        y[o4] = A1r - U1i;
        y[o4 + 1] = A1i + U1r;
        y[o2] = A2r + U2i;
        y[o2 + 1] = A2i - U2r;
        y[o3] = A2r - U2i;
        y[o3 + 1] = A2i + U2r;
      }
    } else {
      const t = twOff + 8 * p;
      const w1r = tw[t],
        w1i = dir * tw[t + 1],
        w2r = tw[t + 2],
        w2i = dir * tw[t + 3],
        w3r = tw[t + 4],
        w3i = dir * tw[t + 5],
        w4r = tw[t + 6],
        w4i = dir * tw[t + 7];
      for (let q = 0, ix = xb, iy = yb; q < qn; q++, ix += xq2, iy += yq2) {
        const i0 = ix,
          i1 = i0 + xk2,
          i2 = i1 + xk2,
          i3 = i2 + xk2,
          i4 = i3 + xk2;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const a1r = x[i1],
          a1i = x[i1 + 1],
          a2r = x[i2],
          a2i = x[i2 + 1],
          a3r = x[i3],
          a3i = x[i3 + 1],
          a4r = x[i4],
          a4i = x[i4 + 1];
        const t1r = a1r + a4r,
          t1i = a1i + a4i,
          t2r = a2r + a3r,
          t2i = a2i + a3i;
        const d1r = a1r - a4r,
          d1i = a1i - a4i,
          d2r = a2r - a3r,
          d2i = a2i - a3i;
        const A1r = a0r + C51 * t1r + C52 * t2r,
          A1i = a0i + C51 * t1i + C52 * t2i,
          A2r = a0r + C52 * t1r + C51 * t2r,
          A2i = a0i + C52 * t1i + C51 * t2i;
        const U1r = s1 * d1r + s2 * d2r,
          U1i = s1 * d1i + s2 * d2i,
          U2r = s2 * d1r - s1 * d2r,
          U2i = s2 * d1i - s1 * d2i;
        const o0 = iy,
          o1 = o0 + yk2,
          o2 = o1 + yk2,
          o3 = o2 + yk2,
          o4 = o3 + yk2;
        y[o0] = a0r + t1r + t2r;
        y[o0 + 1] = a0i + t1i + t2i;
        // y = A − i·U = (Ar + Ui, Ai − Ur);  y' = A + i·U = (Ar − Ui, Ai + Ur)
        const b1r = A1r + U1i,
          b1i = A1i - U1r,
          b4r = A1r - U1i,
          b4i = A1i + U1r,
          b2r = A2r + U2i,
          b2i = A2i - U2r,
          b3r = A2r - U2i,
          b3i = A2i + U2r;
        y[o1] = b1r * w1r - b1i * w1i;
        y[o1 + 1] = b1r * w1i + b1i * w1r;
        y[o2] = b2r * w2r - b2i * w2i;
        y[o2 + 1] = b2r * w2i + b2i * w2r;
        y[o3] = b3r * w3r - b3i * w3i;
        y[o3 + 1] = b3r * w3i + b3i * w3r;
        y[o4] = b4r * w4r - b4i * w4i;
        y[o4 + 1] = b4r * w4i + b4i * w4r;
      }
    }
  }
}

/** Complex entries of q handled per chunk by `passGeneric`: its scratch holds (2h + 3) chunks. */
export const GENERIC_CHUNK = 64;

/**
 * Generic odd-radix pass (any odd r ≥ 3), vectorised over q in chunks.
 *
 * Pairing inputs j and r−j (h = (r−1)/2 pairs): with T_j = a_j + a_{r−j}, D_j = a_j − a_{r−j},
 *   y_k     = a0 + Σ_j cos(2πjk/r)·T_j − i·dir·Σ_j sin(2πjk/r)·D_j
 *   y_{r−k} = a0 + Σ_j cos(2πjk/r)·T_j + i·dir·Σ_j sin(2πjk/r)·D_j      (k = 1..h)
 * since a_j·ω^{jk} + a_{r−j}·ω^{−jk} = cos θ·T_j − i·dir·sin θ·D_j with θ = 2πjk/r.
 * Real coefficients times complex values act element-wise on the interleaved floats, so a0, T, D and the
 * sums live in `scratch` as contiguous float runs (a0 is copied first: a single pass may run in place).
 * `cs` holds cos(2πjk/r) at (j−1)·h + (k−1), `sn` likewise sin. `scratch` needs 2·GENERIC_CHUNK·(2h + 3)
 * floats.
 */
export function passGeneric(
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
  r: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
  cs: Float64Array,
  sn: Float64Array,
  scratch: Float64Array,
): void {
  const h = (r - 1) >> 1;
  const xk2 = 2 * xk,
    yk2 = 2 * yk,
    xq2 = 2 * xq,
    yq2 = 2 * yq;
  const CH2 = 2 * GENERIC_CHUNK;
  const dOff = h * CH2; // D_j runs after the h T_j runs
  const aOff = 2 * h * CH2; // A accumulator
  const uOff = aOff + CH2; // U accumulator
  const a0Off = uOff + CH2; // a0
  for (let p = 0; p < pn; p++) {
    const xp = 2 * (xOff + p * xs),
      yp = 2 * (yOff + p * ys);
    const plain = p === 0 || twOff < 0;
    const tp = twOff + 2 * (r - 1) * p;
    for (let c0 = 0; c0 < qn; c0 += GENERIC_CHUNK) {
      const cn = Math.min(GENERIC_CHUNK, qn - c0);
      const qn2 = 2 * cn;
      const xb = xp + c0 * xq2,
        yb = yp + c0 * yq2;
      // a0; pair sums and differences; y0 = a0 + Σ T_j
      for (let q = 0, ix = xb; q < qn2; q += 2, ix += xq2) {
        const vr = x[ix],
          vi = x[ix + 1];
        scratch[a0Off + q] = vr;
        scratch[a0Off + q + 1] = vi;
        scratch[aOff + q] = vr;
        scratch[aOff + q + 1] = vi;
      }
      for (let j = 1; j <= h; j++) {
        const tj = (j - 1) * CH2,
          dj = dOff + tj;
        for (let q = 0, ij = xb + j * xk2, ir = xb + (r - j) * xk2; q < qn2; q += 2, ij += xq2, ir += xq2) {
          const ur = x[ij],
            ui = x[ij + 1],
            vr = x[ir],
            vi = x[ir + 1];
          scratch[tj + q] = ur + vr;
          scratch[tj + q + 1] = ui + vi;
          scratch[dj + q] = ur - vr;
          scratch[dj + q + 1] = ui - vi;
          scratch[aOff + q] += ur + vr;
          scratch[aOff + q + 1] += ui + vi;
        }
      }
      for (let q = 0, iy = yb; q < qn2; q += 2, iy += yq2) {
        y[iy] = scratch[aOff + q];
        y[iy + 1] = scratch[aOff + q + 1];
      }
      for (let k = 1; k <= h; k++) {
        // A = a0 + Σ_j cos·T_j, U = dir·Σ_j sin·D_j
        const c1 = cs[k - 1],
          sn1 = dir * sn[k - 1];
        for (let q = 0; q < qn2; q++) {
          scratch[aOff + q] = scratch[a0Off + q] + c1 * scratch[q];
          scratch[uOff + q] = sn1 * scratch[dOff + q];
        }
        for (let j = 2; j <= h; j++) {
          const c = cs[(j - 1) * h + k - 1],
            sj = dir * sn[(j - 1) * h + k - 1];
          const tj = (j - 1) * CH2,
            dj = dOff + tj;
          for (let q = 0; q < qn2; q++) {
            scratch[aOff + q] += c * scratch[tj + q];
            scratch[uOff + q] += sj * scratch[dj + q];
          }
        }
        const ok = yb + k * yk2,
          or = yb + (r - k) * yk2;
        const tk = tp + 2 * (k - 1),
          tr = tp + 2 * (r - k - 1);
        const wkr = plain ? 1 : tw[tk],
          wki = plain ? 0 : dir * tw[tk + 1],
          wrr = plain ? 1 : tw[tr],
          wri = plain ? 0 : dir * tw[tr + 1];
        for (let q = 0, oq = 0; q < qn2; q += 2, oq += yq2) {
          const ar = scratch[aOff + q],
            ai = scratch[aOff + q + 1],
            ur = scratch[uOff + q],
            ui = scratch[uOff + q + 1];
          const br = ar + ui,
            bi = ai - ur,
            cr = ar - ui,
            ci = ai + ur;
          y[ok + oq] = br * wkr - bi * wki;
          y[ok + oq + 1] = br * wki + bi * wkr;
          y[or + oq] = cr * wrr - ci * wri;
          y[or + oq + 1] = cr * wri + ci * wrr;
        }
      }
    }
  }
}
