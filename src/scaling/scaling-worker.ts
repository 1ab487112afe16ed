/** Worker thread of the exact engine: builds a kernel once, then processes row chunks. */
import { serveWorker } from '../core/worker-pool.js';
import type { RowChunk, ScalingWorkerInit } from './exact-engine.js';
import { makeValueKernel } from './exact-engine.js';
import type { WindowKernel } from './window-kernel.js';

let state: { kernel: WindowKernel; init: ScalingWorkerInit } | null = null;

serveWorker<ScalingWorkerInit, RowChunk, number>({
  init(data) {
    state = { kernel: makeValueKernel(data, data.ruleOf), init: data };
  },
  task(chunk) {
    const s = state as { kernel: WindowKernel; init: ScalingWorkerInit };
    return s.kernel.run(s.init.rows, chunk.rowBegin, chunk.rowEnd, s.init.outputs);
  },
});
