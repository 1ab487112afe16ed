/**
 * The coarse grid of window centres of the fast engine: along each axis, nodes at h, h + S, h + 2S, … and a last
 * node at n − h − 1 (h = wn/2, the valid window centres being h … n − h − 1), and the linear interpolation of a
 * voxel between its two bracketing nodes. Each axis has its own stride S; S = 1 on all three makes every valid
 * voxel a node with weight 1.
 */
import type { ShapeZyx } from '../core/vec.js';

export interface AxisNodes {
  /** Voxel coordinate of each node. */
  readonly position: Int32Array;
  /** For every voxel coordinate c: the node at or below it (−1 outside the valid range)… */
  readonly lower: Int32Array;
  /** …and the weight t of the node above (1 − t on `lower`). */
  readonly t: Float64Array;
}

export function axisNodes(n: number, wn: number, stride: number): AxisNodes {
  const h = wn / 2;
  const first = h;
  const last = n - h - 1;
  const positions: number[] = [];
  for (let p = first; p <= last; p += stride) positions.push(p);
  if (positions.length > 0 && positions[positions.length - 1] !== last) positions.push(last);
  const position = Int32Array.from(positions);
  const lower = new Int32Array(n).fill(-1);
  const t = new Float64Array(n);
  const m = position.length;
  for (let c = first; c <= last; c++) {
    let i = Math.min(Math.floor((c - first) / stride), m - 1);
    if (position[i] > c) i--;
    lower[c] = i;
    t[c] = i + 1 < m ? (c - position[i]) / (position[i + 1] - position[i]) : 0;
  }
  return { position, lower, t };
}

export interface CoarseGrid {
  readonly axes: readonly [z: AxisNodes, y: AxisNodes, x: AxisNodes];
  /** Node grid shape [mz, my, mx]. */
  readonly shape: ShapeZyx;
  /** Ordinal of each node in the list of needed nodes, −1 if not needed; indexed [iz][iy][ix]. */
  readonly ordinal: Int32Array;
  /** Flat map index of each needed node, in C order (their window centres). */
  readonly nodeVoxels: Int32Array;
}

/**
 * Nodes needed to interpolate to every listed voxel: those with a non-zero weight for some voxel (up to 8 per
 * voxel; exactly the voxels themselves when S = 1).
 */
export function coarseGrid(
  voxels: Int32Array,
  shapeZyx: ShapeZyx,
  wn: number,
  strideZyx: ShapeZyx,
): CoarseGrid {
  const [nz, ny, nx] = shapeZyx;
  const axes = [
    axisNodes(nz, wn, strideZyx[0]),
    axisNodes(ny, wn, strideZyx[1]),
    axisNodes(nx, wn, strideZyx[2]),
  ] as const;
  const shape: ShapeZyx = [axes[0].position.length, axes[1].position.length, axes[2].position.length];
  const needed = new Uint8Array(shape[0] * shape[1] * shape[2]);
  for (let v = 0; v < voxels.length; v++) {
    const index = voxels[v];
    const x = index % nx;
    const y = ((index - x) / nx) % ny;
    const z = (index - x - y * nx) / (nx * ny);
    const [az, ay, ax] = axes;
    for (let dz = 0; dz < 2; dz++) {
      if ((dz === 0 ? 1 - az.t[z] : az.t[z]) === 0) continue;
      for (let dy = 0; dy < 2; dy++) {
        if ((dy === 0 ? 1 - ay.t[y] : ay.t[y]) === 0) continue;
        for (let dx = 0; dx < 2; dx++) {
          if ((dx === 0 ? 1 - ax.t[x] : ax.t[x]) === 0) continue;
          needed[((az.lower[z] + dz) * shape[1] + (ay.lower[y] + dy)) * shape[2] + (ax.lower[x] + dx)] = 1;
        }
      }
    }
  }
  const ordinal = new Int32Array(needed.length).fill(-1);
  const nodeVoxels: number[] = [];
  let i = 0;
  for (let iz = 0; iz < shape[0]; iz++)
    for (let iy = 0; iy < shape[1]; iy++)
      for (let ix = 0; ix < shape[2]; ix++, i++) {
        if (needed[i] === 0) continue;
        ordinal[i] = nodeVoxels.length;
        nodeVoxels.push((axes[0].position[iz] * ny + axes[1].position[iy]) * nx + axes[2].position[ix]);
      }
  return { axes, shape, ordinal, nodeVoxels: Int32Array.from(nodeVoxels) };
}
