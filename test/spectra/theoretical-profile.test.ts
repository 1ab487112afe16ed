import { test } from 'node:test';
import assert from 'node:assert/strict';
import { theoreticalProfile } from '../../src/spectra/theoretical-profile.js';
import { THEORETICAL_PROFILES } from '../../src/spectra/tables/theoretical-profiles.js';
import { golden, assertClose } from '../helpers/golden.js';

const C = golden.C_get_theoretical_profile_len9_apix1 as { freq: number[]; profile: number[] };

test('golden C: get_theoretical_profile(9, apix 1) to 1e-9 (f = 0 by extrapolation)', () => {
  assertClose(theoreticalProfile(9, 1.0), C.profile, 1e-9);
  assert.ok(Math.abs(theoreticalProfile(9, 1.0)[0] - 60181.8) < 0.1);
});

test('the shipped table holds the four profiles of 256 points each; the helix Debye peak at 4.76 Å', () => {
  for (const kind of ['helix', 'sheet', 'rna', 'dna'] as const) {
    assert.equal(THEORETICAL_PROFILES[kind].freqPerA.length, 256);
    assert.equal(THEORETICAL_PROFILES[kind].amplitude.length, 256);
  }
  const h = THEORETICAL_PROFILES.helix;
  // local maximum 726.8 near d = 4.76 Å (spec §4.3)
  const i = h.freqPerA.findIndex((f) => f >= 1 / 4.76);
  const peak = Math.max(...h.amplitude.slice(i - 3, i + 4));
  assert.ok(Math.abs(peak - 726.8) < 1, `peak ${peak}`);
});
