/** Worker thread of the exact engine: builds a kernel once, then processes row chunks. */
import { serveWorker } from '../core/worker-pool.js';
import type { RowChunk, ScalingWorkerInit } from './exact-engine.js';
import { ExactKernel } from './exact-kernel.js';
import { makeScaleRule } from './scale-rules.js';

let state: { kernel: ExactKernel; init: ScalingWorkerInit } | null = null;

serveWorker<ScalingWorkerInit, RowChunk, number>({
  init(data) {
    state = { kernel: new ExactKernel(data, makeScaleRule(data.rule, data.wn, data.apixA)), init: data };
  },
  task(chunk) {
    const s = state as { kernel: ExactKernel; init: ScalingWorkerInit };
    return s.kernel.run(s.init.rows, chunk.rowBegin, chunk.rowEnd, s.init.outputs);
  },
});
