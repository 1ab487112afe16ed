/**
 * The exact local-scaling engine (spec §6): every listed voxel gets the centre value of its own rescaled window.
 * Runs on the calling thread or on a worker pool over shared memory; the result is bit-identical for any number
 * of workers because rows are the unit of work and each row is computed the same way wherever it runs.
 */
import type { Progress } from '../core/progress.js';
import { checkAborted } from '../core/progress.js';
import { WorkerPool, siblingScriptUrl } from '../core/worker-pool.js';
import type { ShapeZyx } from '../core/vec.js';
import { WindowKernel } from './window-kernel.js';
import type { ValueSink } from './window-kernel.js';
import type { ScaleRuleSpec } from './scale-rules.js';
import { makeScaleRule } from './scale-rules.js';
import type { VoxelRows } from './voxel-list.js';
import { scalingVoxelRows, rowCount } from './voxel-list.js';

export interface ScalingInput {
  readonly em: Float32Array;
  /** Reference map on the same grid; null for rules that need none (no-reference scaling). */
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

/** What each worker receives once: everything as shared memory. */
export interface ScalingWorkerInit {
  readonly em: Float32Array;
  readonly reference: Float32Array | null;
  readonly shapeZyx: ShapeZyx;
  readonly wn: number;
  readonly apixA: number;
  readonly rules: readonly ScaleRuleSpec[];
  readonly ruleOf: Uint8Array | null;
  readonly rows: VoxelRows;
  readonly outputs: ValueSink;
}

export interface RowChunk {
  readonly rowBegin: number;
  readonly rowEnd: number;
}

function shared(data: Float32Array): Float32Array {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const copy = new Float32Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

function sharedInt32(data: Int32Array): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

function sharedUint8(data: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

/** The exact engine's kernel for these maps and rules (also what each worker builds). */
export function makeValueKernel(
  input: Pick<ScalingInput, 'em' | 'reference' | 'shapeZyx' | 'wn' | 'apixA' | 'rules'>,
  ruleOf: Uint8Array | null,
): WindowKernel {
  const rules = input.rules.map((spec) => makeScaleRule(spec, input.wn, input.apixA));
  return new WindowKernel(input, rules, ruleOf, 'value');
}

function zeros(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT));
}

/** Splits rows into chunks of about `voxelsPerChunk` voxels (whole rows only). */
export function chunkRows(rows: VoxelRows, voxelsPerChunk: number): RowChunk[] {
  const chunks: RowChunk[] = [];
  const n = rowCount(rows);
  let begin = 0;
  for (let r = 1; r <= n; r++) {
    if (r === n || rows.rowStart[r] - rows.rowStart[begin] >= voxelsPerChunk) {
      chunks.push({ rowBegin: begin, rowEnd: r });
      begin = r;
    }
  }
  return chunks;
}

const VOXELS_PER_CHUNK = 2048;

export async function runExactScaling(
  input: ScalingInput,
  options: { workers: number; progress: Progress; voxelsPerChunk?: number },
): Promise<ScalingResult> {
  const rows = scalingVoxelRows(input.mask, input.shapeZyx, input.wn);
  const n = input.em.length;
  const outputs = {
    kind: 'value' as const,
    value: zeros(n),
    bFactor: input.measureMaps ? zeros(n) : null,
    qfit: input.measureMaps ? zeros(n) : null,
  };
  const total = rows.voxels.length;
  const chunks = chunkRows(rows, options.voxelsPerChunk ?? VOXELS_PER_CHUNK);
  const { progress } = options;
  let done = 0;
  const report = (count: number) => {
    done += count;
    if (progress.shouldReport) progress.report(done, total, 'local scaling');
  };

  if (options.workers <= 1 || chunks.length <= 1) {
    const kernel = makeValueKernel(input, input.ruleOf ?? null);
    for (const c of chunks) {
      // yield to the event loop between chunks, so an interrupt or a timer can be seen
      await new Promise((resolve) => setImmediate(resolve));
      checkAborted(progress);
      report(kernel.run(rows, c.rowBegin, c.rowEnd, outputs));
    }
  } else {
    const init: ScalingWorkerInit = {
      em: shared(input.em),
      reference: input.reference === null ? null : shared(input.reference),
      shapeZyx: input.shapeZyx,
      wn: input.wn,
      apixA: input.apixA,
      rules: input.rules,
      ruleOf: input.ruleOf ? sharedUint8(input.ruleOf) : null,
      rows: { voxels: sharedInt32(rows.voxels), rowStart: sharedInt32(rows.rowStart) },
      outputs,
    };
    const pool = new WorkerPool<ScalingWorkerInit, RowChunk, number>(
      siblingScriptUrl(import.meta.url, 'scaling-worker'),
      Math.min(options.workers, chunks.length),
      init,
    );
    try {
      await pool.run(chunks, (count) => {
        checkAborted(progress);
        report(count);
      });
    } finally {
      await pool.close();
    }
  }
  progress.report(total, total, 'local scaling');
  return { ...outputs, voxelCount: total };
}
