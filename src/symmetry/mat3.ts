/**
 * 3×3 rotation matrices in the Cartesian x, y, z frame of a map.
 *
 * A `Mat3` is a list of three rows; `m[i][j]` is row i, column j, and it acts on **column vectors in x, y, z
 * order**: p′ = R·p, i.e. p′ᵢ = Σⱼ R[i][j]·pⱼ with p = (x, y, z). This is the frame of the voxel indices
 * (i, j, k) = (x, y, z) of a `Volume` (whose array is stored [z][y][x]); code that walks the array must permute.
 */

/** One row of a `Mat3`: the x, y, z components. */
export type Row3 = readonly [number, number, number];

/** A 3×3 matrix as three rows; acts on column vectors (x, y, z)ᵀ. */
export type Mat3 = readonly [Row3, Row3, Row3];

export const IDENTITY3: Mat3 = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** A·B (apply B first, then A). */
export function multiply3(a: Mat3, b: Mat3): Mat3 {
  const row = (i: number): Row3 => [
    a[i][0] * b[0][0] + a[i][1] * b[1][0] + a[i][2] * b[2][0],
    a[i][0] * b[0][1] + a[i][1] * b[1][1] + a[i][2] * b[2][1],
    a[i][0] * b[0][2] + a[i][1] * b[1][2] + a[i][2] * b[2][2],
  ];
  return [row(0), row(1), row(2)];
}

/** Aᵀ (the inverse of a rotation). */
export function transpose3(a: Mat3): Mat3 {
  return [
    [a[0][0], a[1][0], a[2][0]],
    [a[0][1], a[1][1], a[2][1]],
    [a[0][2], a[1][2], a[2][2]],
  ];
}

export function determinant3(a: Mat3): number {
  return (
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
  );
}

/** R·v for a column vector v = (x, y, z). */
export function apply3(a: Mat3, v: Row3): Row3 {
  return [
    a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
    a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
    a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2],
  ];
}

/** Largest |aᵢⱼ − bᵢⱼ|. */
export function maxAbsDifference3(a: Mat3, b: Mat3): number {
  let m = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
  return m;
}

/** max |RᵀR − I| and |det R − 1|: how far `a` is from a proper rotation. */
export function rotationDefect3(a: Mat3): number {
  return Math.max(maxAbsDifference3(multiply3(transpose3(a), a), IDENTITY3), Math.abs(determinant3(a) - 1));
}

/**
 * The right-handed rotation by `angleRad` about `axis` (x, y, z; normalised here): Rodrigues' formula
 * R = cos θ·I + sin θ·[u]× + (1 − cos θ)·u uᵀ. A point on the axis is fixed; looking down the axis towards
 * the origin, other points turn anticlockwise.
 */
export function axisAngleRotation(axis: Row3, angleRad: number): Mat3 {
  const len = Math.hypot(axis[0], axis[1], axis[2]);
  if (!(len > 0)) throw new RangeError('axisAngleRotation: the axis must be a non-zero vector');
  const x = axis[0] / len;
  const y = axis[1] / len;
  const z = axis[2] / len;
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  const t = 1 - c;
  return [
    [c + t * x * x, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, c + t * y * y, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, c + t * z * z],
  ];
}

/**
 * The rotation angle (0..π) and unit axis of a rotation matrix. For angle π the axis sign is arbitrary
 * (chosen with its largest component positive); for the identity the axis is (0, 0, 1).
 */
export function rotationAxisAngle(a: Mat3): { axis: Row3; angleRad: number } {
  const cosA = Math.min(1, Math.max(-1, (a[0][0] + a[1][1] + a[2][2] - 1) / 2));
  const angleRad = Math.acos(cosA);
  if (angleRad < 1e-9) return { axis: [0, 0, 1], angleRad: 0 };
  let v: [number, number, number] = [a[2][1] - a[1][2], a[0][2] - a[2][0], a[1][0] - a[0][1]];
  if (Math.hypot(v[0], v[1], v[2]) < 1e-6) {
    // θ ≈ π: R + I = 2 u uᵀ; take the column with the largest diagonal
    let k = 0;
    for (let i = 1; i < 3; i++) if (a[i][i] > a[k][k]) k = i;
    v = [a[0][k] + (k === 0 ? 1 : 0), a[1][k] + (k === 1 ? 1 : 0), a[2][k] + (k === 2 ? 1 : 0)];
    let big = 0;
    for (let i = 1; i < 3; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
    if (v[big] < 0) v = [-v[0], -v[1], -v[2]];
  }
  const len = Math.hypot(v[0], v[1], v[2]);
  return { axis: [v[0] / len, v[1] / len, v[2] / len], angleRad };
}
