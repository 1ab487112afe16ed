/** Runs the CLI from source in a child process, and temporary folders with copies of fixtures. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ENTRY = resolve('src/cli/main-entry.ts');

export function runCli(args: readonly string[], cwd?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    encoding: 'utf8',
    cwd: cwd ?? process.cwd(),
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

/** A fresh temporary folder holding copies of `files` (returned as paths inside it, in order). */
export function scratchWith(...files: string[]): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'locscale-test-'));
  const paths = files.map((f) => {
    const target = join(dir, basename(f));
    copyFileSync(f, target);
    return target;
  });
  return { dir, paths };
}
