/**
 * A mask around an atomic model (spec §5.1 step 1, `get_atomic_model_mask`): the voxel of every atom is set,
 * dilated with a ball of radius round(d/apix) voxels, smoothed with a 5×5×5 separable cosine kernel
 * (w[n] = sin(π(n + ½)/5), normalised to a maximum of 1) and binarised at ≥ 0.5.
 *
 * Atoms are placed through the map's frame (origin and voxel size: the original ignored the origin, spec §2.1).
 */
import { roundHalfEven } from '../core/rounding.js';
import type { ShapeZyx } from '../core/vec.js';
import type { VolumeFrame } from '../grid/volume.js';

export interface AtomPositions {
  readonly count: number;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly z: ArrayLike<number>;
}

/** The binary model mask on a grid of `shapeZyx` with the given frame. `apixA` sets the ball radius. */
export function modelMask(
  atoms: AtomPositions,
  shapeZyx: ShapeZyx,
  frame: VolumeFrame,
  dilationA: number,
  apixA: number,
): Uint8Array {
  const [nz, ny, nx] = shapeZyx;
  const seed = new Uint8Array(nz * ny * nx);
  const [ax, ay, az] = frame.voxelSizeXyzA;
  const [ox, oy, oz] = frame.originXyzA;
  for (let i = 0; i < atoms.count; i++) {
    const x = roundHalfEven((atoms.x[i] - ox) / ax);
    const y = roundHalfEven((atoms.y[i] - oy) / ay);
    const z = roundHalfEven((atoms.z[i] - oz) / az);
    if (x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz) seed[(z * ny + y) * nx + x] = 1;
  }
  const dilated = dilateBall(seed, shapeZyx, roundHalfEven(dilationA / apixA));
  return binarise(cosineSmooth(dilated, shapeZyx), 0.5);
}

/** Binary dilation with a ball of radius r voxels (offsets with dz² + dy² + dx² ≤ r²). */
export function dilateBall(mask: Uint8Array, shapeZyx: ShapeZyx, r: number): Uint8Array {
  const [nz, ny, nx] = shapeZyx;
  const out = new Uint8Array(mask.length);
  const offsets: number[] = [];
  for (let dz = -r; dz <= r; dz++)
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) if (dz * dz + dy * dy + dx * dx <= r * r) offsets.push(dz, dy, dx);
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (mask[(z * ny + y) * nx + x] === 0) continue;
        for (let k = 0; k < offsets.length; k += 3) {
          const zz = z + offsets[k];
          const yy = y + offsets[k + 1];
          const xx = x + offsets[k + 2];
          if (zz >= 0 && yy >= 0 && xx >= 0 && zz < nz && yy < ny && xx < nx)
            out[(zz * ny + yy) * nx + xx] = 1;
        }
      }
  return out;
}

/** Convolution with the 5×5×5 separable cosine kernel, divided by its maximum (zero outside the box). */
function cosineSmooth(mask: Uint8Array, shapeZyx: ShapeZyx): Float64Array {
  const w = [0, 1, 2, 3, 4].map((n) => Math.sin((Math.PI * (n + 0.5)) / 5));
  let data = Float64Array.from(mask);
  const [, ny, nx] = shapeZyx;
  const strides = [ny * nx, nx, 1];
  for (let axis = 0; axis < 3; axis++) {
    const out = new Float64Array(data.length);
    const n = shapeZyx[axis];
    const stride = strides[axis];
    for (let i = 0; i < data.length; i++) {
      const c = Math.floor(i / stride) % n;
      let s = 0;
      for (let k = -2; k <= 2; k++) {
        const cc = c + k;
        if (cc >= 0 && cc < n) s += w[k + 2] * data[i + k * stride];
      }
      out[i] = s;
    }
    data = out;
  }
  let max = 0;
  for (const v of data) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < data.length; i++) data[i] /= max;
  return data;
}

function binarise(data: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] >= threshold ? 1 : 0;
  return out;
}
