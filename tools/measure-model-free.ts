/**
 * Model-free against model-based LocScale on the two test cases of test/cli/refine-and-model-free.test.ts (the
 * TMV box with a mask from its model; synthetic half maps from the TMV model, 72³ at 1 Å), for several
 * `--pseudo_min_distance` values and seeds: the correlation of each output with the true model map inside the mask,
 * and for each model-free run the pseudo-model map's correlation with the truth, the spread (σ, max) of the final
 * shifted B-factors and how many pseudo-atoms refined to the 500 Å² bound.
 * The case `gamma` is a larger synthetic pair (the γ-secretase model, 9 703 heavy atoms, 128³ at 1.2 Å, B from
 * 30 Å² at the centre to ≈ 120 Å² at the surface).
 *   node --import tsx tools/measure-model-free.ts [--cases tmv,synthetic,gamma] [--distances 0,1.2] [--seeds 1]
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMap } from '../src/io/mrc-read.js';
import { writeMap, writeMask } from '../src/io/mrc-write.js';
import { readStructure } from '../src/io/structure-read.js';
import { writeStructure } from '../src/io/structure-write.js';
import { modelMask } from '../src/mask/model-mask.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import { volumeLike } from '../src/grid/volume.js';
import { moments, pearson } from '../src/grid/statistics.js';
import { averageHalfMaps } from '../src/pipeline/inputs.js';
import { runCli } from '../test/helpers/cli.js';
import { syntheticHalfMaps } from '../test/helpers/synthetic-half-maps.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const distances = arg('--distances', '0,1.2').split(',');
const seeds = arg('--seeds', '1').split(',');
const cases = arg('--cases', 'tmv,synthetic').split(',');
const mapData = async (path: string) => (await readMap(path)).volume.data;

function run(dir: string, args: string[], out: string): string {
  const r = runCli([
    ...args,
    '-o',
    join(dir, out),
    '-op',
    join(dir, `p_${out.replace('.mrc', '')}`),
    '-np',
    '2',
  ]);
  if (r.status !== 0) throw new Error(r.stderr);
  return join(dir, out);
}

async function report(
  name: string,
  input: string[],
  mbExtra: string[],
  truth: Float32Array,
  inputMap: Float32Array,
  maskOf: (dir: string) => Promise<Float32Array>,
  dir: string,
) {
  const mb = run(dir, [...input, ...mbExtra], 'mb.mrc');
  const mask = await maskOf(dir);
  const cc = async (path: string) => pearson(await mapData(path), truth, mask);
  console.log(`${name} | input | ${pearson(inputMap, truth, mask).toFixed(4)}`);
  console.log(`${name} | model-based | ${(await cc(mb)).toFixed(4)}`);
  for (const d of distances)
    for (const seed of seeds) {
      const out = run(dir, [...input, '--pseudo_min_distance', d, '--seed', seed], `mf_${d}_${seed}.mrc`);
      console.log(
        `${name} | model-free, --pseudo_min_distance ${d}, --seed ${seed} | ${(await cc(out)).toFixed(4)} | ` +
          (await pseudoModelStats(join(dir, `p_mf_${d}_${seed}`), cc)),
      );
    }
}

/** The pseudo-model reference of a model-free run (its processing folder), described for the table. */
async function pseudoModelStats(processing: string, cc: (path: string) => Promise<number>): Promise<string> {
  const reference = readdirSync(processing).find((f) => f.endsWith('_4locscale.mrc'));
  const refined = (await readStructure(join(processing, 'refined_model.cif'))).atoms.bIsoA2;
  const shifted = (await readStructure(join(processing, 'shifted_bfactors.cif'))).atoms.bIsoA2;
  const atBound = refined.filter((b) => b >= 450).length;
  const spread = moments(Float32Array.from(shifted));
  const referenceCc = reference === undefined ? NaN : await cc(join(processing, reference));
  return (
    `reference CC ${referenceCc.toFixed(4)}, final B σ ${spread.std.toFixed(1)} max ${Math.max(...shifted).toFixed(0)} Å², ` +
    `${atBound} of ${refined.length} refined to ≥ 450 Å²`
  );
}

console.log(
  'case | map | CC with the true model map inside the mask | model-free: its reference, final B, atoms at the bound',
);
if (cases.includes('tmv')) {
  const dir = mkdtempSync(join(tmpdir(), 'locscale-mf-tmv-'));
  const mapPath = 'test/fixtures/real/emd_4413_6i5a_box.ccp4';
  const structure = await readStructure('test/fixtures/real/6i5a_box_model.pdb');
  const volume = (await readMap(mapPath)).volume;
  const apix = volume.voxelSizeXyzA[0];
  const mask = Float32Array.from(modelMask(structure.atoms, volume.shapeZyx, volume, 3, apix));
  await writeMask(join(dir, 'mask.mrc'), volumeLike(volume, mask));
  await writeStructure(join(dir, 'model.cif'), structure);
  const truth = simulateModelMap(structure, volume).map.data;
  await report(
    'TMV',
    ['-em', join(process.cwd(), mapPath), '-ma', join(dir, 'mask.mrc')],
    ['-mc', join(dir, 'model.cif')],
    truth,
    volume.data,
    async () => mask,
    dir,
  );
}
async function syntheticCase(name: string, options: Parameters<typeof syntheticHalfMaps>[0]) {
  const dir = mkdtempSync(join(tmpdir(), `locscale-mf-${name}-`));
  const pair = await syntheticHalfMaps(options);
  await writeMap(join(dir, 'h1.mrc'), pair.half1);
  await writeMap(join(dir, 'h2.mrc'), pair.half2);
  await writeStructure(join(dir, 'model.cif'), pair.model);
  await report(
    name,
    ['-hm', join(dir, 'h1.mrc'), join(dir, 'h2.mrc')],
    ['-mc', join(dir, 'model.cif')],
    pair.sharp.data,
    averageHalfMaps(pair.half1, pair.half2).data,
    (d) => mapData(join(d, 'p_mb', 'confidenceMap.mrc')),
    dir,
  );
}
if (cases.includes('synthetic'))
  await syntheticCase('synthetic', { n: 72, apixA: 1.0, blurA2: 60, noiseRelative: 0.5 });
if (cases.includes('gamma'))
  await syntheticCase('gamma', {
    n: 128,
    apixA: 1.2,
    blurA2: 60,
    noiseRelative: 0.5,
    modelPath: 'data/example/5fn5_box_model.pdb',
    // the deposited B-factors (295–500 Å²) would make the "true" map a 6 Å blur: 30 Å² in the core, 100 at 50 Å
    bFactorAtDistance: (r) => 30 + 1.4 * r,
  });
