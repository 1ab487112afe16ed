/**
 * Argument parsing with argparse's rules, so LocScale command lines work unchanged: multi-letter single-dash
 * flags (`-em`, `-mc_it`), `-hm H1 H2` taking two values, `--long=value`, unique prefixes of long flags
 * (`--skip` for `--skip_refine`), the last occurrence winning.
 */
import { UserError } from '../core/errors.js';
import type { OptionSpec, ParsedArgs } from '../pipeline/options.js';
import { initialValue } from '../pipeline/options.js';

function isNumberToken(token: string): boolean {
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(token);
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function findOption(flag: string, table: readonly OptionSpec[]): OptionSpec {
  const exact = table.find((o) => o.flags.includes(flag));
  if (exact) return exact;
  if (flag.startsWith('--')) {
    const matches = table.filter((o) => o.flags.some((f) => f.startsWith('--') && f.startsWith(flag)));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      const names = matches.map((o) => o.flags[o.flags.length - 1]).join(', ');
      throw new UserError(`ambiguous option '${flag}': could be ${names}`);
    }
  }
  const all = table.flatMap((o) => o.flags);
  const best = all.map((f) => [f, editDistance(flag, f)] as const).sort((a, b) => a[1] - b[1])[0];
  const hint = best && best[1] <= Math.max(2, flag.length / 3) ? ` (did you mean '${best[0]}'?)` : '';
  throw new UserError(`unknown option '${flag}'${hint}; see locscale --help`);
}

function convert(option: OptionSpec, flag: string, raw: string): string | number {
  switch (option.type) {
    case 'number': {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v))
        throw new UserError(`${flag}: expected a number, got '${raw}'`);
      return v;
    }
    case 'int': {
      const v = Number(raw);
      if (!Number.isInteger(v)) throw new UserError(`${flag}: expected a whole number, got '${raw}'`);
      return v;
    }
    case 'choice': {
      if (!option.choices?.includes(raw)) {
        throw new UserError(`${flag}: '${raw}' is not one of ${option.choices?.join(', ')}`);
      }
      return raw;
    }
    default:
      return raw;
  }
}

export function parseArgs(argv: readonly string[], table: readonly OptionSpec[]): ParsedArgs {
  const values: Record<string, string | number | boolean | readonly string[] | undefined> = {};
  for (const o of table) values[o.key] = initialValue(o);
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-') || token === '-' || isNumberToken(token)) {
      throw new UserError(`unexpected argument '${token}'; options start with '-' (see locscale --help)`);
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const option = findOption(flag, table);
    given.add(option.key);
    const takeValue = (): string => {
      if (eq > 0) return token.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && !isNumberToken(next))) {
        throw new UserError(`${flag} needs a value`);
      }
      i++;
      return next;
    };
    switch (option.type) {
      case 'flag':
        if (eq > 0) throw new UserError(`${flag} takes no value`);
        values[option.key] = true;
        break;
      case 'paths2': {
        if (eq > 0) throw new UserError(`${flag} needs two values: ${flag} ${option.metavar ?? 'A B'}`);
        const a = argv[i + 1];
        const b = argv[i + 2];
        if (a === undefined || b === undefined || a.startsWith('-') || b.startsWith('-')) {
          throw new UserError(`${flag} needs two values: ${flag} ${option.metavar ?? 'A B'}`);
        }
        values[option.key] = [a, b];
        i += 2;
        break;
      }
      default:
        values[option.key] = convert(option, flag, takeValue());
    }
  }
  return { values, given };
}
