/**
 * Rounding rules of the original program (spec §0.1). They matter: window sizes, padding and the Nyquist
 * default depend on them.
 */

/** Python's `round(x)`: round half to even (banker's rounding). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** LocScale's `round_up_proper(x)` = round-half-to-even of (x + 1e-5): in practice round half up. */
export function roundUpProper(x: number): number {
  return roundHalfEven(x + 1e-5);
}

/** LocScale's `round_up_to_even(x)` = ceil(x), plus 1 if that is odd. */
export function roundUpToEven(x: number): number {
  const c = Math.ceil(x);
  return c % 2 === 0 ? c : c + 1;
}
