/**
 * What the PDB and mmCIF readers share after the format-specific part: element resolution with its warnings,
 * counted warnings (one Issue per kind, never one per atom), and the final assembly of a Structure
 * (altlocs, model summary).
 */
import { silentDiagnostics } from '../core/diagnostics.js';
import type { IssueTally } from './issue-tally.js';
import {
  UNKNOWN_ELEMENT,
  inferElementFromAtomName,
  inferElementFromPdbName,
  isKnownElement,
  normalizeElementSymbol,
} from './elements.js';
import { keepBestAltLocs } from './altlocs.js';
import type { ReadStructureOptions } from './read-options.js';
import type { AtomTableBuilder } from './atom-table-builder.js';
import type { Structure, UnitCell } from './structure.js';

/**
 * Resolves the element of one atom. `raw` is the file's element field ('' when absent); when it is blank or not
 * an element, the element is inferred from the atom name: `name` is the PDB 4-column name field when `padded`,
 * else a bare name (mmCIF). Tallies `structure.element-inferred`, `structure.element-invalid` and
 * `structure.element-unknown` (which gets `UNKNOWN_ELEMENT`).
 */
export class ElementResolver {
  private readonly cache = new Map<string, string>();

  constructor(private readonly tally: IssueTally) {}

  /** `where`: a line number (PDB) or a description such as '_atom_site row 3', for messages. */
  resolve(raw: string, name: string, resName: string, padded: boolean, where: string | number): string {
    let symbol = this.cache.get(raw);
    if (symbol === undefined) {
      symbol = normalizeElementSymbol(raw);
      this.cache.set(raw, symbol);
    }
    if (isKnownElement(symbol)) return symbol;
    if (typeof where === 'number') where = `line ${where}`;
    const inferred = padded
      ? inferElementFromPdbName(name, resName)
      : inferElementFromAtomName(name, resName);
    const shown = padded ? `'${name}'` : `'${name.trim()}'`;
    if (symbol === '' && inferred !== '') {
      this.tally.add('structure.element-inferred', `${where}: ${shown} in ${resName} → ${inferred}`);
      return inferred;
    }
    if (symbol !== '' && symbol !== UNKNOWN_ELEMENT && inferred !== '') {
      this.tally.add(
        'structure.element-invalid',
        `${where}: element '${raw.trim()}' is not an element; ${shown} in ${resName} → ${inferred}`,
      );
      return inferred;
    }
    this.tally.add('structure.element-unknown', `${where}: ${shown} in ${resName}`);
    return UNKNOWN_ELEMENT;
  }
}

/** Raw results of a format-specific reader, before the shared finishing steps. */
export interface RawRead {
  readonly builder: AtomTableBuilder;
  readonly tally: IssueTally;
  readonly cell: UnitCell | null;
  readonly spaceGroup: string | null;
  readonly name: string;
  /** Model numbers found in the file, in order (empty when the file has no model numbers). */
  readonly models: readonly number[];
  /** The model that was read (null when the file has no model numbers). */
  readonly modelRead: number | null;
}

/** Reports the shared warnings and applies the altloc policy. `fileName` prefixes every message. */
export function finishRead(raw: RawRead, fileName: string, options: ReadStructureOptions): Structure {
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  const t = raw.tally;
  t.report(
    diagnostics,
    'structure.element-inferred',
    'info',
    (n, first) =>
      `${fileName}: ${n} atom${s(n)} had no element symbol; inferred from the atom name (e.g. ${first})`,
  );
  t.report(
    diagnostics,
    'structure.element-invalid',
    'warning',
    (n, first) => `${fileName}: ${n} atom${s(n)} had an element field that is not an element (e.g. ${first})`,
  );
  t.report(
    diagnostics,
    'structure.element-unknown',
    'warning',
    (n, first) =>
      `${fileName}: the element of ${n} atom${s(n)} could not be told from the element field or the atom ` +
      `name; set to '${UNKNOWN_ELEMENT}' (e.g. ${first}). Add element symbols (PDB columns 77–78) to fix this`,
  );
  t.report(
    diagnostics,
    'structure.default-occupancy',
    'warning',
    (n, first) => `${fileName}: ${n} atom${s(n)} had no occupancy; set to 1 (e.g. ${first})`,
  );
  t.report(
    diagnostics,
    'structure.default-b-factor',
    'warning',
    (n, first) => `${fileName}: ${n} atom${s(n)} had no B-factor; set to 0 Å² (e.g. ${first})`,
  );
  if (raw.models.length > 1) {
    diagnostics.report({
      code: 'structure.multiple-models',
      severity: 'info',
      message:
        `${fileName}: the file has ${raw.models.length} models; read model ${raw.modelRead}` +
        (options.model === undefined ? ' (the first; choose another with the model option)' : ''),
    });
  }

  let atoms = raw.builder.finish();
  if ((options.altLocs ?? 'best') === 'best') {
    const result = keepBestAltLocs(atoms);
    atoms = result.atoms;
    const sum = result.summary;
    if (sum.dropped > 0) {
      diagnostics.report({
        code: 'structure.altlocs-removed',
        severity: 'info',
        message:
          `${fileName}: ${sum.withAltLoc} atoms have alternate locations; kept the highest-occupancy one ` +
          `of each and dropped ${sum.dropped} (altLocs: 'all' keeps them)`,
      });
    }
    if (sum.microheterogeneous.length > 0) {
      diagnostics.report({
        code: 'structure.microheterogeneity',
        severity: 'info',
        message:
          `${fileName}: residue${s(sum.microheterogeneous.length)} ${sum.microheterogeneous.join(', ')} ` +
          'hold two residue types as alternate locations; kept the highest-occupancy one whole',
      });
    }
  }
  return { atoms, cell: raw.cell, spaceGroup: raw.spaceGroup, name: raw.name };
}

function s(n: number): string {
  return n === 1 ? '' : 's';
}
