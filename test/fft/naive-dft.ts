/**
 * Slow, obviously-correct references for the FFT tests (the oracle), plus a seeded PRNG and error norms.
 * Conventions as numpy: forward exp(−2πi·jk/n) unnormalised; inverse exp(+2πi·jk/n) with 1/n.
 */
import { seededRandom as mulberry32 } from '../../src/core/random.js';

export { mulberry32 };

/** `length` seeded uniform values in [−1, 1). */
export function randomArray(length: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = 2 * rnd() - 1;
  return out;
}

/** exp(∓2πi·t/n) for t = 0..n−1 as [cos, sin·sign] pairs (sign −1 forward, +1 inverse). */
function unitRoots(n: number, inverse: boolean): Float64Array {
  const w = new Float64Array(2 * n);
  const sign = inverse ? 1 : -1;
  for (let t = 0; t < n; t++) {
    w[2 * t] = Math.cos((2 * Math.PI * t) / n);
    w[2 * t + 1] = sign * Math.sin((2 * Math.PI * t) / n);
  }
  return w;
}

/** O(n²) DFT of one interleaved complex line (inverse includes the 1/n). */
export function naiveDft(input: Float64Array, inverse = false): Float64Array {
  const n = input.length / 2;
  const w = unitRoots(n, inverse);
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    let re = 0,
      im = 0;
    for (let j = 0; j < n; j++) {
      const t = (j * k) % n;
      const wr = w[2 * t],
        wi = w[2 * t + 1];
      const xr = input[2 * j],
        xi = input[2 * j + 1];
      re += xr * wr - xi * wi;
      im += xr * wi + xi * wr;
    }
    const s = inverse ? 1 / n : 1;
    out[2 * k] = re * s;
    out[2 * k + 1] = im * s;
  }
  return out;
}

/** Direct 3-D DFT (one O(N²) sum over all points per output; for small shapes). */
export function naiveDft3d(input: Float64Array, shapeZyx: readonly number[], inverse = false): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const wz = unitRoots(nz, inverse),
    wy = unitRoots(ny, inverse),
    wx = unitRoots(nx, inverse);
  const out = new Float64Array(2 * nz * ny * nx);
  const s = inverse ? 1 / (nz * ny * nx) : 1;
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < nx; kx++) {
        let re = 0,
          im = 0;
        for (let z = 0; z < nz; z++) {
          const tz = (z * kz) % nz;
          for (let y = 0; y < ny; y++) {
            const ty = (y * ky) % ny;
            // wzy = wz[tz]·wy[ty]
            const ar = wz[2 * tz] * wy[2 * ty] - wz[2 * tz + 1] * wy[2 * ty + 1];
            const ai = wz[2 * tz] * wy[2 * ty + 1] + wz[2 * tz + 1] * wy[2 * ty];
            for (let x = 0; x < nx; x++) {
              const tx = (x * kx) % nx;
              const wr = ar * wx[2 * tx] - ai * wx[2 * tx + 1];
              const wi = ar * wx[2 * tx + 1] + ai * wx[2 * tx];
              const i = 2 * ((z * ny + y) * nx + x);
              re += input[i] * wr - input[i + 1] * wi;
              im += input[i] * wi + input[i + 1] * wr;
            }
          }
        }
        const o = 2 * ((kz * ny + ky) * nx + kx);
        out[o] = re * s;
        out[o + 1] = im * s;
      }
  return out;
}

/** 3-D DFT as naive 1-D DFTs along x, y, z (independent of the FFT code; for mid-size shapes). */
export function naiveDft3dSeparable(
  input: Float64Array,
  shapeZyx: readonly number[],
  inverse = false,
): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const data = Float64Array.from(input);
  const axis = (n: number, count: number, offsetOf: (line: number) => number, stride: number) => {
    const line = new Float64Array(2 * n);
    for (let l = 0; l < count; l++) {
      const o = offsetOf(l);
      for (let j = 0; j < n; j++) {
        line[2 * j] = data[2 * (o + j * stride)];
        line[2 * j + 1] = data[2 * (o + j * stride) + 1];
      }
      const r = naiveDft(line, inverse);
      for (let j = 0; j < n; j++) {
        data[2 * (o + j * stride)] = r[2 * j];
        data[2 * (o + j * stride) + 1] = r[2 * j + 1];
      }
    }
  };
  axis(nx, nz * ny, (l) => l * nx, 1);
  axis(ny, nz * nx, (l) => Math.floor(l / nx) * ny * nx + (l % nx), nx);
  axis(nz, ny * nx, (l) => l, ny * nx);
  return data;
}

/** Real array → interleaved complex with zero imaginary parts. */
export function realToComplex(real: Float64Array): Float64Array {
  const out = new Float64Array(2 * real.length);
  for (let i = 0; i < real.length; i++) out[2 * i] = real[i];
  return out;
}

/** The half spectrum [nz][ny][floor(nx/2)+1] cut out of a full complex spectrum [nz][ny][nx]. */
export function halfOf(full: Float64Array, shapeZyx: readonly number[]): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const nxh = Math.floor(nx / 2) + 1;
  const out = new Float64Array(2 * nz * ny * nxh);
  for (let r = 0; r < nz * ny; r++)
    for (let k = 0; k < nxh; k++) {
      out[2 * (r * nxh + k)] = full[2 * (r * nx + k)];
      out[2 * (r * nxh + k) + 1] = full[2 * (r * nx + k) + 1];
    }
  return out;
}

/** ‖a − b‖₂ / ‖b‖₂ (0 when both are zero). */
export function relativeError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let num = 0,
    den = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    num += d * d;
    den += b[i] * b[i];
  }
  return den === 0 ? Math.sqrt(num) : Math.sqrt(num / den);
}

/** Sum of squares. */
export function energy(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}
