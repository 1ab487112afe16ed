/**
 * The Lennard-Jones pair force of the pseudo-atom solver (spec §4.2, LocScale's
 * `get_acceleration_from_lj_potential`): with the potential V(r) = ε((r_m/r)¹² − 2(r_m/r)⁶), whose minimum −ε lies
 * at the equilibrium distance r_m,
 *
 *   F(r) = dV/dr = 12 ε r_m⁶ (r⁶ − r_m⁶) / r¹³
 *
 * is negative (repulsive) below r_m and positive (attractive) above: atom a feels −F(r_ab)·û_ab from atom b, with
 * û_ab = (pos_a − pos_b)/r_ab, i.e. −∇V. Distances are in voxels, r_m = `-dst` / apix (1.2 Å by default).
 */

/** LocScale's pseudo-atom equilibrium distance (`-dst`, Å). */
export const DEFAULT_EQUILIBRIUM_DISTANCE_A = 1.2;
/** ε of the potential (LocScale: 1). */
export const LJ_EPSILON = 1;
/** Neighbours within this many r_m feel each other (the original's KD-tree radius, 3 · r_m). */
export const LJ_CUTOFF_FACTOR = 3;

/** F(r) = 12 ε r_m⁶ (r⁶ − r_m⁶) / r¹³ (see the module comment). */
export function ljForce(rVox: number, rmVox: number, epsilon = LJ_EPSILON): number {
  const rm6 = rmVox ** 6;
  const r6 = rVox ** 6;
  return (12 * epsilon * rm6 * (r6 - rm6)) / rVox ** 13;
}

/** V(r) = ε((r_m/r)¹² − 2 (r_m/r)⁶), whose derivative dV/dr is `ljForce`. */
export function ljPotential(rVox: number, rmVox: number, epsilon = LJ_EPSILON): number {
  const s6 = (rmVox / rVox) ** 6;
  return epsilon * (s6 * s6 - 2 * s6);
}

/** r_m in voxels: the equilibrium distance (Å) over the voxel size (Å). */
export function equilibriumDistanceVox(distanceA: number, voxelSizeA: number): number {
  return distanceA / voxelSizeA;
}
