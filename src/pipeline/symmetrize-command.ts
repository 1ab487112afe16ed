/**
 * `locscale symmetrize IN -sym G -o OUT`: imposes a point group on a map (spec §7), as LocScale 2.0 does to its
 * reference maps, as a small standalone command.
 */
import { basename, dirname, extname, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { readMap } from '../io/mrc-read.js';
import { writeMap } from '../io/mrc-write.js';
import { parsePointGroup, symmetrizeMap } from '../symmetry/index.js';
import type { Reporter } from './run-context.js';

export interface SymmetrizeCommand {
  readonly input: string;
  readonly symmetry: string;
  readonly output?: string;
}

export async function runSymmetrizeCommand(command: SymmetrizeCommand, reporter: Reporter): Promise<string> {
  const group = parsePointGroup(command.symmetry);
  const input = resolve(command.input);
  const output =
    command.output !== undefined
      ? resolve(command.output)
      : resolve(dirname(input), `${basename(input, extname(input))}_${group.symbol}_symmetry.mrc`);
  if (output === input) throw new UserError(`the output ${output} is the input; choose another name with -o`);
  const { volume } = await readMap(input, { report: (issue) => reporter.warn(issue.message) });
  reporter.info(`imposing ${group.symbol} (${group.order} operators, ${group.setting})`);
  const progress = reporter.stage(`symmetrising (${group.symbol})`);
  let result;
  try {
    result = symmetrizeMap(volume, group.symbol, { progress });
  } finally {
    progress.finish();
  }
  await writeMap(output, result, { protect: [input], labels: [`LocScale-TS symmetrised ${group.symbol}`] });
  reporter.info(`wrote ${output}`);
  return output;
}
