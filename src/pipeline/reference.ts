/**
 * Reference builders, one per mode (architecture.md: a new mode is a new reference builder, not a new pipeline).
 */
import { resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Volume } from '../grid/volume.js';
import { requireSameGrid } from '../grid/volume.js';
import { writeMap } from '../io/mrc-write.js';
import { lowPassTanh } from '../spectra/filters.js';
import type { Modality } from './modality.js';
import type { LocscaleOptions } from './options.js';
import { readInputMap } from './inputs.js';
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
    default:
      throw new UserError(`this mode (${modality}) is not available in this build yet`);
  }
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
  const path = ctx.file('reference_filtered.mrc');
  await writeMap(path, filtered, { protect: inputs.protect.map((p) => resolve(p)), diagnostics: ctx });
  ctx.record.outputs.referenceFiltered = path;
  ctx.detail(`reference low-passed at ${mres} Å (-mres)`);
  return filtered;
}
