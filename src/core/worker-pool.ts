/**
 * A small pool of worker threads with dynamic scheduling. The workers start (load their scripts) as soon as the
 * pool is made; every worker then receives the same `init` data (large arrays travel as SharedArrayBuffers, so
 * nothing is copied), then takes tasks one at a time; the next task goes to whichever worker is free. Work must be
 * written so that results do not depend on which worker ran what.
 *
 * A worker script calls `serveWorker(handlers)`.
 */
import { Worker, parentPort } from 'node:worker_threads';
import { InternalError } from './errors.js';

interface InitMessage<I> {
  readonly init: I;
}
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
function startWorker(script: URL): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, { execArgv: [] });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

export class WorkerPool<Init, Task, Result> {
  private readonly workers: Worker[];
  private initialised = false;

  /** Starts `size` workers on `script`; they wait for `init` (which may come later, while they load). */
  constructor(script: URL, size: number) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startWorker(script));
  }

  /** Gives every worker its data (once, before `run`). */
  init(data: Init): void {
    if (this.initialised) throw new InternalError('WorkerPool.init called twice');
    this.initialised = true;
    for (const w of this.workers) w.postMessage({ init: data } satisfies InitMessage<Init>);
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
    if (!this.initialised) throw new InternalError('WorkerPool.run before init');
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

/**
 * Worker side: `init` runs once with the pool's init data (the first message); `task` runs for every task message
 * after it. An error in `init` is reported by every task.
 */
export function serveWorker<Init, Task, Result>(handlers: {
  init(data: Init): void;
  task(task: Task): Result;
}): void {
  if (parentPort === null) throw new InternalError('serveWorker called outside a worker thread');
  const port = parentPort;
  let initError: unknown = null;
  const text = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
  port.on('message', (msg: InitMessage<Init> | TaskMessage<Task>) => {
    if ('init' in msg) {
      try {
        handlers.init(msg.init);
      } catch (e: unknown) {
        initError = e;
      }
      return;
    }
    if (initError !== null) {
      port.postMessage({ id: msg.id, error: `init: ${text(initError)}` } satisfies ReplyMessage<Result>);
      return;
    }
    try {
      port.postMessage({ id: msg.id, result: handlers.task(msg.task) } satisfies ReplyMessage<Result>);
    } catch (e: unknown) {
      port.postMessage({ id: msg.id, error: text(e) } satisfies ReplyMessage<Result>);
    }
  });
}
