/** Worker thread of the fast engine's correlation phase: one task per bin group. */
import { serveWorker } from '../core/worker-pool.js';
import type { CorrelationJob } from './centre-correlation.js';
import { accumulateGroup } from './centre-correlation.js';

let job: CorrelationJob | null = null;

serveWorker<CorrelationJob, number, number>({
  init(data) {
    job = data;
  },
  task(group) {
    accumulateGroup(job as CorrelationJob, group);
    return group;
  },
});
