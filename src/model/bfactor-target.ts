/**
 * The data term of the B-factor refinement (docs/bfactor-refinement.md): a real-space least-squares fit of the
 * filtered model density to the filtered map inside a mask, with the overall scale k and offset c solved exactly
 * for every B (variable projection), written as a Gaussian log-likelihood with unknown variance:
 *
 *   p = L_c ρ(B)          model density (blurred by B_x) through the model filter L_c = G·exp(+B_x s²/4)
 *   o = L_o ρ_obs          map through the same filter without the un-blur, L_o = G
 *   RSS(B) = min_{k,c} Σ_{v∈M} (k·p_v + c − o_v)² = S_oo·(1 − CC²)
 *   T(B) = (N_eff/2)·ln(RSS/S_oo) = (N_eff/2)·ln(1 − CC²)
 *
 * CC is the correlation of p and o over the mask M, S_oo = Σ_M (o − ō)², and N_eff = V_M·(4π/3)·s_max³ the number
 * of independent Fourier terms the masked volume holds up to the resolution limit. G(s) is the low-pass (cosine
 * edge at the resolution limit) times √FSC_full when half maps give an FSC.
 *
 * Gradient (the optimal k, c need no derivative: envelope theorem):
 *   ∂T/∂p_v = N_eff·k·r_v/RSS on M (0 elsewhere), r_v = k·p_v + c − o_v,
 *   ∂T/∂B_j = Σ_v (L_c ∂T/∂p)_v · ∂ρ_v/∂B_j      (L_c is real and even in s, so it is its own adjoint),
 * i.e. one more filtered FFT pair and, per atom, the gather of `IsotropicGradientKernel`.
 */
import type { ShapeZyx, Xyz } from '../core/vec.js';
import type { Progress } from '../core/progress.js';
import { checkAborted, noProgress } from '../core/progress.js';
import { realFftPlan3d } from '../fft/index.js';
import type { RealFftPlan3d } from '../fft/index.js';
import { DensityAccumulator } from './density-kernel.js';
import { IsotropicGradientKernel } from './bfactor-kernel.js';
import { cutoffRadiusA, carbonRadiusGuessA } from './cutoff-radius.js';
import { C4322_GAUSSIANS } from './scattering-factors.js';
import { signedIndex, halfLength } from '../spectra/frequency.js';
import { scanThenBrent } from './line-minimize.js';

const FOUR_PI = 4 * Math.PI;
const FOUR_PI2 = 4 * Math.PI * Math.PI;

/** The refined atoms as the target sees them: positions in work-grid coordinates and their form factors. */
export interface TargetAtoms {
  readonly count: number;
  /** Grid coordinates (position − work-box origin)/voxel size along x, y, z. */
  readonly gx: Float64Array;
  readonly gy: Float64Array;
  readonly gz: Float64Array;
  readonly occupancy: Float64Array;
  /** C4322 a_g (5 per atom, Å) and b_g (5 per atom, Å²). */
  readonly ffA: Float64Array;
  readonly ffB: Float64Array;
}

export interface DataTargetSetup {
  readonly atoms: TargetAtoms;
  /** Work grid. */
  readonly shapeZyx: ShapeZyx;
  readonly voxelSizeXyzA: Xyz;
  /** Blur B_x (Å²) added to every atom while sampling (removed by `modelGain`). */
  readonly blurA2: number;
  readonly densityCutoff: number;
  /** Real gain per half-spectrum element of the work grid: G(s)·exp(+B_x s²/4). */
  readonly modelGain: Float64Array;
  /** Flat indices of the mask points in the work grid. */
  readonly maskIndex: Int32Array;
  /** The filtered map at the mask points. */
  readonly observed: Float64Array;
  /** N_eff of the file comment. */
  readonly nEffective: number;
  readonly progress?: Progress;
}

/** What one evaluation found (at the B it was given). */
export interface DataTermStats {
  /** T = (N_eff/2)·ln(1 − CC²). */
  readonly value: number;
  /** Correlation of the filtered model and map inside the mask. */
  readonly correlation: number;
  /** Fitted scale k and offset c (map = k·model + c). */
  readonly scale: number;
  readonly offset: number;
  /** Residual sum of squares at the optimal k, c. */
  readonly rss: number;
}

export class RealSpaceDataTarget {
  readonly setup: DataTargetSetup;
  private readonly plan: RealFftPlan3d;
  private readonly work: Float64Array;
  private readonly spectrum: Float64Array;
  private readonly accumulator: DensityAccumulator;
  private readonly kernel: IsotropicGradientKernel;
  /** Per atom: amplitudes (occupancy included) and exponents of the 5 Gaussians, and the cutoff radius. */
  private readonly amp: Float64Array;
  private readonly expo: Float64Array;
  private readonly radius: Float64Array;
  private readonly maskValues: Float64Array;
  private readonly obsSum: number;
  private readonly obsSumSq: number;
  private lastStats: DataTermStats | null = null;
  private evaluations = 0;
  /** s² (1/Å²) per half-spectrum element of the work grid, and a spare spectrum (both made on first use). */
  private s2Table: Float64Array | null = null;
  private spectrumAtStart: Float64Array | null = null;

  constructor(setup: DataTargetSetup) {
    this.setup = setup;
    const [nz, ny, nx] = setup.shapeZyx;
    this.plan = realFftPlan3d(setup.shapeZyx);
    this.work = new Float64Array(nx * ny * nz);
    this.spectrum = new Float64Array(this.plan.spectrumLength);
    if (setup.modelGain.length * 2 !== this.plan.spectrumLength) {
      throw new RangeError('B-factor target: model gain length does not match the work grid');
    }
    const grid = {
      nx,
      ny,
      nz,
      voxelXA: setup.voxelSizeXyzA[0],
      voxelYA: setup.voxelSizeXyzA[1],
      voxelZA: setup.voxelSizeXyzA[2],
    };
    this.accumulator = new DensityAccumulator(grid, this.work);
    this.kernel = new IsotropicGradientKernel(grid);
    const n = setup.atoms.count;
    this.amp = new Float64Array(C4322_GAUSSIANS * n);
    this.expo = new Float64Array(C4322_GAUSSIANS * n);
    this.radius = new Float64Array(n);
    this.maskValues = new Float64Array(setup.maskIndex.length);
    let s = 0;
    let ss = 0;
    for (const v of setup.observed) {
      s += v;
      ss += v * v;
    }
    this.obsSum = s;
    this.obsSumSq = ss;
  }

  get stats(): DataTermStats | null {
    return this.lastStats;
  }

  get evaluationCount(): number {
    return this.evaluations;
  }

  /** Per-atom Gaussian parameters and cutoff radius at B = `bA2[j]` (gemmi's radius rule, as the simulation). */
  private prepareAtoms(bA2: Float64Array): void {
    const { atoms, blurA2, densityCutoff } = this.setup;
    const ampNoOcc = new Float64Array(C4322_GAUSSIANS);
    const k = new Float64Array(C4322_GAUSSIANS);
    for (let j = 0; j < atoms.count; j++) {
      const bTotal = bA2[j] + blurA2;
      const o = C4322_GAUSSIANS * j;
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        const t = FOUR_PI / (atoms.ffB[o + g] + bTotal);
        ampNoOcc[g] = atoms.ffA[o + g] * t * Math.sqrt(t);
        k[g] = -Math.PI * t;
        this.amp[o + g] = atoms.occupancy[j] * ampNoOcc[g];
        this.expo[o + g] = k[g];
      }
      this.radius[j] = cutoffRadiusA(ampNoOcc, k, C4322_GAUSSIANS, carbonRadiusGuessA(bTotal), densityCutoff);
    }
  }

  /** Filters `work` in place with the model gain (r2c, multiply, c2r). */
  private filterWork(): void {
    const { plan, work, spectrum } = this;
    const gain = this.setup.modelGain;
    plan.forward(work, spectrum);
    for (let e = 0, o = 0; e < gain.length; e++, o += 2) {
      const g = gain[e];
      spectrum[o] *= g;
      spectrum[o + 1] *= g;
    }
    plan.inverseDestroyingInput(spectrum, work);
  }

  /** T at B = `bA2` (one per target atom); writes ∂T/∂B into `grad` when given. */
  /**
   * The filtered model in `work` against the map on the mask: optimal scale and offset, RSS, CC and T; copies the
   * model's mask values into `maskValues` and stores the statistics.
   */
  private maskedFit(): DataTermStats {
    const { maskIndex, observed, nEffective } = this.setup;
    const work = this.work;
    const m = maskIndex.length;
    const pm = this.maskValues;
    let sp = 0;
    let spp = 0;
    let spo = 0;
    for (let i = 0; i < m; i++) {
      const p = work[maskIndex[i]];
      pm[i] = p;
      sp += p;
      spp += p * p;
      spo += p * observed[i];
    }
    const varP = spp - (sp * sp) / m;
    const varO = this.obsSumSq - (this.obsSum * this.obsSum) / m;
    const cov = spo - (sp * this.obsSum) / m;
    const scale = varP > 0 ? cov / varP : 0;
    const offset = (this.obsSum - scale * sp) / m;
    const correlation = varP > 0 && varO > 0 ? cov / Math.sqrt(varP * varO) : 0;
    // RSS from the residuals themselves (no cancellation when the fit is good).
    let rss = 0;
    for (let i = 0; i < m; i++) {
      const r = scale * pm[i] + offset - observed[i];
      rss += r * r;
    }
    const value = 0.5 * nEffective * Math.log(rss / varO);
    const stats = { value, correlation, scale, offset, rss };
    this.lastStats = stats;
    return stats;
  }

  /** Scatters every atom at B = `bA2` into `work` (blurred density, unfiltered). */
  private scatter(bA2: Float64Array): void {
    const atoms = this.setup.atoms;
    this.prepareAtoms(bA2);
    this.work.fill(0);
    const amp = new Float64Array(C4322_GAUSSIANS);
    const k = new Float64Array(C4322_GAUSSIANS);
    for (let j = 0; j < atoms.count; j++) {
      const o = C4322_GAUSSIANS * j;
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        amp[g] = this.amp[o + g];
        k[g] = this.expo[o + g];
      }
      this.accumulator.addIsotropic(atoms.gx[j], atoms.gy[j], atoms.gz[j], amp, k, this.radius[j]);
    }
  }

  /** s² per half-spectrum element of the work grid. */
  private frequencySquared(): Float64Array {
    if (this.s2Table !== null) return this.s2Table;
    const [nz, ny, nx] = this.setup.shapeZyx;
    const [ax, ay, az] = this.setup.voxelSizeXyzA;
    const hx = halfLength(nx);
    const t = new Float64Array(nz * ny * hx);
    let o = 0;
    for (let z = 0; z < nz; z++) {
      const fz = signedIndex(z, nz) / (nz * az);
      for (let y = 0; y < ny; y++) {
        const fy = signedIndex(y, ny) / (ny * ay);
        for (let kx = 0; kx < hx; kx++) {
          const fx = kx / (nx * ax);
          t[o++] = fz * fz + fy * fy + fx * fx;
        }
      }
    }
    this.s2Table = t;
    return t;
  }

  /**
   * The best uniform shift Δ (Å²) of every B, Δ ∈ [lowerA2, upperA2], for the data term alone (restraints do not
   * change under a uniform shift). Exact and cheap: adding Δ to every atom's B convolves the whole density with a
   * Gaussian, i.e. multiplies its spectrum by exp(−Δs²/4), so each trial is one inverse FFT of the spectrum at
   * `bA2` (one scatter in all). A scan of Δ values brackets the best one, Brent's method refines it to 0.25 Å².
   */
  bestUniformShift(
    bA2: Float64Array,
    lowerA2: number,
    upperA2: number,
  ): { deltaA2: number; evaluations: number } {
    if (!(upperA2 > lowerA2)) return { deltaA2: 0, evaluations: 0 };
    checkAborted(this.setup.progress ?? noProgress);
    const { plan, work, spectrum } = this;
    const gain = this.setup.modelGain;
    const s2 = this.frequencySquared();
    this.scatter(bA2);
    const start = this.spectrumAtStart ?? new Float64Array(this.plan.spectrumLength);
    this.spectrumAtStart = start;
    plan.forward(work, start);
    const trial = (delta: number): number => {
      const q = -delta / 4;
      for (let e = 0, o = 0; e < gain.length; e++, o += 2) {
        const g = gain[e] * Math.exp(q * s2[e]);
        spectrum[o] = start[o] * g;
        spectrum[o + 1] = start[o + 1] * g;
      }
      plan.inverseDestroyingInput(spectrum, work);
      return this.maskedFit().value;
    };
    const candidates = [-160, -80, -40, -20, -10, -5, 0, 5, 10, 20, 40, 80, 160, 320, 500]
      .filter((d) => d > lowerA2 && d < upperA2)
      .concat([lowerA2, upperA2])
      .sort((p, q) => p - q);
    const best = scanThenBrent(trial, candidates, 0.25);
    return { deltaA2: best.x, evaluations: best.evaluations };
  }

  evaluate(bA2: Float64Array, grad: Float64Array | null): number {
    const { atoms, maskIndex, observed, nEffective } = this.setup;
    const progress = this.setup.progress ?? noProgress;
    checkAborted(progress);
    this.evaluations++;
    this.scatter(bA2);
    const work = this.work;
    this.filterWork();

    const { value, scale, offset, rss } = this.maskedFit();
    if (grad === null) return value;
    const m = maskIndex.length;
    const pm = this.maskValues;

    // ∂T/∂p on the mask, back through the filter, then gathered per atom.
    work.fill(0);
    const factor = (nEffective * scale) / rss;
    for (let i = 0; i < m; i++) work[maskIndex[i]] = factor * (scale * pm[i] + offset - observed[i]);
    this.filterWork();
    const amp = new Float64Array(C4322_GAUSSIANS);
    const k = new Float64Array(C4322_GAUSSIANS);
    const alpha = new Float64Array(C4322_GAUSSIANS);
    const beta = new Float64Array(C4322_GAUSSIANS);
    const blur = this.setup.blurA2;
    for (let j = 0; j < atoms.count; j++) {
      const o = C4322_GAUSSIANS * j;
      const bTotal = bA2[j] + blur;
      for (let g = 0; g < C4322_GAUSSIANS; g++) {
        const width = atoms.ffB[o + g] + bTotal;
        amp[g] = this.amp[o + g];
        k[g] = this.expo[o + g];
        alpha[g] = FOUR_PI2 / (width * width);
        beta[g] = 1.5 / width;
      }
      grad[j] = this.kernel.gather(
        atoms.gx[j],
        atoms.gy[j],
        atoms.gz[j],
        amp,
        k,
        alpha,
        beta,
        this.radius[j],
        work,
      );
    }
    return value;
  }
}

/**
 * A Gauss–Newton estimate of the diagonal of the data term's Hessian, for the L-BFGS preconditioner: each atom
 * alone, no mask edge, by Parseval
 *
 *   H_jj ≈ (N_eff/RSS)·k²·occ_j²/V_vox · ∫ (s²/4)² f_j(s)² e^{−B_j s²/2} G(s)² 4πs² ds,
 *
 * f_j the atom's electron form factor at |s| (1/Å), G the radial gain of the filter. Simpson's rule on 64 steps.
 */
export function gaussNewtonDiagonal(
  atoms: TargetAtoms,
  bA2: Float64Array,
  radialGain: (sPerA: number) => number,
  sMaxPerA: number,
  voxelVolumeA3: number,
  factor: number,
  out: Float64Array,
): Float64Array {
  const steps = 64;
  const h = sMaxPerA / steps;
  const sNodes = new Float64Array(steps + 1);
  const base = new Float64Array(steps + 1);
  for (let q = 0; q <= steps; q++) {
    const s = q * h;
    const wSimpson = (q === 0 || q === steps ? 1 : q % 2 === 1 ? 4 : 2) * (h / 3);
    const g = radialGain(s);
    sNodes[q] = s;
    base[q] = wSimpson * ((s * s) / 4) ** 2 * g * g * FOUR_PI * s * s;
  }
  for (let j = 0; j < atoms.count; j++) {
    const o = C4322_GAUSSIANS * j;
    let sum = 0;
    for (let q = 1; q <= steps; q++) {
      const s2 = sNodes[q] * sNodes[q];
      let f = 0;
      for (let g = 0; g < C4322_GAUSSIANS; g++)
        f += atoms.ffA[o + g] * Math.exp((-atoms.ffB[o + g] * s2) / 4);
      sum += base[q] * f * f * Math.exp((-bA2[j] * s2) / 2);
    }
    const occ = atoms.occupancy[j];
    out[j] = (factor * occ * occ * sum) / voxelVolumeA3;
  }
  return out;
}
