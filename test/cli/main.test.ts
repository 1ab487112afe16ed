import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli as cli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

test('--version prints the package version', () => {
  const r = cli(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), `locscale-ts ${pkg.version}`);
});

test('--help prints usage and exits 0', () => {
  const r = cli(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: locscale/);
});

test('an unknown flag is a clear error, no stack trace', () => {
  const r = cli(['--no-such-flag']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /error/);
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
});

test('docs/cli.md is generated from the current option table (npm run docs)', async () => {
  const { cliReferenceMarkdown } = await import('../../src/cli/help.js');
  assert.equal(readFileSync('docs/cli.md', 'utf8'), cliReferenceMarkdown());
});
