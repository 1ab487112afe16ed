import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readMap } from '../../src/io/mrc-read.js';
import { runCli, scratchWith } from '../helpers/cli.js';

const GAMMA = [
  'data/example/emd_3240_5fn5_box.ccp4',
  'data/example/5fn5_box_model.pdb',
  'data/example/emd_3240_mask.mrc',
];

test('locscale symmetrize MAP -sym C4 -o OUT: a map on the same grid; unknown groups are a clear error', async () => {
  const { dir, paths } = scratchWith(GAMMA[0]);
  const out = join(dir, 'c4.mrc');
  const r = runCli(['symmetrize', paths[0], '-sym', 'c4', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  const input = (await readMap(paths[0])).volume;
  const result = (await readMap(out)).volume;
  assert.deepEqual(result.shapeZyx, input.shapeZyx);
  assert.deepEqual(result.originXyzA, input.originXyzA);
  const bad = runCli(['symmetrize', paths[0], '-sym', 'H3']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown point-group symbol "H3".*valid symbols/);
});

test('-sym applies to the reference map of model-based LocScale (saved in the processing folder)', () => {
  const { dir, paths } = scratchWith(...GAMMA);
  const [map, model, mask] = paths;
  const r = runCli(['-em', map, '-mc', model, '-ma', mask, '--skip_refine', '-sym', 'C2', '-np', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'processing_files', 'reference_C2_symmetry.mrc')));
});
