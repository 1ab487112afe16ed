// Regenerates docs/cli.md from the option table (the same table that drives parsing and --help).
// Run: npm run docs   (a test fails when docs/cli.md is out of date)
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-cli-docs-impl.ts'], { stdio: 'inherit' });
