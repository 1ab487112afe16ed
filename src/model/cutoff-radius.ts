/**
 * How far from its centre an atom's density is summed: gemmi's rule (dencalc.hpp, `estimate_radius` and
 * `determine_cutoff_radius`), re-derived here. The radius is where the atom's radial density
 *
 *   ρ(r) = Σ_i A_i · exp(K_i r²)   (A_i > 0 mostly; K_i < 0)
 *
 * (without occupancy) falls to the density cutoff (1e-5 by default). Start from an empirical guess for carbon,
 * r₀(B) = (8.5 + 0.075B)/(2.4 + 0.0045B) Å; step by 0.5 Å inwards (guess already below the cutoff) or outwards
 * (above it) until the cutoff is bracketed, then interpolate linearly inside the last step. Negative a_i (Rb, Np)
 * can make ρ rise before it falls; the rule first moves past any rising part, as gemmi does.
 */

/** gemmi's default density cutoff (`DensityCalculator::cutoff`). */
export const DEFAULT_DENSITY_CUTOFF = 1e-5;

/** gemmi's empirical radius (Å) above cutoff 1e-5 for carbon of total B `bA2` (IT92 fit). */
export function carbonRadiusGuessA(bA2: number): number {
  return (8.5 + 0.075 * bA2) / (2.4 + 0.0045 * bA2);
}

/** ρ(r) for coefficients A (amplitudes) and K (exponents per Å²), n terms. */
function densityAt(amp: Float64Array, k: Float64Array, n: number, r: number): number {
  const r2 = r * r;
  let y = 0;
  for (let i = 0; i < n; i++) y += amp[i] * Math.exp(k[i] * r2);
  return y;
}

/** dρ/dr at r. */
function slopeAt(amp: Float64Array, k: Float64Array, n: number, r: number): number {
  const r2 = r * r;
  let dy = 0;
  for (let i = 0; i < n; i++) dy += 2 * k[i] * r * amp[i] * Math.exp(k[i] * r2);
  return dy;
}

/**
 * The radius (Å) at which ρ(r) = Σ_{i<n} amp[i]·exp(k[i]·r²) falls to `cutoff`, starting from `guessA`
 * (gemmi's bracketing and linear interpolation; see the file comment).
 */
export function cutoffRadiusA(
  amp: Float64Array,
  k: Float64Array,
  n: number,
  guessA: number,
  cutoff: number,
): number {
  let x1 = guessA;
  let y1 = densityAt(amp, k, n, x1);
  let dy = slopeAt(amp, k, n, x1);
  // Move past a rising part (only with negative amplitudes).
  for (let guard = 0; dy > 0 && guard < 1000; guard++) {
    x1 += 1;
    y1 = densityAt(amp, k, n, x1);
    dy = slopeAt(amp, k, n, x1);
  }
  let x2 = x1;
  let y2 = y1;
  if (y1 < cutoff) {
    // Step inwards until the density is above the cutoff.
    while (y1 < cutoff) {
      x2 = x1;
      y2 = y1;
      x1 -= 0.5;
      y1 = densityAt(amp, k, n, x1);
      dy = slopeAt(amp, k, n, x1);
      if (dy > 0) {
        // Landed left of a maximum: creep back out by 0.1 Å.
        while (dy > 0 && x1 + 0.1 < x2) {
          x1 += 0.1;
          y1 = densityAt(amp, k, n, x1);
          dy = slopeAt(amp, k, n, x1);
        }
        if (y1 < cutoff) return x1;
        break;
      }
      if (x1 < 0) {
        x1 = 0;
        y1 = densityAt(amp, k, n, 0);
        break;
      }
    }
  } else {
    // Step outwards until the density is below the cutoff.
    while (y2 > cutoff) {
      x1 = x2;
      y1 = y2;
      x2 += 0.5;
      y2 = densityAt(amp, k, n, x2);
    }
  }
  if (y1 === y2) return x1;
  return x1 + ((x1 - x2) / (y1 - y2)) * (cutoff - y1);
}
