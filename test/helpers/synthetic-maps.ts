/**
 * Synthetic maps for the mask tests and the FDR benchmark: correlated Gaussian noise (white noise smoothed by
 * [1, 2, 1]/4 along each axis, periodic, rescaled to σ = 1; lag-1 correlation ≈ 2/3 per axis, like real map
 * noise), plus Gaussian blobs in solvent or a lattice of hollow tubes that fills the box (a stand-in for a
 * helical map boxed to its edges). Deterministic for a given seed.
 */
import type { Volume } from '../../src/grid/volume.js';
import { seededRandom as mulberry32 } from '../../src/core/random.js';

export { mulberry32 };

function smoothAxis(src: Float32Array, dst: Float32Array, n: number, stride: number, total: number): void {
  for (let i = 0; i < total; i++) {
    const pos = Math.floor(i / stride) % n;
    const prev = pos === 0 ? i + (n - 1) * stride : i - stride;
    const next = pos === n - 1 ? i - (n - 1) * stride : i + stride;
    dst[i] = 0.25 * src[prev] + 0.5 * src[i] + 0.25 * src[next];
  }
}

/** Correlated Gaussian noise of unit σ on a cube of edge n (C order), from `seed`. */
export function correlatedNoise(n: number, seed: number): Float32Array {
  const total = n * n * n;
  const rand = mulberry32(seed);
  let a = new Float32Array(total);
  for (let i = 0; i < total; i += 2) {
    const u = 1 - rand();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * rand();
    a[i] = r * Math.cos(th);
    if (i + 1 < total) a[i + 1] = r * Math.sin(th);
  }
  let b = new Float32Array(total);
  for (const stride of [1, n, n * n]) {
    smoothAxis(a, b, n, stride, total);
    [a, b] = [b, a];
  }
  let ss = 0;
  for (let i = 0; i < total; i++) ss += a[i] * a[i];
  const k = 1 / Math.sqrt(ss / total);
  for (let i = 0; i < total; i++) a[i] *= k;
  return a;
}

export function cubeVolume(n: number, data: Float32Array, apixA = 1): Volume {
  return { data, shapeZyx: [n, n, n], voxelSizeXyzA: [apixA, apixA, apixA], originXyzA: [0, 0, 0] };
}

/** Adds Gaussian blobs (σ `sigmaVox`, peak `amplitude`) at the given [z, y, x] centres. */
export function addBlobs(
  data: Float32Array,
  n: number,
  centresZyx: readonly (readonly [number, number, number])[],
  amplitude: number,
  sigmaVox: number,
): void {
  const cut = Math.ceil(4 * sigmaVox);
  for (const [cz, cy, cx] of centresZyx) {
    for (let z = Math.max(0, Math.floor(cz - cut)); z <= Math.min(n - 1, Math.ceil(cz + cut)); z++) {
      for (let y = Math.max(0, Math.floor(cy - cut)); y <= Math.min(n - 1, Math.ceil(cy + cut)); y++) {
        for (let x = Math.max(0, Math.floor(cx - cut)); x <= Math.min(n - 1, Math.ceil(cx + cut)); x++) {
          const r2 = (z - cz) ** 2 + (y - cy) ** 2 + (x - cx) ** 2;
          data[(z * n + y) * n + x] += amplitude * Math.exp(-r2 / (2 * sigmaVox * sigmaVox));
        }
      }
    }
  }
}

/**
 * A compact "particle" of `count` blobs scattered (from `seed`) within `radiusFraction`·n of the box centre, plus
 * correlated unit noise: a map with proper solvent around the molecule.
 */
export function blobMap(
  n: number,
  seed: number,
  options: { count?: number; amplitude?: number; sigmaVox?: number; radiusFraction?: number } = {},
): { volume: Volume; centresZyx: [number, number, number][] } {
  const { count = 12, amplitude = 5, sigmaVox = 2.5, radiusFraction = 0.2 } = options;
  const data = correlatedNoise(n, seed);
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const centres: [number, number, number][] = [];
  const c = n / 2;
  const r = radiusFraction * n;
  while (centres.length < count) {
    const p: [number, number, number] = [
      c + r * (2 * rand() - 1),
      c + r * (2 * rand() - 1),
      c + r * (2 * rand() - 1),
    ];
    if ((p[0] - c) ** 2 + (p[1] - c) ** 2 + (p[2] - c) ** 2 <= r * r) centres.push(p);
  }
  addBlobs(data, n, centres, amplitude, sigmaVox);
  return { volume: cubeVolume(n, data), centresZyx: centres };
}

/**
 * Hollow tubes along z on a square lattice of spacing n/2 in x and y, with axes at (0, 0), (n/2, 0), (0, n/2),
 * (n/2, n/2) (periodic), so the four default FDR noise boxes (near the middle of each side) sit in tube walls,
 * while solvent remains between the tubes. Wall: radii [innerFraction·n, outerFraction·n] with soft (Gaussian,
 * 1 voxel) edges, height `amplitude` (noise σ units), plus correlated unit noise.
 */
export function tubeLatticeMap(
  n: number,
  seed: number,
  options: { amplitude?: number; innerFraction?: number; outerFraction?: number } = {},
): Volume {
  const { amplitude = 3, innerFraction = 0.05, outerFraction = 0.16 } = options;
  const data = correlatedNoise(n, seed);
  const half = n / 2;
  const rIn = innerFraction * n;
  const rOut = outerFraction * n;
  const edge = (d: number): number => 0.5 * (1 + Math.tanh(d / 1.0));
  const profile = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      // distance to the nearest tube axis on the periodic lattice
      const dx = Math.min(x % half, half - (x % half));
      const dy = Math.min(y % half, half - (y % half));
      const r = Math.hypot(dx, dy);
      profile[y * n + x] = amplitude * edge(r - rIn) * edge(rOut - r);
    }
  }
  for (let z = 0; z < n; z++) for (let i = 0; i < n * n; i++) data[z * n * n + i] += profile[i];
  return cubeVolume(n, data);
}
