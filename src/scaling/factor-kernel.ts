/**
 * The fast engine's per-node work: for every listed window centre (a node of the coarse grid), the octant profiles
 * of the EM and reference windows (spec §6.3, octant-windows.ts) and the scale factors of every rule, for later
 * interpolation to the voxels (fast-engine.ts). Single-threaded and pure: arrays in, caller-owned arrays out.
 */
import type { ScaleRule, WindowFit } from './scale-rules.js';
import { OctantWindows } from './octant-windows.js';
import type { VoxelRows } from './voxel-list.js';
import { rowAt } from './voxel-list.js';
import type { ScalingMaps } from './window-kernel.js';

/** Outputs, indexed by the node's position v in `rows.voxels`. */
export interface FactorSink {
  readonly kind: 'factors';
  /** factors[(v·ruleCount + rule)·nBins + r]. */
  readonly factors: Float64Array;
  /** Optional local B and R² per (v, rule): bFactor[v·ruleCount + rule]. */
  readonly bFactor: Float32Array | null;
  readonly qfit: Float32Array | null;
}

export class FactorKernel {
  /** The EM map's windows beside the reference's, or beside the EM map's again when no rule needs a reference. */
  private readonly windows: OctantWindows;
  private readonly needsReference: boolean;
  private readonly emProfile: Float64Array;
  private readonly refProfile: Float64Array;
  private readonly factors: Float64Array;
  private readonly fit: WindowFit = { bFactorA2: NaN, qfit: NaN };

  constructor(
    private readonly maps: ScalingMaps,
    private readonly rules: readonly ScaleRule[],
    private readonly sink: FactorSink,
  ) {
    const { wn, shapeZyx } = maps;
    this.needsReference = rules.some((r) => r.needsReference) && maps.reference !== null;
    const second = this.needsReference ? (maps.reference as Float32Array) : maps.em;
    this.windows = new OctantWindows(maps.em, second, shapeZyx, wn);
    const h = wn / 2 + 1;
    this.emProfile = new Float64Array(h);
    this.refProfile = new Float64Array(h);
    this.factors = new Float64Array(h);
  }

  /**
   * Processes rows [rowBegin, rowEnd) of `rows` (in C order) into the sink; returns the number of nodes done.
   * Every call starts from nothing, so a chunk of rows gives the same results on any thread.
   */
  run(rows: VoxelRows, rowBegin: number, rowEnd: number): number {
    const [, ny, nx] = this.maps.shapeZyx;
    const half = this.maps.wn / 2;
    const { windows } = this;
    windows.reset();
    let plane = -1;
    for (let r = rowBegin; r < rowEnd; r++) {
      const { begin, end, z, y } = rowAt(rows, r, ny, nx);
      if (z !== plane) {
        windows.plane(z - half);
        plane = z;
      }
      const xFirst = (rows.voxels[begin] % nx) - half;
      const xLast = (rows.voxels[end - 1] % nx) - half;
      const direction = windows.row(y - half, xFirst, xLast);
      for (let i = 0; i < end - begin; i++) {
        const v = direction === 1 ? begin + i : end - 1 - i;
        windows.moveTo((rows.voxels[v] % nx) - half);
        windows.profile(0, this.emProfile);
        if (this.needsReference) windows.profile(1, this.refProfile);
        this.write(v);
      }
    }
    return rows.rowStart[rowEnd] - rows.rowStart[rowBegin];
  }

  private write(v: number): void {
    const { factors, fit, sink } = this;
    const nBins = factors.length;
    const ruleCount = this.rules.length;
    const ref = this.needsReference ? this.refProfile : null;
    for (let k = 0; k < ruleCount; k++) {
      this.rules[k].compute(this.emProfile, ref, factors, fit);
      sink.factors.set(factors, (v * ruleCount + k) * nBins);
      if (sink.bFactor !== null) sink.bFactor[v * ruleCount + k] = fit.bFactorA2;
      if (sink.qfit !== null) sink.qfit[v * ruleCount + k] = fit.qfit;
    }
  }
}
