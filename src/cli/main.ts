/**
 * `locscale` command-line entry point. Returns the exit code; never throws for user mistakes.
 */
import { UserError } from '../core/errors.js';
import { VERSION } from '../core/version.js';

const HELP = `locscale ${VERSION}: local sharpening of cryo-EM maps (LocScale 2.0 in TypeScript)

usage: locscale [options]
  -h, --help       show this help
  --version        print the version
`;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) {
      process.stdout.write(HELP);
      return argv.length === 0 ? 1 : 0;
    }
    if (argv.includes('--version') || argv[0] === 'version') {
      process.stdout.write(`locscale-ts ${VERSION}\n`);
      return 0;
    }
    throw new UserError(`unknown arguments: ${argv.join(' ')} (see locscale --help)`);
  } catch (e: unknown) {
    if (e instanceof UserError) {
      process.stderr.write(`locscale: error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
