/**
 * FDR confidence map on a synthetic map: wall time and peak RSS without and with the 5 Å pre-filter, and the ratio
 * to one full-map real FFT pair (rfftn + irfftn of the same map) measured in the same run. Each case runs in its
 * own child process so that its peak RSS (process.resourceUsage().maxRSS) is its own; the map (generated, not
 * timed) is part of every case's memory, as it would be in a real run.
 *
 * Run: node --import tsx bench/fdr.ts [--size 256]
 * Map: correlated unit Gaussian noise plus 400 Gaussian blobs (σ 2.5 voxels, peak 8) within 0.3·N of the centre
 * (test/helpers/synthetic-maps.ts), 1 Å voxels, float32.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { blobMap } from '../test/helpers/synthetic-maps.js';
import { fdrConfidenceMap } from '../src/mask/fdr-confidence.js';
import { realFftPlan3d } from '../src/fft/index.js';

const argv = process.argv.slice(2);
const sizeArg = argv.indexOf('--size');
const n = sizeArg >= 0 ? Number(argv[sizeArg + 1]) : 256;
const caseArg = argv.indexOf('--case');

interface CaseResult {
  name: string;
  wallS: number;
  maxRssMB: number;
  phasesS: Record<string, number>;
  maskVoxels?: number;
  candidates?: number;
  tested?: number;
}

function runCase(name: string): CaseResult {
  const { volume } = blobMap(n, 1, { count: 400, amplitude: 8, radiusFraction: 0.3 });
  const phases: Record<string, number> = {};
  if (name === 'fft-pair') {
    const plan = realFftPlan3d(volume.shapeZyx);
    const real = Float64Array.from(volume.data);
    const spectrum = new Float64Array(plan.spectrumLength);
    const t0 = performance.now();
    plan.forward(real, spectrum);
    plan.inverseDestroyingInput(spectrum, real);
    return {
      name,
      wallS: (performance.now() - t0) / 1000,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      phasesS: {},
    };
  }
  let label = 'checks and noise';
  let last = performance.now();
  const progress = {
    shouldReport: true,
    report: (_done: number, _total: number, l?: string): void => {
      if (l === undefined || l === label) return;
      const now = performance.now();
      phases[label] = (phases[label] ?? 0) + (now - last) / 1000;
      label = l;
      last = now;
    },
  };
  const t0 = performance.now();
  const r = fdrConfidenceMap(volume, { lowPassA: name === 'fdr-lowpass-5A' ? 5 : undefined, progress });
  const end = performance.now();
  phases[label] = (phases[label] ?? 0) + (end - last) / 1000;
  return {
    name,
    wallS: (end - t0) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    phasesS: phases,
    maskVoxels: r.maskVoxelCount,
    candidates: r.candidateCount,
    tested: r.testedVoxelCount,
  };
}

if (caseArg >= 0) {
  console.log(JSON.stringify(runCase(argv[caseArg + 1])));
} else {
  const self = fileURLToPath(import.meta.url);
  const load = (): string =>
    loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  console.log(`FDR confidence map, synthetic ${n}³ map (${((n ** 3 * 4) / 2 ** 20).toFixed(0)} MiB float32)`);
  console.log(`load average before: ${load()}`);
  const results: CaseResult[] = [];
  for (const name of ['fft-pair', 'fdr', 'fdr-lowpass-5A']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--size', String(n), '--case', name], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`case ${name} failed: ${r.stderr}`);
    results.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as CaseResult);
  }
  const base = results[0].wallS;
  console.log('case | wall (s) | / FFT pair | peak RSS (MiB) | mask voxels | candidates sorted | phases (s)');
  for (const r of results) {
    const phases = Object.entries(r.phasesS)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
    console.log(
      `${r.name} | ${r.wallS.toFixed(2)} | ${(r.wallS / base).toFixed(1)} | ${r.maxRssMB.toFixed(0)} | ` +
        `${r.maskVoxels ?? '–'} | ${r.candidates ?? '–'} | ${phases || '–'}`,
    );
  }
  console.log(`load average after: ${load()}`);
}
