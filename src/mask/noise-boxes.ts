/**
 * Noise boxes of LocScale's FDR confidence map (`FDRutil.estimateNoiseFromMap`, spec §2.5.2).
 *
 * By default four cubes of edge w, all in the central slab of axis 0 (z indices [⌊N₀/2 − w/2⌋, +w)), placed near
 * the two ends of axis 1 (y) and of axis 2 (x), centred on the other axis:
 *   y ∈ [⌊0.02·N₁⌋, +w),          x centred
 *   y ∈ [⌊0.98·N₁ − w⌋, ⌊0.98·N₁⌋), x centred
 *   y centred,                     x ∈ [⌊0.02·N₂⌋, +w)
 *   y centred,                     x ∈ [⌊0.98·N₂⌋ − w, ⌊0.98·N₂⌋)
 * ("centred" = [⌊N/2 − w/2⌋, +w); ⌊·⌋ is Python's int(), truncation toward zero). The noise mean μ and the
 * population variance σ² are taken over all box voxels together (a voxel in two boxes counts twice, as numpy's
 * concatenation does).
 *
 * For hollow or filamentous specimens (a helical map filled to its edges, a tube, a map boxed tightly) the
 * default boxes can sit on density; the caller may then give the box centres itself (`noiseBoxesAt`), e.g.
 * points in solvent seen in a viewer, or the ones `checkNoiseBoxes` suggests. Each is a w-cube starting at
 * ⌊c − w/2⌋ on each axis (the original's rule for a user-given box).
 */
import type { ShapeZyx } from '../core/vec.js';
import { UserError } from '../core/errors.js';
import { roundUpToEven } from '../core/rounding.js';

/** A cube of `edgeVox` voxels starting at `startZyx` (array indices). */
export interface NoiseBox {
  readonly startZyx: readonly [z: number, y: number, x: number];
  readonly edgeVox: number;
}

/** Statistics of the voxels of one box, or of all boxes pooled. */
export interface NoiseBoxStats {
  readonly count: number;
  readonly mean: number;
  /** Population variance (numpy `var`). */
  readonly variance: number;
  /** Voxels exactly equal to 0 (a sign of a masked map). */
  readonly zeroCount: number;
}

export interface NoiseEstimate {
  /** μ over all box voxels. */
  readonly mean: number;
  /** σ² (population) over all box voxels. */
  readonly variance: number;
  readonly count: number;
  readonly zeroCount: number;
  readonly boxes: readonly NoiseBox[];
  /** The same statistics per box, in the order of `boxes`. */
  readonly perBox: readonly NoiseBoxStats[];
}

/**
 * LocScale's default noise-box edge (the `-fdr_w` default): round_up_to_even(0.1·N₀), N₀ = the map's size along
 * axis 0 (z in our [z][y][x] order).
 */
export function defaultFdrWindowSize(shapeZyx: ShapeZyx): number {
  return roundUpToEven(0.1 * shapeZyx[0]);
}

/** Python's int() of a float: truncation toward zero. */
function pyInt(v: number): number {
  return Math.trunc(v);
}

/** Start index of a box of edge w centred on an axis of length n (⌊n/2 − w/2⌋). */
function centredStart(n: number, w: number): number {
  return pyInt(0.5 * n - 0.5 * w);
}

function checkEdge(w: number): void {
  if (!Number.isInteger(w) || w < 1) {
    throw new UserError(
      `the FDR noise-box size (-fdr_w) must be a positive whole number of voxels, got ${w}.`,
    );
  }
}

function describeBox(b: NoiseBox): string {
  const [z, y, x] = b.startZyx;
  const w = b.edgeVox;
  return `z ${z}–${z + w - 1}, y ${y}–${y + w - 1}, x ${x}–${x + w - 1}`;
}

function requireInside(b: NoiseBox, shapeZyx: ShapeZyx, what: string, fix: string): void {
  for (let a = 0; a < 3; a++) {
    if (b.startZyx[a] < 0 || b.startZyx[a] + b.edgeVox > shapeZyx[a]) {
      throw new UserError(
        `${what} (${describeBox(b)}) does not fit in the map (${shapeZyx[2]}×${shapeZyx[1]}×${shapeZyx[0]} voxels, x×y×z); ${fix}`,
      );
    }
  }
}

/** The four default noise boxes of edge `w` (spec §2.5.2); a `UserError` if they do not fit in the map. */
export function defaultNoiseBoxes(shapeZyx: ShapeZyx, w: number): NoiseBox[] {
  checkEdge(w);
  const [n0, n1, n2] = shapeZyx;
  const z0 = centredStart(n0, w);
  const y0 = centredStart(n1, w);
  const x0 = centredStart(n2, w);
  const boxes: NoiseBox[] = [
    { startZyx: [z0, pyInt(0.02 * n1), x0], edgeVox: w },
    { startZyx: [z0, pyInt(0.98 * n1 - w), x0], edgeVox: w },
    { startZyx: [z0, y0, pyInt(0.02 * n2)], edgeVox: w },
    { startZyx: [z0, y0, pyInt(0.98 * n2) - w], edgeVox: w },
  ];
  for (const b of boxes) {
    requireInside(b, shapeZyx, `a default FDR noise box of ${w} voxels`, 'choose a smaller -fdr_w.');
  }
  // The second and fourth boxes end at ⌊0.98·N⌋; a slice that numpy would clip cannot happen once they fit.
  return boxes;
}

/**
 * Noise boxes of edge `w` centred on user-given voxel positions [z, y, x] (array indices; fractional values
 * allowed): each starts at ⌊c − w/2⌋ on each axis. A `UserError` if a box leaves the map.
 */
export function noiseBoxesAt(
  shapeZyx: ShapeZyx,
  w: number,
  centresZyx: readonly (readonly [number, number, number])[],
): NoiseBox[] {
  checkEdge(w);
  if (centresZyx.length === 0)
    throw new UserError('no noise-box centres were given; give at least one [z, y, x].');
  return centresZyx.map((c, i) => {
    if (c.length !== 3 || !c.every((v) => Number.isFinite(v))) {
      throw new UserError(
        `noise-box centre ${i + 1} must be three finite voxel indices [z, y, x], got [${c.join(', ')}].`,
      );
    }
    const b: NoiseBox = {
      startZyx: [pyInt(c[0] - 0.5 * w), pyInt(c[1] - 0.5 * w), pyInt(c[2] - 0.5 * w)],
      edgeVox: w,
    };
    requireInside(
      b,
      shapeZyx,
      `the noise box around centre ${i + 1} (z ${c[0]}, y ${c[1]}, x ${c[2]})`,
      `move the centre at least ${Math.ceil(w / 2)} voxels away from the map's edges or choose a smaller -fdr_w.`,
    );
    return b;
  });
}

/** The centre (voxel indices) that `noiseBoxesAt` maps back to the box starting at `startZyx`. */
export function noiseBoxCentre(
  startZyx: readonly [number, number, number],
  w: number,
): [number, number, number] {
  const h = Math.ceil(w / 2);
  return [startZyx[0] + h, startZyx[1] + h, startZyx[2] + h];
}

/**
 * Mean and population variance over one box, in float64 (two passes with Neumaier-compensated sums, so the
 * result is as accurate as numpy's pairwise sums or better).
 */
export function boxStats(data: ArrayLike<number>, shapeZyx: ShapeZyx, box: NoiseBox): NoiseBoxStats {
  const first = sumBox(data, shapeZyx, box, 0, false);
  const count = box.edgeVox ** 3;
  const mean = first.sum / count;
  const second = sumBox(data, shapeZyx, box, mean, true);
  return { count, mean, variance: second.sum / count, zeroCount: first.zeros };
}

/** μ and σ² over all voxels of all boxes together (numpy mean/var of the concatenated boxes). */
export function estimateNoise(
  data: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  boxes: readonly NoiseBox[],
): NoiseEstimate {
  if (boxes.length === 0) throw new RangeError('estimateNoise: no boxes');
  const perBox = boxes.map((b) => boxStats(data, shapeZyx, b));
  let s = 0;
  let c = 0;
  let count = 0;
  let zeroCount = 0;
  for (const b of boxes) {
    const r = sumBox(data, shapeZyx, b, 0, false);
    [s, c] = twoSum(s, c, r.sum);
    count += b.edgeVox ** 3;
    zeroCount += r.zeros;
  }
  const mean = (s + c) / count;
  s = 0;
  c = 0;
  for (const b of boxes) [s, c] = twoSum(s, c, sumBox(data, shapeZyx, b, mean, true).sum);
  return { mean, variance: (s + c) / count, count, zeroCount, boxes, perBox };
}

/** Adds v to the compensated pair (s, c) (Neumaier). */
function twoSum(s: number, c: number, v: number): [number, number] {
  const t = s + v;
  return [t, Math.abs(s) >= Math.abs(v) ? c + (s - t + v) : c + (v - t + s)];
}

/** Σ v (or Σ (v − shift)² when `squares`) over a box, Neumaier-compensated; also counts exact zeros. */
function sumBox(
  data: ArrayLike<number>,
  shapeZyx: ShapeZyx,
  box: NoiseBox,
  shift: number,
  squares: boolean,
): { sum: number; zeros: number } {
  const [, ny, nx] = shapeZyx;
  const [z0, y0, x0] = box.startZyx;
  const w = box.edgeVox;
  let s = 0;
  let c = 0;
  let zeros = 0;
  for (let z = z0; z < z0 + w; z++) {
    for (let y = y0; y < y0 + w; y++) {
      const row = (z * ny + y) * nx;
      for (let x = x0; x < x0 + w; x++) {
        const raw = data[row + x];
        if (raw === 0) zeros++;
        const d = raw - shift;
        const v = squares ? d * d : raw;
        const t = s + v;
        if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
        else c += v - t + s;
        s = t;
      }
    }
  }
  return { sum: s + c, zeros };
}

export { describeBox as describeNoiseBox };
