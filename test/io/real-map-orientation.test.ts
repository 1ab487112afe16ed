import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMap } from '../../src/io/mrc-read.js';
import { readStructure } from '../../src/io/structure-read.js';
import { valueTrilinearAngstrom } from '../../src/grid/volume-sample.js';
import { moments } from '../../src/grid/statistics.js';
import { isHydrogenElement } from '../../src/io/structure.js';

const cases = [
  { map: 'test/fixtures/real/emd_4413_6i5a_box.ccp4', model: 'test/fixtures/real/6i5a_box_model.pdb' },
  { map: 'test/fixtures/real/emd_3240_5fn5_box.ccp4', model: 'test/fixtures/real/5fn5_box_model.pdb' },
];

for (const c of cases) {
  test(`${c.map} (axis order 3,2,1) loads in the model's frame: atoms sit on density (> mean + 1.5σ)`, async () => {
    const { volume, header } = await readMap(c.map);
    assert.deepEqual([header.mapc, header.mapr, header.maps], [3, 2, 1]);
    const { atoms } = await readStructure(c.model);
    const box = moments(volume.data);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < atoms.count; i++) {
      if (isHydrogenElement(atoms.element[i])) continue;
      sum += valueTrilinearAngstrom(volume, atoms.x[i], atoms.y[i], atoms.z[i]);
      n++;
    }
    const atAtoms = sum / n;
    const sigmas = (atAtoms - box.mean) / box.std;
    assert.ok(sigmas > 1.5, `mean at atoms is ${sigmas.toFixed(2)} σ above the box mean`);
    // the transposed reading (axis order ignored, as LocScale 2.0 does) would not put the atoms on density
    const transposed = {
      ...volume,
      shapeZyx: [volume.shapeZyx[2], volume.shapeZyx[1], volume.shapeZyx[0]] as const,
    };
    let wrong = 0;
    let m = 0;
    for (let i = 0; i < atoms.count; i++) {
      if (isHydrogenElement(atoms.element[i])) continue;
      const v = valueTrilinearAngstrom(transposed, atoms.x[i], atoms.y[i], atoms.z[i]);
      if (Number.isFinite(v)) {
        wrong += v;
        m++;
      }
    }
    assert.ok(m === 0 || (wrong / m - box.mean) / box.std < sigmas / 2);
  });
}
