/**
 * Chain identifiers for generated models, in LocScale's order (`combine_pdb_structures_into_one`): A … Z, a … z,
 * then two characters AA, AB, …, AZ, Aa, …, Az, BA, … zz (52 + 52² = 2 756 ids), then three characters in the same
 * order (the original stops at two and crashes beyond; its pseudo-model writer stopped at Z, spec §11).
 *
 * mmCIF carries any id; the PDB format has one column (two with the common extension our writer uses), so a model
 * with more than 2 756 chains must be written as mmCIF.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The `index`-th chain id (0 → 'A', 25 → 'Z', 26 → 'a', 52 → 'AA', 53 → 'AB', 2 756 → 'AAA'). */
export function chainIdAt(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`chainIdAt: bad index ${index}`);
  const base = LETTERS.length;
  let length = 1;
  let block = base;
  let rest = index;
  while (rest >= block) {
    rest -= block;
    length++;
    block *= base;
  }
  let id = '';
  for (let k = 0; k < length; k++) {
    id = LETTERS[rest % base] + id;
    rest = Math.floor(rest / base);
  }
  return id;
}
