/**
 * Is the FDR noise estimate contaminated by density? (Appendix B of the spec: for maps filled to the edges the
 * default noise boxes sit on density, σ² is overestimated and the confidence map comes out (almost) empty.)
 *
 * The test compares the noise boxes with each other and with the darkest part of the same map:
 *
 * 1. Reference "solvent": the map is tiled with non-overlapping cubes of the noise-box edge w; cubes that are
 *    exactly constant (masked-out regions) are dropped; the darkest tenth by mean (at least 3 cubes, and only
 *    when there are ≥ 20 cubes) is the reference. μ_dark and σ²_dark are the medians of those cubes' means and
 *    variances. For a map with any solvent these cubes are solvent; for a map without, they are its emptiest part.
 * 2. Effective sample size: noise in a map is correlated over a few voxels. The autocorrelation ρ_a(k) along each
 *    axis, measured inside the reference cubes (or inside the noise boxes when there is no reference), gives the
 *    integrated autocorrelation time τ_a = 1 + 2 Σ_k (1 − k/w) ρ_a(k) (summed until ρ drops to 0.05) and
 *    n_eff = w³/(τ_z τ_y τ_x): the number of independent samples a w-cube is worth. The thresholds below grow
 *    when n_eff is small, so small boxes of strongly correlated noise do not raise false alarms.
 * 3. Findings (each alone makes the estimate "contaminated"):
 *    - `brighter-than-solvent`: (μ − μ_dark)/σ_dark > 1.5 + 4/√n_eff. Pure solvent boxes sit within about two
 *      standard errors (σ/√n_eff) of the dark reference, which is biased low by ≈ 1.65 of them (it is the darkest
 *      tenth); 4/√n_eff allows for both. Boxes on protein are brighter by more than 1.5 noise σ, enough to shrink
 *      the mask a lot (the BY threshold is t ≈ 5–6).
 *    - `noisier-than-solvent`: σ²/σ²_dark > max(4, exp(6·√(2/(k·n_eff)))) for k boxes: the boxes' σ is more than
 *      twice the noise σ of the darkest regions. (A factor 4 in variance leaves room for the mild non-stationarity
 *      of real noise, e.g. the quieter corners of a box reconstructed from masked particle images.)
 *    - `boxes-disagree` (≥ 2 boxes): the largest/smallest box variance > max(4, exp(6·√(2/n_eff))), or the spread
 *      of the box means > max(2, 6·√(2/n_eff)) times the quietest box's σ. Noise boxes in solvent are samples of
 *      the same noise; a box on density is brighter and noisier than the others.
 *
 * What it cannot see: a map with no solvent anywhere (every cube holds density) whose boxes all sit on similar
 * density. The FDR mask of such a map is (almost) empty, which `fdrConfidenceMap` reports separately.
 *
 * Evidence (when this was written): on the unmasked TMV box EMD-4413 (46×70×43 voxels, a helical map filled to
 * its edges; shared/data/real) the default boxes give σ 3.6× that of the darkest tenth and disagree 13× in
 * variance, and the mask has 239 voxels (0 with the 5 Å pre-filter, the original's crash); boxes at the four
 * suggested centres give no finding and a mask of 22 % (31 % with the pre-filter) of the box. Synthetic maps with
 * solvent (test/mask) give no finding; a tube lattice whose walls carry the default boxes does.
 */
import type { ShapeZyx } from '../core/vec.js';
import type { NoiseEstimate } from './noise-boxes.js';
import { noiseBoxCentre } from './noise-boxes.js';

export type NoiseFindingCode = 'brighter-than-solvent' | 'noisier-than-solvent' | 'boxes-disagree';

export interface NoiseFinding {
  readonly code: NoiseFindingCode;
  /** The statistic and the threshold it exceeded, in the units the description gives. */
  readonly value: number;
  readonly threshold: number;
  /** One sentence for a user. */
  readonly text: string;
}

export interface DarkReference {
  /** Complete non-constant w-cubes in the map. */
  readonly cubeCount: number;
  /** Cubes in the darkest tenth. */
  readonly darkCount: number;
  readonly mean: number;
  readonly variance: number;
}

export interface NoiseCheck {
  readonly contaminated: boolean;
  readonly findings: readonly NoiseFinding[];
  /** Null when the map holds fewer than 20 cubes of the box edge (too few to tell solvent from density). */
  readonly dark: DarkReference | null;
  /** Lag-1 autocorrelation of the noise along z, y, x (in the reference cubes). */
  readonly lag1CorrelationZyx: readonly [number, number, number];
  /** Integrated autocorrelation time along z, y, x (1 for white noise). */
  readonly autocorrelationTimeZyx: readonly [number, number, number];
  /** Effective number of independent samples in one noise box. */
  readonly effectiveSamplesPerBox: number;
  /**
   * Centres [z, y, x] of the four quietest (lowest-variance) cubes among the darkest tenth: candidate noise-box
   * positions (empty without a reference). Check them in a viewer before use.
   */
  readonly suggestedCentresZyx: readonly (readonly [number, number, number])[];
}

const MIN_CUBES = 20;
const DARK_FRACTION = 0.1;

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Autocorrelations below this end the sum of the integrated autocorrelation time (initial positive sequence). */
const ACF_STOP = 0.05;

/**
 * Integrated autocorrelation time τ_a = 1 + 2 Σ_k (1 − k/w) ρ_a(k) along z, y, x, measured inside the given cubes
 * (each centred on its own mean); the sum over lags k stops before the first ρ(k) ≤ 0.05. The variance of a
 * cube mean is σ²·τ_z·τ_y·τ_x/w³ (for separable correlation). Also returns ρ(1).
 */
function autocorrelationTimes(
  data: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  cubes: readonly { readonly startZyx: readonly [number, number, number]; readonly mean: number }[],
  w: number,
): { tau: [number, number, number]; lag1: [number, number, number] } {
  const [, ny, nx] = shapeZyx;
  const strides = [ny * nx, nx, 1];
  let ss = 0;
  for (const cube of cubes) {
    const [z0, y0, x0] = cube.startZyx;
    for (let z = z0; z < z0 + w; z++) {
      for (let y = y0; y < y0 + w; y++) {
        const row = (z * ny + y) * nx;
        for (let x = x0; x < x0 + w; x++) {
          const d = data[row + x] - cube.mean;
          ss += d * d;
        }
      }
    }
  }
  const tau: [number, number, number] = [1, 1, 1];
  const lag1: [number, number, number] = [0, 0, 0];
  if (!(ss > 0) || w < 2) return { tau, lag1 };
  const variance = ss / (cubes.length * w * w * w);
  const open = [true, true, true];
  for (let k = 1; k < w && (open[0] || open[1] || open[2]); k++) {
    for (let a = 0; a < 3; a++) {
      if (!open[a]) continue;
      const step = k * strides[a];
      let sum = 0;
      for (const cube of cubes) {
        const [z0, y0, x0] = cube.startZyx;
        const m = cube.mean;
        // pairs (v, v + k along axis a) with both ends in the cube
        const zEnd = z0 + w - (a === 0 ? k : 0);
        const yEnd = y0 + w - (a === 1 ? k : 0);
        const xEnd = x0 + w - (a === 2 ? k : 0);
        for (let z = z0; z < zEnd; z++) {
          for (let y = y0; y < yEnd; y++) {
            const row = (z * ny + y) * nx;
            for (let x = x0; x < xEnd; x++) {
              const i = row + x;
              sum += (data[i] - m) * (data[i + step] - m);
            }
          }
        }
      }
      const rho = sum / (cubes.length * w * w * (w - k)) / variance;
      if (k === 1) lag1[a] = rho;
      if (rho <= ACF_STOP) open[a] = false;
      else tau[a] += 2 * (1 - k / w) * rho;
    }
  }
  return { tau, lag1 };
}

/** n_eff = w³/(τ_z τ_y τ_x), each τ kept in [1, w]. */
function effectiveSamples(w: number, tau: readonly [number, number, number]): number {
  let f = w * w * w;
  for (const t of tau) f /= Math.min(w, Math.max(1, t));
  return Math.max(1, f);
}

/**
 * Checks the noise estimate `noise` (from boxes of edge `noise.boxes[0].edgeVox`) against the map `data` it came
 * from (the same, possibly low-passed, values the FDR test uses). Reads the map once.
 */
export function checkNoiseBoxes(
  data: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  noise: NoiseEstimate,
): NoiseCheck {
  const w = noise.boxes[0].edgeVox;
  const [nz, ny, nx] = shapeZyx;
  const nbz = Math.floor(nz / w);
  const nby = Math.floor(ny / w);
  const nbx = Math.floor(nx / w);
  const nb = nbz * nby * nbx;

  let dark: DarkReference | null = null;
  const darkCubes: { startZyx: [number, number, number]; mean: number; variance: number }[] = [];
  if (nb >= MIN_CUBES) {
    // one pass: per-cube sums of d and d² with d = v − μ (shifted for accuracy)
    const s1 = new Float64Array(nb);
    const s2 = new Float64Array(nb);
    const bxOf = new Int32Array(nbx * w);
    for (let x = 0; x < bxOf.length; x++) bxOf[x] = Math.floor(x / w);
    const shift = noise.mean;
    for (let z = 0; z < nbz * w; z++) {
      const bz = Math.floor(z / w);
      for (let y = 0; y < nby * w; y++) {
        const base = (bz * nby + Math.floor(y / w)) * nbx;
        const row = (z * ny + y) * nx;
        for (let x = 0; x < nbx * w; x++) {
          const d = data[row + x] - shift;
          const b = base + bxOf[x];
          s1[b] += d;
          s2[b] += d * d;
        }
      }
    }
    const n = w * w * w;
    const order: number[] = [];
    const means = new Float64Array(nb);
    const vars = new Float64Array(nb);
    for (let b = 0; b < nb; b++) {
      const m = s1[b] / n;
      means[b] = shift + m;
      vars[b] = Math.max(0, s2[b] / n - m * m);
      if (vars[b] > 0) order.push(b);
    }
    if (order.length >= MIN_CUBES) {
      order.sort((a, b) => means[a] - means[b]);
      const k = Math.max(3, Math.round(DARK_FRACTION * order.length));
      const dm = new Float64Array(k);
      const dv = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        const b = order[i];
        dm[i] = means[b];
        dv[i] = vars[b];
        const bx = b % nbx;
        const by = Math.floor(b / nbx) % nby;
        const bz = Math.floor(b / (nbx * nby));
        darkCubes.push({ startZyx: [bz * w, by * w, bx * w], mean: means[b], variance: vars[b] });
      }
      dark = { cubeCount: order.length, darkCount: k, mean: median(dm), variance: median(dv) };
    }
  }
  const refCubes =
    darkCubes.length > 0
      ? darkCubes
      : noise.boxes.map((b, i) => ({
          startZyx: [...b.startZyx] as [number, number, number],
          mean: noise.perBox[i].mean,
        }));
  const acf = autocorrelationTimes(data, shapeZyx, refCubes, w);
  const nEff = effectiveSamples(w, acf.tau);

  const findings: NoiseFinding[] = [];
  const sigma = Math.sqrt(noise.variance);
  const k = noise.boxes.length;
  if (dark !== null && dark.variance > 0) {
    const sd = Math.sqrt(dark.variance);
    const bright = (noise.mean - dark.mean) / sd;
    const tBright = 1.5 + 4 / Math.sqrt(nEff);
    if (bright > tBright) {
      findings.push({
        code: 'brighter-than-solvent',
        value: bright,
        threshold: tBright,
        text:
          `the noise boxes' mean (${fmt(noise.mean)}) is ${bright.toFixed(1)} noise σ above that of the darkest ` +
          `tenth of the map (${fmt(dark.mean)}, σ ${fmt(sd)})`,
      });
    }
    const ratio = noise.variance / dark.variance;
    const tRatio = Math.max(4, Math.exp(6 * Math.sqrt(2 / (k * nEff))));
    if (ratio > tRatio) {
      findings.push({
        code: 'noisier-than-solvent',
        value: ratio,
        threshold: tRatio,
        text: `the noise boxes' σ (${fmt(sigma)}) is ${Math.sqrt(ratio).toFixed(1)}× that of the darkest tenth of the map (${fmt(sd)})`,
      });
    }
  }
  if (k >= 2) {
    let vMin = Infinity;
    let vMax = -Infinity;
    let mMin = Infinity;
    let mMax = -Infinity;
    for (const s of noise.perBox) {
      vMin = Math.min(vMin, s.variance);
      vMax = Math.max(vMax, s.variance);
      mMin = Math.min(mMin, s.mean);
      mMax = Math.max(mMax, s.mean);
    }
    const tVar = Math.max(4, Math.exp(6 * Math.sqrt(2 / nEff)));
    const tMean = Math.max(2, 6 * Math.sqrt(2 / nEff));
    const varRatio = vMin > 0 ? vMax / vMin : vMax > 0 ? Infinity : 1;
    const spread = vMin > 0 ? (mMax - mMin) / Math.sqrt(vMin) : 0;
    if (varRatio > tVar || spread > tMean) {
      findings.push({
        code: 'boxes-disagree',
        value: varRatio > tVar ? varRatio : spread,
        threshold: varRatio > tVar ? tVar : tMean,
        text:
          `the ${k} noise boxes disagree (σ from ${fmt(Math.sqrt(vMin))} to ${fmt(Math.sqrt(vMax))}, ` +
          `means spread over ${spread.toFixed(1)} σ of the quietest box)`,
      });
    }
  }
  // suggestion: the quietest (lowest-variance) cubes of the darkest tenth
  const suggestedCentresZyx = [...darkCubes]
    .sort((a, b) => a.variance - b.variance)
    .slice(0, 4)
    .map((c) => noiseBoxCentre(c.startZyx, w));
  return {
    contaminated: findings.length > 0,
    findings,
    dark,
    lag1CorrelationZyx: acf.lag1,
    autocorrelationTimeZyx: acf.tau,
    effectiveSamplesPerBox: nEff,
    suggestedCentresZyx,
  };
}

function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
