/**
 * `locscale` command-line entry point. Returns the exit code; never throws for user mistakes.
 *
 * Exit codes: 0 success; 1 no arguments (help printed, as LocScale 2.0 does); 2 bad input or options (the
 * message says what to change); 70 an internal error (a bug: the stack is printed); 130 interrupted.
 */
import { Aborted, UserError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { OPTIONS } from '../pipeline/options.js';
import type { LocscaleOptions, OptionSpec } from '../pipeline/options.js';
import { runLocscale } from '../pipeline/locscale.js';
import { runSymmetrizeCommand } from '../pipeline/symmetrize-command.js';
import type { Reporter } from '../pipeline/run-context.js';
import { helpText } from './help.js';
import { parseArgs } from './parse.js';
import { terminalProgress } from './progress-bar.js';

export const EXIT = { ok: 0, noArguments: 1, userError: 2, internalError: 70, interrupted: 130 } as const;

const HEADER = `locscale ${VERSION}: local sharpening of cryo-EM maps (LocScale 2.0 in TypeScript)

usage: locscale -em MAP | -hm HALF1 HALF2  [-mc MODEL | -mm MAP | --no_reference]  [-ma MASK] [-o OUT] [options]
       locscale symmetrize MAP -sym GROUP [-o OUT]
       locscale version
       locscale --help

  model-based:  locscale -em map.mrc -mc model.pdb -ma mask.mrc -o out.mrc
  half maps:    locscale -hm half1.mrc half2.mrc -mc model.cif -o out.mrc`;

function consoleReporter(verbose: boolean, signal: AbortSignal): Reporter {
  return {
    info: (m) => process.stdout.write(`${m}\n`),
    detail: (m) => {
      if (verbose) process.stdout.write(`${m}\n`);
    },
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    stage: (label) => terminalProgress(label, process.stderr, signal),
  };
}

function reportStatus(given: ReadonlySet<string>, reporter: Reporter): void {
  for (const o of OPTIONS as readonly OptionSpec[]) {
    if (!given.has(o.key) || o.status === undefined) continue;
    const what = o.status === 'ignored' ? 'is accepted and ignored' : 'is not available yet and is ignored';
    reporter.warn(`${o.flags[o.flags.length - 1]} ${what}: ${o.note}`);
  }
}

const SYMMETRIZE_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'symmetry',
    flags: ['-sym', '--symmetry'],
    type: 'string',
    group: 'scaling',
    help: "point group: Cn, Dn, T, O, I (LocScale 2.0's settings) or RELION's I1–I4, T222",
  },
  {
    key: 'outfile',
    flags: ['-o', '--outfile'],
    type: 'path',
    group: 'output',
    help: 'output map (default: MAP_<group>_symmetry.mrc beside the input)',
  },
  { key: 'verbose', flags: ['-v', '--verbose'], type: 'flag', group: 'output', help: 'more detail' },
];

async function symmetrize(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const [input, ...rest] = argv;
  if (input === undefined || input.startsWith('-')) {
    throw new UserError('usage: locscale symmetrize MAP -sym GROUP [-o OUT]');
  }
  const parsed = parseArgs(rest, SYMMETRIZE_OPTIONS);
  const symmetry = parsed.values.symmetry;
  if (typeof symmetry !== 'string')
    throw new UserError('locscale symmetrize needs a point group: -sym GROUP');
  const output = parsed.values.outfile;
  await runSymmetrizeCommand(
    { input, symmetry, ...(typeof output === 'string' ? { output } : {}) },
    consoleReporter(parsed.values.verbose === true, signal),
  );
  return EXIT.ok;
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0) {
    process.stdout.write(`${helpText(HEADER, OPTIONS)}\n`);
    return EXIT.noArguments;
  }
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${helpText(HEADER, OPTIONS)}\n`);
    return EXIT.ok;
  }
  if (argv.includes('--version') || argv[0] === 'version') {
    process.stdout.write(`locscale-ts ${VERSION}\n`);
    return EXIT.ok;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (argv[0] === 'symmetrize') return await symmetrize(argv.slice(1), controller.signal);
    const parsed = parseArgs(argv, OPTIONS);
    const options = parsed.values as unknown as LocscaleOptions;
    const reporter = consoleReporter(options.verbose, controller.signal);
    reportStatus(parsed.given, reporter);
    await runLocscale(options, reporter, ['locscale', ...argv]);
    return EXIT.ok;
  } catch (e: unknown) {
    if (e instanceof Aborted) {
      process.stderr.write('locscale: interrupted; no output was written\n');
      return EXIT.interrupted;
    }
    if (e instanceof UserError) {
      process.stderr.write(`locscale: error: ${e.message}\n`);
      return EXIT.userError;
    }
    process.stderr.write(
      `locscale: internal error (please report it):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT.internalError;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
