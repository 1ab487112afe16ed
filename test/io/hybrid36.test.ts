import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHybrid36, encodeHybrid36, maxHybrid36 } from '../../src/io/hybrid36.js';

test('decimal range is plain right-justified decimal', () => {
  assert.equal(encodeHybrid36(1, 5), '    1');
  assert.equal(encodeHybrid36(99999, 5), '99999');
  assert.equal(encodeHybrid36(-9999, 5), '-9999');
  assert.equal(encodeHybrid36(-999, 4), '-999');
  assert.equal(decodeHybrid36('   42', 5), 42);
  assert.equal(decodeHybrid36(' -12', 4), -12);
});

test('known hybrid-36 values (cctbx hybrid_36 documentation)', () => {
  assert.equal(encodeHybrid36(100000, 5), 'A0000');
  assert.equal(encodeHybrid36(100001, 5), 'A0001');
  assert.equal(encodeHybrid36(10000, 4), 'A000');
  assert.equal(encodeHybrid36(10000 + 26 * 36 ** 3 - 1, 4), 'ZZZZ');
  assert.equal(encodeHybrid36(10000 + 26 * 36 ** 3, 4), 'a000');
  assert.equal(encodeHybrid36(maxHybrid36(4), 4), 'zzzz');
  assert.equal(maxHybrid36(5), 100000 + 2 * 26 * 36 ** 4 - 1);
  assert.equal(decodeHybrid36('A0000', 5), 100000);
  assert.equal(decodeHybrid36('ZZZZZ', 5), 100000 + 26 * 36 ** 4 - 1);
  assert.equal(decodeHybrid36('a0000', 5), 100000 + 26 * 36 ** 4);
});

test('encode and decode are inverse over the whole range (sampled)', () => {
  for (const width of [4, 5]) {
    const max = maxHybrid36(width);
    for (let n = -(10 ** (width - 1) - 1); n <= max; n += 7919) {
      const s = encodeHybrid36(n, width);
      assert.ok(s !== null && s.length === width, `${n} → ${s}`);
      assert.equal(decodeHybrid36(s, width), n, s);
    }
  }
});

test('out of range and invalid fields', () => {
  assert.equal(encodeHybrid36(maxHybrid36(5) + 1, 5), null);
  assert.equal(encodeHybrid36(-10000, 5), null);
  assert.equal(encodeHybrid36(1.5, 5), null);
  for (const s of ['', '     ', 'A00', 'A0a00', 'a0A00', '*****', '12 34', '1.5']) {
    assert.ok(Number.isNaN(decodeHybrid36(s, 5)), JSON.stringify(s));
  }
});
