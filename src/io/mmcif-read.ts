/**
 * mmCIF reader: the `_atom_site` loop (PDBx/mmCIF dictionary, category ATOM_SITE) plus the unit cell, space
 * group, entry id and anisotropic displacements. Columns are found by tag name, never by position.
 *
 * Per atom (first choice, else second):
 * - element `type_symbol` (else inferred from the atom name, with a warning);
 * - atom name `auth_atom_id`, else `label_atom_id`; residue name `auth_comp_id`, else `label_comp_id`;
 * - chain `auth_asym_id`, else `label_asym_id`; residue number `auth_seq_id`, else `label_seq_id` (else 0);
 *   the fallback applies per row, so a missing ('?') auth value falls back too;
 * - altloc `label_alt_id`, insertion code `pdbx_PDB_ins_code` ('?' and '.' read as '');
 * - `Cartn_x/y/z` (required), `occupancy` (missing: 1, warned), `B_iso_or_equiv` (missing: 0 Å², warned);
 * - `group_PDB` ('HETATM' → hetero), `id` (serial; missing: 0; not an integer: 0, warned), `pdbx_formal_charge`;
 * - `pdbx_PDB_model_num`: the first model is read unless `options.model` names another.
 * `_atom_site_anisotrop` rows join `_atom_site.id` through their `id`; U[i][j] in Å², or B[i][j] / 8π².
 * Cell from `_cell.length_a` …; space group from `_symmetry.space_group_name_H-M`, else
 * `_space_group.name_H-M_alt`; name from `_entry.id` ('' when '?'), else the data block's name.
 */
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import { FormatError } from '../core/errors.js';
import { AtomTableBuilder } from './atom-table-builder.js';
import type { CifBlock, CifField } from './cif-tokenizer.js';
import { CifSyntaxError, parseCif } from './cif-tokenizer.js';
import type { ReadStructureOptions } from './read-options.js';
import { checkReadOptions } from './read-options.js';
import type { RawRead } from './read-support.js';
import { ElementResolver, finishRead } from './read-support.js';
import { ShortStringPool } from './string-pool.js';
import { IssueTally } from './issue-tally.js';
import type { Structure, UnitCell } from './structure.js';

/** 8π²: B = 8π²·U (Å²). */
const U_TO_B = 8 * Math.PI * Math.PI;

/** Parses mmCIF text. `fileName` names the file in errors and warnings. */
export function parseMmcif(text: string, fileName: string, options: ReadStructureOptions = {}): Structure {
  checkReadOptions(options);
  let doc;
  try {
    doc = parseCif(text);
  } catch (e: unknown) {
    if (e instanceof CifSyntaxError) throw new FormatError(fileName, `CIF syntax error at ${e.message}`);
    throw e;
  }
  if (doc.blocks.length === 0) {
    throw new FormatError(fileName, "no 'data_' block found: not a CIF file");
  }
  const block = doc.blocks.find((b) => b.category('_atom_site') !== undefined);
  if (block === undefined) {
    throw new FormatError(
      fileName,
      'no _atom_site category found: an mmCIF coordinate file lists its atoms in an _atom_site loop',
    );
  }
  const raw = readAtomSite(block, fileName, options);
  reportMmcifIssues(raw.tally, fileName, options.diagnostics ?? silentDiagnostics);
  return finishRead(raw, fileName, options);
}

/** A field's string at `row` (short values shared through `pool`), or '' when absent or missing. */
function strOr(field: CifField | undefined, row: number, pool: ShortStringPool): string {
  return field === undefined ? '' : field.strPooled(row, pool);
}

function readAtomSite(block: CifBlock, fileName: string, options: ReadStructureOptions): RawRead {
  const site = block.category('_atom_site')!;
  const n = site.rowCount;
  const f = (name: string) => site.field(name);
  const fx = f('Cartn_x');
  const fy = f('Cartn_y');
  const fz = f('Cartn_z');
  for (const [field, tag] of [
    [fx, 'Cartn_x'],
    [fy, 'Cartn_y'],
    [fz, 'Cartn_z'],
  ] as const) {
    if (field === undefined) {
      throw new FormatError(fileName, `_atom_site has no ${tag} column: the atoms have no coordinates`);
    }
  }
  const fElement = f('type_symbol');
  const fAuthAtom = f('auth_atom_id');
  const fLabelAtom = f('label_atom_id');
  const fAlt = f('label_alt_id');
  const fAuthComp = f('auth_comp_id');
  const fLabelComp = f('label_comp_id');
  const fAuthAsym = f('auth_asym_id');
  const fLabelAsym = f('label_asym_id');
  const fAuthSeq = f('auth_seq_id');
  const fLabelSeq = f('label_seq_id');
  const fIns = f('pdbx_PDB_ins_code');
  const fOcc = f('occupancy');
  const fB = f('B_iso_or_equiv');
  const fGroup = f('group_PDB');
  const fId = f('id');
  const fCharge = f('pdbx_formal_charge');
  const fModel = f('pdbx_PDB_model_num');

  const tally = new IssueTally();
  const elements = new ElementResolver(tally);
  const builder = new AtomTableBuilder(n);
  const pool = new ShortStringPool(false);
  const fail = (field: CifField, row: number, problem: string): never => {
    throw new FormatError(fileName, `line ${field.line(row)}: ${problem}`);
  };

  // models, in order of first appearance
  const models: number[] = [];
  let wanted: number | null = options.model ?? null;
  let lastModel = NaN;
  const modelsSeen = new Set<number>();

  /** _atom_site.id → atom index, for the anisotrop join (built only when that category exists). */
  const anisoCategory = block.category('_atom_site_anisotrop');
  const idToIndex = anisoCategory !== undefined && fId !== undefined ? new Map<string, number>() : null;

  for (let row = 0; row < n; row++) {
    if (fModel !== undefined) {
      const model = fModel.float(row);
      if (model !== lastModel) {
        lastModel = model;
        if (!Number.isInteger(model)) {
          fail(fModel, row, `model number '${fModel.raw(row)}' (pdbx_PDB_model_num) is not an integer`);
        }
        if (!modelsSeen.has(lastModel)) {
          modelsSeen.add(lastModel);
          models.push(lastModel);
        }
        if (wanted === null) wanted = lastModel;
      }
      if (lastModel !== wanted) continue;
    }
    const x = fx!.float(row);
    const y = fy!.float(row);
    const z = fz!.float(row);
    if (Number.isNaN(x)) fail(fx!, row, `x coordinate '${fx!.raw(row)}' is not a number`);
    if (Number.isNaN(y)) fail(fy!, row, `y coordinate '${fy!.raw(row)}' is not a number`);
    if (Number.isNaN(z)) fail(fz!, row, `z coordinate '${fz!.raw(row)}' is not a number`);

    let name = strOr(fAuthAtom, row, pool);
    if (name === '') name = strOr(fLabelAtom, row, pool);
    let resName = strOr(fAuthComp, row, pool);
    if (resName === '') resName = strOr(fLabelComp, row, pool);
    let chainId = strOr(fAuthAsym, row, pool);
    if (chainId === '') chainId = strOr(fLabelAsym, row, pool);

    let resSeq = fAuthSeq === undefined ? NaN : fAuthSeq.float(row);
    if (Number.isNaN(resSeq) && fLabelSeq !== undefined) resSeq = fLabelSeq.float(row);
    if (Number.isNaN(resSeq)) {
      const field = fAuthSeq ?? fLabelSeq;
      if (field !== undefined && !field.isMissing(row)) {
        fail(field, row, `residue number '${field.raw(row)}' (${field.name}) is not a number`);
      }
      resSeq = 0;
    } else if (!Number.isInteger(resSeq)) {
      const field = (fAuthSeq ?? fLabelSeq)!;
      fail(field, row, `residue number '${field.raw(row)}' (${field.name}) is not an integer`);
    }

    let occupancy = 1;
    if (fOcc === undefined || fOcc.isMissing(row)) {
      tally.add('structure.default-occupancy', `line ${(fOcc ?? fx!).line(row)}`);
    } else {
      occupancy = fOcc.float(row);
      if (Number.isNaN(occupancy)) fail(fOcc, row, `occupancy '${fOcc.raw(row)}' is not a number`);
    }
    let bIso = 0;
    if (fB === undefined || fB.isMissing(row)) {
      tally.add('structure.default-b-factor', `line ${(fB ?? fx!).line(row)}`);
    } else {
      bIso = fB.float(row);
      if (Number.isNaN(bIso)) fail(fB, row, `B_iso_or_equiv '${fB.raw(row)}' is not a number`);
    }

    let serial = fId === undefined || fId.isMissing(row) ? 0 : fId.float(row);
    if (!Number.isInteger(serial) || Math.abs(serial) > 2147483647) {
      tally.add('mmcif.bad-id', `line ${fId!.line(row)}: '${fId!.raw(row)}'`);
      serial = 0;
    }

    let charge = 0;
    if (fCharge !== undefined && !fCharge.isMissing(row)) {
      charge = fCharge.float(row);
      if (!Number.isInteger(charge) || charge < -128 || charge > 127) {
        tally.add('mmcif.bad-charge', `line ${fCharge.line(row)}: '${fCharge.raw(row)}'`);
        charge = 0;
      }
    }

    const rawElement = strOr(fElement, row, pool);
    const element =
      rawElement !== '' && rawElement.length <= 2 && isUpperKnownFast(rawElement)
        ? rawElement
        : elements.resolve(rawElement, name, resName, false, `_atom_site row ${row + 1}`);
    const isHet = fGroup !== undefined && fGroup.str(row) === 'HETATM';

    const index = builder.add(
      serial,
      name,
      strOr(fAlt, row, pool),
      resName,
      chainId,
      resSeq,
      strOr(fIns, row, pool),
      x,
      y,
      z,
      occupancy,
      bIso,
      element,
      charge,
      isHet,
    );
    if (idToIndex !== null) idToIndex.set(fId!.str(row), index);
  }

  if (options.model !== undefined && fModel === undefined && options.model !== 1) {
    throw new FormatError(
      fileName,
      `model ${options.model} was asked for, but _atom_site has no pdbx_PDB_model_num (one model)`,
    );
  }
  if (options.model !== undefined && fModel !== undefined && !modelsSeen.has(options.model)) {
    throw new FormatError(
      fileName,
      `model ${options.model} was asked for, but the file has models ${models.join(', ')}`,
    );
  }
  if (builder.count === 0) {
    throw new FormatError(fileName, n === 0 ? 'the _atom_site loop has no atoms' : 'no atoms found');
  }
  if (anisoCategory !== undefined && idToIndex !== null) readAnisotrop(block, idToIndex, builder, tally);

  return {
    builder,
    tally,
    cell: readCell(block),
    spaceGroup: readSpaceGroup(block),
    name: readName(block),
    models,
    modelRead: fModel === undefined ? null : wanted,
  };
}

/** Fast path for the usual case: an upper-case one- or two-letter symbol ('C', 'FE'). */
const COMMON = new Set([
  'C',
  'N',
  'O',
  'S',
  'H',
  'P',
  'D',
  'SE',
  'FE',
  'ZN',
  'MG',
  'CA',
  'CL',
  'NA',
  'K',
  'MN',
]);
function isUpperKnownFast(s: string): boolean {
  return COMMON.has(s);
}

function readAnisotrop(
  block: CifBlock,
  idToIndex: Map<string, number>,
  builder: AtomTableBuilder,
  tally: IssueTally,
): void {
  const cat = block.category('_atom_site_anisotrop')!;
  const fId = cat.field('id');
  if (fId === undefined) return;
  const names = ['[1][1]', '[2][2]', '[3][3]', '[1][2]', '[1][3]', '[2][3]'];
  let fields = names.map((s) => cat.field(`U${s}`));
  let scale = 1;
  if (fields.some((x) => x === undefined)) {
    fields = names.map((s) => cat.field(`B${s}`));
    scale = 1 / U_TO_B;
    if (fields.some((x) => x === undefined)) return;
  }
  const [f11, f22, f33, f12, f13, f23] = fields as CifField[];
  for (let row = 0; row < cat.rowCount; row++) {
    const index = idToIndex.get(fId.str(row));
    if (index === undefined) continue; // another model, or an altloc not kept yet: no atom
    const u11 = f11.float(row) * scale;
    const u22 = f22.float(row) * scale;
    const u33 = f33.float(row) * scale;
    const u12 = f12.float(row) * scale;
    const u13 = f13.float(row) * scale;
    const u23 = f23.float(row) * scale;
    if ([u11, u22, u33, u12, u13, u23].some((v) => Number.isNaN(v))) {
      tally.add('mmcif.bad-anisotrop', `line ${f11.line(row)}`);
      continue;
    }
    builder.setAniso(index, u11, u22, u33, u12, u13, u23);
  }
}

function readCell(block: CifBlock): UnitCell | null {
  const cat = block.category('_cell');
  if (cat === undefined) return null;
  const v = (name: string) => cat.field(name)?.float(0) ?? NaN;
  const cell = {
    a: v('length_a'),
    b: v('length_b'),
    c: v('length_c'),
    alpha: v('angle_alpha'),
    beta: v('angle_beta'),
    gamma: v('angle_gamma'),
  };
  return Object.values(cell).some((x) => Number.isNaN(x)) ? null : cell;
}

function readSpaceGroup(block: CifBlock): string | null {
  const candidates: [string, string][] = [
    ['_symmetry', 'space_group_name_H-M'],
    ['_space_group', 'name_H-M_alt'],
    ['_symmetry_space_group_name_h-m', ''],
  ];
  for (const [cat, field] of candidates) {
    const value = block.category(cat)?.field(field)?.str(0).trim() ?? '';
    if (value !== '') return value;
  }
  return null;
}

/** `_entry.id` ('' when written as '?'), else the block name. */
function readName(block: CifBlock): string {
  const id = block.category('_entry')?.field('id');
  return id !== undefined ? id.str(0).trim() : block.name;
}

/** The mmCIF-specific warnings (the shared ones are reported by `finishRead`). */
function reportMmcifIssues(tally: IssueTally, fileName: string, diagnostics: Diagnostics): void {
  tally.report(
    diagnostics,
    'mmcif.bad-id',
    'warning',
    (n, first) =>
      `${fileName}: ${n} _atom_site.id value${n === 1 ? ' is' : 's are'} not integers (e.g. ${first}); serials read as 0`,
  );
  tally.report(
    diagnostics,
    'mmcif.bad-charge',
    'warning',
    (n, first) =>
      `${fileName}: ${n} pdbx_formal_charge value${n === 1 ? ' is' : 's are'} not small integers (e.g. ${first}); read as 0`,
  );
  tally.report(
    diagnostics,
    'mmcif.bad-anisotrop',
    'warning',
    (n, first) =>
      `${fileName}: ${n} _atom_site_anisotrop row${n === 1 ? ' has' : 's have'} a missing or non-numeric value (e.g. ${first}); ignored`,
  );
}
