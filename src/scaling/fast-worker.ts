/** Worker thread of the fast engine: runs its tasks (fast-tasks.ts) on the shared job. */
import { serveWorker } from '../core/worker-pool.js';
import { fastThread, runFastTask } from './fast-tasks.js';
import type { FastJob, FastTask, FastThread } from './fast-tasks.js';

let thread: FastThread | null = null;

serveWorker<FastJob, FastTask, number>({
  init(job) {
    thread = fastThread(job);
  },
  task(task) {
    return runFastTask(thread as FastThread, task);
  },
});
