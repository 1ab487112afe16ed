/** The numpy/scipy fixture of the pseudo-atom tests (made by tools/make-pseudo-fixtures.py). */
import { readFileSync } from 'node:fs';

export interface UniformFilterCase {
  readonly name: string;
  readonly shape: [number, number, number];
  readonly size: number | [number, number, number];
  readonly input: number[];
  readonly output: number[];
}

export interface PseudoFixture {
  readonly numpy: string;
  readonly scipy: string;
  readonly uniform_filter: UniformFilterCase[];
  readonly erosion_3_of_binary: number[];
  readonly gradient_solver: {
    readonly shape_zyx: [number, number, number];
    readonly map_times_1024: number[];
    readonly mask_times_256: number[];
    readonly start_xyz: number[];
    readonly distance_A: number;
    readonly apix: number;
    readonly max_masked_gradient: number;
    readonly g: number;
    readonly positions_xyz_per_iteration: number[][];
  };
}

export const pseudoFixture = JSON.parse(
  readFileSync('test/fixtures/pseudo/pseudo-python.json', 'utf8'),
) as PseudoFixture;
