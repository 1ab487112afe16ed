/**
 * One LocScale run, from input files to the output map (architecture.md: inputs → prepare → reference →
 * local scaling → outputs). Modes differ only in how the reference is built and which scale-factor rule the
 * engine applies.
 */
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { UserError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { Volume } from '../grid/volume.js';
import { hasCubicVoxels, meanVoxelSizeA, requireSameGrid } from '../grid/volume.js';
import { moments, pearson } from '../grid/statistics.js';
import { writeMap, writeMask } from '../io/mrc-write.js';
import { fdrConfidenceMap } from '../mask/fdr-confidence.js';
import type { ScaleRuleSpec } from '../scaling/scale-rules.js';
import type { LocscaleOptions } from './options.js';
import type { Modality } from './modality.js';
import { selectModality } from './modality.js';
import { analyseHalfMaps } from './half-maps.js';
import { binariseMask, countNonZero, readInputMap } from './inputs.js';
import { nyquistA, wilsonCutoffA, windowSizeVoxels } from './parameters.js';
import { buildReference } from './reference.js';
import type { Reporter } from './run-context.js';
import { RunContext } from './run-context.js';
import { runScalingStage } from './scaling-stage.js';
import type { ScalingStageInput } from './scaling-stage.js';
import type { FactorInterpolation } from '../scaling/fast-engine.js';

export interface LocscaleOutcome {
  readonly outputPath: string;
  readonly modality: Modality;
  readonly recordPath: string;
}

/** Where outputs go: a relative -o or -op is taken relative to the input map's folder (as LocScale 2.0 does). */
export function outputPaths(options: LocscaleOptions): {
  inputDir: string;
  output: string;
  processing: string;
} {
  const first = options.emmapPath ?? options.halfmapPaths?.[0];
  if (first === undefined) throw new UserError('no input map (-em or -hm)');
  const inputDir = dirname(resolve(first));
  return {
    inputDir,
    output: resolve(inputDir, options.outfile),
    processing: resolve(inputDir, options.processingFolder ?? 'processing_files'),
  };
}

function inputFiles(options: LocscaleOptions): string[] {
  const files = [
    options.emmapPath,
    ...(options.halfmapPaths ?? []),
    options.mask,
    options.modelMap,
    options.modelCoordinates,
  ];
  return files.filter((f): f is string => f !== undefined).map((f) => resolve(f));
}

export async function runLocscale(
  options: LocscaleOptions,
  reporter: Reporter,
  command: readonly string[],
): Promise<LocscaleOutcome> {
  const modality = selectModality(options);
  const paths = outputPaths(options);
  const protect = inputFiles(options);
  if (protect.includes(paths.output)) {
    throw new UserError(`the output ${paths.output} is one of the inputs; choose another name with -o`);
  }
  const ctx = new RunContext(paths.processing, reporter, {
    program: 'locscale-ts',
    version: VERSION,
    command: [...command],
    started: new Date().toISOString(),
    inputs: {},
    parameters: { ...options, modality },
    outputs: {},
    timingsSeconds: {},
    warnings: [],
    results: {},
  });
  try {
    const outcome = await run(options, modality, paths, protect, ctx);
    return outcome;
  } finally {
    ctx.writeRecord();
  }
}

async function run(
  options: LocscaleOptions,
  modality: Modality,
  paths: { output: string; processing: string },
  protect: string[],
  ctx: RunContext,
): Promise<LocscaleOutcome> {
  ctx.info(`LocScale-TS ${VERSION}: ${describeModality(modality)}`);
  ctx.info(`processing folder: ${paths.processing}`);
  const workers = options.numberProcesses ?? availableParallelism();
  if (workers < 1) throw new UserError(`-np must be at least 1, got ${workers}`);

  // 1. the full map (or the half-map average) and its voxel size
  let full: Volume;
  let halfMaps: [Volume, Volume] | null = null;
  let halfMapResolutionA: number | null = null;
  const headerApix = (v: Volume) => meanVoxelSizeA(v);
  if (options.halfmapPaths !== undefined) {
    const [p1, p2] = options.halfmapPaths;
    const h1 = await readInputMap(p1, 'half map 1', ctx);
    const h2 = await readInputMap(p2, 'half map 2', ctx);
    const analysis = await ctx.stage('half-map FSC', () =>
      analyseHalfMaps(
        h1,
        h2,
        options.apix ?? headerApix(h1),
        { method: options.fscMethod as 'locscale' | 'standard', applyFscFilter: options.applyFscFilter },
        ctx,
      ),
    );
    full = analysis.full;
    halfMaps = [h1, h2];
    halfMapResolutionA = analysis.resolutionA;
    if (halfMapResolutionA === null) {
      ctx.warn(
        'the half-map FSC never crosses 0.143 (LocScale 2.0 stops here); using Nyquist + 1 Å as the scaling ' +
          'resolution cutoff instead. Check that the two half maps are independent reconstructions, or give -res.',
      );
    } else {
      ctx.info(`half-map FSC = 0.143 at ${halfMapResolutionA.toFixed(1)} Å`);
    }
  } else {
    full = await readInputMap(options.emmapPath as string, 'map', ctx);
  }
  if (!hasCubicVoxels(full)) {
    ctx.warn(`the voxels are not cubic (${full.voxelSizeXyzA.join(' × ')} Å); LocScale uses their mean size`);
  }
  const apixA = options.apix ?? headerApix(full);

  // 2. the mask
  const { mask, maskRaw, source: maskSource } = await prepareMask(options, full, protect, ctx);
  const maskVoxels = countNonZero(mask);
  if (maskVoxels === 0) {
    throw new UserError('the mask is empty (no voxel ≥ 0.5); give a mask that covers the molecule with -ma');
  }
  ctx.info(
    `mask: ${maskSource}, ${maskVoxels} voxels (${((100 * maskVoxels) / mask.length).toFixed(1)} % of the box)`,
  );

  // 3. parameters (spec §2.4, §2.8, §2.9)
  const wn = windowSizeVoxels(apixA, options.windowSize);
  if (wn * apixA < 10)
    ctx.warn(
      `the window is only ${(wn * apixA).toFixed(1)} Å wide; LocScale needs ≥ 10 Å (about 25 Å is usual)`,
    );
  const nyquist = nyquistA(apixA);
  const fscCutoffA = options.refResolution ?? halfMapResolutionA ?? nyquist + 1;
  const wilsonA = wilsonCutoffA(maskRaw, apixA);
  Object.assign(ctx.record.results, {
    apixA,
    windowSizeVoxels: wn,
    nyquistA: nyquist,
    fscCutoffA,
    wilsonCutoffA: wilsonA,
    maskVoxels,
    maskSource,
  });
  ctx.info(
    `window ${wn} voxels (${(wn * apixA).toFixed(1)} Å), FSC cutoff ${fscCutoffA.toFixed(2)} Å, Wilson cutoff ${wilsonA.toFixed(2)} Å`,
  );

  // 4. the reference
  const reference = await buildReference(
    modality,
    { options, full, mask, maskRaw, apixA, fscCutoffA, halfMaps, halfMapResolutionA, protect },
    ctx,
  );

  // 5. local scaling
  const { rules, ruleOf } = scaleRules(
    modality,
    options,
    { fscCutoffA, wilsonA, nyquist },
    reference.differenceMask,
  );
  const result = await ctx.stage('local scaling', (progress) =>
    runScalingStage(
      {
        em: full,
        reference: reference.map,
        mask,
        wn,
        apixA,
        rules,
        ruleOf,
        measureMaps: options.measureBfactors === true,
        workers,
        engine: scalingEngine(options),
      },
      progress,
    ),
  );
  if (result.padded)
    ctx.detail(
      `the mask comes within ${wn / 2} voxels of the box edge: maps padded by ${wn / 2} voxels per side and cropped back`,
    );
  const engine = scalingEngine(options);
  ctx.info(
    `rescaled ${result.voxelCount} voxels with ${workers} worker(s), ` +
      (engine.kind === 'exact'
        ? 'exact engine'
        : `fast engine (strides ${engine.strideZyx.join(', ')} along z, y, x, ${engine.interpolation} factors)`),
  );

  // 6. outputs
  const outputVolume =
    options.apix !== undefined
      ? { ...result.scaled, voxelSizeXyzA: [apixA, apixA, apixA] as const }
      : result.scaled;
  if (reference.map !== null) {
    const inside = pearson(full.data, reference.map.data, mask);
    const after = pearson(result.scaled.data, reference.map.data, mask);
    Object.assign(ctx.record.results, {
      correlationInputReference: inside,
      correlationOutputReference: after,
    });
    ctx.detail(
      `correlation with the reference inside the mask: input ${inside.toFixed(4)}, output ${after.toFixed(4)}`,
    );
  }
  if (result.bFactor !== null && result.qfit !== null) {
    await writeMap(ctx.file('bfactor_map.mrc'), result.bFactor, {
      protect,
      diagnostics: ctx,
      labels: ['LocScale local B-factor (A^2)'],
    });
    await writeMap(ctx.file('qfit_map.mrc'), result.qfit, {
      protect,
      diagnostics: ctx,
      labels: ['LocScale local B-factor fit R^2'],
    });
    ctx.record.outputs.bfactorMap = ctx.file('bfactor_map.mrc');
    ctx.record.outputs.qfitMap = ctx.file('qfit_map.mrc');
  }
  const stats = moments(result.scaled.data, mask);
  ctx.detail(`output inside the mask: mean ${stats.mean.toPrecision(4)}, σ ${stats.std.toPrecision(4)}`);
  await writeMap(paths.output, outputVolume, {
    protect,
    diagnostics: ctx,
    labels: [`LocScale-TS ${modality}`],
  });
  ctx.record.outputs.map = paths.output;
  ctx.info(`wrote ${paths.output}`);
  return { outputPath: paths.output, modality, recordPath: ctx.recordPath };
}

/** The engine (spec §6 exactly, or the fast engine with its stride) chosen by --exact / --scaling_stride. */
function scalingEngine(options: LocscaleOptions): ScalingStageInput['engine'] {
  if (options.scalingStride < 1)
    throw new UserError(`--scaling_stride must be at least 1, got ${options.scalingStride}`);
  if (options.exact) return { kind: 'exact' };
  return {
    kind: 'fast',
    strideZyx: [options.scalingStride, options.scalingStride, options.scalingStride],
    interpolation: options.factorInterpolation as FactorInterpolation,
  };
}

function describeModality(m: Modality): string {
  const names: Record<Modality, string> = {
    'map-given': 'model-based LocScale with a given reference map',
    'model-refine': 'model-based LocScale',
    'model-no-refine': 'model-based LocScale (model B-factors as given)',
    'model-as-pseudo': 'model-based LocScale, model refined as a pseudo-atomic model',
    hybrid: 'hybrid LocScale (partial model completed with pseudo-atoms)',
    'no-reference': 'reference-free local sharpening',
    'pseudo-model': 'model-free LocScale (pseudo-atomic model)',
  };
  return names[m];
}

/**
 * The scale-factor rules of each mode (spec §6.3): plain ratio (C) with a reference, constant target B (A) without,
 * the theoretical profile (B) for pseudo-atomic references, and for hybrid B inside the difference mask, C outside.
 */
function scaleRules(
  modality: Modality,
  options: LocscaleOptions,
  p: { fscCutoffA: number; wilsonA: number; nyquist: number },
  differenceMask: Uint8Array | null,
): { rules: ScaleRuleSpec[]; ruleOf: Uint8Array | null } {
  const plain: ScaleRuleSpec = {
    kind: 'reference',
    fscCutoffA: p.fscCutoffA,
    measureBFactors: options.measureBfactors,
  };
  const theoretical: ScaleRuleSpec = {
    kind: 'theoretical',
    wilsonCutoffA: p.wilsonA,
    fscCutoffA: p.fscCutoffA,
    nyquistA: p.nyquist,
    boost: options.boostSecondaryStructure,
  };
  switch (modality) {
    case 'no-reference':
      return {
        rules: [
          {
            kind: 'no-reference',
            wilsonCutoffA: p.wilsonA,
            fscCutoffA: p.fscCutoffA,
            targetBA2: options.setLocalBfactor,
          },
        ],
        ruleOf: null,
      };
    case 'pseudo-model':
      return { rules: [theoretical], ruleOf: null };
    case 'hybrid':
      return { rules: [plain, theoretical], ruleOf: differenceMask };
    default:
      return { rules: [plain], ruleOf: null };
  }
}

async function prepareMask(
  options: LocscaleOptions,
  full: Volume,
  protect: readonly string[],
  ctx: RunContext,
): Promise<{ mask: Uint8Array; maskRaw: Float32Array; source: string }> {
  if (options.mask !== undefined) {
    const m = await readInputMap(options.mask, 'mask', ctx);
    requireSameGrid(full, m, ['map', 'mask']);
    return { mask: binariseMask(m), maskRaw: m.data, source: `user mask ${resolve(options.mask)}` };
  }
  // FDR confidence map (spec §2.5): the mask is the confidence ≥ 0.99, or the raw map ≥ 0.5 with -avg_filter ≤ 1
  const result = await ctx.stage('FDR confidence mask', (progress) =>
    fdrConfidenceMap(full, {
      ...(options.fdrWindowSize !== undefined ? { windowSize: options.fdrWindowSize } : {}),
      ...(options.fdrFilter !== undefined ? { lowPassA: options.fdrFilter } : {}),
      method: options.fdrMethod as 'BY' | 'BH',
      ...(options.noiseBox !== undefined ? { noiseBoxCentresZyx: parseNoiseBoxes(options.noiseBox) } : {}),
      noiseBoxOptionName: '--noise_box Z,Y,X[;Z,Y,X…]',
      progress,
      diagnostics: ctx,
    }),
  );
  const rawPath = ctx.file('confidenceMap_raw.mrc');
  const maskPath = ctx.file('confidenceMap.mrc');
  await writeMap(rawPath, result.confidence, {
    protect,
    diagnostics: ctx,
    labels: ['FDR confidence (1 - q)'],
  });
  await writeMask(maskPath, result.mask, { protect, diagnostics: ctx, labels: ['FDR confidence >= 0.99'] });
  Object.assign(ctx.record.outputs, { confidenceMapRaw: rawPath, confidenceMask: maskPath });
  const binarised = options.averagingFilterSize > 1;
  const mask = binarised ? Uint8Array.from(result.mask.data) : binariseMask(result.confidence);
  const how =
    `FDR confidence map (${result.method}, noise boxes ${result.windowSize}³, ` +
    `${result.lowPassA === null ? 'no pre-filter' : `low-pass ${result.lowPassA} Å`}, ` +
    `noise μ ${result.noise.mean.toPrecision(4)} σ ${Math.sqrt(result.noise.variance).toPrecision(4)})`;
  ctx.record.results.fdr = {
    method: result.method,
    windowSize: result.windowSize,
    lowPassA: result.lowPassA,
    noiseMean: result.noise.mean,
    noiseVariance: result.noise.variance,
    noiseContaminated: result.noiseCheck.contaminated,
    maskVoxelsAt099: result.maskVoxelCount,
  };
  return { mask, maskRaw: result.confidence.data, source: how };
}

/** `--noise_box z,y,x;z,y,x`: noise-box centres in voxel indices. */
export function parseNoiseBoxes(text: string): [number, number, number][] {
  return text.split(';').map((part) => {
    const v = part.split(',').map((t) => Number(t.trim()));
    if (v.length !== 3 || v.some((x) => !Number.isInteger(x))) {
      throw new UserError(`--noise_box: expected voxel indices "z,y,x" separated by ";", got '${part}'`);
    }
    return [v[0], v[1], v[2]];
  });
}
