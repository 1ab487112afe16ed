/**
 * mmCIF writer: one data block with `_entry`, `_cell`, `_symmetry`, the `_atom_site` loop and, when any atom
 * has anisotropic U, the `_atom_site_anisotrop` loop. Values are separated by one blank; columns are not
 * padded to line up as in wwPDB files (padding needs every value twice, and writing is faster without it).
 *
 * Numbers: coordinates with at least 3 decimals, occupancy and B with at least 2, U with at least 4; more
 * decimals (up to 6) only when needed to give back the same double, so a structure read from a file is written
 * back with its values unchanged, and computed values keep 10⁻⁶ precision.
 *
 * We do not know entities or the polymer sequence, so `label_asym_id`, `label_comp_id`, `label_atom_id` repeat
 * the author values; `label_seq_id` repeats the residue number for ATOM records and is '.' for HETATM records;
 * `label_entity_id` is left out. Readers (ours, gemmi, Mol*, ChimeraX) use the auth values. `_atom_site.id` is
 * the serial; when serials repeat, ids are renumbered 1…n (the anisotrop join needs unique ids) with a warning.
 */
import type { Diagnostics } from '../core/diagnostics.js';
import { silentDiagnostics } from '../core/diagnostics.js';
import { UserError } from '../core/errors.js';
import type { Structure } from './structure.js';
import { TextBuffer } from './text-buffer.js';

export interface WriteMmcifOptions {
  /** Where warnings go (serials renumbered). Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

/** Shortest of `min`…`max` decimals that reads back as the same double (`max` when none does). */
export function formatDecimal(v: number, min: number, max: number): string {
  // fast path: v is the double nearest to k / 10^min, so toFixed(min) prints k / 10^min, which reads back as v
  const scale = POW10[min];
  if (scale !== undefined && Math.abs(v) < 1e15 / scale && Math.round(v * scale) / scale === v)
    return v.toFixed(min);
  for (let d = min; d < max; d++) {
    const s = v.toFixed(d);
    if (Number(s) === v) return s;
  }
  return v.toFixed(max);
}

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6];

const RESERVED = /^(data_|loop_|save_|global_|stop_)/i;

/** A CIF value for `s`: bare when safe, else quoted, else a text field; '' is written as `empty`. */
export function cifValue(s: string, empty = '?'): string {
  if (s === '') return empty;
  if (/[\n\r]/.test(s)) return `\n;${s}\n;\n`;
  const c = s.charAt(0);
  const needsQuote = /[ \t]/.test(s) || '_#$\'"[];'.includes(c) || s === '?' || s === '.' || RESERVED.test(s);
  if (!needsQuote) return s;
  if (!/'[ \t]/.test(s) && !s.endsWith("'")) return `'${s}'`;
  if (!/"[ \t]/.test(s) && !s.endsWith('"')) return `"${s}"`;
  return `\n;${s}\n;\n`;
}

/** Formats `structure` as mmCIF text. */
export function formatMmcif(structure: Structure, options: WriteMmcifOptions = {}): string {
  return encodeMmcif(structure, options).toString();
}

/** The mmCIF file as UTF-8 bytes (what `writeStructure` writes; `formatMmcif` decodes it). */
export function encodeMmcif(structure: Structure, options: WriteMmcifOptions = {}): TextBuffer {
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const atoms = structure.atoms;
  const n = atoms.count;
  const name = structure.name;
  const blockName = name === '' ? 'structure' : name.replace(/\s+/g, '_');
  const entryId = cifValue(name);
  const out = new TextBuffer(100 * (n + 16));
  const putLines = (...texts: string[]): void => {
    for (const t of texts) out.put(t + '\n');
  };
  putLines(`data_${blockName}`, '#', `_entry.id ${entryId}`, '#');

  if (structure.cell !== null) {
    const c = structure.cell;
    putLines(
      `_cell.entry_id ${entryId}`,
      `_cell.length_a ${finite(c.a, 'cell a', 3)}`,
      `_cell.length_b ${finite(c.b, 'cell b', 3)}`,
      `_cell.length_c ${finite(c.c, 'cell c', 3)}`,
      `_cell.angle_alpha ${finite(c.alpha, 'cell alpha', 2)}`,
      `_cell.angle_beta ${finite(c.beta, 'cell beta', 2)}`,
      `_cell.angle_gamma ${finite(c.gamma, 'cell gamma', 2)}`,
      '#',
    );
  }
  if (structure.spaceGroup !== null) {
    putLines(
      `_symmetry.entry_id ${entryId}`,
      `_symmetry.space_group_name_H-M ${cifValue(structure.spaceGroup)}`,
      '#',
    );
  }

  // ids: the serials when unique, else 1…n
  let ids: ArrayLike<number> = atoms.serial;
  if (new Set(atoms.serial).size !== n) {
    const renumbered = new Int32Array(n);
    for (let i = 0; i < n; i++) renumbered[i] = i + 1;
    ids = renumbered;
    diagnostics.report({
      code: 'mmcif.ids-renumbered',
      severity: 'warning',
      message: 'atom serials repeat; _atom_site.id written as 1…n so every atom has its own id',
    });
  }

  const tags = [
    'group_PDB',
    'id',
    'type_symbol',
    'label_atom_id',
    'label_alt_id',
    'label_comp_id',
    'label_asym_id',
    'label_seq_id',
    'pdbx_PDB_ins_code',
    'Cartn_x',
    'Cartn_y',
    'Cartn_z',
    'occupancy',
    'B_iso_or_equiv',
    'pdbx_formal_charge',
    'auth_seq_id',
    'auth_comp_id',
    'auth_asym_id',
    'auth_atom_id',
    'pdbx_PDB_model_num',
  ];
  putLines('loop_');
  for (const tag of tags) putLines(`_atom_site.${tag}`);
  const missingAsUnknown = new CifValueCache('?');
  const missingAsDot = new CifValueCache('.');
  const charges = atoms.formalCharge;
  for (let i = 0; i < n; i++) {
    const het = atoms.isHetatm[i] === 1;
    const atomName = missingAsDot.get(atoms.atomName[i]);
    const resName = missingAsDot.get(atoms.resName[i]);
    const chain = missingAsDot.get(atoms.chainId[i]);
    const resSeq = String(atoms.resSeq[i]);
    const charge = charges === undefined ? 0 : charges[i];
    out.put(het ? 'HETATM ' : 'ATOM ');
    out.put(String(ids[i]));
    out.put(' ');
    out.put(missingAsUnknown.get(atoms.element[i]));
    out.put(' ');
    out.put(atomName);
    out.put(' ');
    out.put(missingAsDot.get(atoms.altLoc[i]));
    out.put(' ');
    out.put(resName);
    out.put(' ');
    out.put(chain);
    out.put(' ');
    out.put(het ? '.' : resSeq);
    out.put(' ');
    out.put(missingAsUnknown.get(atoms.insCode[i]));
    out.put(' ');
    out.put(finite(atoms.x[i], 'coordinate', 3));
    out.put(' ');
    out.put(finite(atoms.y[i], 'coordinate', 3));
    out.put(' ');
    out.put(finite(atoms.z[i], 'coordinate', 3));
    out.put(' ');
    out.put(finite(atoms.occupancy[i], 'occupancy', 2));
    out.put(' ');
    out.put(finite(atoms.bIsoA2[i], 'B-factor', 2));
    out.put(' ');
    out.put(charge === 0 ? '?' : String(charge));
    out.put(' ');
    out.put(resSeq);
    out.put(' ');
    out.put(resName);
    out.put(' ');
    out.put(chain);
    out.put(' ');
    out.put(atomName);
    out.put(' 1\n');
  }
  putLines('#');

  const aniso = atoms.anisoUA2;
  if (aniso !== null && hasAniso(aniso, n)) {
    putLines('loop_');
    for (const tag of [
      'id',
      'type_symbol',
      'U[1][1]',
      'U[2][2]',
      'U[3][3]',
      'U[1][2]',
      'U[1][3]',
      'U[2][3]',
    ]) {
      putLines(`_atom_site_anisotrop.${tag}`);
    }
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(aniso[6 * i])) continue;
      out.put(String(ids[i]));
      out.put(' ');
      out.put(missingAsUnknown.get(atoms.element[i]));
      for (let k = 0; k < 6; k++) {
        out.put(' ');
        out.put(finite(aniso[6 * i + k], 'anisotropic U', 4));
      }
      out.put('\n');
    }
    putLines('#');
  }
  return out;
}

function hasAniso(aniso: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isNaN(aniso[6 * i])) return true;
  return false;
}

/** `cifValue` remembered per string: the few hundred distinct names of a model are quoted once each. */
class CifValueCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly empty: string) {}
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = cifValue(s, this.empty);
      this.map.set(s, v);
    }
    return v;
  }
}

function finite(v: number, what: string, minDecimals: number): string {
  if (!Number.isFinite(v)) throw new UserError(`cannot write an mmCIF file: a ${what} is ${v}`);
  return formatDecimal(v + 0, minDecimals, 6);
}
