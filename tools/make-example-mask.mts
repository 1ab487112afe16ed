// Makes data/example/emd_3240_mask.mrc: the non-zero region of the γ-secretase box (the map was masked by
// phenix.map_box with a soft envelope around the model, so its non-zero region is that envelope).
// Run once: node --import tsx tools/make-example-mask.mts
import { readMap } from '../src/io/mrc-read.js';
import { writeMask } from '../src/io/mrc-write.js';
import { volumeLike } from '../src/grid/volume.js';

const { volume } = await readMap('data/example/emd_3240_5fn5_box.ccp4');
const mask = volumeLike(
  volume,
  volume.data.map((v) => (v !== 0 ? 1 : 0)),
);
await writeMask('data/example/emd_3240_mask.mrc', mask, {
  labels: ['non-zero region of emd_3240_5fn5_box.ccp4'],
});
