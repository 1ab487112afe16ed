/**
 * Chemical element symbols and the inference of an atom's element from its name, for coordinate files whose
 * element column is blank (old PDB files, files cut by other programs, e.g. MUSTANG's test domains).
 *
 * Symbols are kept upper case ('C', 'FE', 'SE'), as PDB writes them. 'D' (deuterium) is a symbol of its own.
 * An element that cannot be told is `UNKNOWN_ELEMENT` ('X'), the placeholder mmCIF and gemmi use too; readers
 * report such atoms as a warning `Issue` and never drop them.
 */

/** The element of an atom whose element could not be read or inferred. */
export const UNKNOWN_ELEMENT = 'X';

/** Elements 1–118 in atomic-number order (upper case), then deuterium. */
const SYMBOLS = [
  'H', 'HE', 'LI', 'BE', 'B', 'C', 'N', 'O', 'F', 'NE', 'NA', 'MG', 'AL', 'SI', 'P', 'S', 'CL', 'AR', 'K', 'CA',
  'SC', 'TI', 'V', 'CR', 'MN', 'FE', 'CO', 'NI', 'CU', 'ZN', 'GA', 'GE', 'AS', 'SE', 'BR', 'KR', 'RB', 'SR', 'Y',
  'ZR', 'NB', 'MO', 'TC', 'RU', 'RH', 'PD', 'AG', 'CD', 'IN', 'SN', 'SB', 'TE', 'I', 'XE', 'CS', 'BA', 'LA', 'CE',
  'PR', 'ND', 'PM', 'SM', 'EU', 'GD', 'TB', 'DY', 'HO', 'ER', 'TM', 'YB', 'LU', 'HF', 'TA', 'W', 'RE', 'OS', 'IR',
  'PT', 'AU', 'HG', 'TL', 'PB', 'BI', 'PO', 'AT', 'RN', 'FR', 'RA', 'AC', 'TH', 'PA', 'U', 'NP', 'PU', 'AM', 'CM',
  'BK', 'CF', 'ES', 'FM', 'MD', 'NO', 'LR', 'RF', 'DB', 'SG', 'BH', 'HS', 'MT', 'DS', 'RG', 'CN', 'NH', 'FL', 'MC',
  'LV', 'TS', 'OG', 'D',
] as const; // prettier-ignore

const KNOWN = new Set<string>(SYMBOLS);

/** True for an upper-case element symbol of the periodic table, or 'D'. 'X' (unknown) is not known. */
export function isKnownElement(symbol: string): boolean {
  return KNOWN.has(symbol);
}

/** Trims and upper-cases an element field ('Fe ' → 'FE', ' C' → 'C'); '' when blank. */
export function normalizeElementSymbol(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Residues whose atoms are only C, N, O, S, P, H or D and whose atom names start with their element letter
 * (after any leading digit): the 20 amino acids, UNK, RNA/DNA nucleotides and water. In these residues the
 * first letter decides, whatever the alignment, so left-justified names from careless writers ('CA  ' in ALA)
 * are read as carbon rather than calcium. MSE (selenomethionine) is not listed: its 'SE' is selenium.
 */
const STANDARD_RESIDUES = new Set([
  'ALA', 'ARG', 'ASN', 'ASP', 'CYS', 'GLN', 'GLU', 'GLY', 'HIS', 'ILE', 'LEU', 'LYS', 'MET', 'PHE', 'PRO', 'SER',
  'THR', 'TRP', 'TYR', 'VAL', 'UNK', 'A', 'C', 'G', 'U', 'I', 'N', 'DA', 'DC', 'DG', 'DT', 'DI', 'DU', 'HOH',
  'WAT', 'DOD', 'H2O',
]); // prettier-ignore

/** Element letters that can open an atom name in a standard residue. */
const STANDARD_RESIDUE_ELEMENTS = new Set(['C', 'N', 'O', 'S', 'P', 'H', 'D']);

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** First letter after leading digits, if it is one of the elements of standard residues; else ''. */
function firstLetterElement(name: string): string {
  let i = 0;
  while (i < name.length && isDigitCode(name.charCodeAt(i))) i++;
  const c = name.charAt(i).toUpperCase();
  return STANDARD_RESIDUE_ELEMENTS.has(c) ? c : '';
}

/**
 * Infers the element from a PDB atom-name field: the 4 characters of columns 13–16, unpadded (the alignment
 * carries the information). The PDB convention: columns 13–14 hold the element symbol right-justified, so
 * ' CA ' is a carbon (C-alpha) and 'CA  ' a calcium; a digit in column 13 ('1HB ', '2HG1') marks an old-style
 * hydrogen name; a 4-character name starting with H or D ('HG11', 'HD21') is a hydrogen (or deuterium), not
 * mercury. In standard residues the first letter decides (see `STANDARD_RESIDUES`). Two-letter symbols starting
 * with H (HE, HF, HG, HO, HS) are taken only when the name or the residue is that symbol ('HG' in HG), since
 * 'HE1 ' style names are far more often misaligned hydrogens. Returns '' when nothing fits.
 */
export function inferElementFromPdbName(name4: string, resName: string): string {
  const trimmed = name4.trim();
  if (trimmed === '') return '';
  if (STANDARD_RESIDUES.has(resName)) {
    const e = firstLetterElement(trimmed);
    if (e !== '') return e;
  }
  const c0 = name4.charCodeAt(0);
  if (name4.length < 2 || c0 === 32 || isDigitCode(c0)) {
    // element right-justified in column 14, or a digit-prefixed hydrogen name ('1HB ')
    const one = name4.charAt(1).toUpperCase();
    if (KNOWN.has(one)) return one;
    return inferElementFromAtomName(trimmed, resName);
  }
  if (!isLetterCode(c0)) return inferElementFromAtomName(trimmed, resName);
  const first = name4.charAt(0).toUpperCase();
  const fourCharacters = name4.length >= 4 && trimmed.length >= 4;
  if ((first === 'H' || first === 'D') && fourCharacters) return first;
  const c1 = name4.charCodeAt(1);
  if (isLetterCode(c1)) {
    const two = name4.slice(0, 2).toUpperCase();
    if (KNOWN.has(two)) {
      if (first !== 'H') return two;
      const upperName = trimmed.toUpperCase();
      if (upperName === two || resName.toUpperCase() === two) return two;
    }
  }
  if (KNOWN.has(first)) return first;
  return '';
}

/**
 * Two-letter symbols accepted from a bare (unaligned) name alone. Symbols that also begin common organic
 * atom names are left out: CA, CD, CE, CL, CO, CU (carbons), NA, NB, NE, NI (haem and arginine nitrogens),
 * OS, HG, HE, … A bare 'CL1' therefore reads as carbon; the reader warns whenever it had to guess.
 */
const BARE_NAME_TWO_LETTER = new Set([
  'FE',
  'ZN',
  'MG',
  'MN',
  'SE',
  'BR',
  'AL',
  'SI',
  'LI',
  'RB',
  'SR',
  'BA',
]);

/**
 * Infers the element from a bare atom name (no column alignment: mmCIF `atom_id`, or a PDB name that fits no
 * PDB rule). Standard residues: the first letter. A single-atom residue named like its atom ('ZN' in ZN): that
 * symbol. Otherwise a two-letter symbol from a short unambiguous list (`BARE_NAME_TWO_LETTER`) when the name,
 * without leading digits and trailing digits/primes, is exactly that symbol or starts with it followed by a
 * digit; else the first letter when it is an element. Returns '' when nothing fits.
 */
export function inferElementFromAtomName(name: string, resName: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === '') return '';
  if (STANDARD_RESIDUES.has(resName)) {
    const e = firstLetterElement(upper);
    if (e !== '') return e;
  }
  if (upper === resName.toUpperCase() && KNOWN.has(upper)) return upper;
  let i = 0;
  while (i < upper.length && isDigitCode(upper.charCodeAt(i))) i++;
  const rest = upper.slice(i);
  if (rest.length >= 2) {
    const two = rest.slice(0, 2);
    const third = rest.length > 2 ? rest.charCodeAt(2) : -1;
    if (BARE_NAME_TWO_LETTER.has(two) && (third === -1 || isDigitCode(third))) return two;
  }
  const one = rest.charAt(0);
  return KNOWN.has(one) ? one : '';
}
