/** Options shared by the PDB and mmCIF readers. */
import type { Diagnostics } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';

export type AltLocPolicy = 'best' | 'all';

export interface ReadStructureOptions {
  /**
   * Model to read, by its number (PDB `MODEL` serial, mmCIF `pdbx_PDB_model_num`). Default: the first model in
   * the file. A number the file does not have is an error that lists the models it has.
   */
  readonly model?: number;
  /**
   * 'best' (default): one conformer per atom, the alternate location with the highest occupancy (see
   * `altlocs.ts`). 'all': every alternate location is kept.
   */
  readonly altLocs?: AltLocPolicy;
  /** Where warnings go (elements inferred, defaults used, altlocs dropped, …). Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

/** Throws a `UserError` for options that make no sense (bad model number, unknown altloc policy). */
export function checkReadOptions(options: ReadStructureOptions): void {
  if (options.model !== undefined && !Number.isInteger(options.model)) {
    throw new UserError(`model must be an integer model number, got ${String(options.model)}`);
  }
  if (options.altLocs !== undefined && options.altLocs !== 'best' && options.altLocs !== 'all') {
    throw new UserError(`altLocs must be 'best' or 'all', got '${String(options.altLocs)}'`);
  }
}
