/**
 * Runs the window kernel over rows of voxels, on the calling thread or on a worker pool over shared memory.
 * Rows are the unit of work and each row is computed the same way wherever it runs, so the result is
 * bit-identical for any number of workers.
 */
import type { Progress } from '../core/progress.js';
import { checkAborted } from '../core/progress.js';
import { WorkerPool, siblingScriptUrl } from '../core/worker-pool.js';
import type { ShapeZyx } from '../core/vec.js';
import { makeScaleRule } from './scale-rules.js';
import type { ScaleRuleSpec } from './scale-rules.js';
import { WindowKernel } from './window-kernel.js';
import type { ValueSink } from './window-kernel.js';
import type { VoxelRows } from './voxel-list.js';
import { rowCount } from './voxel-list.js';

/** Everything a kernel needs; crosses into workers as shared memory. */
export interface KernelJob {
  readonly em: Float32Array;
  readonly reference: Float32Array | null;
  readonly shapeZyx: ShapeZyx;
  readonly wn: number;
  readonly apixA: number;
  readonly rules: readonly ScaleRuleSpec[];
  readonly ruleOf: Uint8Array | null;
  readonly rows: VoxelRows;
  readonly sink: ValueSink;
}

export interface RowChunk {
  readonly rowBegin: number;
  readonly rowEnd: number;
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

export function makeKernel(job: KernelJob): WindowKernel {
  const rules = job.rules.map((spec) => makeScaleRule(spec, job.wn, job.apixA));
  return new WindowKernel(job, rules, job.ruleOf, job.sink);
}

/** A copy of `data` in shared memory (or `data` itself when it already is). */
export function toShared<T extends Float32Array | Float64Array | Int32Array | Uint8Array>(data: T): T {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const Ctor = data.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

const VOXELS_PER_CHUNK = 2048;

/** Runs `job` over all its rows; `progress` counts voxels done. */
export async function runWindowKernel(
  job: KernelJob,
  options: { workers: number; progress: Progress; voxelsPerChunk?: number },
): Promise<void> {
  const chunks = chunkRows(job.rows, options.voxelsPerChunk ?? VOXELS_PER_CHUNK);
  const total = job.rows.voxels.length;
  const { progress } = options;
  let done = 0;
  const report = (count: number) => {
    done += count;
    if (progress.shouldReport) progress.report(done, total);
  };
  if (options.workers <= 1 || chunks.length <= 1) {
    const kernel = makeKernel(job);
    for (const c of chunks) {
      // yield to the event loop between chunks, so an interrupt or a timer can be seen
      await new Promise((resolve) => setImmediate(resolve));
      checkAborted(progress);
      report(kernel.run(job.rows, c.rowBegin, c.rowEnd));
    }
    return;
  }
  const pool = new WorkerPool<KernelJob, RowChunk, number>(
    siblingScriptUrl(import.meta.url, 'kernel-worker'),
    Math.min(options.workers, chunks.length),
  );
  try {
    pool.init(job);
    await pool.run(chunks, (count) => {
      checkAborted(progress);
      report(count);
    });
  } finally {
    await pool.close();
  }
}
