import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../src/core/worker-pool.js';

const script = new URL('../helpers/sum-worker.ts', import.meta.url);

test('workers start first, take their data later, then run every task once (on at most maxWorkers)', async () => {
  const pool = new WorkerPool<{ offset: number }, number, number>(script, 3);
  try {
    await assert.rejects(
      pool.run([1], () => undefined),
      /before init/,
    );
    pool.init({ offset: 100 });
    assert.throws(() => pool.init({ offset: 1 }), /twice/);
    const tasks = Array.from({ length: 20 }, (_, i) => i);
    const seen = new Map<number, number>();
    await pool.run(tasks, (result, index) => seen.set(index, result), 2);
    assert.deepEqual(
      [...seen.entries()].sort((a, b) => a[0] - b[0]),
      tasks.map((t) => [t, t + 100]),
    );
    await assert.rejects(
      pool.run([1, -2, 3], () => undefined),
      /negative task -2/,
    );
  } finally {
    await pool.close();
  }
});

test("an error in a worker's init is reported by its tasks", async () => {
  const pool = new WorkerPool<{ offset: number }, number, number>(script, 1);
  try {
    pool.init({ offset: -1 });
    await assert.rejects(
      pool.run([1], () => undefined),
      /init: Error: negative offset/,
    );
  } finally {
    await pool.close();
  }
});
