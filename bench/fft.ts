/**
 * FFT benchmark: our plans against numpy.fft (pocketfft) measured in the same run.
 *
 *     node --import tsx bench/fft.ts                 # 22³, 26³, 128³, 256³
 *     node --import tsx bench/fft.ts --big           # also 384³ (slow, ~2 GB of memory)
 *     node --import tsx bench/fft.ts --sizes=24,25   # any list of cube edges
 *     node --import tsx bench/fft.ts --no-numpy      # ours only
 *
 * Single thread. Each figure is the median (and the minimum) over repeats, after a 0.3 s warm-up, of ms per
 * call; small sizes time a batch of calls per repeat. numpy runs through Debian's /usr/bin/python3 (skipped
 * when absent), right after ours for each size. Reports r2c forward (`rfftn`), c2c forward (`fftn`), and
 * forward + inverse pairs (`irfftn(rfftn(a), s)`, `ifftn(fftn(c))`); ratio = ours / numpy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { complexFftPlan3d, realFftPlan3d } from '../src/fft/index.js';

const PYTHON = '/usr/bin/python3';
const args = process.argv.slice(2);
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg
  ? sizesArg
      .slice('--sizes='.length)
      .split(',')
      .map((s) => Number(s))
  : [22, 26, 128, 256, ...(args.includes('--big') ? [384] : [])];
const useNumpy = !args.includes('--no-numpy') && existsSync(PYTHON);

type Op = 'r2c' | 'c2c' | 'r2c+c2r' | 'c2c+inv';
interface Timing {
  median: number;
  min: number;
}
const OPS: Op[] = ['r2c', 'c2c', 'r2c+c2r', 'c2c+inv'];

/** Calls per repeat and repeats, so each figure costs about a second or less. */
function schedule(n: number): { calls: number; repeats: number } {
  const points = n * n * n;
  if (points <= 30000)
    return { calls: Math.max(20, Math.round(4e6 / (points * Math.log2(points)))), repeats: 9 };
  if (points <= 3e6) return { calls: 1, repeats: 9 };
  if (points <= 2e7) return { calls: 1, repeats: 5 };
  return { calls: 1, repeats: 3 };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Median and minimum ms per call of `fn`, after a warm-up of at least 0.3 s (JIT tiers, caches, lazy work). */
function timeIt(fn: () => void, calls: number, repeats: number): { median: number; min: number } {
  const w0 = performance.now();
  for (let i = 0; i < 1 || performance.now() - w0 < 300; i++) fn();
  const t: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let c = 0; c < calls; c++) fn();
    t.push((performance.now() - t0) / calls);
  }
  return { median: median(t), min: Math.min(...t) };
}

function ours(n: number): Record<Op, Timing> {
  const shape = [n, n, n] as const;
  const { calls, repeats } = schedule(n);
  const real = new Float64Array(n * n * n);
  for (let i = 0; i < real.length; i++) real[i] = Math.sin(i * 0.37) + 0.1 * ((i * 7919) % 13);
  const rp = realFftPlan3d(shape);
  const spec = new Float64Array(rp.spectrumLength);
  const back = new Float64Array(rp.realLength);
  const res = {} as Record<Op, Timing>;
  res['r2c'] = timeIt(() => rp.forward(real, spec), calls, repeats);
  res['r2c+c2r'] = timeIt(
    () => {
      rp.forward(real, spec);
      rp.inverse(spec, back);
    },
    calls,
    repeats,
  );
  const cp = complexFftPlan3d(shape);
  const cin = new Float64Array(cp.length);
  for (let i = 0; i < real.length; i++) cin[2 * i] = real[i];
  const cout = new Float64Array(cp.length);
  res['c2c'] = timeIt(() => cp.forward(cin, cout), calls, repeats);
  res['c2c+inv'] = timeIt(
    () => {
      cp.forward(cin, cout);
      cp.inverse(cout, cout);
    },
    calls,
    repeats,
  );
  return res;
}

const NUMPY_SCRIPT = `
import json, sys, time, timeit
import numpy as np
out = {}
for n, calls, repeats in json.loads(sys.argv[1]):
    i = np.arange(n**3, dtype=np.float64)
    a = (np.sin(i * 0.37) + 0.1 * ((i * 7919) % 13)).reshape(n, n, n)
    c = a.astype(np.complex128)
    s = np.fft.rfftn(a)
    tests = {
        'r2c': lambda: np.fft.rfftn(a),
        'c2c': lambda: np.fft.fftn(c),
        'r2c+c2r': lambda: np.fft.irfftn(np.fft.rfftn(a), s=a.shape),
        'c2c+inv': lambda: np.fft.ifftn(np.fft.fftn(c)),
    }
    res = {}
    for name, f in tests.items():
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.3:
            f()
        t = sorted(timeit.repeat(f, number=calls, repeat=repeats))
        res[name] = {'median': 1000 * t[len(t) // 2] / calls, 'min': 1000 * t[0] / calls}
    out[str(n)] = res
print(json.dumps(out))
`;

/** numpy's times for one size (null when python or numpy is unavailable). */
function numpy(n: number): Record<Op, Timing> | null {
  if (!useNumpy) return null;
  const s = schedule(n);
  const r = spawnSync(PYTHON, ['-c', NUMPY_SCRIPT, JSON.stringify([[n, s.calls, s.repeats]])], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) {
    console.error(`numpy run failed: ${r.stderr}`);
    return null;
  }
  return (JSON.parse(r.stdout) as Record<string, Record<Op, Timing>>)[String(n)] ?? null;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3));

console.log(`# FFT benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
console.log('# ms per call: median (and minimum) of repeats after a 0.3 s warm-up; ours and numpy alternate');
console.log(
  '# per size. numpy allocates its outputs on every call (as its users do); ours writes into plan-held',
);
console.log('# output arrays. Ratio = ours / numpy on medians (on minima in brackets).');
console.log('');
console.log('| size | transform | ours (ms) | numpy (ms) | ours / numpy | load avg (1 min) |');
console.log('|---|---|---|---|---|---|');
for (const n of sizes) {
  const mine = ours(n);
  const np = numpy(n);
  const load = loadavg()[0].toFixed(2);
  for (const op of OPS) {
    const a = mine[op];
    const b = np?.[op];
    const both = (t: Timing) => `${fmt(t.median)} (${fmt(t.min)})`;
    const ratio =
      b === undefined ? '–' : `${(a.median / b.median).toFixed(2)} (${(a.min / b.min).toFixed(2)})`;
    console.log(`| ${n}³ | ${op} | ${both(a)} | ${b === undefined ? '–' : both(b)} | ${ratio} | ${load} |`);
  }
}
