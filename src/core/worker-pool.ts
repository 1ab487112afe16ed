/**
 * A small pool of worker threads with dynamic scheduling. Every worker receives the same `init` message (large
 * arrays travel as SharedArrayBuffers, so nothing is copied), then takes tasks one at a time; the next task goes
 * to whichever worker is free. Work must be written so that results do not depend on which worker ran what.
 *
 * A worker script calls `serveWorker(handlers)`.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { InternalError } from './errors.js';

interface TaskMessage<T> {
  readonly id: number;
  readonly task: T;
}
type ReplyMessage<R> =
  { readonly id: number; readonly result: R } | { readonly id: number; readonly error: string };

/** The URL of a worker script next to `moduleUrl`: `.ts` under tsx (tests, development), `.js` when compiled. */
export function siblingScriptUrl(moduleUrl: string, baseName: string): URL {
  const ext = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, moduleUrl);
}

/**
 * Starts a worker on `script`. A TypeScript source (tests, development under tsx) cannot be a worker's entry
 * point, so a one-line bootstrap registers tsx's loader in the worker first and then imports the script.
 * Compiled `.js` scripts start directly, without the parent's command-line flags: a compiled worker needs none,
 * and an inherited `--import tsx` (a TypeScript script driving the compiled code, as bench/engine-run.ts does)
 * would load the TypeScript loader in every worker first (≈ 0.13 s per worker start).
 */
function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { workerData, execArgv: [] });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class WorkerPool<Init, Task, Result> {
  private readonly workers: Worker[];

  constructor(script: URL, size: number, init: Init) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startWorker(script, init));
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs every task on the first `maxWorkers` workers (all by default); `onResult` sees each result as it arrives
   * (in completion order) with the task's index.
   */
  async run(
    tasks: readonly Task[],
    onResult: (result: Result, index: number) => void,
    maxWorkers = this.workers.length,
  ): Promise<void> {
    let next = 0;
    await Promise.all(
      this.workers.slice(0, Math.max(1, maxWorkers)).map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (msg: ReplyMessage<Result>) => {
              if ('error' in msg) {
                cleanup();
                reject(new InternalError(`worker failed: ${msg.error}`));
                return;
              }
              try {
                onResult(msg.result, msg.id);
              } catch (e: unknown) {
                cleanup();
                reject(e instanceof Error ? e : new InternalError(String(e)));
                return;
              }
              feed();
            };
            const onError = (e: Error) => {
              cleanup();
              reject(e);
            };
            const cleanup = () => {
              worker.off('message', onMessage);
              worker.off('error', onError);
            };
            const feed = () => {
              if (next >= tasks.length) {
                cleanup();
                resolve();
                return;
              }
              const id = next++;
              worker.postMessage({ id, task: tasks[id] } satisfies TaskMessage<Task>);
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            feed();
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Worker side: `init` runs once with the pool's init data; `task` runs for every task message. */
export function serveWorker<Init, Task, Result>(handlers: {
  init(data: Init): void;
  task(task: Task): Result;
}): void {
  if (parentPort === null) throw new InternalError('serveWorker called outside a worker thread');
  const port = parentPort;
  handlers.init(workerData as Init);
  port.on('message', (msg: TaskMessage<Task>) => {
    try {
      port.postMessage({ id: msg.id, result: handlers.task(msg.task) } satisfies ReplyMessage<Result>);
    } catch (e: unknown) {
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      port.postMessage({ id: msg.id, error: text } satisfies ReplyMessage<Result>);
    }
  });
}
