// The demo: model-based LocScale on the example map shipped in data/example (γ-secretase, EMD-3240 box, with
// its model and mask), through the installed `locscale` command. Output: demo-output/.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve('demo-output');
mkdirSync(out, { recursive: true });
const args = [
  'bin/locscale.js',
  '-em',
  'data/example/emd_3240_5fn5_box.ccp4',
  '-mc',
  'data/example/5fn5_box_model.pdb',
  '-ma',
  'data/example/emd_3240_mask.mrc',
  '-o',
  resolve(out, 'emd_3240_locscale.mrc'),
  '-op',
  resolve(out, 'processing_files'),
  '-v',
];
console.log(`$ locscale ${args.slice(1).join(' ')}`);
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
