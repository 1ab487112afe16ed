/**
 * End-to-end runs of the `locscale` command on large synthetic maps, with wall time and peak memory measured by
 * GNU time (`/usr/bin/time -v`). The map is simulated from the γ-secretase model (data/example) centred in an
 * n³ box at the given voxel size, blurred by B = 60 Å² with noise (σ = 0.3 of the map's σ): as "EM map" or as two
 * half maps. Needs `npm run build` first (it runs bin/locscale.js, as a user would).
 *   node --import tsx bench/pipeline-scale.ts --n 256 --apix 1.0 [--copies K] -- <locscale flags…>
 * The flags after `--` are passed on; the inputs are $EM (or $H1 $H2), $MODEL and $MASK (a 3 Å model mask).
 * `--copies K` tiles K³ copies of the model (chains renamed per copy, 5 Å apart) so that a large box is filled
 * like a large complex rather than holding one small protein in its centre.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readStructure } from '../src/io/structure-read.js';
import { selectAtomRows, selectAtoms } from '../src/io/structure-select.js';
import type { Structure } from '../src/io/structure.js';
import { writeStructure } from '../src/io/structure-write.js';
import { isHydrogenElement } from '../src/io/structure.js';
import { writeMap, writeMask } from '../src/io/mrc-write.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import { modelMask } from '../src/mask/model-mask.js';
import { sharpenBFactor } from '../src/spectra/filters.js';
import { moments } from '../src/grid/statistics.js';
import { volumeLike } from '../src/grid/volume.js';
import { seededNormal } from '../src/core/random.js';
import { gridCentredOnModel } from '../test/helpers/synthetic-half-maps.js';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const own = split >= 0 ? argv.slice(0, split) : argv;
const passOn = split >= 0 ? argv.slice(split + 1) : [];
const value = (name: string, fallback: string) => {
  const i = own.indexOf(name);
  return i >= 0 ? own[i + 1] : fallback;
};
const n = Number(value('--n', '256'));
const apix = Number(value('--apix', '1.0'));
const copies = Number(value('--copies', '1'));
const dir = resolve(`.bench-out/pipeline-${n}-${apix}-${copies}`);
mkdirSync(dir, { recursive: true });
const files = {
  EM: join(dir, 'em.mrc'),
  H1: join(dir, 'half1.mrc'),
  H2: join(dir, 'half2.mrc'),
  MODEL: join(dir, 'model.cif'),
  MASK: join(dir, 'mask.mrc'),
};

if (!existsSync(files.MASK)) {
  const full = await readStructure('data/example/5fn5_box_model.pdb');
  const model = tiled(
    selectAtoms(full, (a, i) => !isHydrogenElement(a.element[i])),
    copies,
  );
  const grid = gridCentredOnModel(model.atoms, n, apix);
  const clean = sharpenBFactor(simulateModelMap(model, grid).map, -60);
  const sigma = 0.3 * moments(clean.data).std;
  const g = seededNormal(5);
  await writeMap(
    files.EM,
    volumeLike(
      clean,
      clean.data.map((v) => v + sigma * g()),
    ),
  );
  await writeMap(
    files.H1,
    volumeLike(
      clean,
      clean.data.map((v) => v + Math.SQRT2 * sigma * g()),
    ),
  );
  await writeMap(
    files.H2,
    volumeLike(
      clean,
      clean.data.map((v) => v + Math.SQRT2 * sigma * g()),
    ),
  );
  await writeStructure(files.MODEL, model);
  await writeMask(
    files.MASK,
    volumeLike(clean, Float32Array.from(modelMask(model.atoms, grid.shapeZyx, grid, 3, apix))),
  );
}

/** K³ copies of the model on a cubic lattice (spacing: the model's largest extent + 5 Å), chains renamed. */
function tiled(model: Structure, k: number): Structure {
  if (k === 1) return model;
  const { atoms } = model;
  const n = atoms.count;
  const extent = Math.max(...[atoms.x, atoms.y, atoms.z].map((c) => Math.max(...c) - Math.min(...c)));
  const spacing = extent + 5;
  const rows = Array.from({ length: n * k ** 3 }, (_, i) => i % n);
  const copy = selectAtomRows(atoms, rows);
  const chainId = copy.chainId.slice();
  for (let c = 0; c < k ** 3; c++) {
    const shift = [c % k, Math.floor(c / k) % k, Math.floor(c / (k * k))].map((t) => t * spacing);
    for (let i = c * n; i < (c + 1) * n; i++) {
      copy.x[i] += shift[0];
      copy.y[i] += shift[1];
      copy.z[i] += shift[2];
      chainId[i] = `${chainId[i]}${c}`;
    }
  }
  return { ...model, atoms: { ...copy, chainId } };
}

const args = passOn.map((a) => (a.startsWith('$') ? files[a.slice(1) as keyof typeof files] : a));
const run = spawnSync(
  '/usr/bin/time',
  [
    '-v',
    process.execPath,
    'bin/locscale.js',
    ...args,
    '-op',
    join(dir, 'processing'),
    '-o',
    join(dir, 'out.mrc'),
  ],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
const lines = `${run.stdout}\n${run.stderr}`.split('\n');
const pick = (label: string) => lines.find((l) => l.includes(label))?.trim() ?? `${label}: ?`;
console.log(`$ locscale ${passOn.join(' ')}   (n = ${n}, apix ${apix} Å)`);
for (const l of lines)
  if (/^(rescaled|mask:|B-factor refinement against|pseudo-atomic model:|wrote|locscale: error)/.test(l))
    console.log(`  ${l}`);
for (const l of lines) if (/: done in /.test(l)) console.log(`  ${l.trim()}`);
console.log(`  ${pick('Elapsed (wall clock) time')}`);
console.log(`  ${pick('Maximum resident set size')}`);
console.log(`  ${pick('User time')}; ${pick('System time')}`);
process.exitCode = run.status ?? 1;
