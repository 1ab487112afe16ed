/**
 * The local-scaling stage as LocScale 2.0 runs it (spec §2.4, §6): pad the maps when the mask comes within half
 * a window of the box edge (EM and reference with their own mean outside the mask, the mask with 0), run the
 * engine, crop back to the input box.
 */
import type { Progress } from '../core/progress.js';
import type { ShapeZyx } from '../core/vec.js';
import type { Volume } from '../grid/volume.js';
import { volumeLike } from '../grid/volume.js';
import { padVolume, padOrCropCentred } from '../grid/pad-crop.js';
import { runExactScaling } from '../scaling/exact-engine.js';
import type { ScalingInput } from '../scaling/exact-engine.js';
import { runFastScaling } from '../scaling/fast-engine.js';
import type { FactorInterpolation } from '../scaling/fast-engine.js';
import type { ScaleRuleSpec } from '../scaling/scale-rules.js';
import { windowBleeds } from './parameters.js';

export interface ScalingStageInput {
  readonly em: Volume;
  readonly reference: Volume | null;
  /** Binary scaling mask on the map's grid. */
  readonly mask: Uint8Array;
  readonly wn: number;
  readonly apixA: number;
  readonly rules: readonly ScaleRuleSpec[];
  /** Per-voxel rule index on the map's grid (hybrid), or null for rule 0 everywhere. */
  readonly ruleOf: Uint8Array | null;
  readonly measureMaps: boolean;
  readonly workers: number;
  /** 'exact', or the fast engine with its coarse-grid stride and factor interpolation. */
  readonly engine:
    | { readonly kind: 'exact' }
    | {
        readonly kind: 'fast';
        /** Coarse-grid spacing along z, y and x (voxels). */
        readonly strideZyx: ShapeZyx;
        readonly interpolation: FactorInterpolation;
      };
}

export interface ScalingStageResult {
  readonly scaled: Volume;
  readonly bFactor: Volume | null;
  readonly qfit: Volume | null;
  readonly padded: boolean;
  readonly voxelCount: number;
}

/** Mean of `data` over voxels where the mask is not 1 (spec §2.4 padding value). */
function meanOutsideMask(data: Float32Array, mask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    if (mask[i] !== 1) {
      sum += data[i];
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

function maskVolume(like: Volume, mask: Uint8Array): Volume {
  return volumeLike(like, Float32Array.from(mask));
}

export async function runScalingStage(
  input: ScalingStageInput,
  progress: Progress,
): Promise<ScalingStageResult> {
  const { em, reference, mask, wn } = input;
  const padded = windowBleeds(mask, em.shapeZyx, wn);
  let emWork = em;
  let refWork = reference;
  let maskWork = mask;
  let ruleOfWork = input.ruleOf;
  if (padded) {
    const h = wn / 2;
    const pad: ShapeZyx = [h, h, h];
    emWork = padVolume(em, pad, pad, meanOutsideMask(em.data, mask));
    refWork =
      reference === null ? null : padVolume(reference, pad, pad, meanOutsideMask(reference.data, mask));
    maskWork = Uint8Array.from(padVolume(maskVolume(em, mask), pad, pad, 0).data);
    if (ruleOfWork !== null)
      ruleOfWork = Uint8Array.from(padVolume(maskVolume(em, ruleOfWork), pad, pad, 0).data);
  }
  const engineInput: ScalingInput = {
    em: emWork.data,
    reference: refWork === null ? null : refWork.data,
    mask: maskWork,
    shapeZyx: emWork.shapeZyx,
    wn,
    apixA: input.apixA,
    rules: input.rules,
    ruleOf: ruleOfWork,
    measureMaps: input.measureMaps,
  };
  const result =
    input.engine.kind === 'exact'
      ? await runExactScaling(engineInput, { workers: input.workers, progress })
      : await runFastScaling(engineInput, {
          workers: input.workers,
          progress,
          strideZyx: input.engine.strideZyx,
          interpolation: input.engine.interpolation,
        });
  const back = (data: Float32Array | null): Volume | null => {
    if (data === null) return null;
    const v = volumeLike(emWork, data);
    return padded ? padOrCropCentred(v, em.shapeZyx) : v;
  };
  return {
    scaled: back(result.value) as Volume,
    bFactor: back(result.bFactor),
    qfit: back(result.qfit),
    padded,
    voxelCount: result.voxelCount,
  };
}
