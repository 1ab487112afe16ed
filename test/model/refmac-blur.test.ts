import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  refmacCompatibleBlurA2,
  minimumAtomicBA2,
  hasAnisoU,
  U_TO_B,
  GEMMI_MINIMUM_B_START_A2,
} from '../../src/model/refmac-blur.js';
import { symMinEigenvalue, symInverseScaled, symDeterminant } from '../../src/model/sym-mat3.js';
import { structureFromAtoms } from '../helpers/atoms.js';

test('refmac blur: B_x = max(0, 8π²/1.1·apix² − B_min)', () => {
  const k = (8 * Math.PI * Math.PI) / 1.1;
  assert.ok(Math.abs(refmacCompatibleBlurA2(1.0635, 18.69) - (k * 1.0635 ** 2 - 18.69)) < 1e-12);
  assert.ok(Math.abs(refmacCompatibleBlurA2(1, 0) - k) < 1e-12);
  assert.equal(refmacCompatibleBlurA2(1.4, 294.76), 0);
  // Negative B_min widens the blur (every atom ends up at least 8π²/1.1·apix² wide).
  assert.ok(Math.abs(refmacCompatibleBlurA2(1, -5) - (k + 5)) < 1e-12);
});

test('minimum B: isotropic B, 8π²·(smallest eigenvalue of U) for anisotropic atoms, search from 1000 Å²', () => {
  const iso = structureFromAtoms([
    { xyz: [0, 0, 0], bIsoA2: 40 },
    { xyz: [1, 0, 0], bIsoA2: 25, occupancy: 0 }, // zero occupancy still counts (gemmi)
    { xyz: [2, 0, 0], bIsoA2: 10, element: 'H' },
  ]);
  assert.equal(minimumAtomicBA2(iso.atoms), 10);
  assert.equal(
    minimumAtomicBA2(iso.atoms, (i) => iso.atoms.element[i] !== 'H'),
    25,
  );
  const high = structureFromAtoms([{ xyz: [0, 0, 0], bIsoA2: 1500 }]);
  assert.equal(minimumAtomicBA2(high.atoms), GEMMI_MINIMUM_B_START_A2);

  const aniso = structureFromAtoms([
    { xyz: [0, 0, 0], bIsoA2: 30, anisoUA2: [0.5, 0.2, 0.3, 0, 0, 0] },
    { xyz: [1, 0, 0], bIsoA2: 50 }, // no ANISOU: NaN row → isotropic B
  ]);
  assert.ok(hasAnisoU(aniso.atoms, 0));
  assert.ok(!hasAnisoU(aniso.atoms, 1));
  assert.ok(Math.abs(minimumAtomicBA2(aniso.atoms) - U_TO_B * 0.2) < 1e-9);
  const zeroU = structureFromAtoms([{ xyz: [0, 0, 0], bIsoA2: 30, anisoUA2: [0, 0, 0, 0, 0, 0] }]);
  assert.ok(!hasAnisoU(zeroU.atoms, 0), 'an all-zero U is "no U" (gemmi nonzero())');
  assert.equal(minimumAtomicBA2(zeroU.atoms), 30);
});

test('symmetric 3×3 helpers: smallest eigenvalue, inverse, determinant', () => {
  // Eigenvalues of [[2,1,0],[1,2,0],[0,0,5]] are 1, 3, 5.
  const m = [2, 2, 5, 1, 0, 0];
  assert.ok(Math.abs(symMinEigenvalue(m) - 1) < 1e-12);
  assert.ok(Math.abs(symDeterminant(m) - 15) < 1e-12);
  // A general positive-definite matrix: check M·M⁻¹ = I.
  const g = [4, 3, 2, 0.5, -0.3, 0.7];
  const inv = new Float64Array(6);
  const det = symInverseScaled(g, 0, 1, inv, 0);
  assert.ok(Math.abs(det - symDeterminant(g)) < 1e-12);
  const full = (s: ArrayLike<number>) => [
    [s[0], s[3], s[4]],
    [s[3], s[1], s[5]],
    [s[4], s[5], s[2]],
  ];
  const a = full(g);
  const b = full(inv);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a[i][k] * b[k][j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12);
    }
  // Smallest eigenvalue of g against a brute-force Rayleigh-quotient minimum.
  let best = Infinity;
  for (let t = 0; t < 400; t++)
    for (let p = 0; p < 200; p++) {
      const th = (Math.PI * t) / 400;
      const ph = (Math.PI * p) / 200;
      const v = [Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)];
      let q = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q += v[i] * a[i][j] * v[j];
      best = Math.min(best, q);
    }
  assert.ok(Math.abs(symMinEigenvalue(g) - best) < 1e-3);
});
