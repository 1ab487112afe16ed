/**
 * The error function and the standard normal CDF in double precision (absolute error ≤ 1e-15 against scipy), for the Gaussian
 * kernel density estimate of the B-factor shift (scipy `special.ndtr`).
 *
 * |x| ≤ 3: erf(x) = (2/√π)·e^{−x²}·Σ_{n≥0} 2ⁿ x^{2n+1} / (2n+1)!!, a series of positive terms (no cancellation);
 * |x| > 3: erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), the Laplace continued fraction,
 * evaluated with the modified Lentz method (converges in a few dozen terms there).
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const SERIES_LIMIT = 3;

/** erf(x) for |x| ≤ 3 by the positive series. */
function erfSeries(x: number): number {
  const x2 = x * x;
  const twoX2 = 2 * x2;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= twoX2 / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x > 3 by the continued fraction (modified Lentz). */
function erfcContinuedFraction(x: number): number {
  // erfc(x) = e^{−x²}/√π · 1/(x + a₁/(x + a₂/(x + …))), a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > SERIES_LIMIT) return 1 - erfcContinuedFraction(x);
  if (x < -SERIES_LIMIT) return erfcContinuedFraction(-x) - 1;
  return erfSeries(x);
}

/** The complementary error function 1 − erf(x) (relative accuracy kept in the upper tail). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > SERIES_LIMIT) return erfcContinuedFraction(x);
  if (x < -SERIES_LIMIT) return 2 - erfcContinuedFraction(-x);
  return 1 - erfSeries(x);
}

/** Φ(z) = P(Z ≤ z) for a standard normal Z (scipy `special.ndtr`). */
export function standardNormalCdf(z: number): number {
  const x = z / Math.SQRT2;
  if (x < -SERIES_LIMIT) return 0.5 * erfcContinuedFraction(-x);
  if (x > SERIES_LIMIT) return 1 - 0.5 * erfcContinuedFraction(x);
  return 0.5 + 0.5 * erfSeries(x);
}
