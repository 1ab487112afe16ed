/**
 * The context of one run: the processing folder, the log file, messages to the user, progress per stage,
 * timings, warnings, and the JSON record of the run. Only pipeline/ and cli/ see it.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics, Issue } from '../core/diagnostics.js';
import type { Progress } from '../core/progress.js';

/** A progress sink for one stage; `finish` closes its bar or line. */
export interface StageProgress extends Progress {
  finish(): void;
}

/** How messages reach the user (the CLI decides: terminal, plain lines, silence). */
export interface Reporter {
  info(message: string): void;
  /** Shown only with --verbose. */
  detail(message: string): void;
  warn(message: string): void;
  stage(label: string): StageProgress;
}

export const silentReporter: Reporter = {
  info: () => undefined,
  detail: () => undefined,
  warn: () => undefined,
  stage: () => ({ shouldReport: false, report: () => undefined, finish: () => undefined }),
};

export interface RunRecord {
  program: string;
  version: string;
  command: string[];
  started: string;
  finished?: string;
  inputs: Record<string, { path: string; sha256: string; bytes: number }>;
  parameters: Record<string, unknown>;
  outputs: Record<string, string>;
  timingsSeconds: Record<string, number>;
  warnings: string[];
  results: Record<string, unknown>;
}

export class RunContext implements Diagnostics {
  readonly logPath: string;
  readonly recordPath: string;
  private readonly started = performance.now();

  constructor(
    readonly processingFolder: string,
    readonly reporter: Reporter,
    readonly record: RunRecord,
  ) {
    mkdirSync(processingFolder, { recursive: true });
    this.logPath = join(processingFolder, 'locscale.log');
    this.recordPath = join(processingFolder, 'run.json');
    writeFileSync(
      this.logPath,
      `${record.program} ${record.version} started ${record.started}\n$ ${record.command.join(' ')}\n`,
    );
  }

  /** A path inside the processing folder. */
  file(name: string): string {
    return join(this.processingFolder, name);
  }

  private logLine(level: string, message: string): void {
    const t = ((performance.now() - this.started) / 1000).toFixed(1).padStart(7);
    appendFileSync(this.logPath, `[${t} s] ${level} ${message}\n`);
  }

  info(message: string): void {
    this.logLine('INFO ', message);
    this.reporter.info(message);
  }

  detail(message: string): void {
    this.logLine('INFO ', message);
    this.reporter.detail(message);
  }

  warn(message: string): void {
    this.logLine('WARN ', message);
    this.record.warnings.push(message);
    this.reporter.warn(message);
  }

  /** Diagnostics sink: warnings and errors reach the user and the log; info only the log. */
  report(issue: Issue): void {
    if (issue.severity === 'info') this.logLine('INFO ', `${issue.code}: ${issue.message}`);
    else this.warn(issue.message);
  }

  /** Runs one stage with its own progress bar, logging and timing it. */
  async stage<T>(name: string, work: (progress: Progress) => Promise<T> | T): Promise<T> {
    this.logLine('START', name);
    const t0 = performance.now();
    const progress = this.reporter.stage(name);
    try {
      return await work(progress);
    } finally {
      progress.finish();
      const seconds = (performance.now() - t0) / 1000;
      this.record.timingsSeconds[name] = (this.record.timingsSeconds[name] ?? 0) + seconds;
      this.logLine('DONE ', `${name} (${seconds.toFixed(2)} s)`);
    }
  }

  writeRecord(): void {
    this.record.finished = new Date().toISOString();
    writeFileSync(this.recordPath, `${JSON.stringify(this.record, null, 2)}\n`);
  }
}
