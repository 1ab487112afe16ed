/**
 * Exact vs fast engine on the same maps: the γ-secretase box (EMD-3240), the TMV box (EMD-4413, mask from the
 * model) and a synthetic 200³ map from a real model. For each: windows/s, wall time, peak memory (each run in its
 * own process), and the fast map's Pearson correlation and max |difference| (relative to the exact map's max)
 * against the exact map inside the mask, for each stride of `--strides`.
 *   node --import tsx bench/engines.ts [--workers 2] [--only gamma,tmv,synthetic200] [--strides 1,2x1,3x1,4x1,2,3,4]
 *     [--repeats 1]
 * A stride "SxT" is S along z and y and T along x (the CLI's `--scaling_stride S` is "Sx1"); "S" is S along all three;
 * "ZxYxX" one per axis.
 * The engines run from the compiled dist/ (as the CLI does), rebuilt first. With `--repeats N` every engine runs N
 * times, in rounds over all engines (a slow spell of a shared machine then touches each alike), and the fastest
 * run of each is reported (the maps are the same every time).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readMap } from '../src/io/mrc-read.js';
import { writeMap, writeMask } from '../src/io/mrc-write.js';
import { readStructure } from '../src/io/structure-read.js';
import { selectAtoms } from '../src/io/structure-select.js';
import { isHydrogenElement } from '../src/io/structure.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import { modelMask } from '../src/mask/model-mask.js';
import { volumeLike } from '../src/grid/volume.js';
import type { Volume } from '../src/grid/volume.js';
import { moments, pearson } from '../src/grid/statistics.js';
import { sharpenBFactor } from '../src/spectra/filters.js';
import { seededNormal } from '../src/core/random.js';
import { gridCentredOnModel } from '../test/helpers/synthetic-half-maps.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const workers = arg('--workers', '2');
const only = arg('--only', 'gamma,tmv,synthetic200').split(',');
const strides = arg('--strides', '1,2x1,3x1,4x1,2,3,4').split(',');
const repeats = Number(arg('--repeats', '1'));
const out = resolve('.bench-out/engines');
execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
mkdirSync(out, { recursive: true });

interface Case {
  name: string;
  em: string;
  ref: string;
  mask: string;
}

async function modelCase(name: string, mapPath: string, modelPath: string): Promise<Case> {
  const em = join(out, `${name}_em.mrc`);
  const ref = join(out, `${name}_ref.mrc`);
  const mask = join(out, `${name}_mask.mrc`);
  if (!existsSync(mask)) {
    const map = (await readMap(mapPath)).volume;
    const model = await readStructure(modelPath);
    await writeMap(em, map);
    await writeMap(ref, simulateModelMap(model, map).map);
    const apix = map.voxelSizeXyzA[0];
    await writeMask(
      mask,
      volumeLike(map, Float32Array.from(modelMask(model.atoms, map.shapeZyx, map, 3, apix))),
    );
  }
  return { name, em, ref, mask };
}

/** A 200³ map at 0.9 Å from the γ-secretase model: blurred (B 60) + noise as "EM", the sharp model map as reference. */
async function syntheticCase(): Promise<Case> {
  const name = 'synthetic200';
  const em = join(out, `${name}_em.mrc`);
  const ref = join(out, `${name}_ref.mrc`);
  const mask = join(out, `${name}_mask.mrc`);
  if (!existsSync(mask)) {
    const full = await readStructure('data/example/5fn5_box_model.pdb');
    const model = selectAtoms(full, (a, i) => !isHydrogenElement(a.element[i]));
    const n = 200;
    const apix = 0.9;
    const grid = gridCentredOnModel(model.atoms, n, apix);
    const reference = simulateModelMap(
      { ...model, atoms: { ...model.atoms, bIsoA2: model.atoms.bIsoA2.map(() => 40) } },
      grid,
    ).map;
    const blurred = sharpenBFactor(simulateModelMap(model, grid).map, -60);
    const sigma = 0.3 * moments(blurred.data).std;
    const g = seededNormal(11);
    await writeMap(
      em,
      volumeLike(
        blurred,
        blurred.data.map((v) => v + sigma * g()),
      ),
    );
    await writeMap(ref, reference);
    await writeMask(
      mask,
      volumeLike(reference, Float32Array.from(modelMask(model.atoms, grid.shapeZyx, grid, 3, apix))),
    );
  }
  return { name, em, ref, mask };
}

function run(
  c: Case,
  engine: string,
): { wallS: number; cpuS: number; voxels: number; peakRssMB: number; output: string } {
  const output = join(out, `${c.name}_${engine}.mrc`);
  const line = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/engine-run.ts', c.em, c.ref, c.mask, output, engine, workers],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  return {
    ...(JSON.parse(line.trim().split('\n').pop() as string) as {
      wallS: number;
      cpuS: number;
      voxels: number;
      peakRssMB: number;
    }),
    output,
  };
}

function compare(a: Volume, b: Volume, mask: Float32Array): { cc: number; maxRel: number } {
  let peak = 0;
  let worst = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] >= 0.5) peak = Math.max(peak, Math.abs(b.data[i]));
  for (let i = 0; i < mask.length; i++)
    if (mask[i] >= 0.5) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
  return { cc: pearson(a.data, b.data, mask), maxRel: worst / peak };
}

const cases: Case[] = [];
if (only.includes('gamma'))
  cases.push(
    await modelCase('gamma', 'data/example/emd_3240_5fn5_box.ccp4', 'data/example/5fn5_box_model.pdb'),
  );
if (only.includes('tmv'))
  cases.push(
    await modelCase(
      'tmv',
      'test/fixtures/real/emd_4413_6i5a_box.ccp4',
      'test/fixtures/real/6i5a_box_model.pdb',
    ),
  );
if (only.includes('synthetic200')) cases.push(await syntheticCase());

console.log(`workers ${workers}`);
console.log(
  'map | engine | voxels | wall (s) | CPU (s) | windows/s | peak RSS (MB) | speed-up vs exact (wall) | CC vs exact | max |Δ|/max',
);
for (const c of cases) {
  const mask = (await readMap(c.mask)).volume.data;
  // S×S×1: the stride along z and y (the CLI's --scaling_stride); S×S×S: along x too, for comparison
  const engines = ['exact', ...strides];
  const best = new Map<string, ReturnType<typeof run>>();
  for (let round = 0; round < repeats; round++)
    for (const engine of engines) {
      const result = run(c, engine);
      const previous = best.get(engine);
      if (previous === undefined || result.wallS < previous.wallS) best.set(engine, result);
    }
  const exact = best.get('exact') as ReturnType<typeof run>;
  const exactMap = (await readMap(exact.output)).volume;
  console.log(
    `${c.name} | exact | ${exact.voxels} | ${exact.wallS.toFixed(2)} | ${exact.cpuS.toFixed(1)} | ${(exact.voxels / exact.wallS).toFixed(0)} | ${exact.peakRssMB.toFixed(0)} | 1 | 1 | 0`,
  );
  for (const s of strides) {
    const fast = best.get(s) as ReturnType<typeof run>;
    const cmp = compare((await readMap(fast.output)).volume, exactMap, mask);
    console.log(
      `${c.name} | fast S=${s} | ${fast.voxels} | ${fast.wallS.toFixed(2)} | ${fast.cpuS.toFixed(1)} | ${(fast.voxels / fast.wallS).toFixed(0)} | ${fast.peakRssMB.toFixed(0)} | ${(exact.wallS / fast.wallS).toFixed(1)}× | ${cmp.cc.toFixed(6)} | ${cmp.maxRel.toExponential(2)}`,
    );
  }
}
