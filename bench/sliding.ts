/**
 * The cost of one slide of a window spectrum (sliding-spectrum.ts, the exact engine's) along x (forwards,
 * backwards) and along y, of an anchor (the window's full 3-D transform), of one octant profile, and of a slide's
 * parts: the wn × wn plane transform and the gathering of the entering and leaving planes from the map; then the
 * fast engine's separable octant windows (octant-windows.ts): one step along a row for two maps with both profiles'
 * sums, and one row's set-up (A and B slid from the previous row, the window entered by the snake). A 200³ map,
 * wn 28 by default; every slide figure is the minimum over 15 repeats of 40 rows × 150 slides (anchors included,
 * one per row).
 *   node --import tsx bench/sliding.ts [--wn 28]
 */
import { SlidingSpectrum } from '../src/scaling/sliding-spectrum.js';
import { OctantWindows } from '../src/scaling/octant-windows.js';
import { octantProfile } from '../src/scaling/window-kernel.js';
import { windowTables } from '../src/scaling/window-tables.js';
import type { SpectrumExtent } from '../src/scaling/sliding-spectrum.js';
import { complexFftPlan1d, realFftPlan3d } from '../src/fft/index.js';

const wnArg = process.argv.indexOf('--wn');
const wn = wnArg > 0 ? Number(process.argv[wnArg + 1]) : 28;
const n = 200;
const rows = 40;
const slides = 150;
const map = new Float32Array(n * n * n);
for (let i = 0; i < map.length; i++) map[i] = Math.sin(i * 0.37) + Math.cos(i * 0.011);

/** Minimum over 15 repeats of `work()`, in µs per slide. */
function perSlide(work: () => void): number {
  let best = Infinity;
  for (let rep = 0; rep < 15; rep++) {
    const t0 = performance.now();
    work();
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1000) / (rows * slides);
}

function slideTime(extent: SpectrumExtent, move: 'x+' | 'x-' | 'y+'): number {
  const s = new SlidingSpectrum(map, [n, n, n], wn, extent);
  return perSlide(() => {
    for (let row = 0; row < rows; row++) {
      s.anchor(20 + row, move === 'y+' ? 10 : 30 + row, move === 'x-' ? 170 : 10);
      if (move === 'y+') for (let k = 0; k < slides; k++) s.slideY();
      else for (let k = 0; k < slides; k++) s.slideX(move === 'x+' ? 1 : -1);
    }
  });
}

function anchorTime(extent: SpectrumExtent): number {
  const s = new SlidingSpectrum(map, [n, n, n], wn, extent);
  // µs per anchor: perSlide divides by rows × slides
  return (
    perSlide(() => {
      for (let k = 0; k < rows * slides; k += 10) s.anchor(20 + (k % 40), 30, 10 + (k % 100));
    }) * 10
  );
}

const plane = new Float64Array(wn * wn);
const plan = realFftPlan3d([1, wn, wn]);
const spectrum = new Float64Array(plan.spectrumLength);
const gather = perSlide(() => {
  for (let row = 0; row < rows; row++)
    for (let x0 = 10; x0 < 10 + slides; x0++) {
      let p = 0;
      for (let z = 0; z < wn; z++)
        for (let y = 0; y < wn; y++, p++) {
          const r = ((20 + row + z) * n + (30 + row + y)) * n;
          plane[p] = map[r + x0 + wn] - map[r + x0];
        }
    }
});
const transform = perSlide(() => {
  for (let k = 0; k < rows * slides; k++) plan.forward(plane, spectrum);
});
// the plane transform's one-dimensional parts: wn rows of wn reals (wn/2-point complex transforms) and wn/2 + 1
// columns of wn-point complex transforms
const rowPlan = complexFftPlan1d(wn / 2);
const columnPlan = complexFftPlan1d(wn);
const rowData = new Float64Array(wn * wn).map((_, i) => Math.sin(i));
const columnData = new Float64Array(2 * wn * (wn / 2 + 1)).map((_, i) => Math.cos(i));
const rowOut = new Float64Array(rowData.length);
const columnOut = new Float64Array(columnData.length);
const oneDimensional = perSlide(() => {
  for (let k = 0; k < rows * slides; k++) {
    rowPlan.forwardMany(rowData, rowOut, wn);
    columnPlan.forwardMany(columnData, columnOut, wn / 2 + 1);
  }
});
// one octant profile (the sphere's elements: sqrt and bin sum), µs
const octant = new SlidingSpectrum(map, [n, n, n], wn, 'octant');
octant.anchor(20, 30, 10);
const profile = new Float64Array(wn / 2 + 1);
const profileTime = perSlide(() => {
  for (let k = 0; k < rows * slides; k++)
    octantProfile(octant.spectrum, octant.rows, windowTables(wn), profile);
});
console.log(`wn ${wn}, map ${n}³, µs per slide (minimum of 15 repeats)`);
for (const extent of ['octant', 'half'] as const) {
  const what = extent === 'octant' ? 'octant extent (profiles only)' : 'half extent (centre value too)';
  const [forwards, backwards, down] = (['x+', 'x-', 'y+'] as const).map((m) =>
    slideTime(extent, m).toFixed(2),
  );
  console.log(
    `slide, ${what}: +x ${forwards}, −x ${backwards}, +y ${down}; anchor ${anchorTime(extent).toFixed(0)}`,
  );
}
console.log(
  `  of which: plane gather ${gather.toFixed(2)}, ${wn}×${wn} plane transform ${transform.toFixed(2)} ` +
    `(its 1-D transforms alone ${oneDimensional.toFixed(2)})`,
);
console.log(`octant profile: ${profileTime.toFixed(2)}`);

// the fast engine's octant windows: rows of one plane two voxels apart along y, each walked along its length
const windows = new OctantWindows(
  map,
  map.map((v) => -v),
  [n, n, n],
  wn,
);
let rowTime = Infinity;
const windowTime = perSlide(() => {
  windows.reset();
  windows.plane(20);
  let rowsTotal = 0;
  for (let row = 0; row < rows; row++) {
    const t0 = performance.now();
    const direction = windows.row(10 + 2 * row, 10, 10 + slides - 1);
    rowsTotal += performance.now() - t0;
    for (let k = 0; k < slides; k++) windows.moveTo(direction === 1 ? 10 + k : 10 + slides - 1 - k);
  }
  rowTime = Math.min(rowTime, (1000 * rowsTotal) / rows);
});
console.log(
  `octant windows (fast engine), two maps: step with both profiles' sums ${windowTime.toFixed(2)} ` +
    `(row set-up included); a row's set-up alone ${rowTime.toFixed(0)}`,
);
