/**
 * References built from atomic models (spec §3–§5): the user's model (as given, or with refined B-factors), a
 * pseudo-atomic model built in the map (model-free), or the user's partial model completed with pseudo-atoms
 * (hybrid). Each is refined the LocScale way, its B-factors averaged over 25 Å and shifted, and simulated on the
 * map's grid.
 */
import { basename, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Volume } from '../grid/volume.js';
import { volumeLike } from '../grid/volume.js';
import { pearson } from '../grid/statistics.js';
import { readStructure } from '../io/structure-read.js';
import { writeStructure } from '../io/structure-write.js';
import { withoutHydrogens } from '../io/structure-select.js';
import type { Structure } from '../io/structure.js';
import { writeMask } from '../io/mrc-write.js';
import { simulateModelMap } from '../model/simulate-model-map.js';
import { refineBFactors, structureWithBFactors } from '../model/bfactor-refine.js';
import type { BFactorMaps, BFactorCycleStats } from '../model/bfactor-refine.js';
import { averageBFactorsWithinRadius } from '../model/bfactor-average.js';
import { shiftBFactorsByProbability } from '../model/bfactor-shift.js';
import { buildHybridModel, buildPseudoModel } from '../pseudo/build.js';
import type { PseudoModelMethod, PseudoSolveOptions } from '../pseudo/build.js';
import { withRandomElements } from '../pseudo/pseudo-structure.js';
import type { Modality } from './modality.js';
import { recordInput } from './inputs.js';
import type { ReferenceInputs } from './reference.js';
import { saveIntermediate } from './reference.js';
import type { RunContext } from './run-context.js';

/** A model-derived reference and, for hybrid, the difference mask where the theoretical profile applies. */
export interface AtomicReference {
  readonly map: Volume;
  readonly differenceMask: Uint8Array | null;
}

/** How the atoms' B-factors are refined (spec §3.2): one restrained run, or pseudo-atom style cycles. */
type RefinementStyle =
  | { readonly kind: 'restrained' }
  /** `-ref_it` rounds of one unrestrained, unmasked cycle + 3 Å averaging of all atoms. */
  | { readonly kind: 'pseudo' }
  /** `-ref_it` rounds of one restrained, masked cycle + 3 Å averaging of atoms [from, count) (the pseudo-atoms). */
  | { readonly kind: 'hybrid'; readonly pseudoFrom: number };

export async function atomicReference(
  modality: Modality,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<AtomicReference> {
  const { options } = inputs;
  switch (modality) {
    case 'model-no-refine': {
      const model = await readModel(inputs, ctx);
      return { map: await simulate(model, '', inputs, ctx), differenceMask: null };
    }
    case 'model-refine': {
      // servalcat refines without hydrogens and writes none: the reference is simulated without them
      const model = withoutHydrogens(await readModel(inputs, ctx));
      const b = await refineAndPostProcess(model, { kind: 'restrained' }, inputs, ctx);
      return {
        map: await simulate(structureWithBFactors(model, b), 'refined', inputs, ctx),
        differenceMask: null,
      };
    }
    case 'model-as-pseudo': {
      const model = withoutHydrogens(await readModel(inputs, ctx));
      const b = await refineAndPostProcess(model, { kind: 'pseudo' }, inputs, ctx);
      const randomised = withRandomElements(structureWithBFactors(model, b), options.seed + 1);
      return { map: await simulate(randomised, 'pseudo_refined_model', inputs, ctx), differenceMask: null };
    }
    case 'pseudo-model': {
      const built = await ctx.stage('pseudo-atomic model', (progress) =>
        buildPseudoModel(inputs.full, volumeLike(inputs.full, inputs.maskRaw), {
          ...pseudoOptions(inputs, ctx),
          ...(options.molecularWeight !== undefined ? { molecularWeightKDa: options.molecularWeight } : {}),
          progress,
        }),
      );
      ctx.info(
        `pseudo-atomic model: ${built.atomCount} atoms (${built.atomCountSource}, ${built.method} solver)`,
      );
      await saveModel(built.structure, 'pseudomodel.cif', 'pseudoModel', ctx);
      const b = await refineAndPostProcess(built.structure, { kind: 'pseudo' }, inputs, ctx);
      const randomised = withRandomElements(structureWithBFactors(built.structure, b), options.seed + 1);
      return { map: await simulate(randomised, 'pseudomodel_refined', inputs, ctx), differenceMask: null };
    }
    case 'hybrid': {
      const model = withoutHydrogens(await readModel(inputs, ctx));
      const hybrid = await ctx.stage('hybrid model', (progress) =>
        buildHybridModel(inputs.full, volumeLike(inputs.full, inputs.maskRaw), model, {
          ...pseudoOptions(inputs, ctx),
          distanceA: 1.2, // the original's hybrid mode ignores -dst
          modelMaskDilationA: options.refResolution ?? 3,
          averagingWindow: options.averagingWindow,
          progress,
        }),
      );
      const { combined, difference } = hybrid;
      ctx.info(
        `hybrid model: ${combined.modelAtomCount} model atoms + ${combined.structure.atoms.count - combined.modelAtomCount} ` +
          `pseudo-atoms in ${difference.maskVoxels} voxels of unmodelled density`,
      );
      await writeMask(ctx.file('difference_mask_binarised.mrc'), difference.binarised, { diagnostics: ctx });
      await writeMask(ctx.file('difference_mask.mrc'), difference.mask, { diagnostics: ctx });
      ctx.record.outputs.differenceMask = ctx.file('difference_mask.mrc');
      await saveModel(combined.structure, 'integrated_pseudoatoms.cif', 'hybridModel', ctx);
      const b = await refineAndPostProcess(
        combined.structure,
        { kind: 'hybrid', pseudoFrom: combined.modelAtomCount },
        inputs,
        ctx,
      );
      const randomised = withRandomElements(
        structureWithBFactors(combined.structure, b),
        options.seed + 1,
        combined.modelAtomCount,
      );
      return {
        map: await simulate(randomised, 'hybrid_refined', inputs, ctx),
        differenceMask: Uint8Array.from(difference.mask.data, (v) => (v !== 0 ? 1 : 0)),
      };
    }
    default:
      throw new UserError(`internal: ${modality} is not an atomic-model mode`);
  }
}

function pseudoOptions(inputs: ReferenceInputs, ctx: RunContext): PseudoSolveOptions {
  const o = inputs.options;
  return {
    method: o.pseudomodelMethod as PseudoModelMethod,
    iterations: o.totalIterations,
    distanceA: o.distance,
    threshold: o.maskThreshold,
    seed: o.seed,
    ...(o.pseudoMinDistance > 0 ? { minimumDistanceA: o.pseudoMinDistance } : {}),
    diagnostics: ctx,
  };
}

async function readModel(inputs: ReferenceInputs, ctx: RunContext): Promise<Structure> {
  const path = resolve(inputs.options.modelCoordinates as string);
  // every alternate location, each weighted by its occupancy, as gemmi samples them (spec §3.5)
  const structure = await readStructure(path, { altLocs: 'all', diagnostics: ctx });
  recordInput(path, 'model', ctx);
  ctx.info(`model: ${path} (${structure.atoms.count} atoms)`);
  return structure;
}

async function saveModel(structure: Structure, name: string, key: string, ctx: RunContext): Promise<void> {
  await writeStructure(ctx.file(name), structure, { diagnostics: ctx });
  ctx.record.outputs[key] = ctx.file(name);
}

/**
 * The resolution of the refinement (spec §3.2): the unmasked half-map FSC resolution, else 2·apix + 0.1 Å,
 * rounded to 0.01 Å.
 */
function refinementResolutionA(inputs: ReferenceInputs): number {
  const r = inputs.halfMapResolutionA ?? 2 * inputs.apixA + 0.1;
  return Math.round(r * 100) / 100;
}

/** Refinement (spec §3.2), then the 25 Å average (§3.3) and the KDE 1 % shift (§3.4). Returns the final B. */
async function refineAndPostProcess(
  model: Structure,
  style: RefinementStyle,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<Float64Array> {
  const maps: BFactorMaps = inputs.halfMaps !== null ? { halfMaps: inputs.halfMaps } : { map: inputs.full };
  const resolutionA = refinementResolutionA(inputs);
  const rounds = inputs.options.refmacIterations;
  const log = (prefix: string) => (c: BFactorCycleStats) =>
    ctx.detail(
      `${prefix}cycle ${c.cycle}: CC ${c.correlation.toFixed(4)}, B mean ${c.meanBA2.toFixed(1)} ` +
        `(${c.minBA2.toFixed(1)}–${c.maxBA2.toFixed(1)}) Å², bonded rms ΔB ${c.bondedRmsA2.toFixed(1)} Å²`,
    );
  ctx.info(
    `B-factor refinement against the ${inputs.halfMaps !== null ? 'half maps' : 'map'} at ${resolutionA} Å ` +
      `(${rounds} cycles, ${style.kind === 'pseudo' ? 'unrestrained' : 'restrained'})`,
  );
  const b = await ctx.stage('B-factor refinement', (progress) => {
    if (style.kind === 'restrained') {
      const r = refineBFactors(model, maps, {
        resolutionA,
        cycles: rounds,
        diagnostics: ctx,
        progress,
        onCycle: log(''),
      });
      return r.bIsoA2;
    }
    let current: Float64Array = new Float64Array(model.atoms.count).fill(40);
    // hybrid: only the pseudo-atoms are averaged (over all their neighbours, real atoms included), spec §5.2
    const pseudoAtoms =
      style.kind === 'hybrid'
        ? Uint8Array.from({ length: model.atoms.count }, (_, i) => (i >= style.pseudoFrom ? 1 : 0))
        : undefined;
    for (let k = 0; k < rounds; k++) {
      progress.report(k, rounds);
      const r = refineBFactors(structureWithBFactors(model, current), maps, {
        resolutionA,
        cycles: 1,
        restrained: style.kind === 'hybrid',
        noMask: style.kind === 'pseudo',
        initialBA2: k === 0 ? 40 : 'input',
        // the overall-B search matters only from the uniform start: in later rounds it found no shift (the 200³
        // model-free map is bit-identical without it, BENCHMARKS.md) and cost a fifth of each round
        overallBSearch: k === 0,
        diagnostics: ctx,
        onCycle: (c) => {
          if (c.cycle === 1) log(`round ${k + 1}, `)(c);
        },
      });
      current = averageBFactorsWithinRadius({ ...model.atoms, bIsoA2: r.bIsoA2 }, 3, pseudoAtoms);
    }
    return current;
  });
  await saveModel(structureWithBFactors(model, b), 'refined_model.cif', 'refinedModel', ctx);
  const averaged = averageBFactorsWithinRadius({ ...model.atoms, bIsoA2: b }, 25);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of averaged) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi - lo < 10)
    ctx.warn(
      `after 25 Å averaging the B-factors span only ${(hi - lo).toFixed(1)} Å² (${lo.toFixed(1)}–${hi.toFixed(1)})`,
    );
  const shifted = shiftBFactorsByProbability(averaged, 0.01, 0);
  ctx.info(
    `B-factors averaged over 25 Å (${lo.toFixed(1)}–${hi.toFixed(1)} Å²) and shifted by ${shifted.shiftA2.toFixed(1)} Å² (KDE 1 % quantile)`,
  );
  ctx.record.results.bFactors = {
    refinementResolutionA: resolutionA,
    averagedMinA2: lo,
    averagedMaxA2: hi,
    shiftA2: shifted.shiftA2,
  };
  await saveModel(structureWithBFactors(model, shifted.bIsoA2), 'shifted_bfactors.cif', 'finalModel', ctx);
  return Float64Array.from(shifted.bIsoA2);
}

/** Simulates `model` on the map's grid (spec §3.5), checks it against the map, saves it. */
async function simulate(
  model: Structure,
  name: string,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<Volume> {
  const simulated = await ctx.stage('model map', (progress) =>
    simulateModelMap(model, inputs.full, { diagnostics: ctx, progress }),
  );
  if (simulated.fractionOutside > 0.5) {
    throw new UserError(
      `${(100 * simulated.fractionOutside).toFixed(0)} % of the model's atoms lie outside the map box: the model is ` +
        'not fitted in this map (or is in another frame). Fit it in the map first (e.g. ChimeraX "fitmap"), ' +
        'and check the map origin.',
    );
  }
  const stem = basename(inputs.options.modelCoordinates ?? 'pseudomodel')
    .replace(/(\.gz)?$/, '')
    .replace(/\.(pdb|ent|cif|mmcif)$/i, '');
  await saveIntermediate(
    ctx.file(`${stem}${name === '' ? '' : `_${name}`}_4locscale.mrc`),
    simulated.map,
    'modelMap',
    inputs,
    ctx,
  );
  const cc = pearson(inputs.full.data, simulated.map.data, inputs.mask);
  ctx.record.results.modelMapCorrelation = cc;
  ctx.info(
    `model map: blur ${simulated.blurA2.toFixed(1)} Å², correlation with the map inside the mask ${cc.toFixed(3)}`,
  );
  if (!(cc >= 0.3)) {
    ctx.warn(
      `the model map correlates poorly with the map inside the mask (${cc.toFixed(3)} < 0.3): is the model fitted in this map?`,
    );
  }
  return simulated.map;
}
