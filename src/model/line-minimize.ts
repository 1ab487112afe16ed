/**
 * One-dimensional minimisation on an interval: Brent's method (golden-section steps with parabolic interpolation,
 * Brent 1973, "Algorithms for Minimization without Derivatives", ch. 5), preceded by an optional scan of given
 * points to bracket the best one.
 */

export interface LineMinimum {
  readonly x: number;
  readonly f: number;
  readonly evaluations: number;
}

const GOLDEN = 0.5 * (3 - Math.sqrt(5));

/**
 * The minimum of f on [a, b] (a < b) to an absolute tolerance `tolerance` in x, by Brent's method. f need not be
 * unimodal, but then only a local minimum is guaranteed.
 */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  tolerance: number,
  maxEvaluations = 60,
): LineMinimum {
  if (!(a < b)) throw new RangeError(`brentMinimize: need a < b, got ${a}, ${b}`);
  let lo = a;
  let hi = b;
  let x = lo + GOLDEN * (hi - lo);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let evaluations = 1;
  let d = 0;
  let e = 0;
  while (evaluations < maxEvaluations) {
    const mid = 0.5 * (lo + hi);
    const tol1 = tolerance + 1e-12 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (hi - lo)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx).
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (lo - x) && p < q * (hi - x)) {
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = x < mid ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x < mid ? hi - x : lo - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) hi = x;
      else lo = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, f: fx, evaluations };
}

/**
 * Evaluates f at the sorted points `grid`, then refines the best one with Brent's method between its neighbours
 * (or the interval's ends). Returns the best point seen.
 */
export function scanThenBrent(
  f: (x: number) => number,
  grid: readonly number[],
  tolerance: number,
  maxEvaluations = 60,
): LineMinimum {
  if (grid.length === 0) throw new RangeError('scanThenBrent: empty grid');
  let best = 0;
  const values = grid.map((x) => f(x));
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  let evaluations = values.length;
  const a = grid[Math.max(best - 1, 0)];
  const b = grid[Math.min(best + 1, grid.length - 1)];
  if (!(a < b)) return { x: grid[best], f: values[best], evaluations };
  const refined = brentMinimize(f, a, b, tolerance, Math.max(maxEvaluations - evaluations, 3));
  evaluations += refined.evaluations;
  return refined.f <= values[best]
    ? { x: refined.x, f: refined.f, evaluations }
    : { x: grid[best], f: values[best], evaluations };
}
