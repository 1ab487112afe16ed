/** Public API of the symmetry room: point-group operators and map symmetrisation (spec §7). */
export type { Mat3, Row3 } from './mat3.js';
export {
  IDENTITY3,
  apply3,
  axisAngleRotation,
  determinant3,
  maxAbsDifference3,
  multiply3,
  rotationAxisAngle,
  rotationDefect3,
  transpose3,
} from './mat3.js';
export type { GroupGenerator, PointGroupFamily, PointGroupSymbol } from './point-groups.js';
export {
  MAX_CYCLIC_ORDER,
  POINT_GROUP_SYMBOLS_HELP,
  closeGroup,
  parsePointGroup,
  pointGroupOperators,
} from './point-groups.js';
export type { SymmetrizeOptions } from './symmetrize.js';
export { symmetrizationCubeEdge, symmetrizeMap, symmetrizeMapWithOperators } from './symmetrize.js';
