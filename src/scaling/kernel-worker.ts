/** Worker thread of the window kernel: builds a kernel once, then processes row chunks into the shared sink. */
import { serveWorker } from '../core/worker-pool.js';
import type { KernelJob, RowChunk } from './kernel-runner.js';
import { makeKernel } from './kernel-runner.js';
import type { WindowKernel } from './window-kernel.js';

let state: { kernel: WindowKernel; job: KernelJob } | null = null;

serveWorker<KernelJob, RowChunk, number>({
  init(job) {
    state = { kernel: makeKernel(job), job };
  },
  task(chunk) {
    const s = state as { kernel: WindowKernel; job: KernelJob };
    return s.kernel.run(s.job.rows, chunk.rowBegin, chunk.rowEnd);
  },
});
