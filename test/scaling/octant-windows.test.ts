import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OctantWindows, octantLayout } from '../../src/scaling/octant-windows.js';
import { SlidingSpectrum } from '../../src/scaling/sliding-spectrum.js';
import { octantProfile } from '../../src/scaling/window-kernel.js';
import { windowTables } from '../../src/scaling/window-tables.js';

const shape: [number, number, number] = [24, 30, 34];
const wn = 8;
const h = wn / 2 + 1;
const n = shape[0] * shape[1] * shape[2];
const maps = [0, 1].map((m) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(i * (0.37 + 0.1 * m)) + ((i * 7919) % (13 + m)) / 13),
);

/**
 * Rows of windows (starts z₀, y₀ and their x₀, increasing) that exercise every way the stages move: A slid over a
 * plane gap of 1, 2 and 4 and made afresh after 6; B slid over row gaps of 1, 2, 3 and afresh after 5, on extents
 * that grow and shrink; the window entered from the previous row (snake) from either end or anchored; steps along x
 * of 1, 2 and 3 voxels, and a gap too long to slide.
 */
const planes: { z0: number; rows: { y0: number; x: number[] }[] }[] = [
  {
    z0: 1,
    rows: [
      { y0: 2, x: [3, 4, 5, 7, 10, 11] },
      { y0: 3, x: [2, 3, 5, 8] },
      { y0: 5, x: [6, 7, 9, 12, 13] },
    ],
  },
  {
    z0: 2,
    rows: [
      { y0: 2, x: [1, 2, 3, 22, 23] },
      { y0: 5, x: [5, 6, 7, 8] },
      { y0: 10, x: [9, 11, 14] },
    ],
  },
  {
    z0: 4,
    rows: [
      { y0: 3, x: [4, 6, 8, 10, 12, 14, 16] },
      { y0: 4, x: [10, 11] },
      { y0: 6, x: [0, 1, 2, 3] },
    ],
  },
  {
    z0: 8,
    rows: [
      { y0: 12, x: [15, 16, 17, 18, 19, 20] },
      { y0: 14, x: [17, 18, 19, 20, 21, 22, 25] },
    ],
  },
  {
    z0: 14,
    rows: [
      { y0: 20, x: [0, 5, 26] },
      { y0: 21, x: [24, 25, 26] },
    ],
  },
];

/** Visits the windows (each row in the direction `row` returns) and collects both maps' profiles. */
function profilesAlong(windows: OctantWindows): { profiles: Float64Array[]; directions: number[] } {
  const profiles: Float64Array[] = [];
  const directions: number[] = [];
  for (const { z0, rows } of planes) {
    windows.plane(z0);
    for (const { y0, x } of rows) {
      const direction = windows.row(y0, x[0], x[x.length - 1]);
      directions.push(direction);
      for (const x0 of direction === 1 ? x : [...x].reverse()) {
        windows.moveTo(x0);
        for (const which of [0, 1] as const) {
          const p = new Float64Array(h);
          windows.profile(which, p);
          profiles.push(p);
        }
      }
    }
  }
  return { profiles, directions };
}

test('profiles along rows equal those of a fresh 3-D transform of every window, for both maps', () => {
  const { profiles, directions } = profilesAlong(new OctantWindows(maps[0], maps[1], shape, wn));
  const spectra = maps.map((m) => new SlidingSpectrum(m, shape, wn, 'octant'));
  const fresh = new Float64Array(h);
  let i = 0;
  let worst = 0;
  planes.forEach(({ z0, rows }, p) =>
    rows.forEach(({ y0, x }, r) => {
      const direction = directions[planes.slice(0, p).reduce((s, q) => s + q.rows.length, 0) + r];
      for (const x0 of direction === 1 ? x : [...x].reverse())
        for (const s of spectra) {
          s.anchor(z0, y0, x0);
          octantProfile(s.spectrum, s.rows, windowTables(wn), fresh);
          for (let b = 0; b < h; b++) worst = Math.max(worst, Math.abs(profiles[i][b] - fresh[b]) / fresh[b]);
          i++;
        }
    }),
  );
  assert.equal(i, profiles.length);
  assert.ok(worst < 1e-12, `max relative difference ${worst}`);
  // the snake entered rows from their far end
  assert.ok(directions.includes(-1), `directions ${directions.join(' ')}`);
});

test('reset makes a second pass give the very same profiles', () => {
  const windows = new OctantWindows(maps[0], maps[1], shape, wn);
  const first = profilesAlong(windows).profiles;
  windows.reset();
  const second = profilesAlong(windows).profiles;
  assert.deepEqual(second, first);
});

test('the layout lists the octant elements inside the sphere, by pair, with their bins', () => {
  const layout = octantLayout(28);
  assert.equal(layout.elementBin.length, 2022);
  assert.equal(layout.pairKz.length, 189);
  const t = windowTables(28);
  for (let p = 0; p < layout.pairKz.length; p++) {
    const [kz, ky] = [layout.pairKz[p], layout.pairKy[p]];
    assert.equal(layout.pairLength[p], t.profileRowLength[kz * 15 + ky]);
    for (let kx = 0; kx < layout.pairLength[p]; kx++)
      assert.equal(layout.elementBin[layout.pairOffset[p] + kx], Math.floor(Math.hypot(kz, ky, kx)));
  }
});
