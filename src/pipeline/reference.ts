/**
 * Reference builders, one per mode (architecture.md: a new mode is a new reference builder, not a new pipeline).
 */
import type { Volume } from '../grid/volume.js';
import { requireSameGrid } from '../grid/volume.js';
import { writeMap } from '../io/mrc-write.js';
import { lowPassTanh } from '../spectra/filters.js';
import type { Modality } from './modality.js';
import type { LocscaleOptions } from './options.js';
import { readInputMap } from './inputs.js';
import { atomicReference } from './atomic-reference.js';
import { parsePointGroup, symmetrizeMap } from '../symmetry/index.js';
import type { RunContext } from './run-context.js';

export interface ReferenceInputs {
  readonly options: LocscaleOptions;
  readonly full: Volume;
  readonly mask: Uint8Array;
  readonly maskRaw: Float32Array;
  readonly apixA: number;
  readonly fscCutoffA: number;
  /** The two half maps (for the B-factor refinement), or null with -em. */
  readonly halfMaps: readonly [Volume, Volume] | null;
  /** The half-map FSC = 0.143 resolution (Å), or null. */
  readonly halfMapResolutionA: number | null;
  /** Input paths that must never be overwritten. */
  readonly protect: readonly string[];
}

/** The reference map (null without one) and, for hybrid, where the theoretical profile applies. */
export interface Reference {
  readonly map: Volume | null;
  readonly differenceMask: Uint8Array | null;
}

export async function buildReference(
  modality: Modality,
  inputs: ReferenceInputs,
  ctx: RunContext,
): Promise<Reference> {
  switch (modality) {
    case 'no-reference':
      ctx.warn(
        'no reference: every window is sharpened to a constant local B-factor (testing and comparison only)',
      );
      return { map: null, differenceMask: null };
    case 'map-given': {
      // a given reference is used as it is: no symmetry (spec §3.1), only -mres
      const path = inputs.options.modelMap as string;
      const reference = await readInputMap(path, 'reference map', ctx);
      requireSameGrid(inputs.full, reference, ['map', 'reference map (-mm)']);
      return { map: await applyModelResolution(reference, inputs, ctx), differenceMask: null };
    }
    default: {
      const atomic = await atomicReference(modality, inputs, ctx);
      const symmetric = await applySymmetry(atomic.map, inputs, ctx);
      return {
        map: await applyModelResolution(symmetric, inputs, ctx),
        differenceMask: atomic.differenceMask,
      };
    }
  }
}

export async function saveIntermediate(
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
