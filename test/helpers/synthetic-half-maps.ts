/**
 * A synthetic half-map pair from a real model: the model (TMV coat protein, 6I5A, heavy atoms) simulated in a
 * box with solvent around it, blurred by a known B-factor, plus two independent realisations of white Gaussian
 * noise. The noise-free map and the noise are returned too, so tests know the true signal-to-noise ratio.
 */
import { readStructure } from '../../src/io/structure-read.js';
import { selectAtoms } from '../../src/io/structure-select.js';
import { isHydrogenElement } from '../../src/io/structure.js';
import type { Atoms, Structure } from '../../src/io/structure.js';
import type { Volume } from '../../src/grid/volume.js';
import { volumeLike } from '../../src/grid/volume.js';
import { simulateModelMap } from '../../src/model/simulate-model-map.js';
import { sharpenBFactor } from '../../src/spectra/filters.js';
import { moments } from '../../src/grid/statistics.js';
import { seededNormal } from '../../src/core/random.js';

export interface SyntheticHalfMaps {
  readonly model: Structure;
  /** The model map with the model's own B-factors: the "true" map before the extra blur. */
  readonly sharp: Volume;
  /** The blurred noise-free map (the signal in both half maps). */
  readonly clean: Volume;
  readonly noise1: Float32Array;
  readonly noise2: Float32Array;
  readonly half1: Volume;
  readonly half2: Volume;
}

/**
 * An n³ grid of `apixA` voxels whose centre is the atoms' centroid, through its origin (the model keeps its own
 * coordinates); `centreXyzA` is that centroid.
 */
export function gridCentredOnModel(atoms: Pick<Atoms, 'x' | 'y' | 'z' | 'count'>, n: number, apixA: number) {
  const { x, y, z, count } = atoms;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < count; i++) {
    cx += x[i] / count;
    cy += y[i] / count;
    cz += z[i] / count;
  }
  return {
    shapeZyx: [n, n, n] as const,
    voxelSizeXyzA: [apixA, apixA, apixA] as const,
    originXyzA: [cx - (n / 2) * apixA, cy - (n / 2) * apixA, cz - (n / 2) * apixA] as const,
    centreXyzA: [cx, cy, cz] as const,
  };
}

export async function syntheticHalfMaps(
  options: {
    n?: number;
    apixA?: number;
    blurA2?: number;
    noiseRelative?: number;
    seed?: number;
    /** The model the maps are simulated from (default: the TMV coat protein fixture). */
    modelPath?: string;
    /** Replaces the model's B-factors: B (Å²) of an atom at this distance (Å) from the model's centre. */
    bFactorAtDistance?: (distanceA: number) => number;
  } = {},
): Promise<SyntheticHalfMaps> {
  const n = options.n ?? 72;
  const apix = options.apixA ?? 1.0;
  const full = await readStructure(options.modelPath ?? 'test/fixtures/real/6i5a_box_model.pdb');
  const model = selectAtoms(full, (a, i) => !isHydrogenElement(a.element[i]));
  const { x, y, z, count } = model.atoms;
  const grid = gridCentredOnModel(model.atoms, n, apix);
  const [cx, cy, cz] = grid.centreXyzA;
  const rule = options.bFactorAtDistance;
  if (rule !== undefined)
    for (let i = 0; i < count; i++) model.atoms.bIsoA2[i] = rule(Math.hypot(x[i] - cx, y[i] - cy, z[i] - cz));
  const sharp = simulateModelMap(model, grid).map;
  const clean = sharpenBFactor(sharp, -(options.blurA2 ?? 60));
  const sigma = (options.noiseRelative ?? 1.0) * moments(clean.data).std;
  const gauss = seededNormal(options.seed ?? 7);
  const noise1 = new Float32Array(clean.data.length);
  const noise2 = new Float32Array(clean.data.length);
  for (let i = 0; i < noise1.length; i++) {
    noise1[i] = sigma * gauss();
    noise2[i] = sigma * gauss();
  }
  const half1 = volumeLike(
    clean,
    clean.data.map((v, i) => v + noise1[i]),
  );
  const half2 = volumeLike(
    clean,
    clean.data.map((v, i) => v + noise2[i]),
  );
  return { model, sharp, clean, noise1, noise2, half1, half2 };
}
