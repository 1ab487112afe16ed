/**
 * Reference builders, one per mode (architecture.md: a new mode is a new reference builder, not a new pipeline).
 */
import { basename, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Volume } from '../grid/volume.js';
import { requireSameGrid } from '../grid/volume.js';
import { writeMap } from '../io/mrc-write.js';
import { lowPassTanh } from '../spectra/filters.js';
import type { Modality } from './modality.js';
import type { LocscaleOptions } from './options.js';
import { readInputMap, recordInput } from './inputs.js';
import { readStructure } from '../io/structure-read.js';
import { simulateModelMap } from '../model/simulate-model-map.js';
import { pearson } from '../grid/statistics.js';
import { parsePointGroup, symmetrizeMap } from '../symmetry/index.js';
import type { RunContext } from './run-context.js';

export interface ReferenceInputs {
  readonly options: LocscaleOptions;
  readonly full: Volume;
  readonly mask: Uint8Array;
  readonly maskRaw: Float32Array;
  readonly apixA: number;
  readonly fscCutoffA: number;
  /** Input paths that must never be overwritten. */
  readonly protect: readonly string[];
}

export async function buildReference(
  modality: Modality,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<Volume | null> {
  switch (modality) {
    case 'no-reference':
      ctx.warn(
        'no reference: every window is sharpened to a constant local B-factor (testing and comparison only)',
      );
      return null;
    case 'map-given': {
      const path = inputs.options.modelMap as string;
      const reference = await readInputMap(path, 'reference map', ctx);
      requireSameGrid(inputs.full, reference, ['map', 'reference map (-mm)']);
      return applyModelResolution(reference, inputs, ctx);
    }
    case 'model-no-refine':
    case 'model-refine':
      return modelReference(modality, inputs, ctx);
    default:
      throw new UserError(`this mode (${modality}) is not available in this build yet`);
  }
}

/**
 * Model-based reference (spec §3): the model (as given, or with refined B-factors) simulated on the map's grid
 * with electron scattering factors, then the point group (`-sym`) and `-mres` applied.
 */
async function modelReference(modality: Modality, inputs: ReferenceInputs, ctx: RunContext): Promise<Volume> {
  const path = resolve(inputs.options.modelCoordinates as string);
  // every alternate location, each weighted by its occupancy, as gemmi samples them (spec §3.5)
  const structure = await readStructure(path, { altLocs: 'all', diagnostics: ctx });
  recordInput(path, 'model', ctx);
  ctx.info(`model: ${path} (${structure.atoms.count} atoms)`);
  if (modality === 'model-refine') {
    ctx.warn(
      "B-factor refinement is not available in this build yet: the model's own B-factors are used (--skip_refine)",
    );
  }
  const simulated = await ctx.stage('model map', (progress) =>
    simulateModelMap(structure, inputs.full, { diagnostics: ctx, progress }),
  );
  if (simulated.fractionOutside > 0.5) {
    throw new UserError(
      `${(100 * simulated.fractionOutside).toFixed(0)} % of the model's atoms lie outside the map box: the model is ` +
        'not fitted in this map (or is in another frame). Fit it in the map first (e.g. ChimeraX "fitmap"), ' +
        'and check the map origin.',
    );
  }
  let reference = simulated.map;
  const stem = basename(path)
    .replace(/(\.gz)?$/, '')
    .replace(/\.(pdb|ent|cif|mmcif)$/i, '');
  await saveIntermediate(ctx.file(`${stem}_4locscale.mrc`), reference, 'modelMap', inputs, ctx);
  const cc = pearson(inputs.full.data, reference.data, inputs.mask);
  ctx.record.results.modelMapCorrelation = cc;
  ctx.info(
    `model map: blur ${simulated.blurA2.toFixed(1)} Å², correlation with the map inside the mask ${cc.toFixed(3)}`,
  );
  if (!(cc >= 0.3)) {
    ctx.warn(
      `the model map correlates poorly with the map inside the mask (${cc.toFixed(3)} < 0.3): is the model fitted in this map?`,
    );
  }
  reference = await applySymmetry(reference, inputs, ctx);
  return applyModelResolution(reference, inputs, ctx);
}

async function saveIntermediate(
  path: string,
  volume: Volume,
  key: string,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<void> {
  await writeMap(path, volume, { protect: [...inputs.protect], diagnostics: ctx });
  ctx.record.outputs[key] = path;
}

/** `-sym`: the point group imposed on the reference map (spec §3.6, §7); not on a -mm map or on the output. */
async function applySymmetry(reference: Volume, inputs: ReferenceInputs, ctx: RunContext): Promise<Volume> {
  const symbol = inputs.options.symmetry;
  const group = parsePointGroup(symbol);
  if (group.symbol === 'C1') return reference;
  const symmetric = await ctx.stage(`symmetry ${group.symbol}`, (progress) =>
    symmetrizeMap(reference, group.symbol, { progress }),
  );
  await saveIntermediate(
    ctx.file(`reference_${group.symbol}_symmetry.mrc`),
    symmetric,
    'referenceSymmetric',
    inputs,
    ctx,
  );
  ctx.info(`reference symmetrised with ${group.symbol} (${group.order} operators)`);
  return symmetric;
}

/** `-mres`: tanh low-pass of the reference at the model resolution (spec §2.10, §3.6), saved as *_filtered.mrc. */
export async function applyModelResolution(
  reference: Volume,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<Volume> {
  const mres = inputs.options.modelResolution;
  if (mres === undefined) return reference;
  const filtered = lowPassTanh(reference, mres);
  await saveIntermediate(ctx.file('reference_filtered.mrc'), filtered, 'referenceFiltered', inputs, ctx);
  ctx.detail(`reference low-passed at ${mres} Å (-mres)`);
  return filtered;
}
