/**
 * Warnings travel as `Issue`s to a `Diagnostics` sink passed in by the caller (pipeline/ or cli/).
 * Library code never writes to the console.
 */

export type Severity = 'info' | 'warning' | 'error';

export interface Issue {
  /** Stable machine-readable code, e.g. `mrc.cell-mismatch`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

export interface Diagnostics {
  report(issue: Issue): void;
}

/** Keeps every issue in memory (tests, and readers that return their warnings). */
export class IssueList implements Diagnostics {
  readonly issues: Issue[] = [];
  report(issue: Issue): void {
    this.issues.push(issue);
  }
}

/** Drops everything. */
export const silentDiagnostics: Diagnostics = { report: () => undefined };

export function warning(code: string, message: string): Issue {
  return { code, severity: 'warning', message };
}
