/**
 * Automation on a synthetic half-map pair from a real model (issue: complete automation).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  fscLocscale,
  fscStandard,
  resolutionFromFsc,
  resolutionFromFscLocscale,
} from '../../src/spectra/fsc.js';
import { standardShells } from '../../src/spectra/shells.js';
import { forwardSpectrum } from '../../src/spectra/spectrum.js';
import { fdrConfidenceMap } from '../../src/mask/fdr-confidence.js';
import { averageHalfMaps } from '../../src/pipeline/inputs.js';
import { writeMap } from '../../src/io/mrc-write.js';
import { writeStructure } from '../../src/io/structure-write.js';
import type { RealGrid } from '../../src/grid/volume.js';
import { syntheticHalfMaps } from '../helpers/synthetic-half-maps.js';
import { runCli } from '../helpers/cli.js';

// about 3.1 Å by FSC = 0.143; noise σ is half the noise-free map's σ over the box
const pair = syntheticHalfMaps({ n: 72, apixA: 1.0, blurA2: 60, noiseRelative: 0.5 });

/** Per-shell power Σ|F|² on the standard shells. */
function shellPower(grid: RealGrid): Float64Array {
  const shells = standardShells(grid.shapeZyx, grid.voxelSizeXyzA);
  const f = forwardSpectrum(grid);
  const p = new Float64Array(shells.nShells);
  for (let e = 0; e < shells.shellOf.length; e++) {
    const s = shells.shellOf[e];
    if (s >= 0) p[s] += shells.weight[e] * (f[2 * e] ** 2 + f[2 * e + 1] ** 2);
  }
  return p;
}

test('FSC resolution of the synthetic pair is within 0.3 Å of where its known SNR puts FSC = 0.143', async () => {
  const { clean, noise1, noise2, half1, half2 } = await pair;
  const frame = {
    shapeZyx: clean.shapeZyx,
    voxelSizeXyzA: clean.voxelSizeXyzA,
    originXyzA: clean.originXyzA,
  };
  const signal = shellPower(clean);
  const noise = shellPower({ ...frame, data: noise1 }).map(
    (v, s) => (v + shellPower({ ...frame, data: noise2 })[s]) / 2,
  );
  // per shell, FSC = SNR / (1 + SNR) with SNR = signal power / noise power of one half map
  const predicted = {
    freqPerA: standardShells(clean.shapeZyx, clean.voxelSizeXyzA).freqPerA,
    fsc: signal.map((p, s) => p / noise[s] / (1 + p / noise[s])),
  };
  const truth = resolutionFromFsc(predicted);
  assert.ok(truth.crossed, 'the synthetic SNR must cross 0.143 inside Nyquist');
  assert.ok(truth.resolutionA > 2.5 && truth.resolutionA < 8, `predicted ${truth.resolutionA} Å`);
  const standard = resolutionFromFsc(fscStandard(half1, half2));
  assert.ok(
    Math.abs(standard.resolutionA - truth.resolutionA) < 0.3,
    `standard ${standard.resolutionA} vs ${truth.resolutionA}`,
  );
  const faithful = resolutionFromFscLocscale(fscLocscale(half1, half2, 1.0));
  assert.ok(
    faithful !== null && Math.abs(faithful - truth.resolutionA) < 0.3,
    `LocScale ${faithful} vs ${truth.resolutionA}`,
  );
});

test('FDR mask of the half-map average covers ≥ 95 % of the atoms and excludes the box corners', async () => {
  const { model, half1, half2 } = await pair;
  const average = averageHalfMaps(half1, half2);
  const { mask } = fdrConfidenceMap(average);
  const [nz, ny, nx] = average.shapeZyx;
  const [ox, oy, oz] = average.originXyzA;
  let inside = 0;
  const { x, y, z, count } = model.atoms;
  for (let i = 0; i < count; i++) {
    const ix = Math.round(x[i] - ox);
    const iy = Math.round(y[i] - oy);
    const iz = Math.round(z[i] - oz);
    if (mask.data[(iz * ny + iy) * nx + ix] === 1) inside++;
  }
  assert.ok(inside / count >= 0.95, `${((100 * inside) / count).toFixed(1)} % of atoms inside the FDR mask`);
  for (const [cz, cy, cx] of [
    [0, 0, 0],
    [0, 0, nx - 1],
    [0, ny - 1, 0],
    [nz - 1, 0, 0],
    [nz - 1, ny - 1, nx - 1],
  ]) {
    assert.equal(mask.data[(cz * ny + cy) * nx + cx], 0);
  }
});

test('the full pipeline runs from half maps and a model with no mask (-hm … -mc …)', async () => {
  const { model, half1, half2 } = await pair;
  const dir = mkdtempSync(join(tmpdir(), 'locscale-hm-'));
  await writeMap(join(dir, 'half1.mrc'), half1);
  await writeMap(join(dir, 'half2.mrc'), half2);
  await writeStructure(join(dir, 'model.cif'), model);
  const r = runCli([
    '-hm',
    join(dir, 'half1.mrc'),
    join(dir, 'half2.mrc'),
    '-mc',
    join(dir, 'model.cif'),
    '--skip_refine',
    '-np',
    '2',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'locscale_output.mrc')));
  const record = JSON.parse(readFileSync(join(dir, 'processing_files', 'run.json'), 'utf8')) as {
    results: { fscCutoffA: number; maskSource: string };
    outputs: { fscCurve: string; confidenceMask: string };
  };
  assert.match(record.results.maskSource, /FDR confidence map/);
  assert.ok(record.results.fscCutoffA > 2 && record.results.fscCutoffA < 9);
  assert.ok(existsSync(record.outputs.fscCurve) && existsSync(record.outputs.confidenceMask));
});
