// Map–model correlation on the two real boxes with uniform B = 40, the deposited B and refined B, each with and
// without LocScale's post-processing (25 Å averaging + KDE 1 % shift, spec §3.3–3.4). Run once:
//   node --import tsx tools/measure-bfactor-real-maps.ts [--cycles 10]
// Prints a markdown table (for BENCHMARKS.md, "## B-factor refinement") and the per-cycle statistics.
//
// Model maps are LocScale's reference maps (`simulateModelMap`: C4322, refmac blur, un-blur 'auto') without
// hydrogens (servalcat --hydrogen no writes none). CC is Pearson's over the model mask (grid points within 3 Å of a
// non-hydrogen atom, servalcat's mask), on the maps as they are ("raw") and after the same low-pass at the
// refinement resolution on both ("LP").
import { loadavg } from 'node:os';
import { readMap } from '../src/io/mrc-read.js';
import { readStructure } from '../src/io/structure-read.js';
import type { Structure } from '../src/io/structure.js';
import type { Volume } from '../src/grid/volume.js';
import { simulateModelMap } from '../src/model/simulate-model-map.js';
import { refineBFactors, structureWithBFactors, cosineEdgeLowPass } from '../src/model/bfactor-refine.js';
import { averageBFactorsWithinRadius } from '../src/model/bfactor-average.js';
import { shiftBFactorsByProbability } from '../src/model/bfactor-shift.js';
import { maskAroundPoints } from '../src/model/atom-mask.js';
import { applyFourierGain } from '../src/spectra/filters.js';
import { pearson } from '../src/grid/statistics.js';

const cyclesArg = process.argv.indexOf('--cycles');
const cycles = cyclesArg > 0 ? Number(process.argv[cyclesArg + 1]) : 10;
const fixtures = new URL('../test/fixtures/real/', import.meta.url).pathname;

interface BoxSpec {
  readonly name: string;
  readonly map: string;
  readonly model: string;
  readonly publishedA: number;
}
const boxes: BoxSpec[] = [
  {
    name: 'γ-secretase (EMD-3240 / 5FN5)',
    map: 'emd_3240_5fn5_box.ccp4',
    model: '5fn5_box_model.pdb',
    publishedA: 4.3,
  },
  {
    name: 'TMV (EMD-4413 / 6I5A)',
    map: 'emd_4413_6i5a_box.ccp4',
    model: '6i5a_box_model.pdb',
    publishedA: 2.3,
  },
];

function lowPass(volume: Volume, dMinA: number): Volume {
  const [nz, ny, nx] = volume.shapeZyx;
  const [ax, ay, az] = volume.voxelSizeXyzA;
  return applyFourierGain(volume, (kz, ky, kx) =>
    cosineEdgeLowPass(Math.hypot(kz / (nz * az), ky / (ny * ay), kx / (nx * ax)), 1 / dMinA, 0.1),
  );
}

function postProcess(structure: Structure, b: Float64Array): { b: Float64Array; shiftA2: number } {
  const averaged = averageBFactorsWithinRadius({ ...structure.atoms, bIsoA2: b }, 25);
  const shifted = shiftBFactorsByProbability(averaged, 0.01, 0);
  return { b: shifted.bIsoA2, shiftA2: shifted.shiftA2 };
}

function stats(b: Float64Array, heavy: Int32Array): string {
  let s = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of heavy) {
    s += b[i];
    lo = Math.min(lo, b[i]);
    hi = Math.max(hi, b[i]);
  }
  return `${(s / heavy.length).toFixed(1)} [${lo.toFixed(1)}, ${hi.toFixed(1)}]`;
}

console.log(`load average at start: ${loadavg()[0].toFixed(2)}`);
const rows: string[] = [];
for (const box of boxes) {
  const { volume: map } = await readMap(fixtures + box.map);
  const structure = await readStructure(fixtures + box.model, { altLocs: 'all' });
  const atoms = structure.atoms;
  const heavyList: number[] = [];
  for (let i = 0; i < atoms.count; i++)
    if (atoms.element[i] !== 'H' && atoms.element[i] !== 'D') heavyList.push(i);
  const heavy = Int32Array.from(heavyList);
  const mask = maskAroundPoints(map, atoms.x, atoms.y, atoms.z, heavy, 3);
  const apix = map.voxelSizeXyzA[0];
  const locscaleA = Math.round((2 * apix + 0.1) * 100) / 100;
  console.log(
    `\n${box.name}: ${atoms.count} atoms (${heavy.length} non-H), map ${map.shapeZyx.join('×')} (z×y×x), ${apix} Å`,
  );

  const cc = (b: Float64Array, dMinA: number): [number, number] => {
    const sim = simulateModelMap(structureWithBFactors(structure, b), map, { includeHydrogens: false }).map;
    return [
      pearson(sim.data, map.data, mask),
      pearson(lowPass(sim, dMinA).data, lowPass(map, dMinA).data, mask),
    ];
  };
  for (const dMin of [locscaleA, box.publishedA]) {
    const label = dMin === locscaleA ? `2·apix + 0.1 = ${dMin} Å` : `published ${dMin} Å`;
    const sets: [string, Float64Array][] = [
      ['uniform B = 40', new Float64Array(atoms.count).fill(40)],
      ['deposited B', Float64Array.from(atoms.bIsoA2)],
    ];
    const t0 = performance.now();
    const refined = refineBFactors(
      structure,
      { map },
      {
        resolutionA: dMin,
        cycles,
        onCycle: (c) =>
          console.log(
            `  [${label}] cycle ${c.cycle}: target ${c.target.toFixed(1)}, CC(filtered, mask) ` +
              `${c.correlation.toFixed(4)}, B ${c.meanBA2.toFixed(1)} [${c.minBA2.toFixed(1)}, ` +
              `${c.maxBA2.toFixed(1)}], bonded rms ${c.bondedRmsA2.toFixed(2)}, ${c.evaluations} evaluations`,
          ),
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    let atLower = 0;
    let atUpper = 0;
    for (const i of heavy) {
      if (refined.bIsoA2[i] <= 2) atLower++;
      if (refined.bIsoA2[i] >= 500) atUpper++;
    }
    console.log(
      `  refined atoms at the bounds: ${atLower} at 2 Å², ${atUpper} at 500 Å²; overall shift ${refined.overallShiftA2.toFixed(1)} Å²`,
    );
    console.log(
      `  refinement at ${label}: ${seconds.toFixed(1)} s, work box ${refined.workShapeZyx.join('×')}, ` +
        `${refined.maskVoxels} mask voxels, ${refined.restraintPairs.bonded} bonded + ` +
        `${refined.restraintPairs.neighbours} neighbour pairs, stop ${refined.stop}`,
    );
    sets.push(['refined', refined.bIsoA2]);
    for (const [name, b] of sets) {
      const [raw, lp] = cc(b, dMin);
      const post = postProcess(structure, b);
      const [rawPost, lpPost] = cc(post.b, dMin);
      const row =
        `| ${box.name} | ${label} | ${name} | ${stats(b, heavy)} | ${raw.toFixed(4)} | ${lp.toFixed(4)} | ` +
        `${stats(post.b, heavy)} (shift ${post.shiftA2.toFixed(1)}) | ${rawPost.toFixed(4)} | ${lpPost.toFixed(4)} |`;
      console.log(row);
      rows.push(row);
    }
  }
}
console.log(
  '\n| box | resolution of the fit | B set | B mean [min, max] (Å²) | CC raw | CC LP | after 25 Å averaging + shift: B (Å²) | CC raw | CC LP |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`load average at end: ${loadavg()[0].toFixed(2)}`);
