import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBlank, parseDecimal, parseInteger } from '../../src/io/parse-number.js';

const whole = (s: string, esd = false) => parseDecimal(s, 0, s.length, esd);

test('decimals parse to the same double as Number()', () => {
  const cases = [
    '-12.345',
    '0.83',
    '17',
    '  3.278',
    '56.23  ',
    '+1.5',
    '.5',
    '5.',
    '-0.001',
    '9999.999',
    '0.1',
    '123456789012345',
    '0.000000000000000000001',
    '1234567.8901234567',
    '-999.999',
  ];
  for (const s of cases) assert.equal(whole(s), Number(s), s);
  // random 3-decimal coordinates
  let seed = 12345;
  for (let k = 0; k < 10000; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const s = ((seed / 2147483648 - 0.5) * 2e4).toFixed(3);
    assert.equal(whole(s), Number(s), s);
  }
});

test('a slice is parsed without the text around it', () => {
  const line = 'ATOM      1  N   ARG A   3      -9.142   3.737  -1.538  1.00 44.25';
  assert.equal(parseDecimal(line, 30, 38), -9.142);
  assert.equal(parseDecimal(line, 38, 46), 3.737);
  assert.equal(parseDecimal(line, 60, 66), 44.25);
  assert.equal(parseInteger(line, 6, 11), 1);
});

test('exponents go through the slow path; -0 reads as 0', () => {
  assert.equal(whole('1.5e-3'), 0.0015);
  assert.equal(whole('2E2'), 200);
  assert.ok(Object.is(whole('-0.000'), 0));
  assert.ok(Object.is(whole('-0'), 0));
});

test('blanks and non-numbers are NaN', () => {
  for (const s of ['', '   ', 'abc', '1.2.3', '12a', '-', '.', '0x1f', 'Infinity', 'NaN', '1,5', '1 2']) {
    assert.ok(Number.isNaN(whole(s)), JSON.stringify(s));
  }
});

test('CIF standard uncertainties in parentheses are ignored only when asked', () => {
  assert.equal(whole('1.234(5)', true), 1.234);
  assert.equal(whole('90.00(12)', true), 90);
  assert.equal(whole('1.5e2(3)', true), 150);
  assert.ok(Number.isNaN(whole('1.234(5)')));
  assert.ok(Number.isNaN(whole('1.234(x)', true)));
});

test('integers', () => {
  assert.equal(parseInteger(' 42 ', 0, 4), 42);
  assert.equal(parseInteger('-7', 0, 2), -7);
  assert.ok(Number.isNaN(parseInteger('4.5', 0, 3)));
  assert.ok(Number.isNaN(parseInteger('    ', 0, 4)));
  assert.ok(isBlank('a   b', 1, 4));
  assert.ok(!isBlank('a   b', 1, 5));
  assert.ok(isBlank('', 0, 0));
});
