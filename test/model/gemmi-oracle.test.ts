/**
 * Oracle: gemmi 0.5.7's DensityCalculatorE on two real models and their maps (test/fixtures/modelmap, made by
 * tools/make-modelmap-fixtures.py). Acceptance: CC ≥ 0.999 and max |difference| ≤ 1 % of the map maximum.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readMap } from '../../src/io/mrc-read.js';
import { IssueList } from '../../src/core/diagnostics.js';
import type { Volume } from '../../src/grid/volume.js';
import { simulateModelMap } from '../../src/model/simulate-model-map.js';
import { unblurPhysical } from '../../src/model/unblur.js';
import { sharpenLocscale } from '../../src/spectra/filters.js';
import { readStructure } from '../../src/io/structure-read.js';

interface FixtureSet {
  readonly name: string;
  /** The map whose grid is used; null for a made-up grid (shapeZyx, voxelSizeXyzA, originXyzA). */
  readonly map: string | null;
  readonly model: string;
  readonly shapeZyx: [number, number, number];
  readonly voxelSizeXyzA: [number, number, number];
  readonly originXyzA: [number, number, number];
  readonly apixA: number;
  readonly minimumBA2: number;
  readonly blurA2: number;
  readonly atoms: number;
  readonly blurred: string;
  readonly unblurred?: string;
}

const root = new URL('../../', import.meta.url);
const meta = JSON.parse(
  readFileSync(new URL('test/fixtures/modelmap/modelmap-fixtures.json', root), 'utf8'),
) as { sets: FixtureSet[] };

function readF32Gz(name: string): Float32Array {
  const bytes = gunzipSync(readFileSync(new URL(`test/fixtures/modelmap/${name}`, root)));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Pearson correlation and max |a − b| / max |b|. */
function agreement(a: ArrayLike<number>, b: ArrayLike<number>): { cc: number; maxDiffRel: number } {
  const n = b.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  let maxB = 0;
  let maxD = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - ma;
    const y = b[i] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
    maxB = Math.max(maxB, Math.abs(b[i]));
    maxD = Math.max(maxD, Math.abs(a[i] - b[i]));
  }
  return { cc: sab / Math.sqrt(saa * sbb), maxDiffRel: maxD / maxB };
}

for (const set of meta.sets) {
  const mapFile = set.map;
  if (mapFile === null) continue;
  test(`gemmi oracle ${set.name}: blur, blurred density and LocScale un-blur`, async () => {
    const { volume } = await readMap(new URL(mapFile, root).pathname);
    assert.deepEqual([...volume.shapeZyx], set.shapeZyx, 'map read in [z][y][x] (axis order 3,2,1 honoured)');
    // Every atom, every alternate location (gemmi samples them all, weighted by occupancy).
    const structure = await readStructure(new URL(set.model, root).pathname, { altLocs: 'all' });
    assert.equal(structure.atoms.count, set.atoms);

    const blurred = simulateModelMap(structure, volume, { unblur: 'none' });
    assert.ok(Math.abs(blurred.minimumBA2 - set.minimumBA2) < 1e-4, `B_min ${blurred.minimumBA2}`);
    assert.ok(Math.abs(blurred.blurA2 - set.blurA2) < 1e-4, `blur ${blurred.blurA2} vs ${set.blurA2}`);
    const gemmiBlurred = readF32Gz(set.blurred);
    const a = agreement(blurred.map.data, gemmiBlurred);
    assert.ok(
      a.cc >= 0.999999 && a.maxDiffRel <= 1e-5,
      `${set.name} blurred: CC ${a.cc}, max diff ${a.maxDiffRel}`,
    );

    if (set.unblurred !== undefined) {
      // The spec's sharpen_maps (numpy) on gemmi's map vs ours: the LocScale un-blur, forced.
      const ours = simulateModelMap(structure, volume, { unblur: 'locscale' });
      assert.equal(ours.unblur, 'locscale');
      const u = agreement(ours.map.data, readF32Gz(set.unblurred));
      assert.ok(
        u.cc >= 0.999 && u.maxDiffRel <= 0.01,
        `${set.name} un-blurred: CC ${u.cc}, max diff ${u.maxDiffRel}`,
      );
      assert.ok(
        u.cc >= 0.999999 && u.maxDiffRel <= 1e-5,
        `${set.name} un-blurred (tight): ${u.cc}, ${u.maxDiffRel}`,
      );
      // The same un-blur of gemmi's own blurred map by sharpenLocscale.
      const frame: Volume = { ...volume, data: gemmiBlurred };
      const v = agreement(sharpenLocscale(frame, set.blurA2, set.apixA).data, readF32Gz(set.unblurred));
      assert.ok(v.maxDiffRel <= 1e-6, `sharpenLocscale on gemmi's map: ${v.maxDiffRel}`);

      // Default on a non-cubic box: the physical un-blur (reported), equal to unblurPhysical of gemmi's map.
      const issues = new IssueList();
      const auto = simulateModelMap(structure, volume, { diagnostics: issues });
      assert.equal(auto.unblur, 'physical');
      assert.ok(issues.issues.some((i) => i.code === 'model.unblur-physical'));
      const want = unblurPhysical(
        Float64Array.from(gemmiBlurred),
        volume.shapeZyx,
        volume.voxelSizeXyzA,
        set.blurA2,
      );
      const p = agreement(auto.map.data, want);
      assert.ok(p.cc >= 0.999999 && p.maxDiffRel <= 1e-5, `physical: ${p.cc}, ${p.maxDiffRel}`);
    } else {
      // B_min above 8π²/1.1·apix²: no blur, so nothing to un-blur; the default map is gemmi's.
      assert.equal(set.blurA2, 0);
      const ours = simulateModelMap(structure, volume);
      assert.equal(ours.unblur, 'none');
      const u = agreement(ours.map.data, gemmiBlurred);
      assert.ok(u.cc >= 0.999 && u.maxDiffRel <= 0.01, `${set.name}: CC ${u.cc}, max diff ${u.maxDiffRel}`);
    }
  });
}

test('gemmi oracle, anisotropic U with altlocs on a grid with a non-zero origin (PDB 3AL1)', async () => {
  const set = meta.sets.find((s) => s.name === 'pymol_3al1_aniso');
  assert.ok(set !== undefined, 'fixture set present');
  const structure = await readStructure(new URL(set.model, root).pathname, { altLocs: 'all' });
  assert.equal(structure.atoms.count, set.atoms);
  assert.ok(structure.atoms.anisoUA2 !== null);
  // gemmi saw the model moved by −origin; we place it through the grid's origin.
  const grid = { shapeZyx: set.shapeZyx, voxelSizeXyzA: set.voxelSizeXyzA, originXyzA: set.originXyzA };
  const r = simulateModelMap(structure, grid, { unblur: 'none' });
  assert.ok(
    Math.abs(r.minimumBA2 - set.minimumBA2) < 1e-3,
    `B_min from the smallest eigenvalue: ${r.minimumBA2}`,
  );
  assert.ok(Math.abs(r.blurA2 - set.blurA2) < 1e-3, `blur ${r.blurA2} vs ${set.blurA2}`);
  assert.equal(r.atomsOutside, 0);
  const a = agreement(r.map.data, readF32Gz(set.blurred));
  assert.ok(a.cc >= 0.999999 && a.maxDiffRel <= 1e-4, `aniso: CC ${a.cc}, max diff ${a.maxDiffRel}`);
});
