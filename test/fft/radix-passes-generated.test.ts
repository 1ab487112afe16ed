import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

test('src/fft/radix-passes-generated.ts is what tools/gen-radix-passes.mjs generates', async () => {
  const path = 'src/fft/radix-passes-generated.ts';
  const r = spawnSync(process.execPath, ['tools/gen-radix-passes.mjs', '--stdout'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const options = (await resolveConfig(path)) ?? {};
  const generated = await format(r.stdout, { ...options, filepath: path });
  assert.equal(
    readFileSync(path, 'utf8'),
    generated,
    'stale: run `node tools/gen-radix-passes.mjs && npx prettier --write src/fft/radix-passes-generated.ts`',
  );
});
