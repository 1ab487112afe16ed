/**
 * Test helpers for symmetry: seeded random numbers, analytic Gaussian maps, an independent real-space
 * rotation, and a direct (slow, full-grid) transcription of the original symmetrisation algorithm.
 */
import type { Mat3 } from '../../src/symmetry/mat3.js';
import type { Volume } from '../../src/grid/volume.js';
import { fftn, ifftn } from '../../src/fft/index.js';
import { seededRandom, seededNormal } from '../../src/core/random.js';

export { seededRandom, seededNormal };

export type Point = readonly [number, number, number];

/** p′ = R·(p − c) + c. */
export function rotateAbout(r: Mat3, p: Point, c: Point): Point {
  const d = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  return [
    r[0][0] * d[0] + r[0][1] * d[1] + r[0][2] * d[2] + c[0],
    r[1][0] * d[0] + r[1][1] * d[1] + r[1][2] * d[2] + c[1],
    r[2][0] * d[0] + r[2][1] * d[1] + r[2][2] * d[2] + c[2],
  ];
}

/** The rotation centre of a box: voxel floor(n/2) per axis, as (x, y, z). */
export function boxCentre(shapeZyx: readonly [number, number, number]): Point {
  return [Math.floor(shapeZyx[2] / 2), Math.floor(shapeZyx[1] / 2), Math.floor(shapeZyx[0] / 2)];
}

/** A map (voxel size 1 Å, origin 0) that is the sum of isotropic Gaussians of σ `sigmaVox` at `points` (x, y, z voxels). */
export function gaussianMap(
  shapeZyx: readonly [number, number, number],
  points: readonly Point[],
  sigmaVox: number,
  weights: readonly number[] | null = null,
): Volume {
  const [nz, ny, nx] = shapeZyx;
  const data = new Float32Array(nz * ny * nx);
  const f = -1 / (2 * sigmaVox * sigmaVox);
  const reach = Math.ceil(5 * sigmaVox);
  for (let a = 0; a < points.length; a++) {
    const [px, py, pz] = points[a];
    const w = weights === null ? 1 : weights[a];
    for (let z = Math.max(0, Math.floor(pz) - reach); z <= Math.min(nz - 1, Math.ceil(pz) + reach); z++) {
      for (let y = Math.max(0, Math.floor(py) - reach); y <= Math.min(ny - 1, Math.ceil(py) + reach); y++) {
        for (let x = Math.max(0, Math.floor(px) - reach); x <= Math.min(nx - 1, Math.ceil(px) + reach); x++) {
          const d2 = (x - px) ** 2 + (y - py) ** 2 + (z - pz) ** 2;
          data[(z * ny + y) * nx + x] += w * Math.exp(f * d2);
        }
      }
    }
  }
  return { data, shapeZyx, voxelSizeXyzA: [1, 1, 1], originXyzA: [0, 0, 0] };
}

/**
 * The map turned by R about c in real space: out(p) = in(Rᵀ(p − c) + c), trilinear, 0 outside the box.
 * Independent of the code under test (no Fourier transform).
 */
export function rotateRealSpace(volume: Volume, r: Mat3, c: Point): Float64Array {
  const [nz, ny, nx] = volume.shapeZyx;
  const src = volume.data;
  const out = new Float64Array(nz * ny * nx);
  const at = (x: number, y: number, z: number): number =>
    x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz ? 0 : src[(z * ny + y) * nx + x];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const dx = x - c[0];
        const dy = y - c[1];
        const dz = z - c[2];
        // Rᵀ·d
        const sx = r[0][0] * dx + r[1][0] * dy + r[2][0] * dz + c[0];
        const sy = r[0][1] * dx + r[1][1] * dy + r[2][1] * dz + c[1];
        const sz = r[0][2] * dx + r[1][2] * dy + r[2][2] * dz + c[2];
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const z0 = Math.floor(sz);
        const fx = sx - x0;
        const fy = sy - y0;
        const fz = sz - z0;
        let v = 0;
        for (let k = 0; k < 2; k++) {
          for (let j = 0; j < 2; j++) {
            for (let i = 0; i < 2; i++) {
              const w = (i ? fx : 1 - fx) * (j ? fy : 1 - fy) * (k ? fz : 1 - fz);
              if (w !== 0) v += w * at(x0 + i, y0 + j, z0 + k);
            }
          }
        }
        out[(z * ny + y) * nx + x] = v;
      }
    }
  }
  return out;
}

/** 1 inside the sphere of `radius` voxels about c, else 0. */
export function sphereMask(
  shapeZyx: readonly [number, number, number],
  c: Point,
  radius: number,
): Float64Array {
  const [nz, ny, nx] = shapeZyx;
  const out = new Float64Array(nz * ny * nx);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        if ((x - c[0]) ** 2 + (y - c[1]) ** 2 + (z - c[2]) ** 2 <= radius * radius)
          out[(z * ny + y) * nx + x] = 1;
  return out;
}

/**
 * The original algorithm written out directly from its description (spec §7, `trilinear_torch.py`): full
 * complex grids, one spectrum per operator, Friedel mates written after the h ≤ 0 half, as in the original.
 * Slow (for boxes of ~16³); the reference the optimised code is compared with. Even cubic boxes only.
 */
export function referenceSymmetrize(data: ArrayLike<number>, n: number, ops: readonly Mat3[]): Float64Array {
  const h = n / 2;
  const nmin = -h;
  const nmax = h - 1;
  const shape = [n, n, n] as const;
  const n3 = n * n * n;
  const wrap = (i: number): number => ((i % n) + n) % n;
  const idx = (z: number, y: number, x: number): number => (z * n + y) * n + x;
  // fftshift(map): out[j] = in[(j + n/2) mod n] for even n
  const shifted = new Float64Array(2 * n3);
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++)
        shifted[2 * idx(z, y, x)] = data[idx(wrap(z + h), wrap(y + h), wrap(x + h))];
  const f = fftn(shifted, shape);
  const F = new Float64Array(2 * n3);
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const s = idx(wrap(z + h), wrap(y + h), wrap(x + h));
        F[2 * idx(z, y, x)] = f[2 * s];
        F[2 * idx(z, y, x) + 1] = f[2 * s + 1];
      }
  const sum = new Float64Array(2 * n3);
  const radiusMax = h - 1 - 1 + 2.5;
  for (const r of ops) {
    const frs = new Float64Array(2 * n3);
    const vals: { hh: number; k: number; l: number; re: number; im: number; valid: boolean }[] = [];
    for (let hh = nmin; hh <= 0; hh++) {
      for (let k = nmin; k <= nmax; k++) {
        for (let l = nmin; l <= nmax; l++) {
          let valid = Math.sqrt(hh * hh + k * k + l * l) <= radiusMax;
          // X (x, y, z) = Rᵀ s with s = (l, k, hh)
          const X = [0, 1, 2].map((i) => r[0][i] * l + r[1][i] * k + r[2][i] * hh);
          const X0 = X.map(Math.floor);
          for (let i = 0; i < 3; i++) if (!(X0[i] >= nmin && X0[i] + 1 <= nmax)) valid = false;
          let re = 0;
          let im = 0;
          if (valid) {
            for (let dz = 0; dz < 2; dz++)
              for (let dy = 0; dy < 2; dy++)
                for (let dx = 0; dx < 2; dx++) {
                  const w =
                    (dx ? X[0] - X0[0] : 1 - (X[0] - X0[0])) *
                    (dy ? X[1] - X0[1] : 1 - (X[1] - X0[1])) *
                    (dz ? X[2] - X0[2] : 1 - (X[2] - X0[2]));
                  const o = 2 * idx(X0[2] + dz + h, X0[1] + dy + h, X0[0] + dx + h);
                  re += w * F[o];
                  im += w * F[o + 1];
                }
          }
          const o = 2 * idx(hh + h, k + h, l + h);
          frs[o] = re;
          frs[o + 1] = im;
          vals.push({ hh, k, l, re, im, valid });
        }
      }
    }
    for (const v of vals) {
      if (!v.valid || v.hh === nmin || v.k === nmin || v.l === nmin) continue;
      const o = 2 * idx(-v.hh + h, -v.k + h, -v.l + h);
      frs[o] = v.re;
      frs[o + 1] = -v.im;
    }
    for (let i = 0; i < 2 * n3; i++) sum[i] += frs[i];
  }
  // ifftshift(avg) → ifftn → real → ifftshift
  const y = new Float64Array(2 * n3);
  for (let z = 0; z < n; z++)
    for (let yy = 0; yy < n; yy++)
      for (let x = 0; x < n; x++) {
        const s = idx(wrap(z + h), wrap(yy + h), wrap(x + h));
        y[2 * idx(z, yy, x)] = sum[2 * s] / ops.length;
        y[2 * idx(z, yy, x) + 1] = sum[2 * s + 1] / ops.length;
      }
  const back = ifftn(y, shape);
  const out = new Float64Array(n3);
  for (let z = 0; z < n; z++)
    for (let yy = 0; yy < n; yy++)
      for (let x = 0; x < n; x++) out[idx(z, yy, x)] = back[2 * idx(wrap(z + h), wrap(yy + h), wrap(x + h))];
  return out;
}
