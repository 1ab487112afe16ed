import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AtomTableBuilder } from '../../src/io/atom-table-builder.js';

test('columns grow past the initial capacity and are trimmed by finish()', () => {
  const b = new AtomTableBuilder(16);
  for (let i = 0; i < 100; i++) {
    b.add(i + 1, 'CA', '', 'ALA', 'A', i, '', i, 2 * i, 3 * i, 1, 20 + i, 'C', i % 3 === 0 ? -1 : 0, i >= 90);
  }
  b.setAniso(3, 0.1, 0.2, 0.3, 0.01, 0.02, 0.03);
  b.add(101, 'FE', '', 'HEM', 'B', 200, 'A', 1, 1, 1, 0.5, 30, 'FE', 2, true);
  const a = b.finish();
  assert.equal(a.count, 101);
  assert.equal(a.x.length, 101);
  assert.equal(a.serial[100], 101);
  assert.equal(a.z[99], 297);
  assert.equal(a.element[100], 'FE');
  assert.equal(a.insCode[100], 'A');
  assert.equal(a.isHetatm[89], 0);
  assert.equal(a.isHetatm[90], 1);
  assert.equal(a.formalCharge?.[0], -1);
  assert.equal(a.formalCharge?.[100], 2);
  assert.ok(a.anisoUA2 !== null);
  assert.equal(a.anisoUA2.length, 6 * 101);
  assert.deepEqual([...a.anisoUA2.subarray(18, 24)], [0.1, 0.2, 0.3, 0.01, 0.02, 0.03]);
  assert.ok(Number.isNaN(a.anisoUA2[0]));
  assert.ok(Number.isNaN(a.anisoUA2[6 * 100]));
});

test('no anisotropic U at all gives null', () => {
  const b = new AtomTableBuilder();
  b.add(1, 'O', '', 'HOH', 'W', 1, '', 0, 0, 0, 1, 10, 'O', 0, true);
  assert.equal(b.finish().anisoUA2, null);
});
