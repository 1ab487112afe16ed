/**
 * Error types. A CLI must tell a user's mistake from a bug:
 * - `UserError`: bad input or options. The message says what was wrong and what to do; printed without a stack.
 * - `FormatError`: a file that cannot be read as what it claims to be (names the file, the field, expected, found).
 * - `InternalError`: a broken invariant, i.e. a bug in LocScale-TS. Printed with its stack.
 * - `Aborted`: the run was cancelled (AbortSignal).
 */

export class UserError extends Error {
  override readonly name: string = 'UserError';
}

export class FormatError extends UserError {
  override readonly name: string = 'FormatError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export class InternalError extends Error {
  override readonly name: string = 'InternalError';
}

export class Aborted extends Error {
  override readonly name: string = 'Aborted';
  constructor() {
    super('the run was cancelled');
  }
}

/** Throws an `InternalError` when an invariant does not hold. For bugs only, never for user input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(`assertion failed: ${message}`);
}
