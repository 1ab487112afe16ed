import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/core/errors.js';
import { C4322_COEFFICIENTS } from '../../src/model/tables/c4322.js';
import {
  electronFormFactor,
  electronFormFactorAt,
  findElectronFormFactor,
  hasElectronFormFactor,
} from '../../src/model/scattering-factors.js';

const ELEMENTS_H_TO_CF =
  'H HE LI BE B C N O F NE NA MG AL SI P S CL AR K CA SC TI V CR MN FE CO NI CU ZN GA GE AS SE BR KR RB SR Y ZR ' +
  'NB MO TC RU RH PD AG CD IN SN SB TE I XE CS BA LA CE PR ND PM SM EU GD TB DY HO ER TM YB LU HF TA W RE OS IR ' +
  'PT AU HG TL PB BI PO AT RN FR RA AC TH PA U NP PU AM CM BK CF';

test('C4322 table: every element H…Cf plus D, ten coefficients each, b_i > 0 and increasing', () => {
  const symbols = ELEMENTS_H_TO_CF.split(' ');
  assert.equal(symbols.length, 98);
  for (const s of [...symbols, 'D']) {
    const c = C4322_COEFFICIENTS[s];
    assert.ok(c !== undefined, s);
    assert.equal(c.length, 10, s);
    for (let i = 5; i < 10; i++) assert.ok(c[i] > 0 && (i === 5 || c[i] > c[i - 1]), `${s} b${i - 4}`);
  }
  assert.equal(Object.keys(C4322_COEFFICIENTS).length, 99);
});

test('C4322 values: carbon and iron as printed in ITC Vol. C Table 4.3.2.2; D equals H', () => {
  assert.deepEqual(
    [...C4322_COEFFICIENTS.C],
    [0.0893, 0.2563, 0.757, 1.0487, 0.3575, 0.2465, 1.71, 6.4094, 18.6113, 50.2523],
  );
  assert.deepEqual(
    [...C4322_COEFFICIENTS.FE],
    [0.3946, 1.2725, 1.7031, 2.314, 1.4795, 0.2717, 2.0443, 7.6007, 29.9714, 86.2265],
  );
  assert.deepEqual(C4322_COEFFICIENTS.D, C4322_COEFFICIENTS.H);
});

test('form factor: f(0) = Σ a_i, decreasing with s; lookup ignores case and spaces', () => {
  const c = electronFormFactor('C');
  assert.ok(Math.abs(electronFormFactorAt(c, 0) - 2.5088) < 1e-12);
  assert.ok(electronFormFactorAt(c, 0.5) < electronFormFactorAt(c, 0.1));
  assert.equal(electronFormFactor(' Fe').element, 'FE');
  assert.ok(hasElectronFormFactor('se'));
  assert.ok(!hasElectronFormFactor('ES'));
  assert.equal(findElectronFormFactor('QQ'), null);
});

test('unknown element: UserError naming the element and the atom, suggesting a fix', () => {
  assert.throws(
    () => electronFormFactor('QQ', 'atom 7 "CA" ALA A 3'),
    (e: unknown) =>
      e instanceof UserError &&
      e.message.includes("element 'QQ'") &&
      e.message.includes('atom 7 "CA" ALA A 3') &&
      e.message.includes('Correct the element symbol'),
  );
  assert.throws(
    () => electronFormFactor('X'),
    (e: unknown) => e instanceof UserError && e.message.includes('could not be determined'),
  );
});
