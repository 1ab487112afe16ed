/**
 * The exact local-scaling engine (spec §6): every listed voxel gets the centre value of its own rescaled window.
 */
import type { Progress } from '../core/progress.js';
import type { ShapeZyx } from '../core/vec.js';
import type { ScaleRuleSpec } from './scale-rules.js';
import { runWindowKernel, toShared } from './kernel-runner.js';
import { scalingVoxelRows } from './voxel-list.js';

export interface ScalingInput {
  readonly em: Float32Array;
  /** Reference map on the same grid; null when no rule needs one (no-reference scaling). */
  readonly reference: Float32Array | null;
  /** Binary mask on the same grid: voxels with mask ≠ 0 are rescaled. */
  readonly mask: ArrayLike<number>;
  readonly shapeZyx: ShapeZyx;
  /** Window edge in voxels (even). */
  readonly wn: number;
  /** Voxel size used for profile frequencies (Å). */
  readonly apixA: number;
  /** Scale-factor rules (spec §6.3); `ruleOf` picks one per voxel (hybrid), else rule 0 applies everywhere. */
  readonly rules: readonly ScaleRuleSpec[];
  readonly ruleOf?: Uint8Array | null;
  /** Also return per-voxel local B and fit quality maps (`--measure_bfactors`). */
  readonly measureMaps?: boolean;
}

export interface ScalingResult {
  readonly value: Float32Array;
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
  /** Number of voxels rescaled. */
  readonly voxelCount: number;
}

export function sharedZeros(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT));
}

export async function runExactScaling(
  input: ScalingInput,
  options: { workers: number; progress: Progress; voxelsPerChunk?: number },
): Promise<ScalingResult> {
  const rows = scalingVoxelRows(input.mask, input.shapeZyx, input.wn);
  const n = input.em.length;
  const sink = {
    kind: 'value' as const,
    value: sharedZeros(n),
    bFactor: input.measureMaps ? sharedZeros(n) : null,
    qfit: input.measureMaps ? sharedZeros(n) : null,
  };
  const total = rows.voxels.length;
  await runWindowKernel(
    {
      em: toShared(input.em),
      reference: input.reference === null ? null : toShared(input.reference),
      shapeZyx: input.shapeZyx,
      wn: input.wn,
      apixA: input.apixA,
      rules: input.rules,
      ruleOf: input.ruleOf ? toShared(input.ruleOf) : null,
      rows: { voxels: toShared(rows.voxels), rowStart: toShared(rows.rowStart) },
      sink,
    },
    options,
  );
  options.progress.report(total, total);
  return { value: sink.value, bFactor: sink.bFactor, qfit: sink.qfit, voxelCount: total };
}
