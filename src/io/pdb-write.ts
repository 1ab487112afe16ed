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
import { encodeHybrid36, maxHybrid36 } from './hybrid36.js';
import { IssueTally } from './issue-tally.js';
import type { Atoms, Structure } from './structure.js';
import { TextBuffer } from './text-buffer.js';

export interface WritePdbOptions {
  /** Where warnings about fields that do not fit go. Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

const RECOMMEND = 'write mmCIF (.cif) to keep them exactly';

/** Formats `structure` as PDB text (lines end with '\n'). */
export function formatPdb(structure: Structure, options: WritePdbOptions = {}): string {
  return encodePdb(structure, options).toString();
}

/** The PDB file as UTF-8 bytes (what `writeStructure` writes; `formatPdb` decodes it). */
export function encodePdb(structure: Structure, options: WritePdbOptions = {}): TextBuffer {
  const tally = new IssueTally();
  const atoms = structure.atoms;
  const out = new TextBuffer(82 * (atoms.count + 16));
  if (structure.name !== '') for (const line of nameRecords(structure.name)) out.put(line + '\n');
  if (structure.cell !== null) {
    const c = structure.cell;
    let sg = structure.spaceGroup ?? '';
    if (sg.length > 11) {
      tally.add('pdb.field-cut', `space group '${sg}'`);
      sg = sg.slice(0, 11);
    }
    out.put('CRYST1');
    putFixed(out, c.a, 9, 3, 'cell a', tally);
    putFixed(out, c.b, 9, 3, 'cell b', tally);
    putFixed(out, c.c, 9, 3, 'cell c', tally);
    putFixed(out, c.alpha, 7, 2, 'cell alpha', tally);
    putFixed(out, c.beta, 7, 2, 'cell beta', tally);
    putFixed(out, c.gamma, 7, 2, 'cell gamma', tally);
    out.put(' ');
    out.padEnd(sg, 11);
    out.put(sg === 'P 1' ? '   1' : '    ');
    out.spaces(10);
    out.put('\n');
  } else if (structure.spaceGroup !== null) {
    tally.add('pdb.space-group-without-cell', structure.spaceGroup);
  }

  const lastAtomOfRun = terPositions(atoms);
  const aniso = atoms.anisoUA2;
  const charges = atoms.formalCharge;
  const fields = new FieldCache(tally);
  for (let i = 0; i < atoms.count; i++) {
    const het = atoms.isHetatm[i] === 1;
    const charge = chargeField(charges === undefined ? 0 : charges[i], tally);
    const element = fields.element(atoms.element[i]);
    const serial = atoms.serial[i];
    if (serial > 99999 || serial < -9999) {
      if (serial > maxHybrid36(5) || serial < -9999) tally.add('pdb.serial-unwritable', String(serial));
      else tally.add('pdb.hybrid36', `serial ${serial}`);
    }
    if (atoms.resSeq[i] > 9999) tally.add('pdb.hybrid36', `residue number ${atoms.resSeq[i]}`);
    out.put(het ? 'HETATM' : 'ATOM  ');
    putIdentity(out, atoms, i, fields);
    out.put('   ');
    putFixed(out, atoms.x[i], 8, 3, 'coordinate', tally);
    putFixed(out, atoms.y[i], 8, 3, 'coordinate', tally);
    putFixed(out, atoms.z[i], 8, 3, 'coordinate', tally);
    putFixed(out, atoms.occupancy[i], 6, 2, 'occupancy', tally);
    putFixed(out, atoms.bIsoA2[i], 6, 2, 'B-factor', tally);
    out.spaces(10);
    out.put(element);
    out.put(charge);
    out.put('\n');
    if (aniso !== null && !Number.isNaN(aniso[6 * i])) {
      let ok = true;
      for (let k = 0; k < 6; k++) {
        const v = Math.round(aniso[6 * i + k] * 10000);
        if (!Number.isFinite(v) || String(v + 0).length > 7) ok = false;
      }
      if (ok) {
        out.put('ANISOU');
        putIdentity(out, atoms, i, fields);
        out.put(' ');
        for (let k = 0; k < 6; k++) out.padStart(String(Math.round(aniso[6 * i + k] * 10000) + 0), 7);
        out.spaces(6);
        out.put(element);
        out.put(charge);
        out.put('\n');
      } else {
        tally.add('pdb.anisou-overflow', `atom ${atoms.serial[i]}`);
      }
    }
    if (lastAtomOfRun[i] === 1) {
      // TER: serial 7–11, resName 18–20, chainID 21–22, resSeq 23–26, iCode 27 (columns 12–17 blank)
      out.put('TER   ');
      out.put(encodeHybrid36(atoms.serial[i] + 1, 5) ?? '     ');
      out.spaces(6);
      putResidue(out, atoms, i, fields);
      out.put('\n');
    }
  }
  out.put('END\n');
  report(tally, options.diagnostics ?? silentDiagnostics);
  return out;
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

/** Per-string field texts, computed once per distinct value (names repeat across a model). */
class FieldCache {
  private readonly names = new Map<string, string>();
  private readonly residues = new Map<string, string>();
  private readonly chains = new Map<string, string>();
  private readonly elements = new Map<string, string>();
  private readonly shortFields = new Map<string, string>();

  constructor(private readonly tally: IssueTally) {}

  /** Columns 13–16: the name aligned by the PDB rule for its element. */
  name(name: string, element: string): string {
    const key = `${name}\t${element}`;
    let v = this.names.get(key);
    if (v === undefined) {
      const cutName = cut(name, 4, 'atom name', this.tally);
      const startsInColumn13 =
        cutName.length >= 4 ||
        isDigitCode(cutName.charCodeAt(0)) ||
        (element.length === 2 && isKnownElement(element) && cutName.toUpperCase().startsWith(element));
      v = startsInColumn13 ? cutName.padEnd(4) : (' ' + cutName).padEnd(4);
      this.names.set(key, v);
    }
    return v;
  }

  /** Columns 18–20, right-justified. */
  residue(resName: string): string {
    let v = this.residues.get(resName);
    if (v === undefined) {
      v = cut(resName, 3, 'residue name', this.tally).padStart(3);
      this.residues.set(resName, v);
    }
    return v;
  }

  /** Columns 21–22, right-justified. */
  chain(chainId: string): string {
    let v = this.chains.get(chainId);
    if (v === undefined) {
      v = cut(chainId, 2, 'chain id', this.tally).padStart(2);
      this.chains.set(chainId, v);
    }
    return v;
  }

  /** Columns 77–78, right-justified. */
  element(element: string): string {
    let v = this.elements.get(element);
    if (v === undefined) {
      v = cut(element, 2, 'element', this.tally).padStart(2);
      this.elements.set(element, v);
    }
    return v;
  }

  /** A one-column field (altLoc, iCode): blank when empty. */
  oneColumn(value: string, what: string): string {
    if (value === '') return ' ';
    if (value.length === 1) return value;
    const key = `${what}\t${value}`;
    let v = this.shortFields.get(key);
    if (v === undefined) {
      v = cut(value, 1, what, this.tally);
      this.shortFields.set(key, v);
    }
    return v;
  }
}

/** Columns 7–27 of ATOM/HETATM/ANISOU: serial, name, altLoc, resName, chainID, resSeq, iCode. */
function putIdentity(out: TextBuffer, atoms: Atoms, i: number, fields: FieldCache): void {
  out.put(encodeHybrid36(atoms.serial[i], 5) ?? '*****');
  out.put(' ');
  out.put(fields.name(atoms.atomName[i], atoms.element[i]));
  out.put(fields.oneColumn(atoms.altLoc[i], 'altloc'));
  putResidue(out, atoms, i, fields);
}

/** Columns 18–27: resName, chainID, resSeq, iCode. */
function putResidue(out: TextBuffer, atoms: Atoms, i: number, fields: FieldCache): void {
  const resSeqValue = atoms.resSeq[i];
  const resSeq = encodeHybrid36(resSeqValue, 4);
  if (resSeq === null) {
    throw new UserError(
      `residue number ${resSeqValue} (atom ${atoms.serial[i]}) does not fit PDB columns 23–26; ${RECOMMEND}`,
    );
  }
  out.put(fields.residue(atoms.resName[i]));
  out.put(fields.chain(atoms.chainId[i]));
  out.put(resSeq);
  out.put(fields.oneColumn(atoms.insCode[i], 'insertion code'));
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
function putFixed(
  out: TextBuffer,
  v: number,
  width: number,
  decimals: number,
  what: string,
  tally: IssueTally,
): void {
  if (!Number.isFinite(v)) throw new UserError(`cannot write a PDB file: a ${what} is ${v}`);
  let s = v.toFixed(decimals);
  if (s.length <= width) {
    out.padStart(s, width);
    return;
  }
  for (let d = decimals - 1; d >= 0; d--) {
    s = v.toFixed(d);
    if (s.length <= width) {
      tally.add('pdb.precision-lost', `${what} ${v}`);
      out.padStart(s, width);
      return;
    }
  }
  throw new UserError(`a ${what} of ${v} does not fit the ${width} PDB columns; ${RECOMMEND}`);
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
