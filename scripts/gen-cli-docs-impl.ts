import { writeFileSync } from 'node:fs';
import { cliReferenceMarkdown } from '../src/cli/help.js';

writeFileSync('docs/cli.md', cliReferenceMarkdown());
