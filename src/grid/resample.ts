/**
 * Resampling a volume onto a new grid: corner-aligned trilinear interpolation (scipy `zoom(order=1,
 * grid_mode=False)`, used by LocScale 2.0's EMmerNet step, spec §8.3) and Fourier (band-limited) resampling.
 * Both work one axis at a time (trilinear interpolation is separable; so is Fourier padding/cropping).
 */
import type { ShapeZyx } from '../core/vec.js';
import { roundHalfEven } from '../core/rounding.js';
import { complexFftPlan1d } from '../fft/index.js';
import type { Volume } from './volume.js';

/** scipy `zoom` output shape: Python round(n · factor) per axis. */
export function zoomShape(shapeZyx: ShapeZyx, factor: number): ShapeZyx {
  return [
    roundHalfEven(shapeZyx[0] * factor),
    roundHalfEven(shapeZyx[1] * factor),
    roundHalfEven(shapeZyx[2] * factor),
  ];
}

/** Resamples one line: reads n values at src[srcOffset + i·srcStride], writes m values likewise into dst. */
type LineResampler = (
  src: Float64Array,
  srcOffset: number,
  srcStride: number,
  dst: Float64Array,
  dstOffset: number,
  dstStride: number,
) => void;

/** Makes the line resampler from n to m samples (scratch allocated once per axis). */
type LineResamplerFactory = (n: number, m: number) => LineResampler;

/** Resamples `data` (shape `shape`) along `axis` (0 = z, 1 = y, 2 = x) to length `m`. */
function resampleAxis(
  data: Float64Array,
  shape: readonly number[],
  axis: number,
  m: number,
  factory: LineResamplerFactory,
): Float64Array {
  const outShape = shape.slice();
  outShape[axis] = m;
  const out = new Float64Array(outShape[0] * outShape[1] * outShape[2]);
  const inStrides = [shape[1] * shape[2], shape[2], 1];
  const outStrides = [outShape[1] * outShape[2], outShape[2], 1];
  const [a0, a1] = [0, 1, 2].filter((a) => a !== axis);
  const line = factory(shape[axis], m);
  for (let i = 0; i < shape[a0]; i++) {
    for (let j = 0; j < shape[a1]; j++) {
      const inOff = i * inStrides[a0] + j * inStrides[a1];
      const outOff = i * outStrides[a0] + j * outStrides[a1];
      line(data, inOff, inStrides[axis], out, outOff, outStrides[axis]);
    }
  }
  return out;
}

function resampleSeparable(
  volume: Volume,
  outShapeZyx: ShapeZyx,
  factory: LineResamplerFactory,
): Float32Array {
  let data: Float64Array = Float64Array.from(volume.data);
  const shape = [volume.shapeZyx[0], volume.shapeZyx[1], volume.shapeZyx[2]];
  for (const axis of [2, 1, 0]) {
    if (shape[axis] === outShapeZyx[axis]) continue;
    data = resampleAxis(data, shape, axis, outShapeZyx[axis], factory);
    shape[axis] = outShapeZyx[axis];
  }
  return Float32Array.from(data);
}

/** New voxel sizes (x, y, z) when each axis's voxel size is multiplied by `scaleOfAxis(axisZyx)`. */
function scaledVoxelSize(volume: Volume, scaleOfAxis: (axis: number) => number): [number, number, number] {
  const [ax, ay, az] = volume.voxelSizeXyzA;
  return [ax * scaleOfAxis(2), ay * scaleOfAxis(1), az * scaleOfAxis(0)];
}

/** Corner-aligned linear interpolation: output o samples input coordinate o·(n − 1)/(m − 1). */
const linearLine: LineResamplerFactory = (n, m) => {
  const step = m > 1 ? (n - 1) / (m - 1) : 0;
  return (src, so, ss, dst, doff, ds) => {
    for (let o = 0; o < m; o++) {
      const c = o * step;
      const i = Math.min(Math.floor(c), Math.max(n - 2, 0));
      const v0 = src[so + i * ss];
      dst[doff + o * ds] = n > 1 ? v0 + (c - i) * (src[so + (i + 1) * ss] - v0) : v0;
    }
  };
};

/**
 * Trilinear resampling with corner alignment (scipy `zoom(order=1, grid_mode=False)`): the first and last voxel
 * centres of every axis stay where they are, so the voxel size becomes a·(n − 1)/(m − 1) and the origin is kept.
 */
export function zoomLinear(volume: Volume, outShapeZyx: ShapeZyx): Volume {
  const n = volume.shapeZyx;
  return {
    data: resampleSeparable(volume, outShapeZyx, linearLine),
    shapeZyx: outShapeZyx,
    voxelSizeXyzA: scaledVoxelSize(volume, (a) =>
      outShapeZyx[a] > 1 ? (n[a] - 1) / (outShapeZyx[a] - 1) : 1,
    ),
    originXyzA: volume.originXyzA,
  };
}

/**
 * Band-limited resampling of one real line from n to m samples over the same period: the spectrum is cut or
 * zero-extended, then scaled by m/n. An even-length Nyquist term is split equally between ±n/2 when
 * upsampling, and the ±m/2 terms are summed into the new Nyquist term when downsampling, so real stays real.
 */
const fourierLine: LineResamplerFactory = (n, m) => {
  const fwd = complexFftPlan1d(n);
  const inv = complexFftPlan1d(m);
  const x = new Float64Array(2 * n);
  const spec = new Float64Array(2 * n);
  const y = new Float64Array(2 * m);
  const out = new Float64Array(2 * m);
  const lim = Math.min(n, m);
  const kMax = (lim - 1) >> 1; // strictly inside both bands: |k| < lim/2
  const half = lim / 2;
  const add = (from: number, to: number, w: number): void => {
    y[2 * to] += w * spec[2 * from];
    y[2 * to + 1] += w * spec[2 * from + 1];
  };
  return (src, so, ss, dst, doff, ds) => {
    for (let i = 0; i < n; i++) x[2 * i] = src[so + i * ss];
    fwd.forward(x, spec);
    y.fill(0);
    for (let k = 0; k <= kMax; k++) add(k, k, 1);
    for (let k = 1; k <= kMax; k++) add(n - k, m - k, 1);
    if (lim % 2 === 0) {
      if (n === m) add(half, half, 1);
      else if (n < m) {
        add(half, half, 0.5);
        add(half, m - half, 0.5);
      } else {
        add(half, half, 1);
        add(n - half, half, 1);
      }
    }
    inv.inverse(y, out);
    // inverse() includes 1/m; the band-limited interpolant of n samples needs the factor m/n on top.
    const scale = m / n;
    for (let o = 0; o < m; o++) dst[doff + o * ds] = out[2 * o] * scale;
  };
};

/**
 * Fourier resampling to `outShapeZyx` over the same box: voxel size becomes a·n/m, the origin is kept (voxel 0
 * stays at the same place). Exact for band-limited content (trigonometric interpolation).
 */
export function resampleFourier(volume: Volume, outShapeZyx: ShapeZyx): Volume {
  const n = volume.shapeZyx;
  return {
    data: resampleSeparable(volume, outShapeZyx, fourierLine),
    shapeZyx: outShapeZyx,
    voxelSizeXyzA: scaledVoxelSize(volume, (a) => n[a] / outShapeZyx[a]),
    originXyzA: volume.originXyzA,
  };
}
