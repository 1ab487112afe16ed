/** A worker for test/core/worker-pool.test.ts: adds its task to the init data's offset; fails on a negative task. */
import { serveWorker } from '../../src/core/worker-pool.js';

let offset = 0;

serveWorker<{ offset: number }, number, number>({
  init(data) {
    if (data.offset < 0) throw new Error('negative offset');
    offset = data.offset;
  },
  task(task) {
    if (task < 0) throw new Error(`negative task ${task}`);
    return task + offset;
  },
});
