/**
 * The fast engine's work as tasks on one pool of threads (fast-engine.ts): the map's spectrum in the correlation
 * box, the centre-value kernels and chunks of coarse-grid nodes (first phase), then the bin groups of the
 * correlations (second phase, once every node's factors are written). Every task writes its own part of shared
 * memory and depends only on the job, so results are bit-identical whichever thread runs what; a single thread
 * runs the same tasks in order.
 */
import type { ScalingMaps } from './window-kernel.js';
import type { ScaleRuleSpec } from './scale-rules.js';
import { makeScaleRule } from './scale-rules.js';
import { FactorKernel } from './factor-kernel.js';
import type { FactorSink } from './factor-kernel.js';
import type { VoxelRows } from './voxel-list.js';
import { accumulateGroup, correlationScratch, writeKernels, writeMapSpectrum } from './centre-correlation.js';
import type { CorrelationJob, CorrelationScratch } from './centre-correlation.js';

/** Everything the tasks need; crosses into workers as shared memory. */
export interface FastJob extends ScalingMaps {
  readonly apixA: number;
  readonly rules: readonly ScaleRuleSpec[];
  /** The coarse-grid nodes, in rows. */
  readonly nodes: VoxelRows;
  readonly sink: FactorSink;
  readonly correlation: CorrelationJob;
}

export type FastTask =
  | { readonly kind: 'map-spectrum' }
  | { readonly kind: 'kernels' }
  | { readonly kind: 'nodes'; readonly rowBegin: number; readonly rowEnd: number }
  | { readonly kind: 'group'; readonly group: number };

/** One thread's scratch, made on its first task of each kind and dropped when no longer needed. */
export interface FastThread {
  readonly job: FastJob;
  kernel: FactorKernel | null;
  scratch: CorrelationScratch | null;
}

export function fastThread(job: FastJob): FastThread {
  return { job, kernel: null, scratch: null };
}

/** Runs one task; returns how many nodes or bins it did (0 for the set-up tasks). */
export function runFastTask(thread: FastThread, task: FastTask): number {
  const { job } = thread;
  const c = job.correlation;
  switch (task.kind) {
    case 'map-spectrum':
      writeMapSpectrum(c, job.em, job.shapeZyx);
      return 0;
    case 'kernels':
      writeKernels(job.wn, c.kernels);
      return 0;
    case 'nodes':
      thread.kernel ??= new FactorKernel(
        job,
        job.rules.map((spec) => makeScaleRule(spec, job.wn, job.apixA)),
        job.sink,
      );
      return thread.kernel.run(job.nodes, task.rowBegin, task.rowEnd);
    case 'group': {
      thread.kernel = null; // the nodes are done: its arrays can go
      thread.scratch ??= correlationScratch(c);
      let bins = 0;
      accumulateGroup(c, task.group, thread.scratch, () => bins++);
      return bins;
    }
  }
}
