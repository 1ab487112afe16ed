import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextBuffer } from '../../src/io/text-buffer.js';

test('ASCII and UTF-8 text, padding, growth', () => {
  const b = new TextBuffer(16);
  b.put('ATOM');
  b.spaces(2);
  b.padStart('12', 5);
  b.padEnd('CA', 4);
  b.put('|é|');
  b.spaces(0);
  b.spaces(-3);
  b.padStart('toolong', 3);
  for (let i = 0; i < 1000; i++) b.put('x');
  const s = b.toString();
  assert.equal(s, 'ATOM     12CA  |é|toolong' + 'x'.repeat(1000));
  assert.equal(b.length, Buffer.byteLength(s, 'utf8'));
  assert.deepEqual(Buffer.from(b.toBytes()).toString('utf8'), s);
});
