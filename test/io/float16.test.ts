import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFloat16, float16BitsToNumber } from '../../src/io/float16.js';

/** Bit patterns and their IEEE 754 binary16 values (worked by hand from sign, exponent, fraction). */
const KNOWN: readonly (readonly [number, number])[] = [
  [0x0000, 0],
  [0x3c00, 1],
  [0xbc00, -1],
  [0x4000, 2],
  [0xc000, -2],
  [0x3e00, 1.5],
  [0x3555, 0.333251953125],
  [0x4248, 3.140625],
  [0x5640, 100],
  [0x7bff, 65504], // largest finite half
  [0xfbff, -65504],
  [0x0400, 2 ** -14], // smallest normal
  [0x03ff, 1023 * 2 ** -24], // largest subnormal
  [0x0001, 2 ** -24], // smallest subnormal
  [0x8001, -(2 ** -24)],
  [0x7c00, Infinity],
  [0xfc00, -Infinity],
];

test('float16BitsToNumber decodes known values', () => {
  for (const [bits, value] of KNOWN) {
    assert.equal(float16BitsToNumber(bits), value, `0x${bits.toString(16)}`);
  }
});

test('float16: negative zero keeps its sign, NaN patterns decode to NaN', () => {
  assert.ok(Object.is(float16BitsToNumber(0x8000), -0));
  for (const bits of [0x7e00, 0x7c01, 0xfe00, 0x7fff]) assert.ok(Number.isNaN(float16BitsToNumber(bits)));
});

test('decodeFloat16 matches the scalar decoder for every bit pattern', () => {
  const all = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) all[i] = i;
  const out = new Float32Array(65536 + 3);
  decodeFloat16(all, out, 3);
  for (let i = 0; i < 65536; i++) {
    const want = float16BitsToNumber(i);
    if (Number.isNaN(want)) assert.ok(Number.isNaN(out[i + 3]));
    else assert.ok(Object.is(out[i + 3], Math.fround(want)) && out[i + 3] === want, `0x${i.toString(16)}`);
  }
});
