/** Worker thread of the fast engine's correlation phase: one task per bin group. */
import { serveWorker } from '../core/worker-pool.js';
import type { CorrelationJob, CorrelationScratch } from './centre-correlation.js';
import { accumulateGroup, correlationScratch } from './centre-correlation.js';

let state: { job: CorrelationJob; scratch: CorrelationScratch } | null = null;

serveWorker<CorrelationJob, number, number>({
  init(job) {
    state = { job, scratch: correlationScratch(job.boxShapeZyx, job.boxIndex.length) };
  },
  task(group) {
    const s = state as { job: CorrelationJob; scratch: CorrelationScratch };
    accumulateGroup(s.job, group, s.scratch);
    return group;
  },
});
