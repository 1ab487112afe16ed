/**
 * mmCIF writer: one data block with `_entry`, `_cell`, `_symmetry`, the `_atom_site` loop and, when any atom
 * has anisotropic U, the `_atom_site_anisotrop` loop. Columns are padded to line up (as wwPDB files are).
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

export interface WriteMmcifOptions {
  /** Where warnings go (serials renumbered). Default: dropped. */
  readonly diagnostics?: Diagnostics;
}

/** Shortest of `min`…`max` decimals that reads back as the same double (`max` when none does). */
export function formatDecimal(v: number, min: number, max: number): string {
  for (let d = min; d < max; d++) {
    const s = v.toFixed(d);
    if (Number(s) === v) return s;
  }
  return v.toFixed(max);
}

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
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const atoms = structure.atoms;
  const n = atoms.count;
  const name = structure.name;
  const blockName = name === '' ? 'structure' : name.replace(/\s+/g, '_');
  const entryId = cifValue(name);
  const lines: string[] = [`data_${blockName}`, '#', `_entry.id ${entryId}`, '#'];

  if (structure.cell !== null) {
    const c = structure.cell;
    lines.push(
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
    lines.push(
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
  const columns: string[][] = tags.map(() => []);
  for (let i = 0; i < n; i++) {
    const het = atoms.isHetatm[i] === 1;
    const atomName = cifValue(atoms.atomName[i], '.');
    const resName = cifValue(atoms.resName[i], '.');
    const chain = cifValue(atoms.chainId[i], '.');
    const resSeq = String(atoms.resSeq[i]);
    columns[0].push(het ? 'HETATM' : 'ATOM');
    columns[1].push(String(ids[i]));
    columns[2].push(cifValue(atoms.element[i]));
    columns[3].push(atomName);
    columns[4].push(cifValue(atoms.altLoc[i], '.'));
    columns[5].push(resName);
    columns[6].push(chain);
    columns[7].push(het ? '.' : resSeq);
    columns[8].push(cifValue(atoms.insCode[i], '?'));
    columns[9].push(finite(atoms.x[i], 'coordinate', 3));
    columns[10].push(finite(atoms.y[i], 'coordinate', 3));
    columns[11].push(finite(atoms.z[i], 'coordinate', 3));
    columns[12].push(finite(atoms.occupancy[i], 'occupancy', 2));
    columns[13].push(finite(atoms.bIsoA2[i], 'B-factor', 2));
    const charge = atoms.formalCharge?.[i] ?? 0;
    columns[14].push(charge === 0 ? '?' : String(charge));
    columns[15].push(resSeq);
    columns[16].push(resName);
    columns[17].push(chain);
    columns[18].push(atomName);
    columns[19].push('1');
  }
  pushLoop(lines, '_atom_site', tags, columns, n);

  const aniso = atoms.anisoUA2;
  if (aniso !== null) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isNaN(aniso[6 * i])) rows.push(i);
    if (rows.length > 0) {
      const anisoTags = [
        'id',
        'type_symbol',
        'U[1][1]',
        'U[2][2]',
        'U[3][3]',
        'U[1][2]',
        'U[1][3]',
        'U[2][3]',
      ];
      const m = rows.length;
      const cols: string[][] = anisoTags.map(() => []);
      for (let r = 0; r < m; r++) {
        const i = rows[r];
        cols[0].push(String(ids[i]));
        cols[1].push(cifValue(atoms.element[i]));
        for (let k = 0; k < 6; k++) cols[2 + k].push(finite(aniso[6 * i + k], 'anisotropic U', 4));
      }
      pushLoop(lines, '_atom_site_anisotrop', anisoTags, cols, m);
    }
  }
  return lines.join('\n') + '\n';
}

function finite(v: number, what: string, minDecimals: number): string {
  if (!Number.isFinite(v)) throw new UserError(`cannot write an mmCIF file: a ${what} is ${v}`);
  return formatDecimal(v + 0, minDecimals, 6);
}

/** Appends a loop with each column padded to its widest value (text fields are not padded). */
function pushLoop(
  lines: string[],
  category: string,
  tags: string[],
  columns: string[][],
  rows: number,
): void {
  lines.push('loop_');
  for (const tag of tags) lines.push(`${category}.${tag}`);
  const widths = columns.map((col) => {
    let w = 0;
    for (let r = 0; r < rows; r++) if (col[r].length > w && !col[r].startsWith('\n')) w = col[r].length;
    return w;
  });
  const last = columns.length - 1;
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c <= last; c++) {
      const v = columns[c][r];
      line += c === last || v.startsWith('\n') ? v : v.padEnd(widths[c]) + ' ';
    }
    lines.push(line);
  }
  lines.push('#');
}
