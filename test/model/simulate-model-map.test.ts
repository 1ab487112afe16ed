import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ShapeZyx, Xyz } from '../../src/core/vec.js';
import { UserError, Aborted } from '../../src/core/errors.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { ModelMapGrid } from '../../src/model/simulate-model-map.js';
import { simulateModelDensity, simulateModelMap } from '../../src/model/simulate-model-map.js';
import { refmacCompatibleBlurA2 } from '../../src/model/refmac-blur.js';
import { sharpenLocscale } from '../../src/spectra/filters.js';
import { C4322_COEFFICIENTS } from '../../src/model/tables/c4322.js';
import { structureFromAtoms } from '../helpers/atoms.js';
import type { AtomSpec } from '../helpers/atoms.js';

function cubeGrid(n: number, voxelA: number, origin: Xyz = [0, 0, 0]): ModelMapGrid {
  return { shapeZyx: [n, n, n], voxelSizeXyzA: [voxelA, voxelA, voxelA], originXyzA: origin };
}

function density(atoms: AtomSpec[], grid: ModelMapGrid, blurA2 = 0): Float64Array {
  return simulateModelDensity(structureFromAtoms(atoms), grid, blurA2).data;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** The analytic C4322 density of one isotropic atom at squared distance r2 (Å²). */
function analytic(element: string, bA2: number, occ: number, r2: number): number {
  const c = C4322_COEFFICIENTS[element];
  let s = 0;
  for (let i = 0; i < 5; i++) {
    const w = c[5 + i] + bA2;
    s += c[i] * ((4 * Math.PI) / w) ** 1.5 * Math.exp((-4 * Math.PI * Math.PI * r2) / w);
  }
  return occ * s;
}

function flat(shape: ShapeZyx, z: number, y: number, x: number): number {
  return (z * shape[1] + y) * shape[2] + x;
}

test('one carbon atom at a voxel centre: integral over the box = occ·Σa_i (= occ·f(0))', () => {
  const grid = cubeGrid(64, 0.5);
  for (const occ of [1, 0.6]) {
    const d = density([{ xyz: [16, 16, 16], bIsoA2: 20, occupancy: occ }], grid);
    const integral = sum(d) * 0.5 ** 3;
    const f0 = 0.0893 + 0.2563 + 0.757 + 1.0487 + 0.3575;
    assert.ok(Math.abs(integral / (occ * f0) - 1) < 5e-4, `occ ${occ}: integral ${integral}`);
  }
});

test('values at grid points equal the analytic 5-Gaussian density; zero beyond the cutoff radius', () => {
  const grid = cubeGrid(40, 0.7);
  const pos: Xyz = [13.3, 14.1, 12.9];
  const d = density([{ xyz: pos, bIsoA2: 35, occupancy: 0.8, element: 'N' }], grid);
  let checked = 0;
  for (let z = 0; z < 40; z++)
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 40; x++) {
        const r2 = (x * 0.7 - pos[0]) ** 2 + (y * 0.7 - pos[1]) ** 2 + (z * 0.7 - pos[2]) ** 2;
        const v = d[flat(grid.shapeZyx, z, y, x)];
        const want = analytic('N', 35, 0.8, r2);
        if (v !== 0) {
          assert.ok(Math.abs(v - want) <= 1e-12 * Math.max(1, want), `(${x},${y},${z})`);
          checked++;
        } else {
          // Outside the sphere: the density there is below the 1e-5 cutoff (times occupancy).
          assert.ok(want < 0.8 * 1.2e-5, `(${x},${y},${z}) missing ${want}`);
        }
      }
  assert.ok(checked > 500, `${checked}`);
});

test('two atoms add linearly', () => {
  const grid = cubeGrid(32, 1);
  const a: AtomSpec = { xyz: [10.2, 11.7, 9.4], bIsoA2: 30, element: 'O' };
  const b: AtomSpec = { xyz: [12.9, 10.1, 11.3], bIsoA2: 45, element: 'S', occupancy: 0.5 };
  const both = density([a, b], grid);
  const da = density([a], grid);
  const db = density([b], grid);
  for (let i = 0; i < both.length; i++) assert.ok(Math.abs(both[i] - da[i] - db[i]) < 1e-14);
});

test('periodic wrap: an atom across the edge (or a whole box away) equals the shifted map', () => {
  const n = 24;
  const shape: ShapeZyx = [n, n, n];
  const grid = cubeGrid(n, 1);
  const centre = density([{ xyz: [12.3, 11.6, 12.8], bIsoA2: 25 }], grid);
  const edge = density([{ xyz: [0.3, 11.6, 12.8], bIsoA2: 25 }], grid); // 12 voxels left along x
  const far = density([{ xyz: [0.3 + n, 11.6 - n, 12.8 + 2 * n], bIsoA2: 25 }], grid); // outside the box
  let peakEdge = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const want = centre[flat(shape, z, y, (x + 12) % n)];
        assert.ok(Math.abs(edge[flat(shape, z, y, x)] - want) < 1e-12);
        assert.ok(Math.abs(far[flat(shape, z, y, x)] - want) < 1e-12);
        if (x === n - 1) peakEdge = Math.max(peakEdge, edge[flat(shape, z, y, x)]);
      }
  assert.ok(peakEdge > 0.01, 'density wraps onto the far side of the box');
});

test('anisotropic U = (B/8π²)·I reproduces the isotropic atom; an elongated U keeps the integral', () => {
  const grid = cubeGrid(48, 0.6);
  const b = 28;
  const u = b / (8 * Math.PI * Math.PI);
  const iso = density([{ xyz: [14.2, 14.5, 13.9], bIsoA2: b }], grid);
  const an = density([{ xyz: [14.2, 14.5, 13.9], bIsoA2: b, anisoUA2: [u, u, u, 0, 0, 0] }], grid);
  assert.ok(maxAbsDiff(iso, an) <= 1e-12 * maxAbs(iso));

  // Elongated along x with an xy tilt: same integral, wider along x than along z.
  const uA = [0.9, 0.3, 0.2, 0.15, 0, 0];
  const el = density([{ xyz: [14.2, 14.5, 13.9], bIsoA2: b, anisoUA2: uA }], grid);
  const f0 = 2.5088;
  assert.ok(Math.abs((sum(el) * 0.6 ** 3) / f0 - 1) < 1e-3);
  let mxx = 0;
  let mzz = 0;
  let mass = 0;
  const s = grid.shapeZyx;
  for (let z = 0; z < 48; z++)
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 48; x++) {
        const v = el[flat(s, z, y, x)];
        mass += v;
        mxx += v * (x * 0.6 - 14.2) ** 2;
        mzz += v * (z * 0.6 - 13.9) ** 2;
      }
  // Second moments: σ² = U + b_i/8π² per Gaussian; the x one exceeds z's by ≈ U11 − U33 = 0.7 Å².
  assert.ok(Math.abs(mxx / mass - mzz / mass - 0.7) < 0.01, `${mxx / mass - mzz / mass}`);
});

test('zero occupancy contributes nothing; an empty model is reported', () => {
  const grid = cubeGrid(16, 1);
  const issues = new IssueList();
  const r = simulateModelMap(structureFromAtoms([{ xyz: [8, 8, 8], occupancy: 0 }]), grid, {
    diagnostics: issues,
  });
  assert.equal(maxAbs(r.map.data), 0);
  assert.equal(r.atomsPlaced, 0);
  assert.ok(issues.issues.some((i) => i.code === 'model.no-atoms' && i.severity === 'warning'));
});

test('origin shift: moving the map origin by one voxel moves the density by one voxel', () => {
  const n = 20;
  const shape: ShapeZyx = [n, n, n];
  const atoms: AtomSpec[] = [
    { xyz: [107.3, -42.1, 11.8], bIsoA2: 30 },
    { xyz: [109.1, -40.7, 12.9], bIsoA2: 40, element: 'O' },
  ];
  const o: Xyz = [100, -50, 5];
  const a = density(atoms, { shapeZyx: shape, voxelSizeXyzA: [0.9, 1.1, 1.0], originXyzA: o });
  const b = density(atoms, {
    shapeZyx: shape,
    voxelSizeXyzA: [0.9, 1.1, 1.0],
    originXyzA: [o[0], o[1] + 1.1, o[2]],
  });
  // b's voxel y is a's voxel y + 1.
  let peak = 0;
  for (let z = 0; z < n; z++)
    for (let y = 0; y < n - 1; y++)
      for (let x = 0; x < n; x++) {
        assert.ok(Math.abs(b[flat(shape, z, y, x)] - a[flat(shape, z, y + 1, x)]) < 1e-12);
        peak = Math.max(peak, a[flat(shape, z, y, x)]);
      }
  assert.ok(peak > 0.1, 'the atoms lie inside the box in the map frame');
});

test('hydrogens: included by default (as the original), excluded on request (and from B_min)', () => {
  const grid = cubeGrid(24, 1);
  const st = structureFromAtoms([
    { xyz: [12, 12, 12], bIsoA2: 30 },
    { xyz: [13, 12, 12], bIsoA2: 5, element: 'H' },
  ]);
  const withH = simulateModelMap(st, grid);
  const noH = simulateModelMap(st, grid, { includeHydrogens: false });
  assert.equal(withH.atomsPlaced, 2);
  assert.equal(noH.atomsPlaced, 1);
  assert.equal(withH.minimumBA2, 5);
  assert.equal(noH.minimumBA2, 30);
  assert.ok(Math.abs(withH.blurA2 - refmacCompatibleBlurA2(1, 5)) < 1e-12);
  assert.ok(Math.abs(noH.blurA2 - refmacCompatibleBlurA2(1, 30)) < 1e-12);
});

test('un-blur: the map is the blurred density sharpened by B_x with sharpenLocscale (spec §3.5 step 4)', () => {
  const grid = cubeGrid(32, 1);
  const st = structureFromAtoms([
    { xyz: [15.2, 16.1, 14.7], bIsoA2: 40 },
    { xyz: [16.4, 15.3, 16.2], bIsoA2: 45, element: 'N' },
  ]);
  const r = simulateModelMap(st, grid);
  const blur = refmacCompatibleBlurA2(1, 40);
  assert.ok(Math.abs(r.blurA2 - blur) < 1e-12 && blur > 30);
  const blurred = simulateModelMap(st, grid, { unblur: 'none' });
  const want = sharpenLocscale(blurred.map, blur, 1);
  assert.ok(maxAbsDiff(r.map.data, want.data) === 0);

  // Both un-blurs undo the blur: against the map simulated without blur (B ≥ 40 is well sampled at 1 Å up to
  // aliasing of a few 0.1 %), the LocScale form (stretched frequency axis, corners untouched) comes close.
  const truth = simulateModelMap(st, grid, { blurA2: 0 }).map.data;
  const peak = maxAbs(truth);
  assert.ok(maxAbsDiff(blurred.map.data, truth) > 0.2 * peak, 'the blur itself is large');
  assert.ok(maxAbsDiff(r.map.data, truth) < 0.05 * peak, `locscale ${maxAbsDiff(r.map.data, truth) / peak}`);
});

test('physical un-blur (frequencies in Å⁻¹, Nyquist sphere) inverts the blur on a non-cubic box', () => {
  // B ≥ 60 on a 0.5 Å grid has nothing beyond Nyquist, so blurring by 10 Å² and un-blurring gives back the
  // unblurred map up to the 1e-5 density cutoff amplified by at most exp(10/4) ≈ 12 at the sphere's edge.
  const grid: ModelMapGrid = {
    shapeZyx: [36, 40, 30],
    voxelSizeXyzA: [0.5, 0.5, 0.5],
    originXyzA: [0, 0, 0],
  };
  const st = structureFromAtoms([
    { xyz: [7.2, 10.1, 8.7], bIsoA2: 60 },
    { xyz: [8.4, 9.3, 9.9], bIsoA2: 70, element: 'O' },
  ]);
  const truth = simulateModelMap(st, grid, { blurA2: 0 }).map.data;
  const blurred = simulateModelMap(st, grid, { blurA2: 10, unblur: 'none' }).map.data;
  const physical = simulateModelMap(st, grid, { blurA2: 10, unblur: 'physical' }).map.data;
  const peak = maxAbs(truth);
  assert.ok(maxAbsDiff(blurred, truth) > 0.05 * peak, `blur ${maxAbsDiff(blurred, truth) / peak}`);
  assert.ok(maxAbsDiff(physical, truth) < 2e-3 * peak, `physical ${maxAbsDiff(physical, truth) / peak}`);
});

test("default un-blur: LocScale's for a cubic box of cubic voxels, physical (reported) otherwise", () => {
  const st = structureFromAtoms([{ xyz: [8.1, 7.9, 8.3], bIsoA2: 10 }]);
  const cubic = new IssueList();
  assert.equal(simulateModelMap(st, cubeGrid(16, 1), { diagnostics: cubic }).unblur, 'locscale');
  assert.ok(!cubic.issues.some((i) => i.code === 'model.unblur-physical'));
  const box = new IssueList();
  const r = simulateModelMap(
    st,
    { shapeZyx: [16, 18, 16], voxelSizeXyzA: [1, 1, 1], originXyzA: [0, 0, 0] },
    { diagnostics: box },
  );
  assert.equal(r.unblur, 'physical');
  assert.ok(box.issues.some((i) => i.code === 'model.unblur-physical' && i.severity === 'info'));
  const voxels = new IssueList();
  const v = simulateModelMap(
    st,
    { shapeZyx: [16, 16, 16], voxelSizeXyzA: [1, 1, 1.1], originXyzA: [0, 0, 0] },
    { diagnostics: voxels },
  );
  assert.equal(v.unblur, 'physical');
  assert.ok(voxels.issues.some((i) => i.code === 'model.non-cubic-voxels'));
  assert.equal(simulateModelMap(st, cubeGrid(16, 1), { blurA2: 0 }).unblur, 'none');
});

test('atoms outside the box: counted, reported as info or warning, density still wrapped', () => {
  const grid = cubeGrid(20, 1);
  const inside: AtomSpec = { xyz: [10, 10, 10] };
  const out: AtomSpec = { xyz: [40, 10, 10] };
  const few = new IssueList();
  const r1 = simulateModelMap(structureFromAtoms([inside, inside, out]), grid, { diagnostics: few });
  assert.equal(r1.atomsOutside, 1);
  assert.ok(Math.abs(r1.fractionOutside - 1 / 3) < 1e-15);
  const i1 = few.issues.find((i) => i.code === 'model.atoms-outside-map');
  assert.ok(i1 !== undefined && i1.severity === 'info' && i1.message.includes('33.3 %'));
  const many = new IssueList();
  simulateModelMap(structureFromAtoms([inside, out, out]), grid, { diagnostics: many });
  assert.ok(many.issues.some((i) => i.code === 'model.atoms-outside-map' && i.severity === 'warning'));
});

test('bad input: unknown element names the atom; negative total width; bad grid', () => {
  const grid = cubeGrid(8, 1);
  assert.throws(
    () => simulateModelMap(structureFromAtoms([{ xyz: [4, 4, 4], element: 'QQ', atomName: 'XQ1' }]), grid),
    (e: unknown) => e instanceof UserError && e.message.includes("'QQ'") && e.message.includes('"XQ1"'),
  );
  assert.throws(
    () => simulateModelDensity(structureFromAtoms([{ xyz: [4, 4, 4], bIsoA2: -10 }]), grid, 0),
    UserError,
  );
  assert.throws(() => simulateModelMap(structureFromAtoms([]), cubeGrid(0, 1)), UserError);
  assert.throws(() => simulateModelMap(structureFromAtoms([]), cubeGrid(8, -1)), UserError);
});

test('progress is reported and cancellation stops the kernel', () => {
  const grid = cubeGrid(16, 1);
  const atoms: AtomSpec[] = Array.from({ length: 5000 }, (_, i) => ({
    xyz: [i % 16, (i * 7) % 16, (i * 3) % 16],
  }));
  const st = structureFromAtoms(atoms);
  const seen: number[] = [];
  simulateModelDensity(st, grid, 0, {
    progress: { shouldReport: true, report: (done) => seen.push(done) },
  });
  assert.ok(seen.length >= 3 && seen[seen.length - 1] === 5000);
  const ctl = new AbortController();
  ctl.abort();
  assert.throws(
    () =>
      simulateModelDensity(st, grid, 0, {
        progress: { shouldReport: false, report: () => {}, signal: ctl.signal },
      }),
    Aborted,
  );
});
