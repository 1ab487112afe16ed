/**
 * The TMV box (EMD-4413) has density up to every edge: LocScale 2.0's default noise boxes sit on density, only a
 * few hundred voxels pass the FDR test, and with the 5 Å pre-filter it crashes on an empty mask. Here both
 * situations are reported plainly, with what to do, and the suggested noise boxes work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchWith } from '../helpers/cli.js';

const TMV = ['test/fixtures/real/emd_4413_6i5a_box.ccp4', 'test/fixtures/real/6i5a_box_model.pdb'];

test('TMV without a mask: contaminated noise estimate and a tiny mask are reported with the remedies', () => {
  const { dir, paths } = scratchWith(...TMV);
  const [map, model] = paths;
  const r = runCli(['-em', map, '-mc', model, '--skip_refine']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /warning: the FDR noise estimate looks contaminated by density/);
  assert.match(r.stderr, /implausibly small: \d+ voxels/);
  assert.match(r.stderr, /-ma\b/);
  assert.match(r.stderr, /--noise_box/);
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
  assert.ok(!existsSync(join(dir, 'locscale_output.mrc')));
});

test('TMV with the 5 Å pre-filter: an empty mask is an error naming the remedies, not a crash', () => {
  const { dir, paths } = scratchWith(...TMV);
  const [map, model] = paths;
  const r = runCli(['-em', map, '-mc', model, '--skip_refine', '-fdr_f', '5']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /mask is (empty|implausibly small)/);
  assert.match(r.stderr, /-fdr_f/);
  assert.ok(!existsSync(join(dir, 'locscale_output.mrc')));
});

test('TMV with noise boxes placed in the darkest regions (as the warning suggests): the run succeeds', () => {
  const { dir, paths } = scratchWith(...TMV);
  const [map, model] = paths;
  const first = runCli(['-em', map, '-mc', model, '--skip_refine']);
  const suggested = /around \[z, y, x\] = (\[[\d, ]+\](?:, \[[\d, ]+\])*)/.exec(first.stderr);
  assert.ok(suggested, 'the warning suggests positions');
  const boxes = [...suggested[1].matchAll(/\[(\d+), (\d+), (\d+)\]/g)]
    .map((m) => `${m[1]},${m[2]},${m[3]}`)
    .join(';');
  const r = runCli(['-em', map, '-mc', model, '--skip_refine', '--noise_box', boxes, '-np', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'locscale_output.mrc')));
});
