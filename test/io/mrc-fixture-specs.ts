/**
 * The maps our writer produced for `test/fixtures/mrc/ours-*.mrc` (by `tools/make-mrc-fixtures.ts`), defined by
 * formulas that use only +, −, ×, ÷ (correctly rounded everywhere, so the bytes are the same on every machine).
 * `mrc-mrcfile-oracle.test.ts` checks that the writer still produces those bytes, and that mrcfile read them as
 * we meant.
 */
import type { Volume } from '../../src/grid/volume.js';
import type { MrcWriteMode } from '../../src/io/mrc-write.js';

export const FIXTURE_DIR = 'test/fixtures/mrc';
/** Date in the default label of the committed files. */
export const FIXTURE_DATE = new Date('2024-01-01T00:00:00Z');

/** Grid 20 × 18 × 16 (x × y × z), non-cubic voxels, non-zero origin. */
const NX = 20;
const NY = 18;
const NZ = 16;
const FRAME = { voxelSizeXyzA: [1.1, 1.25, 0.9], originXyzA: [-12.5, 30.25, 7] } as const;

function volumeOf(f: (x: number, y: number, z: number) => number): Volume {
  const data = new Float32Array(NX * NY * NZ);
  for (let z = 0; z < NZ; z++) {
    for (let y = 0; y < NY; y++) for (let x = 0; x < NX; x++) data[(z * NY + y) * NX + x] = f(x, y, z);
  }
  return { data, shapeZyx: [NZ, NY, NX], ...FRAME };
}

/** A density-like float32 map: a sawtooth in x + 13 y + 29 z with a tilt. */
export function oursFloat32Volume(): Volume {
  return volumeOf((x, y, z) => ((x * 7 + y * 13 + z * 29) % 97) / 8 - 6 + x * y * 0.01 - z * 0.03125);
}

/** A binary ellipsoid mask, plus two voxels (−3 and 100) that test int8 sign and range. */
export function oursMaskVolume(): Volume {
  return volumeOf((x, y, z) => {
    if (x === 0 && y === 0 && z === 0) return -3;
    if (x === NX - 1 && y === NY - 1 && z === NZ - 1) return 100;
    const dx = (x - 9.5) / 8;
    const dy = (y - 8.5) / 7;
    const dz = (z - 7.5) / 6;
    return dx * dx + dy * dy + dz * dz <= 1 ? 1 : 0;
  });
}

export interface OurFixture {
  readonly file: string;
  readonly mode: MrcWriteMode;
  readonly volume: () => Volume;
  readonly labels: readonly string[];
}

export const OUR_FIXTURES: readonly OurFixture[] = [
  {
    file: 'ours-float32-20x18x16.mrc',
    mode: 2,
    volume: oursFloat32Volume,
    labels: ['test fixture: float32 sawtooth, voxel 1.1 x 1.25 x 0.9 A'],
  },
  {
    file: 'ours-int8-mask-20x18x16.mrc',
    mode: 0,
    volume: oursMaskVolume,
    labels: ['test fixture: int8 ellipsoid mask'],
  },
];
