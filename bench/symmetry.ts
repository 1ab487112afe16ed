/**
 * Symmetrisation benchmark: `node --import tsx bench/symmetry.ts [--size 256] [--sym I]`.
 *
 * Times `symmetrizeMap` on a size³ map (default 256³, icosahedral, 60 operators) and, as the baseline measured
 * in the same run, one r2c + one c2r FFT of the same box (the two transforms symmetrisation itself needs).
 * Prints wall and CPU time, the time per operator, the ratio to the FFT baseline, the peak RSS of the
 * process, and the load average before and after (the machine is shared: numbers taken under load are
 * slower). Never part of the test suite.
 */
import { loadavg } from 'node:os';
import { realFftPlan3d } from '../src/fft/index.js';
import type { Volume } from '../src/grid/volume.js';
import { parsePointGroup, symmetrizeMap } from '../src/symmetry/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const n = Number(arg('size', '256'));
const symbol = arg('sym', 'I');
const group = parsePointGroup(symbol);
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

console.log(
  `symmetrisation benchmark: ${n}³ map, ${group.symbol} (${group.order} operators), node ${process.version}`,
);
console.log(`load average before: ${load()}`);

// a deterministic map with structure at all scales (content does not change the run time)
const data = new Float32Array(n * n * n);
for (let z = 0, i = 0; z < n; z++) {
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++, i++) {
      const h = Math.sin(12.9898 * x + 78.233 * y + 37.719 * z) * 43758.5453;
      data[i] =
        Math.exp(-((x - n / 2) ** 2 + (y - n / 2) ** 2 + (z - n / 2) ** 2) / (0.1 * n * n)) +
        0.1 * (h - Math.floor(h));
    }
  }
}
const volume: Volume = { data, shapeZyx: [n, n, n], voxelSizeXyzA: [1, 1, 1], originXyzA: [0, 0, 0] };

// warm-up (JIT) on a small box, so that neither timing below includes compilation
{
  const w = 24;
  const small: Volume = {
    data: data.subarray(0, w * w * w),
    shapeZyx: [w, w, w],
    voxelSizeXyzA: [1, 1, 1],
    originXyzA: [0, 0, 0],
  };
  symmetrizeMap(small, symbol);
}

// symmetrisation first, so that the peak RSS read right after it is its own (plus the input map)
function timeSymmetrization(): number {
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  let firstOpAt = 0;
  let lastOpAt = 0;
  symmetrizeMap(volume, symbol, {
    progress: {
      shouldReport: true,
      report: (done) => {
        const now = performance.now();
        if (done === 1) firstOpAt = now;
        lastOpAt = now;
      },
    },
  });
  const wallS = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const perOpMs = group.order > 1 ? (lastOpAt - firstOpAt) / (group.order - 1) : lastOpAt - t1;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `symmetrizeMap: ${wallS.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`,
  );
  console.log(`  per operator (2nd…last): ${perOpMs.toFixed(0)} ms`);
  console.log(`  peak RSS of the process so far (input map included): ${peakMb.toFixed(0)} MB`);
  return wallS;
}
const wallS = timeSymmetrization();

// baseline: one r2c and one c2r transform of the same box
{
  const plan = realFftPlan3d([n, n, n]);
  const real = Float64Array.from(data);
  const spectrum = new Float64Array(plan.spectrumLength);
  const t0 = performance.now();
  plan.forward(real, spectrum);
  plan.inverseDestroyingInput(spectrum, real);
  const fftS = (performance.now() - t0) / 1000;
  console.log(`baseline r2c + c2r FFT (${n}³): ${fftS.toFixed(2)} s`);

  console.log(`  symmetrizeMap = ${(wallS / fftS).toFixed(1)} × the FFT baseline`);
}
console.log(`load average after: ${load()}`);
