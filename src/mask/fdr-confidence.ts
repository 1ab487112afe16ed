/**
 * LocScale's FDR confidence map, the automatic mask when no `-ma` is given (spec §2.5; Beckers & Sachse's
 * `calculateConfidenceMap` as LocScale 2.0 calls it: right-sided normal test, Benjamini–Yekutieli, no local
 * resolution or model map).
 *
 * Order of operations (each step as the original does it, so the golden numbers are reproduced):
 * 1. optional tanh low-pass at `lowPassA` Å (`-fdr_f`), in float64 (`fdrLowPass`);
 * 2. noise μ and σ² from the four default boxes of edge w (`-fdr_w`, default `defaultFdrWindowSize`), or from
 *    boxes at `noiseBoxCentresZyx`;
 * 3. the test region: LocScale's sphere with its linspace quirk (`fdr-sphere.ts`);
 * 4. t = (ρ − μ)·(1/√σ²); p = 1 for t < 0, else p = 1 − ½(1 + erf(t/√2)) in double precision (not erfc, so p is
 *    exactly 0 for t ≳ 8.3 and those voxels tie, as in the original);
 * 5. q = BY (or BH) adjusted p over the n voxels of the sphere; q = 1 outside;
 * 6. confidence = 1 − q inside the sphere, 0 outside; the mask is confidence ≥ 0.99, taken on the float64 values
 *    (the original binarises in memory before saving).
 *
 * Precision (spec Appendix B): everything here is float64. The original does the same with the low-pass; without
 * it the map stays float32 in numpy, so μ, σ² and t are float32 there. The two can differ in the last bits of
 * p-values near the 0.99 threshold, i.e. in a handful of voxels at the mask edge.
 *
 * Memory: besides the input and the outputs (confidence and mask, float32), only the "candidate" voxels are held:
 * those whose p-value can reach q < 1 (p < 1/Hₙ for BY, t ≥ 0 for BH), at 12 bytes each plus 12 more while they
 * are radix-sorted (`radix-sort.ts`); the low-pass adds two float64 copies of the map while it runs, and its
 * float64 result stays until the end. No per-voxel objects.
 *
 * Failure modes (never silent, never a crash):
 * (a) a pre-masked map, judged on the input before any low-pass (noise boxes constant, or ≥ 50 % exact zeros), is
 *     a `UserError` that says so and asks for `-ma`; 1–50 % zeros is a warning (`fdr.noise-box-zeros`). The
 *     original exits on variance 0 only, and runs on with garbage after its low-pass.
 * (b) a noise estimate that looks contaminated by density (`checkNoiseBoxes`) is a warning `Issue`
 *     (`fdr.noise-contaminated`) that says why and what to do (`-ma`, noise-box centres, with suggested positions).
 * (c) the mask is checked here, not left to the pipeline, because an empty mask would only fail later and
 *     obscurely (the original crashes with "zero-size array"): fewer than `minMaskVoxels` (default
 *     max(100, 0.01 % of the box)) is a `UserError` naming the count and the remedies (`-ma`, noise-box
 *     placement, dropping `-fdr_f`); so is a mask under 1 % of the box when (b) fired, since it is then known to
 *     be biased small. A mask under 0.1 % of the box is otherwise a warning (`fdr.small-mask`).
 */
import type { RealGrid, Volume } from '../grid/volume.js';
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics, warning } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';
import { noProgress, checkAborted } from '../core/progress.js';
import { UserError } from '../core/errors.js';
import { formatShape, voxelCount } from '../core/vec.js';
import { erf } from '../core/erf.js';
import type { FdrMethod } from './p-adjust.js';
import { adjustSortedInPlace, fdrPValueCutoff } from './p-adjust.js';
import { sortNonNegativeWithPayload } from './radix-sort.js';
import { locscaleSphere } from './fdr-sphere.js';
import type { NoiseEstimate } from './noise-boxes.js';
import {
  defaultFdrWindowSize,
  defaultNoiseBoxes,
  describeNoiseBox,
  estimateNoise,
  noiseBoxesAt,
} from './noise-boxes.js';
import type { NoiseCheck } from './noise-check.js';
import { checkNoiseBoxes } from './noise-check.js';
import { fdrLowPass } from './fdr-low-pass.js';

/** LocScale binarises the FDR confidence map at ≥ 0.99 (q ≤ 0.01), whatever `-fdr` says (spec §2.5.6). */
export const FDR_MASK_THRESHOLD = 0.99;

export interface FdrOptions {
  /** Noise-box edge in voxels (`-fdr_w`); default `defaultFdrWindowSize(shape)` = round_up_to_even(0.1·N₀). */
  readonly windowSize?: number;
  /** Low-pass cutoff in Å applied before everything else (`-fdr_f`); none by default. */
  readonly lowPassA?: number;
  /** FDR procedure: Benjamini–Yekutieli (default, LocScale's) or Benjamini–Hochberg. */
  readonly method?: FdrMethod;
  /**
   * Noise-box centres [z, y, x] in voxel indices, instead of the four default boxes. For hollow or filamentous
   * specimens (helical maps filled to the edges, tubes, tight boxes) whose default boxes sit on density: pick
   * points in solvent (or take `noiseCheck.suggestedCentresZyx` of a first run). Each box is a w-cube starting at
   * ⌊c − w/2⌋ and must lie inside the map; use several boxes for a stabler estimate.
   */
  readonly noiseBoxCentresZyx?: readonly (readonly [number, number, number])[];
  /**
   * How messages name the noise-box option to the user (the CLI passes its flag); default
   * "the noise-box centres option".
   */
  readonly noiseBoxOptionName?: string;
  readonly progress?: Progress;
  /** Receives the warnings (`fdr.noise-contaminated`, `fdr.noise-box-zeros`, `fdr.small-mask`, `fdr.small-window`). */
  readonly diagnostics?: Diagnostics;
  /**
   * Fewer mask voxels than this is an error. Default `defaultMinMaskVoxels(total)` = max(100, ⌈10⁻⁴·total⌉).
   * 0 turns both mask-size errors off (this one and "contaminated and under 1 % of the box"); the caller then
   * checks `maskVoxelCount` itself.
   */
  readonly minMaskVoxels?: number;
  /** Also return the confidence map in float64 (`confidence64`), e.g. to compare with the original's numbers. */
  readonly keepFloat64?: boolean;
}

export interface FdrConfidenceResult {
  /** 1 − q inside the sphere, 0 outside (float32: what LocScale saves as `<map>_confidenceMap_raw.mrc`). */
  readonly confidence: Volume;
  /** confidence ≥ 0.99 as 0/1, decided on the float64 values (LocScale's `<map>_confidenceMap.mrc`). */
  readonly mask: Volume;
  /** The float64 confidence, only with `keepFloat64`. */
  readonly confidence64?: Float64Array;
  readonly noise: NoiseEstimate;
  readonly noiseCheck: NoiseCheck;
  readonly windowSize: number;
  readonly lowPassA: number | null;
  readonly method: FdrMethod;
  /** Voxels tested (inside the sphere): the n of the FDR adjustment. */
  readonly testedVoxelCount: number;
  /** Voxels whose q could be < 1 and were sorted. */
  readonly candidateCount: number;
  /** Voxels with confidence ≥ 0.99 (float64 values). */
  readonly maskVoxelCount: number;
  /** Voxels with confidence ≥ 0.5 (float64 values). */
  readonly halfConfidenceCount: number;
  /** Σ confidence (float64 values). */
  readonly confidenceSum: number;
}

/** The default minimum mask size below which `fdrConfidenceMap` throws: max(100, ⌈10⁻⁴ · voxels in the box⌉). */
export function defaultMinMaskVoxels(totalVoxels: number): number {
  return Math.max(100, Math.ceil(1e-4 * totalVoxels));
}

/**
 * With a contaminated noise estimate (`noiseCheck.contaminated`), a mask smaller than this fraction of the box is
 * an error too: the mask is then both small and known to be biased small.
 */
const CONTAMINATED_MIN_FRACTION = 1e-2;
/** A mask smaller than this fraction of the box draws the `fdr.small-mask` warning. */
const SMALL_MASK_FRACTION = 1e-3;
/** Below this edge the original prints "Provided window size is quite small". */
const SMALL_WINDOW = 20;
/** Noise boxes with at least this fraction of exact zeros come from a masked map. */
const ZERO_FRACTION_ERROR = 0.5;
const ZERO_FRACTION_WARNING = 0.01;

function requireFinite(data: ArrayLike<number>, shape: RealGrid['shapeZyx']): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const x = i % shape[2];
      const y = Math.floor(i / shape[2]) % shape[1];
      const z = Math.floor(i / (shape[2] * shape[1]));
      throw new UserError(
        `the map has a non-finite value (${v}) at voxel x ${x}, y ${y}, z ${z}; the FDR confidence map needs finite ` +
          'values everywhere. Repair the map, or give a mask with -ma.',
      );
    }
  }
}

function preMaskedError(noise: NoiseEstimate, why: string): UserError {
  const boxes = noise.boxes.map(describeNoiseBox).join('; ');
  return new UserError(
    `the map looks pre-masked: ${why} (noise boxes at ${boxes}). The FDR confidence map estimates the noise from ` +
      'solvent, and a masked map has none. Give a mask with -ma (for example the mask the map was masked with), ' +
      'or run on the unmasked map or half maps.',
  );
}

function pct(count: number, total: number): string {
  return ((100 * count) / total).toPrecision(2);
}

function formatCentres(c: readonly (readonly [number, number, number])[]): string {
  return c.map((p) => `[${p.join(', ')}]`).join(', ');
}

/**
 * The FDR confidence map and mask of `grid` (a `Volume`, or a float64 grid for full precision). See the module
 * comment for the algorithm, memory use and failure modes.
 */
export function fdrConfidenceMap(grid: RealGrid, options: FdrOptions = {}): FdrConfidenceResult {
  const shape = grid.shapeZyx;
  const total = voxelCount(shape);
  const progress = options.progress ?? noProgress;
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const method = options.method ?? 'BY';
  if (method !== 'BY' && method !== 'BH')
    throw new UserError(`unknown FDR method "${String(method)}"; use BY or BH.`);
  const w = options.windowSize ?? defaultFdrWindowSize(shape);
  const boxOption = options.noiseBoxOptionName ?? 'the noise-box centres option';
  requireFinite(grid.data, shape);

  const boxes =
    options.noiseBoxCentresZyx !== undefined
      ? noiseBoxesAt(shape, w, options.noiseBoxCentresZyx)
      : defaultNoiseBoxes(shape, w);

  // (a) a pre-masked map: judged on the input, since a low-pass would smear its zeros into fake noise
  const inputNoise = estimateNoise(grid.data, shape, boxes);
  if (!(inputNoise.variance > 0)) {
    throw preMaskedError(
      inputNoise,
      `all ${inputNoise.count} voxels of the noise boxes have the same value (variance 0)`,
    );
  }
  const zeroFraction = inputNoise.zeroCount / inputNoise.count;
  if (zeroFraction >= ZERO_FRACTION_ERROR) {
    throw preMaskedError(
      inputNoise,
      `${inputNoise.zeroCount} of the ${inputNoise.count} noise-box voxels are exactly 0`,
    );
  }
  if (zeroFraction >= ZERO_FRACTION_WARNING) {
    diagnostics.report(
      warning(
        'fdr.noise-box-zeros',
        `${inputNoise.zeroCount} of the ${inputNoise.count} FDR noise-box voxels are exactly 0: the map may be masked, which ` +
          'makes the noise estimate wrong. If it is, give the mask with -ma.',
      ),
    );
  }

  // 1. optional low-pass, then 2. the noise estimate from the values the test uses
  const lowPassA = options.lowPassA ?? null;
  let values: Float32Array | Float64Array = grid.data;
  let noise = inputNoise;
  if (lowPassA !== null) {
    if (progress.shouldReport) progress.report(0, 1, 'FDR: low-pass');
    values = fdrLowPass(grid, lowPassA);
    checkAborted(progress);
    noise = estimateNoise(values, shape, boxes);
    if (!(noise.variance > 0)) {
      throw preMaskedError(noise, 'the low-passed noise boxes are constant (variance 0)');
    }
  }
  if (w < SMALL_WINDOW) {
    diagnostics.report({
      code: 'fdr.small-window',
      severity: 'info',
      message: `the FDR noise boxes are ${w} voxels wide (below ${SMALL_WINDOW}); the noise estimate rests on ${noise.count} voxels.`,
    });
  }
  const noiseCheck = checkNoiseBoxes(values, shape, noise);
  if (noiseCheck.contaminated) {
    const where =
      options.noiseBoxCentresZyx !== undefined
        ? 'the noise boxes you placed'
        : 'the four default noise boxes';
    const suggest =
      noiseCheck.suggestedCentresZyx.length > 0
        ? ` The quietest dark regions of this map are around [z, y, x] = ${formatCentres(noiseCheck.suggestedCentresZyx)}.`
        : '';
    diagnostics.report(
      warning(
        'fdr.noise-contaminated',
        `the FDR noise estimate looks contaminated by density: ${noiseCheck.findings.map((f) => f.text).join('; ')}. ` +
          `This happens when ${where} sit on the molecule, typically for maps filled to the edges (helical or ` +
          'filamentous specimens, tight boxes): σ is overestimated and the confidence mask misses most of the ' +
          `molecule. Give a mask with -ma, or place the noise boxes in solvent (${boxOption}).` +
          suggest,
      ),
    );
  }

  // 3–6. test, adjust, confidence
  const core = confidenceFromNoise(
    values,
    shape,
    noise.mean,
    noise.variance,
    method,
    progress,
    options.keepFloat64 === true,
  );
  const frame = { shapeZyx: shape, voxelSizeXyzA: grid.voxelSizeXyzA, originXyzA: grid.originXyzA };
  const confidence: Volume = { data: core.confidence32, ...frame };
  const mask: Volume = { data: core.mask32, ...frame };

  const minMask = options.minMaskVoxels ?? defaultMinMaskVoxels(total);
  const contaminatedMin = options.minMaskVoxels === 0 ? 0 : Math.ceil(CONTAMINATED_MIN_FRACTION * total);
  if (core.maskCount < minMask || (noiseCheck.contaminated && core.maskCount < contaminatedMin)) {
    const almost = core.maskCount < minMask;
    const what = almost
      ? `${core.maskCount === 0 ? 'empty' : 'almost empty'}: ${core.maskCount} voxel${core.maskCount === 1 ? '' : 's'} ` +
        `reach confidence ${FDR_MASK_THRESHOLD} (of ${core.tested} tested in the ${formatShape(shape)} box; at least ` +
        `${minMask} are needed).`
      : `implausibly small: ${core.maskCount} voxels (${pct(core.maskCount, total)} % of the ${formatShape(shape)} box) ` +
        `reach confidence ${FDR_MASK_THRESHOLD} while the noise estimate looks contaminated by density.`;
    const cause = noiseCheck.contaminated
      ? ` The noise boxes look like they sit on density (${noiseCheck.findings.map((f) => f.code).join(', ')}; see the ` +
        'warning), which makes σ too large: that is the likely cause.'
      : '';
    const suggest =
      noiseCheck.suggestedCentresZyx.length > 0
        ? ` (the quietest dark regions of this map are around [z, y, x] = ${formatCentres(noiseCheck.suggestedCentresZyx)})`
        : '';
    throw new UserError(
      `the FDR confidence mask is ${what}${cause} Give a mask with -ma, or place the noise boxes in solvent ` +
        `(${boxOption}${suggest})` +
        (lowPassA !== null ? `, or drop the ${lowPassA} Å FDR pre-filter (-fdr_f)` : '') +
        '.',
    );
  }
  if (core.maskCount < SMALL_MASK_FRACTION * total) {
    diagnostics.report(
      warning(
        'fdr.small-mask',
        `the FDR confidence mask holds only ${core.maskCount} voxels (${pct(core.maskCount, total)} % ` +
          'of the box). If the molecule is larger than that, the noise estimate is off: check the noise boxes or give a mask with -ma.',
      ),
    );
  }
  return {
    confidence,
    mask,
    ...(core.confidence64 !== null ? { confidence64: core.confidence64 } : {}),
    noise,
    noiseCheck,
    windowSize: w,
    lowPassA,
    method,
    testedVoxelCount: core.tested,
    candidateCount: core.candidates,
    maskVoxelCount: core.maskCount,
    halfConfidenceCount: core.halfCount,
    confidenceSum: core.sum,
  };
}

interface CoreResult {
  confidence32: Float32Array;
  mask32: Float32Array;
  confidence64: Float64Array | null;
  tested: number;
  candidates: number;
  maskCount: number;
  halfCount: number;
  sum: number;
}

/**
 * Steps 3–6 for given noise statistics: p-values inside LocScale's sphere, the FDR adjustment, 1 − q.
 * Exported for tests and for callers that bring their own noise estimate.
 */
export function confidenceFromNoise(
  values: ArrayLike<number>,
  shapeZyx: RealGrid['shapeZyx'],
  mean: number,
  variance: number,
  method: FdrMethod,
  progress: Progress = noProgress,
  keepFloat64 = false,
): CoreResult {
  const [nz, ny, nx] = shapeZyx;
  const { z2, y2, x2, radius } = locscaleSphere(shapeZyx);
  const invSigma = 1.0 / Math.sqrt(variance);
  const SQRT2 = Math.SQRT2;

  // pass 0: n (geometry only)
  let tested = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const szy = z2[z] + y2[y];
      for (let x = 0; x < nx; x++) {
        const d = Math.sqrt(szy + x2[x]);
        if (d > 0 && d <= radius) tested++;
      }
    }
  }
  if (tested === 0) {
    throw new UserError(
      `the map (${formatShape(shapeZyx)}) is too small for an FDR confidence map: its test sphere is empty.`,
    );
  }
  const pCut = fdrPValueCutoff(tested, method);

  // pass 1 counts the candidates (p < pCut), pass 2 stores them
  let m = 0;
  let candP = new Float64Array(0);
  let candIdx = new Uint32Array(0);
  for (let pass = 1; pass <= 2; pass++) {
    let k = 0;
    let i = 0;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        const szy = z2[z] + y2[y];
        for (let x = 0; x < nx; x++, i++) {
          const d = Math.sqrt(szy + x2[x]);
          if (!(d > 0 && d <= radius)) continue;
          const t = (values[i] - mean) * invSigma;
          if (t < 0) continue; // p = 1
          const p = 1.0 - 0.5 * (1.0 + erf(t / SQRT2));
          if (p >= pCut) continue; // q = 1
          if (pass === 2) {
            candP[k] = p;
            candIdx[k] = i;
          }
          k++;
        }
      }
      if (progress.shouldReport) progress.report(z + 1, nz, pass === 1 ? 'FDR: p-values' : 'FDR: candidates');
      checkAborted(progress);
    }
    if (pass === 1) {
      m = k;
      candP = new Float64Array(m);
      candIdx = new Uint32Array(m);
    }
  }

  // sort the candidates' p-values with their voxel indices, then turn them into q-values in place
  if (progress.shouldReport) progress.report(0, 1, 'FDR: sorting');
  sortNonNegativeWithPayload(candP, candIdx);
  adjustSortedInPlace(candP, tested, method);
  checkAborted(progress);

  const total = nz * ny * nx;
  const confidence32 = new Float32Array(total);
  const mask32 = new Float32Array(total);
  const confidence64 = keepFloat64 ? new Float64Array(total) : null;
  let maskCount = 0;
  let halfCount = 0;
  let sum = 0;
  for (let k = 0; k < m; k++) {
    const c = 1.0 - candP[k];
    const i = candIdx[k];
    confidence32[i] = c;
    if (confidence64 !== null) confidence64[i] = c;
    if (c >= FDR_MASK_THRESHOLD) {
      mask32[i] = 1;
      maskCount++;
    }
    if (c >= 0.5) halfCount++;
    sum += c;
  }
  return { confidence32, mask32, confidence64, tested, candidates: m, maskCount, halfCount, sum };
}
