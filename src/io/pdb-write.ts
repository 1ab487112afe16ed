/**
 * PDB writer: fixed 80-column records in the layout `pdb-read.ts` documents (wwPDB Contents Guide 3.30).
 *
 * Writes HEADER (a 4-character name as idCode) or TITLE (any other name), CRYST1 (when the structure has a
 * cell), ATOM/HETATM with ANISOU after each atom that has anisotropic U, TER after the last ATOM record of each
 * run of atoms with one chain id, and END. Atom names follow the alignment rule readers rely on: a name of 4
 * characters, or one starting with a two-letter element symbol ('FE', 'CL1'), starts in column 13; others
 * start in column 14 (' CA ').
 *
 * What PDB cannot hold, and what happens (each reported once, as a warning that recommends mmCIF):
 * - serials above 99 999 and residue numbers above 9 999: hybrid-36 (read by gemmi, Phenix, PyMOL and us);
 * - coordinates outside −999.999 … 9999.999 (8.3 columns): fewer decimals; beyond −9 999 999 … 99 999 999 a
 *   `UserError`; occupancy and B above 999.99: fewer decimals;
 * - atom names over 4, residue names over 3, chain ids over 2, altlocs and insertion codes over 1 character:
 *   cut to fit;
 * - residue numbers below −999, or non-finite numbers: a `UserError` (no fallback exists).
 */
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import { isKnownElement } from './elements.js';
import { encodeHybrid36 } from './hybrid36.js';
import { IssueTally } from './issue-tally.js';
import type { Atoms, Structure } from './structure.js';

export interface WritePdbOptions {
  /** Where warnings about fields that do not fit go. Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

const RECOMMEND = 'write mmCIF (.cif) to keep them exactly';

/** Formats `structure` as PDB text (lines end with '\n'). */
export function formatPdb(structure: Structure, options: WritePdbOptions = {}): string {
  const tally = new IssueTally();
  const out: string[] = [];
  const atoms = structure.atoms;
  if (structure.name !== '') out.push(...nameRecords(structure.name));
  if (structure.cell !== null) {
    const c = structure.cell;
    let sg = structure.spaceGroup ?? '';
    if (sg.length > 11) {
      tally.add('pdb.field-cut', `space group '${sg}'`);
      sg = sg.slice(0, 11);
    }
    out.push(
      'CRYST1' +
        fixed(c.a, 9, 3, 'cell a', tally) +
        fixed(c.b, 9, 3, 'cell b', tally) +
        fixed(c.c, 9, 3, 'cell c', tally) +
        fixed(c.alpha, 7, 2, 'cell alpha', tally) +
        fixed(c.beta, 7, 2, 'cell beta', tally) +
        fixed(c.gamma, 7, 2, 'cell gamma', tally) +
        ' ' +
        sg.padEnd(11) +
        (sg === 'P 1' ? '   1' : '    ') +
        ' '.repeat(10),
    );
  } else if (structure.spaceGroup !== null) {
    tally.add('pdb.space-group-without-cell', structure.spaceGroup);
  }

  const lastAtomOfRun = terPositions(atoms);
  const aniso = atoms.anisoUA2;
  for (let i = 0; i < atoms.count; i++) {
    const ids = atomIdentity(atoms, i, tally);
    const het = atoms.isHetatm[i] === 1;
    const charge = chargeField(atoms.formalCharge?.[i] ?? 0, tally);
    out.push(
      (het ? 'HETATM' : 'ATOM  ') +
        ids +
        '   ' +
        fixed(atoms.x[i], 8, 3, 'coordinate', tally) +
        fixed(atoms.y[i], 8, 3, 'coordinate', tally) +
        fixed(atoms.z[i], 8, 3, 'coordinate', tally) +
        fixed(atoms.occupancy[i], 6, 2, 'occupancy', tally) +
        fixed(atoms.bIsoA2[i], 6, 2, 'B-factor', tally) +
        '          ' +
        elementField(atoms.element[i], tally) +
        charge,
    );
    if (aniso !== null && !Number.isNaN(aniso[6 * i])) {
      let line = 'ANISOU' + ids + ' ';
      let ok = true;
      for (let k = 0; k < 6; k++) {
        const v = Math.round(aniso[6 * i + k] * 10000);
        const s = String(v + 0);
        if (s.length > 7 || !Number.isFinite(v)) ok = false;
        line += s.padStart(7);
      }
      if (ok) out.push(line + '      ' + elementField(atoms.element[i], tally) + charge);
      else tally.add('pdb.anisou-overflow', `atom ${atoms.serial[i]}`);
    }
    if (lastAtomOfRun[i] === 1) {
      const serial = encodeHybrid36(atoms.serial[i] + 1, 5) ?? '     ';
      // TER: serial 7–11, resName 18–20, chainID 22, resSeq 23–26, iCode 27 (columns 12–17 blank)
      out.push('TER   ' + serial + '      ' + ids.slice(11));
    }
  }
  out.push('END');
  report(tally, options.diagnostics ?? silentDiagnostics);
  return out.join('\n') + '\n';
}

/** HEADER for a PDB-style id ('1ABC'), else TITLE lines split at blanks. */
function nameRecords(name: string): string[] {
  if (/^[A-Za-z0-9]{4}$/.test(name)) return [`HEADER${' '.repeat(56)}${name}`];
  const lines: string[] = [];
  const words = name.split(/\s+/).filter((w) => w !== '');
  let current = '';
  const width = () => (lines.length === 0 ? 70 : 69);
  for (let word of words) {
    while (word.length > width()) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, width()));
      word = word.slice(width());
    }
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width()) current += ' ' + word;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines.map((text, k) =>
    k === 0 ? `TITLE     ${text}` : `TITLE   ${String(k + 1).padStart(2)} ${text}`,
  );
}

/** Columns 7–27 of ATOM/HETATM/ANISOU: serial, name, altLoc, resName, chainID, resSeq, iCode. */
function atomIdentity(atoms: Atoms, i: number, tally: IssueTally): string {
  let serial = encodeHybrid36(atoms.serial[i], 5);
  if (serial === null) {
    tally.add('pdb.serial-unwritable', String(atoms.serial[i]));
    serial = '*****';
  } else if (atoms.serial[i] > 99999) {
    tally.add('pdb.hybrid36', `serial ${atoms.serial[i]}`);
  }
  const resSeqValue = atoms.resSeq[i];
  const resSeq = encodeHybrid36(resSeqValue, 4);
  if (resSeq === null) {
    throw new UserError(
      `residue number ${resSeqValue} (atom ${atoms.serial[i]}) does not fit PDB columns 23–26; ${RECOMMEND}`,
    );
  }
  if (resSeqValue > 9999) tally.add('pdb.hybrid36', `residue number ${resSeqValue}`);
  const name = cut(atoms.atomName[i], 4, 'atom name', tally);
  const element = atoms.element[i];
  const startsInColumn13 =
    name.length >= 4 ||
    isDigitCode(name.charCodeAt(0)) ||
    (element.length === 2 && isKnownElement(element) && name.toUpperCase().startsWith(element));
  const nameField = startsInColumn13 ? name.padEnd(4) : (' ' + name).padEnd(4);
  const altLoc = cut(atoms.altLoc[i], 1, 'altloc', tally);
  const resName = cut(atoms.resName[i], 3, 'residue name', tally);
  const chain = cut(atoms.chainId[i], 2, 'chain id', tally);
  const insCode = cut(atoms.insCode[i], 1, 'insertion code', tally);
  return (
    serial +
    ' ' +
    nameField +
    (altLoc || ' ') +
    resName.padStart(3) +
    chain.padStart(2) +
    resSeq +
    (insCode || ' ')
  );
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function cut(value: string, width: number, what: string, tally: IssueTally): string {
  if (value.length <= width) return value;
  tally.add('pdb.field-cut', `${what} '${value}'`);
  return value.slice(0, width);
}

/** `v` right-justified in `width` columns with `decimals` decimals, or fewer decimals when it does not fit. */
function fixed(v: number, width: number, decimals: number, what: string, tally: IssueTally): string {
  if (!Number.isFinite(v)) throw new UserError(`cannot write a PDB file: a ${what} is ${v}`);
  let s = v.toFixed(decimals);
  if (s.length <= width) return s.padStart(width);
  for (let d = decimals - 1; d >= 0; d--) {
    s = v.toFixed(d);
    if (s.length <= width) {
      tally.add('pdb.precision-lost', `${what} ${v}`);
      return s.padStart(width);
    }
  }
  throw new UserError(`a ${what} of ${v} does not fit the ${width} PDB columns; ${RECOMMEND}`);
}

function elementField(element: string, tally: IssueTally): string {
  return cut(element, 2, 'element', tally).padStart(2);
}

function chargeField(charge: number, tally: IssueTally): string {
  if (charge === 0) return '  ';
  if (Math.abs(charge) > 9) {
    tally.add('pdb.field-cut', `charge ${charge}`);
    return '  ';
  }
  return `${Math.abs(charge)}${charge > 0 ? '+' : '-'}`;
}

/** 1 at the last ATOM (not HETATM) record of each run of consecutive atoms with the same chain id. */
function terPositions(atoms: Atoms): Uint8Array {
  const marks = new Uint8Array(atoms.count);
  let lastPolymer = -1;
  for (let i = 0; i < atoms.count; i++) {
    if (atoms.isHetatm[i] === 0) lastPolymer = i;
    const runEnds = i === atoms.count - 1 || atoms.chainId[i + 1] !== atoms.chainId[i];
    if (runEnds) {
      if (lastPolymer >= 0) marks[lastPolymer] = 1;
      lastPolymer = -1;
    }
  }
  return marks;
}

function report(tally: IssueTally, diagnostics: Diagnostics): void {
  tally.report(
    diagnostics,
    'pdb.hybrid36',
    'warning',
    (n, first) =>
      `${n} serial or residue number${n === 1 ? ' exceeds' : 's exceed'} the PDB columns (e.g. ${first}); ` +
      `written in hybrid-36, which some programs cannot read; ${RECOMMEND}`,
  );
  tally.report(
    diagnostics,
    'pdb.serial-unwritable',
    'warning',
    (n, first) =>
      `${n} atom serial${n === 1 ? '' : 's'} cannot be written in PDB (e.g. ${first}); written as '*****'`,
  );
  tally.report(
    diagnostics,
    'pdb.precision-lost',
    'warning',
    (n, first) =>
      `${n} value${n === 1 ? '' : 's'} too large for the PDB columns ${n === 1 ? 'was' : 'were'} written with ` +
      `fewer decimals (e.g. ${first}); ${RECOMMEND}`,
  );
  tally.report(
    diagnostics,
    'pdb.field-cut',
    'warning',
    (n, first) =>
      `${n} field${n === 1 ? ' is' : 's are'} too long for the PDB columns and ${n === 1 ? 'was' : 'were'} cut (e.g. ${first}); ${RECOMMEND}`,
  );
  tally.report(
    diagnostics,
    'pdb.anisou-overflow',
    'warning',
    (n, first) =>
      `${n} anisotropic U ${n === 1 ? 'does' : 'do'} not fit the ANISOU columns and ${n === 1 ? 'was' : 'were'} left out (e.g. ${first}); ${RECOMMEND}`,
  );
  tally.report(
    diagnostics,
    'pdb.space-group-without-cell',
    'warning',
    (_n, first) =>
      `the space group '${first}' was not written: PDB holds it only in CRYST1, which needs a unit cell`,
  );
}
