/**
 * B-factor refinement by default (model-based), model-free and hybrid LocScale from the command line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMap } from '../../src/io/mrc-read.js';
import { writeMap, writeMask } from '../../src/io/mrc-write.js';
import { readStructure } from '../../src/io/structure-read.js';
import { writeStructure } from '../../src/io/structure-write.js';
import { selectAtoms } from '../../src/io/structure-select.js';
import { modelMask } from '../../src/mask/model-mask.js';
import { simulateModelMap } from '../../src/model/simulate-model-map.js';
import { volumeLike } from '../../src/grid/volume.js';
import { pearson } from '../../src/grid/statistics.js';
import { averageHalfMaps } from '../../src/pipeline/inputs.js';
import { runCli, scratchWith } from '../helpers/cli.js';
import { syntheticHalfMaps } from '../helpers/synthetic-half-maps.js';

const TMV = ['test/fixtures/real/emd_4413_6i5a_box.ccp4', 'test/fixtures/real/6i5a_box_model.pdb'];
const GAMMA = [
  'data/example/emd_3240_5fn5_box.ccp4',
  'data/example/5fn5_box_model.pdb',
  'data/example/emd_3240_mask.mrc',
];

const mapData = async (path: string) => (await readMap(path)).volume.data;

test('TMV: model-based refines B-factors by default, writes the models, logs every cycle; model-free comes close', async (t) => {
  const { dir, paths } = scratchWith(...TMV);
  const [map, model] = paths;
  const volume = (await readMap(map)).volume;
  const structure = await readStructure(model);
  const mask = volumeLike(
    volume,
    Float32Array.from(modelMask(structure.atoms, volume.shapeZyx, volume, 3, 1.0635)),
  );
  await writeMask(join(dir, 'mask.mrc'), mask);
  const mb = runCli([
    '-em',
    map,
    '-mc',
    model,
    '-ma',
    join(dir, 'mask.mrc'),
    '-o',
    'mb.mrc',
    '-op',
    'pmb',
    '-v',
    '-np',
    '2',
  ]);
  assert.equal(mb.status, 0, mb.stderr);
  assert.match(mb.stdout, /B-factor refinement against the map at 2\.23 Å \(10 cycles, restrained\)/);
  assert.match(mb.stdout, /cycle 10: CC/);
  const refined = await readStructure(join(dir, 'pmb', 'refined_model.cif'));
  const b = Array.from(refined.atoms.bIsoA2);
  assert.ok(Math.max(...b) - Math.min(...b) > 20, 'refined B-factors vary');
  assert.ok(existsSync(join(dir, 'pmb', 'shifted_bfactors.cif')));
  const log = readFileSync(join(dir, 'pmb', 'locscale.log'), 'utf8');
  assert.match(log, /cycle 10: CC/);

  const mf = runCli(['-em', map, '-ma', join(dir, 'mask.mrc'), '-o', 'mf.mrc', '-op', 'pmf', '-np', '2']);
  assert.equal(mf.status, 0, mf.stderr);
  assert.ok(existsSync(join(dir, 'pmf', 'pseudomodel.cif')));
  // the true model map: the deposited model simulated on the map's grid
  const truth = simulateModelMap(structure, volume).map.data;
  const input = pearson(volume.data, truth, mask.data);
  const ccMb = pearson(await mapData(join(dir, 'mb.mrc')), truth, mask.data);
  const ccMf = pearson(await mapData(join(dir, 'mf.mrc')), truth, mask.data);
  t.diagnostic(
    `CC with the model map in the mask: input ${input.toFixed(4)}, MB ${ccMb.toFixed(4)}, MF ${ccMf.toFixed(4)}`,
  );
  assert.ok(ccMb > input, `model-based ${ccMb.toFixed(4)} vs input ${input.toFixed(4)}`);
  assert.ok(ccMf > input, `model-free ${ccMf.toFixed(4)} vs input ${input.toFixed(4)}`);
  assert.ok(
    ccMf > ccMb - 0.05,
    `model-free ${ccMf.toFixed(4)} within 0.05 of model-based ${ccMb.toFixed(4)}`,
  );
});

test('synthetic half maps from a real model: model-free within 0.05 of model-based, both above the input', async (t) => {
  const pair = await syntheticHalfMaps({ n: 72, apixA: 1.0, blurA2: 60, noiseRelative: 0.5 });
  const dir = mkdtempSync(join(tmpdir(), 'locscale-mf-'));
  const [h1, h2, model] = [join(dir, 'h1.mrc'), join(dir, 'h2.mrc'), join(dir, 'model.cif')];
  await writeMap(h1, pair.half1);
  await writeMap(h2, pair.half2);
  await writeStructure(model, pair.model);
  const mb = runCli(['-hm', h1, h2, '-mc', model, '-o', 'mb.mrc', '-op', 'pmb', '-np', '2']);
  assert.equal(mb.status, 0, mb.stderr);
  const mf = runCli(['-hm', h1, h2, '-o', 'mf.mrc', '-op', 'pmf', '-np', '2']);
  assert.equal(mf.status, 0, mf.stderr);
  const mask = await mapData(join(dir, 'pmb', 'confidenceMap.mrc'));
  const truth = pair.sharp.data;
  const input = pearson(averageHalfMaps(pair.half1, pair.half2).data, truth, mask);
  const ccMb = pearson(await mapData(join(dir, 'mb.mrc')), truth, mask);
  const ccMf = pearson(await mapData(join(dir, 'mf.mrc')), truth, mask);
  t.diagnostic(
    `CC with the true map in the mask: input ${input.toFixed(4)}, MB ${ccMb.toFixed(4)}, MF ${ccMf.toFixed(4)}`,
  );
  assert.ok(
    ccMf > input && ccMb > input,
    `input ${input.toFixed(4)}, MB ${ccMb.toFixed(4)}, MF ${ccMf.toFixed(4)}`,
  );
  assert.ok(Math.abs(ccMf - ccMb) < 0.05, `MF ${ccMf.toFixed(4)} vs MB ${ccMb.toFixed(4)}`);
});

test('hybrid on γ-secretase with the first 40 % of residues removed: pseudo-atoms fill the gap, CC ≥ 0.9 with model-based', async (t) => {
  const { dir, paths } = scratchWith(...GAMMA);
  const [map, model, mask] = paths;
  const full = await readStructure(model);
  const residues: string[] = [];
  const seen = new Set<string>();
  const key = (i: number) => `${full.atoms.chainId[i]}:${full.atoms.resSeq[i]}${full.atoms.insCode[i]}`;
  for (let i = 0; i < full.atoms.count; i++) {
    if (!seen.has(key(i))) {
      seen.add(key(i));
      residues.push(key(i));
    }
  }
  const removed = new Set(residues.slice(0, Math.round(0.4 * residues.length)));
  const partial = selectAtoms(full, (_a, i) => !removed.has(key(i)));
  const gone = selectAtoms(full, (a, i) => removed.has(key(i)) && a.element[i] !== 'H');
  const kept = selectAtoms(partial, (a, i) => a.element[i] !== 'H');
  await writeStructure(join(dir, 'partial.cif'), partial);
  const mb = runCli(['-em', map, '-mc', model, '-ma', mask, '-o', 'mb.mrc', '-op', 'pmb', '-np', '2']);
  assert.equal(mb.status, 0, mb.stderr);
  const hy = runCli([
    '-em',
    map,
    '-mc',
    join(dir, 'partial.cif'),
    '--complete_model',
    '-ma',
    mask,
    '-o',
    'hy.mrc',
    '-op',
    'phy',
    '-np',
    '2',
  ]);
  assert.equal(hy.status, 0, hy.stderr);
  // the pseudo-atoms sit where the model was removed: nearer the removed atoms than the kept ones
  const combined = await readStructure(join(dir, 'phy', 'integrated_pseudoatoms.cif'));
  const nearest = (s: typeof gone, x: number, y: number, z: number) => {
    let best = Infinity;
    for (let j = 0; j < s.atoms.count; j++) {
      best = Math.min(best, (s.atoms.x[j] - x) ** 2 + (s.atoms.y[j] - y) ** 2 + (s.atoms.z[j] - z) ** 2);
    }
    return Math.sqrt(best);
  };
  let nearGone = 0;
  let pseudo = 0;
  for (let i = 0; i < combined.atoms.count; i++) {
    if (combined.atoms.resName[i] !== 'HOH') continue;
    pseudo++;
    if (i % 5 !== 0) continue; // a sample keeps this quick
    const { x, y, z } = combined.atoms;
    if (nearest(gone, x[i], y[i], z[i]) < nearest(kept, x[i], y[i], z[i])) nearGone++;
  }
  assert.ok(pseudo > 500, `${pseudo} pseudo-atoms`);
  assert.ok(nearGone / Math.ceil(pseudo / 5) > 0.8, `${nearGone} of the sampled pseudo-atoms lie in the gap`);
  const maskData = await mapData(mask);
  const cc = pearson(await mapData(join(dir, 'hy.mrc')), await mapData(join(dir, 'mb.mrc')), maskData);
  t.diagnostic(`${pseudo} pseudo-atoms; CC of hybrid with model-based in the mask ${cc.toFixed(4)}`);
  assert.ok(cc >= 0.9, `hybrid vs model-based ${cc.toFixed(4)}`);
});
