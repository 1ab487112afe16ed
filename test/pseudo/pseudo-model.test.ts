/**
 * Acceptance tests of the pseudo-atomic model builder (issue 6) on a synthetic half-map pair made from a real model
 * (TMV coat protein, heavy atoms, ~3 Å): its FDR mask from the half-map average, pseudo-atoms built in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fdrConfidenceMap } from '../../src/mask/fdr-confidence.js';
import { moments } from '../../src/grid/statistics.js';
import type { Volume } from '../../src/grid/volume.js';
import type { Structure } from '../../src/io/structure.js';
import { selectAtoms } from '../../src/io/structure-select.js';
import { IssueList } from '../../src/core/diagnostics.js';
import { UserError } from '../../src/core/errors.js';
import { buildHybridModel, buildPseudoModel } from '../../src/pseudo/build.js';
import { pseudoAtomCountFromMask } from '../../src/pseudo/atom-count.js';
import { syntheticHalfMaps } from '../helpers/synthetic-half-maps.js';

const setup = (async () => {
  const { model, half1, half2 } = await syntheticHalfMaps({
    n: 72,
    apixA: 1.0,
    blurA2: 60,
    noiseRelative: 0.5,
  });
  const average: Volume = { ...half1, data: half1.data.map((v, i) => (v + half2.data[i]) / 2) };
  const fdr = fdrConfidenceMap(average);
  return { model, average, fdr };
})();

interface Quality {
  readonly fractionInside: number;
  readonly minPairA: number;
  readonly meanMapAtAtoms: number;
  readonly maskMean: number;
  readonly meanNearestTrueA: number;
}

/** The acceptance numbers of a pseudo-atomic model against the map, its mask and the true atoms. */
function quality(pseudo: Structure, truth: Structure, map: Volume, mask: Volume): Quality {
  const [nz, ny, nx] = map.shapeZyx;
  const [ox, oy, oz] = map.originXyzA;
  const [vx, vy, vz] = map.voxelSizeXyzA;
  const p = pseudo.atoms;
  let inside = 0;
  let sumMap = 0;
  for (let i = 0; i < p.count; i++) {
    const x = Math.round((p.x[i] - ox) / vx);
    const y = Math.round((p.y[i] - oy) / vy);
    const z = Math.round((p.z[i] - oz) / vz);
    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
    const v = (z * ny + y) * nx + x;
    if (mask.data[v] >= 0.5) inside++;
    sumMap += map.data[v];
  }
  let minPair = Infinity;
  for (let i = 0; i < p.count; i++)
    for (let j = i + 1; j < p.count; j++) {
      const d = Math.hypot(p.x[i] - p.x[j], p.y[i] - p.y[j], p.z[i] - p.z[j]);
      if (d < minPair) minPair = d;
    }
  const t = truth.atoms;
  let sumNearest = 0;
  for (let i = 0; i < p.count; i++) {
    let best = Infinity;
    for (let j = 0; j < t.count; j++) {
      const d = Math.hypot(p.x[i] - t.x[j], p.y[i] - t.y[j], p.z[i] - t.z[j]);
      if (d < best) best = d;
    }
    sumNearest += best;
  }
  return {
    fractionInside: inside / p.count,
    minPairA: minPair,
    meanMapAtAtoms: sumMap / p.count,
    maskMean: moments(map.data, mask.data).mean,
    meanNearestTrueA: sumNearest / p.count,
  };
}

test('gradient solver (faithful): atoms in the mask, on the density, near the true atoms; count = formula', async () => {
  const { model, average, fdr } = await setup;
  const issues = new IssueList();
  const r = buildPseudoModel(average, fdr.confidence, { diagnostics: issues });
  const expected = pseudoAtomCountFromMask(fdr.confidence.data, 1.0);
  assert.equal(r.atomCountSource, 'mask-volume');
  assert.equal(r.atomCount, expected);
  assert.equal(r.structure.atoms.count, expected);
  // N = int(round(round(1.35 g/cm³ · V / 13.14 g/mol · N_A) / 1.55)) by hand from the voxel count
  const v = fdr.confidence.data.filter((c) => c >= 0.99).length;
  assert.equal(expected, Math.round(Math.round((1.35 * v * 1e-24 * 6.02214076e23) / 13.14) / 1.55));
  assert.deepEqual(issues.issues, []);
  assert.ok(r.gradient !== undefined && r.gradient.gradientScale > 0);
  const q = quality(r.structure, model, average, fdr.mask);
  const log = JSON.stringify({ atoms: r.atomCount, g: r.gradient.gradientScale, ...q });
  assert.ok(q.fractionInside >= 0.95, log);
  assert.ok(q.meanMapAtAtoms > q.maskMean, log);
  assert.ok(q.meanNearestTrueA < 1.5, log);
  assert.ok(q.minPairA > 0, log);
  // the solver moved the atoms toward the density: the map value at the atoms rose during the iterations
  const it = r.gradient.iterations;
  assert.equal(it.length, 50);
  assert.ok(it[49].meanMapValue > it[0].meanMapValue * 1.2, log);
  // same seed → the same model; another seed → another model
  const again = buildPseudoModel(average, fdr.confidence);
  assert.deepEqual(again.structure.atoms.x, r.structure.atoms.x);
  const other = buildPseudoModel(average, fdr.confidence, { seed: 7 });
  assert.notDeepEqual(other.structure.atoms.x, r.structure.atoms.x);
});

test('gradient solver with the minimum-distance clean-up: also no pair closer than 0.9 Å', async () => {
  const { model, average, fdr } = await setup;
  const r = buildPseudoModel(average, fdr.confidence, { minimumDistanceA: 1.2 });
  const q = quality(r.structure, model, average, fdr.mask);
  const log = JSON.stringify({
    atoms: r.atomCount,
    separation: { ...r.separation, positions: undefined },
    ...q,
  });
  assert.ok(q.minPairA >= 0.9 && q.minPairA >= 1.2 - 1e-9, log);
  assert.ok(q.fractionInside >= 0.95, log);
  assert.ok(q.meanMapAtAtoms > q.maskMean, log);
  assert.ok(q.meanNearestTrueA < 1.5, log);
  assert.equal(r.separation?.remainingPairs, 0);
  assert.ok((r.separation?.maxShiftVox ?? 9) < 1, log);
});

test('kick solver on the same map: every atom more than 1.2 Å from the others, in the mask', async () => {
  const { model, average, fdr } = await setup;
  const r = buildPseudoModel(average, fdr.confidence, {
    method: 'random_placement_with_kick',
    molecularWeightKDa: 5,
  });
  assert.equal(r.atomCountSource, 'molecular-weight');
  assert.equal(r.atomCount, 380);
  const q = quality(r.structure, model, average, fdr.mask);
  const log = JSON.stringify({ contacts: r.kick?.contactsPerRound, ...q });
  assert.ok(q.minPairA > 1.2, log);
  assert.ok(q.fractionInside >= 0.9, log);
  assert.ok(q.meanNearestTrueA < 1.5, log);
});

test('hybrid: pseudo-atoms fill the density of the atoms left out of the model, then join it', async () => {
  const { model, average, fdr } = await setup;
  // leave out the residues of the last third of the chain
  const seqs = Array.from(new Set(model.atoms.resSeq)).sort((a, b) => a - b);
  const cut = seqs[Math.floor((2 * seqs.length) / 3)];
  const partial = selectAtoms(model, (a, i) => a.resSeq[i] < cut);
  const removed = selectAtoms(model, (a, i) => a.resSeq[i] >= cut);
  const r = buildHybridModel(average, fdr.confidence, partial);
  const c = r.combined;
  assert.equal(c.modelAtomCount, partial.atoms.count); // no duplicate names in this model
  assert.equal(c.structure.atoms.count, partial.atoms.count + r.pseudo.atomCount);
  assert.equal(r.pseudo.atomCountSource, 'difference-mask');
  assert.ok(r.difference.maskVoxels > 0 && r.difference.maskVoxels < r.difference.binarisedVoxels);
  // N₀ of the (eroded) difference mask, no /1.55
  const v = r.difference.mask.data.filter((d) => d >= 0.99).length;
  assert.equal(r.pseudo.atomCount, Math.round((1.35 * v * 1e-24 * 6.02214076e23) / 13.14));
  // the pseudo-atoms sit in the removed part: nearer to a removed atom than to a kept one, for most of them
  const q = quality(r.pseudo.structure, removed, average, r.difference.mask);
  const qKept = quality(r.pseudo.structure, partial, average, r.difference.mask);
  const log = JSON.stringify({ atoms: r.pseudo.atomCount, removed: q, kept: qKept });
  assert.ok(q.meanNearestTrueA < 1.5, log);
  assert.ok(q.meanNearestTrueA < qKept.meanNearestTrueA, log);
  // pseudo chains follow the model's chain; all B = 40
  const a = c.structure.atoms;
  assert.equal(a.chainId[0], 'A');
  assert.equal(a.chainId[c.modelAtomCount], 'B');
  assert.equal(a.resName[c.modelAtomCount], 'HOH');
  assert.ok(a.bIsoA2.every((b) => b === 40));
});

test('buildPseudoModel refuses bad input with UserErrors that say what to do', () => {
  const map: Volume = {
    data: new Float32Array(12 ** 3),
    shapeZyx: [12, 12, 12],
    voxelSizeXyzA: [1, 1, 1],
    originXyzA: [0, 0, 0],
  };
  const empty: Volume = { ...map, data: new Float32Array(12 ** 3) };
  assert.throws(
    () => buildPseudoModel(map, empty),
    (e: unknown) => e instanceof UserError && /-mw/.test(e.message),
  );
  assert.throws(
    () => buildPseudoModel(map, empty, { molecularWeightKDa: 0.001 }),
    (e: unknown) => e instanceof UserError && /below one atom/.test(e.message),
  );
  const full: Volume = { ...map, data: new Float32Array(12 ** 3).fill(1) };
  assert.throws(
    () => buildPseudoModel(map, full, { atomCount: 10, method: 'annealing' as 'gradient' }),
    (e: unknown) => e instanceof UserError && /-pm/.test(e.message),
  );
  assert.throws(() => buildPseudoModel(map, full, { atomCount: 2000 }), UserError); // 512 candidates
  const other: Volume = { ...full, shapeZyx: [12, 12, 11], data: new Float32Array(12 * 12 * 11) };
  assert.throws(() => buildPseudoModel(map, other), UserError);
  assert.equal(buildPseudoModel(map, full, { atomCount: 10 }).structure.atoms.count, 10);
});
