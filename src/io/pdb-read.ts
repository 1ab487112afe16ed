/**
 * PDB reader: the fixed-column coordinate format (wwPDB "Protein Data Bank Contents Guide", version 3.30,
 * sections "Coordinate Section" and "Crystallographic and Coordinate Transformation Section").
 *
 * Records read (columns are 1-based, inclusive, as in the guide):
 * - ATOM/HETATM: serial 7–11 (decimal or hybrid-36; blank reads as 0), name 13–16, altLoc 17, resName 18–20, chainID 21–22 (the
 *   guide's 22, plus column 21 where programs put a second character), resSeq 23–26 (decimal or hybrid-36),
 *   iCode 27, x y z 31–38 39–46 47–54, occupancy 55–60, tempFactor 61–66, element 77–78, charge 79–80.
 * - ANISOU: U×10⁴ (integers) in 29–35 … 64–70, order U11 U22 U33 U12 U13 U23; attached to the ATOM/HETATM
 *   record just before it when columns 7–27 (serial to iCode) agree.
 * - CRYST1: a b c 7–15 16–24 25–33, α β γ 34–40 41–47 48–54, space group 56–66.
 * - MODEL/ENDMDL: the first model is read unless `options.model` names another.
 * - HEADER (idCode 63–66) and TITLE (11–80, continued): the structure's name is the idCode, else the title.
 *
 * Departures from the guide, on purpose:
 * - Lines may be short (trailing blanks stripped by editors): a record that ends before the coordinates is an
 *   error; missing occupancy reads as 1 and missing B as 0 Å², each reported once as a warning.
 * - CRLF and CR-less files both read; blank lines and unknown records are skipped.
 * - Elements missing or invalid in 77–78 are inferred from the name field (`elements.ts`), with a warning.
 */
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import { FormatError } from '../core/errors.js';
import { AtomTableBuilder } from './atom-table-builder.js';
import { decodeHybrid36 } from './hybrid36.js';
import { isBlank, parseDecimal, parseInteger } from './parse-number.js';
import { ShortStringPool } from './string-pool.js';
import type { ReadStructureOptions } from './read-options.js';
import { checkReadOptions } from './read-options.js';
import type { RawRead } from './read-support.js';
import { ElementResolver, finishRead } from './read-support.js';
import { IssueTally } from './issue-tally.js';
import type { Structure, UnitCell } from './structure.js';

/** Parses PDB text. `fileName` names the file in errors and warnings. */
export function parsePdb(text: string, fileName: string, options: ReadStructureOptions = {}): Structure {
  checkReadOptions(options);
  const raw = readPdbRecords(text, fileName, options);
  reportPdbIssues(raw.tally, fileName, options.diagnostics ?? silentDiagnostics);
  return finishRead(raw, fileName, options);
}

const CODE_A = 65;
const CODE_C = 67;
const CODE_E = 69;
const CODE_H = 72;
const CODE_M = 77;
const CODE_T = 84;

function readPdbRecords(text: string, fileName: string, options: ReadStructureOptions): RawRead {
  const tally = new IssueTally();
  const elements = new ElementResolver(tally);
  const raw = new ShortStringPool(false);
  const trimmed = new ShortStringPool(true);
  const builder = new AtomTableBuilder(Math.max(1024, (text.length / 81) | 0));
  let cell: UnitCell | null = null;
  let spaceGroup: string | null = null;
  let idCode = '';
  let title = '';

  const models: number[] = [];
  let wanted: number | null = options.model ?? null;
  /** Whether ATOM records at this point belong to the model being read. */
  let reading = true;
  let finishedWanted = false;
  let lastAtomIndex = -1;
  let lastAtomKey = '';

  const fail = (lineNo: number, problem: string): never => {
    throw new FormatError(fileName, `line ${lineNo}: ${problem}`);
  };

  const len = text.length;
  let pos = 0;
  let lineNo = 0;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    const next = end + 1;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lineNo++;
    const c0 = text.charCodeAt(pos);
    const isAtom = c0 === CODE_A && text.startsWith('ATOM', pos);
    const isHet = c0 === CODE_H && text.startsWith('HETATM', pos);
    if (isAtom || isHet) {
      if (!reading) {
        lastAtomIndex = -1;
        pos = next;
        continue;
      }
      const line = text.substring(pos, end);
      if (line.length < 54) {
        fail(
          lineNo,
          `${isHet ? 'HETATM' : 'ATOM'} record ends at column ${line.length}, before the coordinates ` +
            '(columns 31–54)',
        );
      }
      const x = coordinate(line, 30, 38, 'x', lineNo, fail);
      const y = coordinate(line, 38, 46, 'y', lineNo, fail);
      const z = coordinate(line, 46, 54, 'z', lineNo, fail);
      let serial = parseInteger(line, 6, 11);
      if (Number.isNaN(serial)) {
        // blank (some programs leave added hydrogens unnumbered): 0, as gemmi reads it
        serial = isBlank(line, 6, 11) ? 0 : decodeHybrid36(line.substring(6, 11), 5);
        if (Number.isNaN(serial)) {
          tally.add('pdb.bad-serial', `line ${lineNo}: '${line.substring(6, 11)}'`);
          serial = 0;
        }
      }
      const name4 = raw.get(line, 12, 16);
      const resName = trimmed.get(line, 17, 20);
      let resSeq = 0;
      if (!isBlank(line, 22, 26)) {
        resSeq = parseInteger(line, 22, 26);
        if (Number.isNaN(resSeq)) resSeq = decodeHybrid36(line.substring(22, 26), 4);
        if (Number.isNaN(resSeq)) {
          fail(lineNo, `residue number '${line.substring(22, 26).trim()}' (columns 23–26) is not a number`);
        }
      }
      let occupancy = 1;
      if (line.length <= 54 || isBlank(line, 54, 60)) {
        tally.add('structure.default-occupancy', `line ${lineNo}`);
      } else {
        occupancy = parseDecimal(line, 54, 60);
        if (Number.isNaN(occupancy)) {
          fail(lineNo, `occupancy '${line.substring(54, 60).trim()}' (columns 55–60) is not a number`);
        }
      }
      let bIso = 0;
      if (line.length <= 60 || isBlank(line, 60, 66)) {
        tally.add('structure.default-b-factor', `line ${lineNo}`);
      } else {
        bIso = parseDecimal(line, 60, 66);
        if (Number.isNaN(bIso)) {
          fail(lineNo, `B-factor '${line.substring(60, 66).trim()}' (columns 61–66) is not a number`);
        }
      }
      const element = elements.resolve(raw.get(line, 76, 78), name4, resName, true, lineNo);
      const charge = line.length > 78 ? parseCharge(raw.get(line, 78, 80)) : 0;
      if (Number.isNaN(charge)) {
        tally.add('pdb.bad-charge', `line ${lineNo}: '${line.substring(78, 80)}'`);
      }
      lastAtomIndex = builder.add(
        serial,
        trimmed.get(line, 12, 16),
        trimmed.get(line, 16, 17),
        resName,
        trimmed.get(line, 20, 22),
        resSeq,
        trimmed.get(line, 26, 27),
        x,
        y,
        z,
        occupancy,
        bIso,
        element,
        Number.isNaN(charge) ? 0 : charge,
        isHet,
      );
      lastAtomKey = line.substring(6, 27);
    } else if (c0 === CODE_A && text.startsWith('ANISOU', pos)) {
      if (reading) {
        const line = text.substring(pos, end);
        if (lastAtomIndex < 0 || line.substring(6, 27) !== lastAtomKey) {
          tally.add('pdb.anisou-unmatched', `line ${lineNo}`);
        } else {
          const u = [0, 0, 0, 0, 0, 0];
          for (let k = 0; k < 6; k++) {
            const v = parseInteger(line, 28 + 7 * k, 35 + 7 * k);
            if (Number.isNaN(v)) {
              fail(
                lineNo,
                `ANISOU value '${line.substring(28 + 7 * k, 35 + 7 * k).trim()}' (columns ` +
                  `${29 + 7 * k}–${35 + 7 * k}) is not an integer`,
              );
            }
            u[k] = v / 10000;
          }
          builder.setAniso(lastAtomIndex, u[0], u[1], u[2], u[3], u[4], u[5]);
        }
      }
    } else if (c0 === CODE_M && text.startsWith('MODEL', pos)) {
      const line = text.substring(pos, end);
      const n = parseInteger(line, 5, line.length);
      const number = Number.isNaN(n) ? models.length + 1 : n;
      models.push(number);
      if (wanted === null) wanted = number;
      reading = !finishedWanted && number === wanted;
      lastAtomIndex = -1;
    } else if (c0 === CODE_E && text.startsWith('ENDMDL', pos)) {
      if (reading && models.length > 0) finishedWanted = true;
      reading = false;
      lastAtomIndex = -1;
    } else if (c0 === CODE_C && text.startsWith('CRYST1', pos)) {
      const line = text.substring(pos, end);
      const a = parseDecimal(line, 6, 15);
      const b = parseDecimal(line, 15, 24);
      const c = parseDecimal(line, 24, 33);
      const alpha = parseDecimal(line, 33, 40);
      const beta = parseDecimal(line, 40, 47);
      const gamma = parseDecimal(line, 47, 54);
      if ([a, b, c, alpha, beta, gamma].some((v) => Number.isNaN(v))) {
        tally.add('pdb.bad-cryst1', `line ${lineNo}`);
      } else {
        cell = { a, b, c, alpha, beta, gamma };
        const sg = line.substring(55, 66).trim();
        spaceGroup = sg === '' ? null : sg;
      }
    } else if (c0 === CODE_H && text.startsWith('HEADER', pos)) {
      idCode = text.substring(pos, end).substring(62, 66).trim();
    } else if (c0 === CODE_T && text.startsWith('TITLE ', pos)) {
      const part = text.substring(pos, end).substring(10).trim();
      if (part !== '') title = title === '' ? part : `${title} ${part}`;
    }
    pos = next;
  }

  if (options.model !== undefined && !models.includes(options.model)) {
    throw new FormatError(
      fileName,
      models.length === 0
        ? `model ${options.model} was asked for, but the file has no MODEL records (one model)`
        : `model ${options.model} was asked for, but the file has models ${listModels(models)}`,
    );
  }
  if (builder.count === 0) {
    throw new FormatError(
      fileName,
      models.length > 1 ? `no ATOM/HETATM records found in model ${wanted}` : 'no ATOM/HETATM records found',
    );
  }
  return {
    builder,
    tally,
    cell,
    spaceGroup,
    name: idCode !== '' ? idCode : title,
    models,
    modelRead: models.length > 0 ? wanted : null,
  };
}

/** The PDB-specific warnings (the shared ones are reported by `finishRead`). */
function reportPdbIssues(tally: IssueTally, fileName: string, diagnostics: Diagnostics): void {
  tally.report(
    diagnostics,
    'pdb.bad-serial',
    'warning',
    (n, first) =>
      `${fileName}: ${n} atom serial number${n === 1 ? ' is' : 's are'} neither decimal nor hybrid-36 ` +
      `(e.g. ${first}); read as 0`,
  );
  tally.report(
    diagnostics,
    'pdb.bad-charge',
    'warning',
    (n, first) =>
      `${fileName}: ${n} charge field${n === 1 ? '' : 's'} (columns 79–80) not understood (e.g. ${first}); read as 0`,
  );
  tally.report(
    diagnostics,
    'pdb.anisou-unmatched',
    'warning',
    (n, first) =>
      `${fileName}: ${n} ANISOU record${n === 1 ? ' does' : 's do'} not follow the ATOM/HETATM record of the ` +
      `same atom (columns 7–27 differ; e.g. ${first}); ignored`,
  );
  tally.report(
    diagnostics,
    'pdb.bad-cryst1',
    'warning',
    (_n, first) =>
      `${fileName}: the CRYST1 record (${first}) has a field that is not a number; no unit cell read`,
  );
}

function listModels(models: readonly number[]): string {
  if (models.length <= 10) return models.join(', ');
  return `${models.slice(0, 5).join(', ')}, …, ${models.slice(-2).join(', ')} (${models.length} models)`;
}

function coordinate(
  line: string,
  start: number,
  end: number,
  axis: string,
  lineNo: number,
  fail: (lineNo: number, problem: string) => never,
): number {
  const v = parseDecimal(line, start, end);
  if (Number.isNaN(v)) {
    const field = line.substring(start, end).trim();
    fail(
      lineNo,
      field === ''
        ? `${axis} coordinate (columns ${start + 1}–${end}) is blank`
        : `${axis} coordinate '${field}' is not a number`,
    );
  }
  return v;
}

/** Formal charge from columns 79–80: '2+', '1-', also '+2', '-1', '+', '-'; 0 when blank, NaN when invalid. */
export function parseCharge(field: string): number {
  const s = field.trim();
  if (s === '') return 0;
  const m = /^([0-9]?)([+-])$/.exec(s) ?? /^([+-])([0-9]?)$/.exec(s);
  if (m === null) return NaN;
  const sign = m[1] === '+' || m[2] === '+' ? 1 : -1;
  const digits = m[1] === '+' || m[1] === '-' ? m[2] : m[1];
  return sign * (digits === '' ? 1 : Number(digits));
}
