/** `--help` text and docs/cli.md, both generated from the option table. */
import type { OptionSpec, OptionGroup } from '../pipeline/options.js';
import { OPTION_GROUPS, OPTIONS } from '../pipeline/options.js';

function usageOf(o: OptionSpec): string {
  const meta = o.metavar ?? (o.type === 'choice' ? `{${o.choices?.join(',')}}` : o.type.toUpperCase());
  const value = o.type === 'flag' ? '' : ` ${meta}`;
  return o.flags.map((f) => `${f}${value}`).join(', ');
}

function describe(o: OptionSpec): string {
  const dflt = o.default !== undefined && o.type !== 'flag' ? ` (default: ${String(o.default)})` : '';
  const status =
    o.status === 'ignored'
      ? ` [ignored: ${o.note}]`
      : o.status === 'unavailable'
        ? ` [not available yet: ${o.note}]`
        : '';
  return `${o.help}${dflt}${status}`;
}

export function helpText(header: string, table: readonly OptionSpec[]): string {
  const lines = [header, ''];
  for (const [group, title] of Object.entries(OPTION_GROUPS) as [OptionGroup, string][]) {
    const options = table.filter((o) => o.group === group);
    if (options.length === 0) continue;
    lines.push(`${title}:`);
    for (const o of options) {
      lines.push(`  ${usageOf(o)}`);
      lines.push(`      ${describe(o)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function markdownReference(table: readonly OptionSpec[]): string {
  const lines: string[] = [];
  for (const [group, title] of Object.entries(OPTION_GROUPS) as [OptionGroup, string][]) {
    const options = table.filter((o) => o.group === group);
    if (options.length === 0) continue;
    lines.push(`## ${title}`, '', '| option | meaning |', '|---|---|');
    for (const o of options) lines.push(`| \`${usageOf(o)}\` | ${describe(o).replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** docs/cli.md: generated from the option table by `npm run docs`; a test checks it is current. */
export function cliReferenceMarkdown(): string {
  return [
    '# `locscale` command-line reference',
    '',
    '<!-- Generated from src/pipeline/options.ts by `npm run docs`; do not edit by hand. -->',
    '',
    "The flags and defaults are LocScale 2.0's, so existing scripts keep working. Options marked *ignored* are",
    'accepted because LocScale 2.0 accepts them, but change nothing (there either, or because LocScale-TS needs no',
    'REFMAC, MPI or GPU).',
    '',
    '```',
    'locscale -em MAP | -hm HALF1 HALF2  [-mc MODEL | -mm MAP | --no_reference]  [-ma MASK] [-o OUT] [options]',
    'locscale symmetrize MAP -sym GROUP [-o OUT]',
    'locscale version',
    '```',
    '',
    markdownReference(OPTIONS),
  ].join('\n');
}
