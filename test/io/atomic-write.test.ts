import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/io/atomic-write.js';
import { UserError } from '../../src/core/errors.js';

function withTempDir(fn: (dir: string) => Promise<void> | void) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'locscale-atomic-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test(
  'writeFileAtomic writes strings and bytes and leaves no temporary file',
  withTempDir(async (dir) => {
    const a = join(dir, 'a.txt');
    await writeFileAtomic(a, 'héllo\n');
    assert.equal(readFileSync(a, 'utf8'), 'héllo\n');
    const b = join(dir, 'b.bin');
    await writeFileAtomic(b, new Uint8Array([1, 2, 3, 255]));
    assert.deepEqual([...readFileSync(b)], [1, 2, 3, 255]);
    assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.bin']);
  }),
);

test(
  'writeFileAtomic replaces an existing file',
  withTempDir(async (dir) => {
    const a = join(dir, 'a.txt');
    writeFileSync(a, 'old contents that are longer');
    await writeFileAtomic(a, 'new');
    assert.equal(readFileSync(a, 'utf8'), 'new');
    writeFileAtomicSync(a, 'newer');
    assert.equal(readFileSync(a, 'utf8'), 'newer');
    assert.deepEqual(readdirSync(dir), ['a.txt']);
  }),
);

test(
  'a write into a missing directory is a UserError naming the file',
  withTempDir(async (dir) => {
    const p = join(dir, 'no-such-dir', 'x.pdb');
    await assert.rejects(writeFileAtomic(p, 'x'), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.message, `cannot write ${p}: the directory does not exist`);
      return true;
    });
    assert.throws(() => writeFileAtomicSync(p, 'x'), /cannot write .*x\.pdb: the directory does not exist/);
  }),
);

test(
  'a failed rename (target is a directory) removes the temporary file',
  withTempDir(async (dir) => {
    const sub = join(dir, 'sub');
    writeFileSync(join(dir, 'keep.txt'), 'k');
    mkdirSync(join(sub, 'inner'), { recursive: true });
    await assert.rejects(writeFileAtomic(sub, 'x'), UserError);
    assert.throws(() => writeFileAtomicSync(sub, 'x'), UserError);
    assert.deepEqual(readdirSync(dir).sort(), ['keep.txt', 'sub']);
  }),
);
