/**
 * One engine run in its own process (so its peak memory is its own), for bench/engines.ts:
 *   node --import tsx bench/engine-run.ts EM REF MASK OUT exact|S|SxT|ZxYxX [workers] [--timeline]
 * (S: stride S along z, y and x; SxT: S along z and y, T along x; ZxYxX: one per axis)
 * Prints one JSON line: wall and CPU seconds (all threads), voxels, peak RSS (MB), and for the fast engine the
 * seconds until its first phase (the factors on the coarse grid) ended; with `--timeline`, also the seconds
 * between successive progress reports (the fast engine reports once per task: node chunks, then bin groups; the
 * exact engine once per chunk of rows). It runs the compiled code in
 * dist/ (`npm run build`), as the CLI does, so its workers start from compiled scripts without tsx's loader
 * (worker-pool.ts), a cost users never pay.
 */
import { readMap } from '../dist/io/mrc-read.js';
import { writeMap } from '../dist/io/mrc-write.js';
import { meanVoxelSizeA, volumeLike } from '../dist/grid/volume.js';
import { binariseMask } from '../dist/pipeline/inputs.js';
import { windowSizeVoxels } from '../dist/pipeline/parameters.js';
import { runScalingStage } from '../dist/pipeline/scaling-stage.js';
import type { Progress } from '../dist/core/progress.js';

const [emPath, refPath, maskPath, outPath, engineArg, workersArg] = process.argv.slice(2);
const timeline = process.argv.includes('--timeline');
/** Strides along z, y, x from "S", "SxT" or "ZxYxX". */
function strides(arg: string): [number, number, number] {
  const s = arg.split('x').map(Number);
  return s.length === 3 ? [s[0], s[1], s[2]] : [s[0], s[0], s[1] ?? s[0]];
}
const em = (await readMap(emPath)).volume;
const reference = (await readMap(refPath)).volume;
const mask = binariseMask((await readMap(maskPath)).volume);
const apixA = meanVoxelSizeA(em);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
// the fast engine reports its factors and its correlations as the two halves of its progress
let factorsS: number | null = null;
const reports: number[] = [];
let lastDone = 0;
const progress: Progress = {
  shouldReport: true,
  report(done, total) {
    const s = (performance.now() - t0) / 1000;
    if (engineArg !== 'exact' && factorsS === null && 2 * done >= total) factorsS = s;
    if (done > lastDone) reports.push(s);
    lastDone = done;
  },
};
const result = await runScalingStage(
  {
    em,
    reference,
    mask,
    wn: windowSizeVoxels(apixA),
    apixA,
    rules: [{ kind: 'reference', fscCutoffA: 3.5, measureBFactors: false }],
    ruleOf: null,
    measureMaps: false,
    workers: Number(workersArg ?? 2),
    engine:
      engineArg === 'exact'
        ? { kind: 'exact' }
        : {
            kind: 'fast',
            strideZyx: strides(engineArg),
            interpolation: 'log',
          },
  },
  progress,
);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
await writeMap(outPath, volumeLike(em, result.scaled.data));
console.log(
  JSON.stringify({
    wallS,
    cpuS,
    voxels: result.voxelCount,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    factorsS,
    ...(timeline
      ? { intervalsS: reports.map((s, i) => Number((s - (i > 0 ? reports[i - 1] : 0)).toFixed(3))) }
      : {}),
  }),
);
