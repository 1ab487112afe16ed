/**
 * Model-based LocScale from the command line on real maps (issue: model-based end to end).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMap } from '../../src/io/mrc-read.js';
import { writeMask, writeMap } from '../../src/io/mrc-write.js';
import { readStructure } from '../../src/io/structure-read.js';
import { writeStructure } from '../../src/io/structure-write.js';
import { modelMask } from '../../src/mask/model-mask.js';
import { volumeLike } from '../../src/grid/volume.js';
import { pearson } from '../../src/grid/statistics.js';
import { runCli, scratchWith } from '../helpers/cli.js';

const GAMMA = [
  'data/example/emd_3240_5fn5_box.ccp4',
  'data/example/5fn5_box_model.pdb',
  'data/example/emd_3240_mask.mrc',
];
const TMV = ['test/fixtures/real/emd_4413_6i5a_box.ccp4', 'test/fixtures/real/6i5a_box_model.pdb'];

/** Output on the input's grid, zero outside the mask, closer to the model map than the input is. */
async function checkOutput(
  mapPath: string,
  outPath: string,
  maskData: ArrayLike<number>,
  modelMapPath: string,
) {
  const input = (await readMap(mapPath)).volume;
  const output = (await readMap(outPath)).volume;
  const modelMap = (await readMap(modelMapPath)).volume;
  assert.deepEqual(output.shapeZyx, input.shapeZyx);
  assert.deepEqual(output.voxelSizeXyzA, input.voxelSizeXyzA);
  assert.deepEqual(output.originXyzA, input.originXyzA);
  let outside = 0;
  for (let i = 0; i < maskData.length; i++) if (maskData[i] < 0.5 && output.data[i] !== 0) outside++;
  assert.equal(outside, 0, 'non-zero voxels outside the mask');
  const before = pearson(input.data, modelMap.data, maskData);
  const after = pearson(output.data, modelMap.data, maskData);
  assert.ok(
    after > before,
    `correlation with the model map: input ${before.toFixed(4)}, output ${after.toFixed(4)}`,
  );
  return { before, after };
}

test('γ-secretase (EMD-3240 box, 5FN5 model, mask = non-zero region): model-based LocScale', async () => {
  const { dir, paths } = scratchWith(...GAMMA);
  const [map, model, mask] = paths;
  const r = runCli(['-em', map, '-mc', model, '-ma', mask, '--skip_refine', '-o', 'out.mrc', '-np', '2']);
  assert.equal(r.status, 0, r.stderr);
  const processing = join(dir, 'processing_files');
  const record = JSON.parse(readFileSync(join(processing, 'run.json'), 'utf8')) as {
    inputs: Record<string, { sha256: string }>;
    timingsSeconds: Record<string, number>;
    results: { windowSizeVoxels: number };
  };
  assert.match(record.inputs.map.sha256, /^9dcb1ae0/);
  assert.equal(record.results.windowSizeVoxels, 18);
  assert.ok(record.timingsSeconds['local scaling'] > 0);
  assert.ok(existsSync(join(processing, 'locscale.log')));
  const maskData = (await readMap(mask)).volume.data;
  const cc = await checkOutput(
    map,
    join(dir, 'out.mrc'),
    maskData,
    join(processing, '5fn5_box_model_4locscale.mrc'),
  );
  assert.ok(cc.after > 0.9, `output–model correlation ${cc.after}`);
});

test('TMV (EMD-4413 box, axis order 3,2,1, 6I5A model, mask from the model): model-based LocScale', async () => {
  const { dir, paths } = scratchWith(...TMV);
  const [map, model] = paths;
  const volume = (await readMap(map)).volume;
  const structure = await readStructure(model);
  const mask = volumeLike(
    volume,
    Float32Array.from(modelMask(structure.atoms, volume.shapeZyx, volume, 3, 1.0635)),
  );
  await writeMask(join(dir, 'model_mask.mrc'), mask);
  const r = runCli([
    '-em',
    map,
    '-mc',
    model,
    '-ma',
    join(dir, 'model_mask.mrc'),
    '--skip_refine',
    '-np',
    '2',
  ]);
  assert.equal(r.status, 0, r.stderr);
  await checkOutput(
    map,
    join(dir, 'locscale_output.mrc'),
    mask.data,
    join(dir, 'processing_files', '6i5a_box_model_4locscale.mrc'),
  );
});

test('bad input: clear message, non-zero exit, no output file', async () => {
  const { dir, paths } = scratchWith(...GAMMA, TMV[0]);
  const [map, model, mask, otherMap] = paths;
  const volume = (await readMap(map)).volume;
  const emptyMask = join(dir, 'empty_mask.mrc');
  await writeMask(emptyMask, volumeLike(volume, new Float32Array(volume.data.length)));
  const nanMap = join(dir, 'nan_map.mrc');
  const withNan = Float32Array.from(volume.data);
  withNan[1234] = NaN;
  await writeMap(nanMap, volumeLike(volume, withNan));
  // the model moved 1000 Å away: it lies outside the map
  const structure = await readStructure(model);
  const farModel = join(dir, 'far_model.cif');
  await writeStructure(farModel, {
    ...structure,
    atoms: { ...structure.atoms, x: structure.atoms.x.map((x) => x + 1000) },
  });
  const cases: [string[], RegExp][] = [
    [['-em', map, '-mc', model, '-ma', otherMap, '--skip_refine'], /not on the same grid/],
    [['-em', map, '-mc', farModel, '-ma', mask, '--skip_refine'], /outside the map box/],
    [['-em', map, '-mc', model, '-ma', emptyMask, '--skip_refine'], /mask is empty/],
    [['-em', nanMap, '-mc', model, '-ma', mask, '--skip_refine'], /NaN or infinite/],
    [
      ['-em', join(dir, 'missing.mrc'), '-ma', mask, '--no_reference'],
      /no such file|not found|does not exist/i,
    ],
  ];
  for (const [args, message] of cases) {
    const r = runCli([...args, '-o', 'bad_out.mrc']);
    assert.notEqual(r.status, 0, `${args.join(' ')} should fail`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
    assert.ok(!existsSync(join(dir, 'bad_out.mrc')), `no output written (${args.join(' ')})`);
  }
  const same = runCli(['-em', map, '-mc', model, '-ma', mask, '-o', map]);
  assert.equal(same.status, 2);
  assert.match(same.stderr, /is one of the inputs/);
});

test('half maps whose FSC never crosses 0.143 (the same map twice): a warning, Nyquist + 1 Å as the cutoff, a map', async () => {
  const { dir, paths } = scratchWith(...GAMMA);
  const [map, model, mask] = paths;
  const r = runCli([
    '-hm',
    map,
    map,
    '-mc',
    model,
    '-ma',
    mask,
    '--skip_refine',
    '-o',
    'same.mrc',
    '-np',
    '2',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(`${r.stdout}${r.stderr}`, /the half-map FSC never crosses 0\.143 .*Nyquist \+ 1 Å/);
  // 1.4 Å voxels: Nyquist = (round(20 · 1.4) + 1)/10 = 2.9 Å (spec §2.9), so the cutoff is 3.9 Å
  assert.match(r.stdout, /FSC cutoff 3\.90 Å/);
  assert.ok(existsSync(join(dir, 'same.mrc')));
});
