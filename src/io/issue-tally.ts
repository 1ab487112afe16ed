/**
 * Counted warnings: readers and writers meet the same problem on many atoms, and report it once with a count
 * and the first example, never once per atom.
 */
import type { Diagnostics, Issue, Severity } from '../core/diagnostics.js';

/** Counts occurrences of a warning kind and remembers the first example ('line 12: …'). */
export class IssueTally {
  private readonly entries = new Map<string, { count: number; first: string }>();

  add(code: string, example: string): void {
    const e = this.entries.get(code);
    if (e === undefined) this.entries.set(code, { count: 1, first: example });
    else e.count++;
  }

  count(code: string): number {
    return this.entries.get(code)?.count ?? 0;
  }

  first(code: string): string {
    return this.entries.get(code)?.first ?? '';
  }

  /** Reports `code` (if it occurred) with a message made from its count and first example. */
  report(
    diagnostics: Diagnostics,
    code: string,
    severity: Severity,
    message: (count: number, first: string) => string,
  ): void {
    const e = this.entries.get(code);
    if (e === undefined) return;
    const issue: Issue = { code, severity, message: message(e.count, e.first) };
    diagnostics.report(issue);
  }
}
