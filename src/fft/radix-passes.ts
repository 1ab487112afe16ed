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
 * times dir). p = 0 needs none and is looped apart, so the last pass (m = 1) does no twiddle products.
 */

/** Radix-2 pass: y0 = a0 + a1, y1 = (a0 − a1)·w. */
export function pass2(
  x: Float64Array,
  y: Float64Array,
  s: number,
  m: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const s2 = 2 * s;
  const xk = m * s2;
  for (let q = 0; q < s2; q += 2) {
    const a0r = x[q],
      a0i = x[q + 1],
      a1r = x[q + xk],
      a1i = x[q + xk + 1];
    y[q] = a0r + a1r;
    y[q + 1] = a0i + a1i;
    y[q + s2] = a0r - a1r;
    y[q + s2 + 1] = a0i - a1i;
  }
  for (let p = 1; p < m; p++) {
    const t = twOff + 2 * p;
    const wr = tw[t],
      wi = dir * tw[t + 1];
    const x0 = p * s2,
      y0 = 2 * p * s2;
    for (let q = 0; q < s2; q += 2) {
      const i0 = x0 + q,
        i1 = i0 + xk,
        o0 = y0 + q,
        o1 = o0 + s2;
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

/**
 * Radix-3 pass. With t = a1 + a2, d = a1 − a2 and S = dir·sin(2π/3):
 * y0 = a0 + t, y1 = a0 − t/2 − i·S·d, y2 = a0 − t/2 + i·S·d (then twiddles).
 */
export function pass3(
  x: Float64Array,
  y: Float64Array,
  s: number,
  m: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const S = dir * 0.8660254037844386; // sin(2π/3), nearest double
  const s2 = 2 * s;
  const xk = m * s2;
  for (let p = 0; p < m; p++) {
    const x0 = p * s2,
      y0 = 3 * p * s2;
    if (p === 0) {
      for (let q = 0; q < s2; q += 2) {
        const i0 = x0 + q,
          i1 = i0 + xk,
          i2 = i1 + xk;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const tr = x[i1] + x[i2],
          ti = x[i1 + 1] + x[i2 + 1];
        const dr = S * (x[i1] - x[i2]),
          di = S * (x[i1 + 1] - x[i2 + 1]);
        const cr = a0r - 0.5 * tr,
          ci = a0i - 0.5 * ti;
        const o0 = y0 + q,
          o1 = o0 + s2,
          o2 = o1 + s2;
        y[o0] = a0r + tr;
        y[o0 + 1] = a0i + ti;
        y[o1] = cr + di;
        y[o1 + 1] = ci - dr;
        y[o2] = cr - di;
        y[o2 + 1] = ci + dr;
      }
    } else {
      const t = twOff + 4 * p;
      const w1r = tw[t],
        w1i = dir * tw[t + 1],
        w2r = tw[t + 2],
        w2i = dir * tw[t + 3];
      for (let q = 0; q < s2; q += 2) {
        const i0 = x0 + q,
          i1 = i0 + xk,
          i2 = i1 + xk;
        const a0r = x[i0],
          a0i = x[i0 + 1];
        const tr = x[i1] + x[i2],
          ti = x[i1 + 1] + x[i2 + 1];
        const dr = S * (x[i1] - x[i2]),
          di = S * (x[i1 + 1] - x[i2 + 1]);
        const cr = a0r - 0.5 * tr,
          ci = a0i - 0.5 * ti;
        const o0 = y0 + q,
          o1 = o0 + s2,
          o2 = o1 + s2;
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
  y: Float64Array,
  s: number,
  m: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const s2 = 2 * s;
  const xk = m * s2;
  for (let q = 0; q < s2; q += 2) {
    const i1 = q + xk,
      i2 = i1 + xk,
      i3 = i2 + xk;
    const a0r = x[q],
      a0i = x[q + 1],
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
    const o1 = q + s2,
      o2 = o1 + s2,
      o3 = o2 + s2;
    y[q] = t0r + t2r;
    y[q + 1] = t0i + t2i;
    y[o1] = t1r + t3r;
    y[o1 + 1] = t1i + t3i;
    y[o2] = t0r - t2r;
    y[o2 + 1] = t0i - t2i;
    y[o3] = t1r - t3r;
    y[o3 + 1] = t1i - t3i;
  }
  for (let p = 1; p < m; p++) {
    const t = twOff + 6 * p;
    const w1r = tw[t],
      w1i = dir * tw[t + 1],
      w2r = tw[t + 2],
      w2i = dir * tw[t + 3],
      w3r = tw[t + 4],
      w3i = dir * tw[t + 5];
    const x0 = p * s2,
      y0 = 4 * p * s2;
    for (let q = 0; q < s2; q += 2) {
      const i0 = x0 + q,
        i1 = i0 + xk,
        i2 = i1 + xk,
        i3 = i2 + xk;
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
      const o0 = y0 + q,
        o1 = o0 + s2,
        o2 = o1 + s2,
        o3 = o2 + s2;
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
  y: Float64Array,
  s: number,
  m: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
): void {
  const s1 = dir * S51,
    s2s = dir * S52;
  const s2 = 2 * s;
  const xk = m * s2;
  for (let p = 0; p < m; p++) {
    const x0 = p * s2,
      y0 = 5 * p * s2;
    const t = twOff + 8 * p;
    const w1r = p === 0 ? 1 : tw[t],
      w1i = p === 0 ? 0 : dir * tw[t + 1],
      w2r = p === 0 ? 1 : tw[t + 2],
      w2i = p === 0 ? 0 : dir * tw[t + 3],
      w3r = p === 0 ? 1 : tw[t + 4],
      w3i = p === 0 ? 0 : dir * tw[t + 5],
      w4r = p === 0 ? 1 : tw[t + 6],
      w4i = p === 0 ? 0 : dir * tw[t + 7];
    for (let q = 0; q < s2; q += 2) {
      const i0 = x0 + q,
        i1 = i0 + xk,
        i2 = i1 + xk,
        i3 = i2 + xk,
        i4 = i3 + xk;
      const a0r = x[i0],
        a0i = x[i0 + 1];
      const t1r = x[i1] + x[i4],
        t1i = x[i1 + 1] + x[i4 + 1],
        t2r = x[i2] + x[i3],
        t2i = x[i2 + 1] + x[i3 + 1];
      const d1r = x[i1] - x[i4],
        d1i = x[i1 + 1] - x[i4 + 1],
        d2r = x[i2] - x[i3],
        d2i = x[i2 + 1] - x[i3 + 1];
      const A1r = a0r + C51 * t1r + C52 * t2r,
        A1i = a0i + C51 * t1i + C52 * t2i,
        A2r = a0r + C52 * t1r + C51 * t2r,
        A2i = a0i + C52 * t1i + C51 * t2i;
      const U1r = s1 * d1r + s2s * d2r,
        U1i = s1 * d1i + s2s * d2i,
        U2r = s2s * d1r - s1 * d2r,
        U2i = s2s * d1i - s1 * d2i;
      const o0 = y0 + q,
        o1 = o0 + s2,
        o2 = o1 + s2,
        o3 = o2 + s2,
        o4 = o3 + s2;
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

/** Complex entries of q handled per chunk by `passGeneric`: its scratch holds (r + 1) chunks. */
export const GENERIC_CHUNK = 64;

/**
 * Generic odd-radix pass (any odd r ≥ 3, used for primes 7, 11, 13, ...), vectorised over q in chunks.
 *
 * Pairing inputs j and r−j (h = (r−1)/2 pairs): with T_j = a_j + a_{r−j}, D_j = a_j − a_{r−j},
 *   y_k     = a0 + Σ_j cos(2πjk/r)·T_j − i·dir·Σ_j sin(2πjk/r)·D_j
 *   y_{r−k} = a0 + Σ_j cos(2πjk/r)·T_j + i·dir·Σ_j sin(2πjk/r)·D_j      (k = 1..h)
 * since a_j·ω^{jk} + a_{r−j}·ω^{−jk} = cos θ·T_j − i·dir·sin θ·D_j with θ = 2πjk/r.
 * Real coefficients times complex values act element-wise on the interleaved floats, so T, D and the sums
 * live in `scratch` as plain float runs. `cs` holds cos(2πjk/r) at (j−1)·h + (k−1), `sn` likewise sin.
 * `scratch` needs 2·GENERIC_CHUNK·(2h + 2) floats.
 */
export function passGeneric(
  x: Float64Array,
  y: Float64Array,
  s: number,
  m: number,
  r: number,
  tw: Float64Array,
  twOff: number,
  dir: number,
  cs: Float64Array,
  sn: Float64Array,
  scratch: Float64Array,
): void {
  const h = (r - 1) >> 1;
  const s2 = 2 * s;
  const xk = m * s2;
  const CH2 = 2 * GENERIC_CHUNK;
  const dOff = h * CH2; // D_j runs after the h T_j runs
  const aOff = 2 * h * CH2; // A accumulator
  const uOff = aOff + CH2; // U accumulator
  for (let p = 0; p < m; p++) {
    const x0 = p * s2,
      y0 = r * p * s2;
    const tp = twOff + 2 * (r - 1) * p;
    for (let q0 = 0; q0 < s2; q0 += CH2) {
      const qn = Math.min(CH2, s2 - q0);
      const xb = x0 + q0;
      // pair sums and differences; y0 = a0 + Σ T_j
      const ob0 = y0 + q0;
      for (let q = 0; q < qn; q++) y[ob0 + q] = x[xb + q];
      for (let j = 1; j <= h; j++) {
        const ij = xb + j * xk,
          ir = xb + (r - j) * xk,
          tj = (j - 1) * CH2,
          dj = dOff + tj;
        for (let q = 0; q < qn; q++) {
          const u = x[ij + q],
            v = x[ir + q];
          scratch[tj + q] = u + v;
          scratch[dj + q] = u - v;
          y[ob0 + q] += u + v;
        }
      }
      for (let k = 1; k <= h; k++) {
        // A = a0 + Σ_j cos·T_j, U = dir·Σ_j sin·D_j
        const c1 = cs[k - 1],
          sn1 = dir * sn[k - 1];
        for (let q = 0; q < qn; q++) {
          scratch[aOff + q] = x[xb + q] + c1 * scratch[q];
          scratch[uOff + q] = sn1 * scratch[dOff + q];
        }
        for (let j = 2; j <= h; j++) {
          const c = cs[(j - 1) * h + k - 1],
            sj = dir * sn[(j - 1) * h + k - 1];
          const tj = (j - 1) * CH2,
            dj = dOff + tj;
          for (let q = 0; q < qn; q++) {
            scratch[aOff + q] += c * scratch[tj + q];
            scratch[uOff + q] += sj * scratch[dj + q];
          }
        }
        const ok = y0 + k * s2 + q0,
          or = y0 + (r - k) * s2 + q0;
        if (p === 0) {
          for (let q = 0; q < qn; q += 2) {
            const ar = scratch[aOff + q],
              ai = scratch[aOff + q + 1],
              ur = scratch[uOff + q],
              ui = scratch[uOff + q + 1];
            y[ok + q] = ar + ui;
            y[ok + q + 1] = ai - ur;
            y[or + q] = ar - ui;
            y[or + q + 1] = ai + ur;
          }
        } else {
          const tk = tp + 2 * (k - 1),
            tr = tp + 2 * (r - k - 1);
          const wkr = tw[tk],
            wki = dir * tw[tk + 1],
            wrr = tw[tr],
            wri = dir * tw[tr + 1];
          for (let q = 0; q < qn; q += 2) {
            const ar = scratch[aOff + q],
              ai = scratch[aOff + q + 1],
              ur = scratch[uOff + q],
              ui = scratch[uOff + q + 1];
            const br = ar + ui,
              bi = ai - ur,
              cr = ar - ui,
              ci = ai + ur;
            y[ok + q] = br * wkr - bi * wki;
            y[ok + q + 1] = br * wki + bi * wkr;
            y[or + q] = cr * wrr - ci * wri;
            y[or + q + 1] = cr * wri + ci * wrr;
          }
        }
      }
    }
  }
}
