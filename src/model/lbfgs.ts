/**
 * A small limited-memory BFGS minimiser with simple bounds (projected L-BFGS, in the spirit of L-BFGS-B):
 *
 * - direction: the two-loop recursion (Nocedal & Wright, Alg. 7.4) on the *free* variables, with an optional
 *   diagonal preconditioner P as the initial inverse Hessian, scaled each iteration by γ = sᵀy / yᵀPy.
 *   A variable is *fixed* for the iteration when it sits on a bound and its gradient pushes it outwards;
 * - step: the projected path x(α) = clamp(x + α·d, lower, upper), α = 1 first (the quasi-Newton step; on the
 *   first iteration and after a reset the step is capped so that no variable moves more than `maxStep`),
 *   backtracking with a safeguarded quadratic interpolation until the Armijo condition
 *   f(x(α)) ≤ f(x) + c₁·g·(x(α) − x) holds;
 * - memory: the pair (s, y) is kept only when sᵀy > ε·yᵀy (curvature), so the implicit inverse Hessian stays
 *   positive definite; when a direction fails to descend, the memory is cleared and the preconditioned steepest
 *   descent direction is used.
 *
 * Stops at a projected-gradient norm below `gradientTolerance`, a relative decrease below `relativeTolerance`,
 * or when the line search cannot decrease f. The minimiser keeps its memory between calls of `iterate`, so a
 * caller can run it in cycles (report statistics, update the preconditioner) without losing curvature.
 */

/** f(x), writing ∂f/∂x into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Lower bounds (one per variable, or one number for all); default −∞. */
  readonly lower?: Float64Array | number;
  /** Upper bounds; default +∞. */
  readonly upper?: Float64Array | number;
  /** Number of (s, y) pairs kept (default 8). */
  readonly memory?: number;
  /** Armijo constant c₁ (default 1e-4). */
  readonly armijo?: number;
  /** Largest per-variable move of a step without curvature information (default +∞). */
  readonly maxStep?: number;
  /** Stop when max |projected gradient| ≤ this (default 1e-8). */
  readonly gradientTolerance?: number;
  /** Stop when (f_old − f_new) ≤ this · max(|f_old|, |f_new|, 1) (default 1e-12). */
  readonly relativeTolerance?: number;
  /** Backtracking steps per line search (default 20). */
  readonly maxBacktracks?: number;
}

export type LbfgsStop = 'running' | 'gradient' | 'relative-decrease' | 'line-search' | 'iterations';

export interface LbfgsState {
  readonly x: Float64Array;
  readonly f: number;
  readonly grad: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  /** Why the last `iterate` call returned ('iterations' when it simply ran its count). */
  readonly stop: LbfgsStop;
}

function boundArray(b: Float64Array | number | undefined, n: number, fill: number): Float64Array {
  if (b instanceof Float64Array) {
    if (b.length !== n) throw new RangeError(`L-BFGS bounds: length ${b.length} ≠ ${n} variables`);
    return b;
  }
  return new Float64Array(n).fill(b ?? fill);
}

export class LbfgsMinimizer {
  readonly n: number;
  private readonly objective: Objective;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly m: number;
  private readonly c1: number;
  private readonly maxStep: number;
  private readonly gtol: number;
  private readonly ftol: number;
  private readonly maxBacktracks: number;
  private readonly x: Float64Array;
  private readonly g: Float64Array;
  private f: number;
  private readonly xNew: Float64Array;
  private readonly gNew: Float64Array;
  private readonly d: Float64Array;
  private readonly q: Float64Array;
  private readonly free: Uint8Array;
  private precond: Float64Array | null = null;
  private readonly sMem: Float64Array[];
  private readonly yMem: Float64Array[];
  private readonly rho: Float64Array;
  private readonly alphaMem: Float64Array;
  private stored = 0;
  private head = 0;
  private iterations = 0;
  private evaluations = 0;
  private stop: LbfgsStop = 'running';

  constructor(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}) {
    const n = x0.length;
    this.n = n;
    this.objective = objective;
    this.lower = boundArray(options.lower, n, -Infinity);
    this.upper = boundArray(options.upper, n, Infinity);
    for (let i = 0; i < n; i++) {
      if (!(this.lower[i] <= this.upper[i])) {
        throw new RangeError(
          `L-BFGS bounds: lower ${this.lower[i]} > upper ${this.upper[i]} (variable ${i})`,
        );
      }
    }
    this.m = Math.max(1, options.memory ?? 8);
    this.c1 = options.armijo ?? 1e-4;
    this.maxStep = options.maxStep ?? Infinity;
    this.gtol = options.gradientTolerance ?? 1e-8;
    this.ftol = options.relativeTolerance ?? 1e-12;
    this.maxBacktracks = options.maxBacktracks ?? 20;
    this.x = new Float64Array(n);
    for (let i = 0; i < n; i++) this.x[i] = Math.min(Math.max(x0[i], this.lower[i]), this.upper[i]);
    this.g = new Float64Array(n);
    this.xNew = new Float64Array(n);
    this.gNew = new Float64Array(n);
    this.d = new Float64Array(n);
    this.q = new Float64Array(n);
    this.free = new Uint8Array(n);
    this.sMem = Array.from({ length: this.m }, () => new Float64Array(n));
    this.yMem = Array.from({ length: this.m }, () => new Float64Array(n));
    this.rho = new Float64Array(this.m);
    this.alphaMem = new Float64Array(this.m);
    this.f = this.evaluate(this.x, this.g);
  }

  /** A diagonal approximation of the inverse Hessian (positive entries), or null for the identity. */
  setPreconditioner(inverseDiagonal: Float64Array | null): void {
    if (inverseDiagonal !== null && inverseDiagonal.length !== this.n) {
      throw new RangeError(`L-BFGS preconditioner: length ${inverseDiagonal.length} ≠ ${this.n}`);
    }
    this.precond = inverseDiagonal;
  }

  /** Forgets the curvature pairs (e.g. after the objective changed). */
  resetMemory(): void {
    this.stored = 0;
    this.head = 0;
  }

  get state(): LbfgsState {
    return {
      x: this.x,
      f: this.f,
      grad: this.g,
      iterations: this.iterations,
      evaluations: this.evaluations,
      stop: this.stop,
    };
  }

  private evaluate(x: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    const f = this.objective(x, grad);
    if (!Number.isFinite(f)) throw new RangeError(`L-BFGS: the objective returned ${f}`);
    return f;
  }

  /** max |projected gradient|: the gradient with components that push against an active bound removed. */
  projectedGradientNorm(): number {
    let worst = 0;
    for (let i = 0; i < this.n; i++) {
      const gi = this.g[i];
      if ((this.x[i] <= this.lower[i] && gi > 0) || (this.x[i] >= this.upper[i] && gi < 0)) continue;
      const a = Math.abs(gi);
      if (a > worst) worst = a;
    }
    return worst;
  }

  /** Runs up to `maxIterations` iterations; returns the state (x, f, gradient, counts, why it stopped). */
  iterate(maxIterations: number): LbfgsState {
    this.stop = 'iterations';
    for (let it = 0; it < maxIterations; it++) {
      if (this.projectedGradientNorm() <= this.gtol) {
        this.stop = 'gradient';
        break;
      }
      const result = this.step();
      this.iterations++;
      if (result !== 'running') {
        this.stop = result;
        break;
      }
    }
    return this.state;
  }

  /** The search direction into `d`; returns gᵀd over the free variables. */
  private direction(): number {
    const { n, x, g, d, q, free, lower, upper } = this;
    for (let i = 0; i < n; i++) {
      const fixed = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
      free[i] = fixed ? 0 : 1;
      q[i] = fixed ? 0 : g[i];
    }
    // Two-loop recursion, newest pair first.
    const m = this.m;
    for (let k = 0; k < this.stored; k++) {
      const j = (this.head - 1 - k + m) % m;
      const s = this.sMem[j];
      const y = this.yMem[j];
      let a = 0;
      for (let i = 0; i < n; i++) if (free[i] === 1) a += s[i] * q[i];
      a *= this.rho[j];
      this.alphaMem[j] = a;
      for (let i = 0; i < n; i++) if (free[i] === 1) q[i] -= a * y[i];
    }
    const p = this.precond;
    let gamma = 1;
    if (this.stored > 0) {
      const j = (this.head - 1 + m) % m;
      const s = this.sMem[j];
      const y = this.yMem[j];
      let sy = 0;
      let yPy = 0;
      for (let i = 0; i < n; i++) {
        sy += s[i] * y[i];
        yPy += y[i] * y[i] * (p === null ? 1 : p[i]);
      }
      if (yPy > 0) gamma = sy / yPy;
    }
    for (let i = 0; i < n; i++) q[i] *= gamma * (p === null ? 1 : p[i]);
    for (let k = this.stored - 1; k >= 0; k--) {
      const j = (this.head - 1 - k + m) % m;
      const s = this.sMem[j];
      const y = this.yMem[j];
      let b = 0;
      for (let i = 0; i < n; i++) if (free[i] === 1) b += y[i] * q[i];
      b *= this.rho[j];
      const c = this.alphaMem[j] - b;
      for (let i = 0; i < n; i++) if (free[i] === 1) q[i] += c * s[i];
    }
    let gd = 0;
    for (let i = 0; i < n; i++) {
      d[i] = free[i] === 1 ? -q[i] : 0;
      gd += g[i] * d[i];
    }
    return gd;
  }

  /** Preconditioned steepest descent on the free variables into `d`; returns gᵀd. */
  private steepestDirection(): number {
    const { n, g, d, free } = this;
    const p = this.precond;
    let gd = 0;
    for (let i = 0; i < n; i++) {
      d[i] = free[i] === 1 ? -g[i] * (p === null ? 1 : p[i]) : 0;
      gd += g[i] * d[i];
    }
    return gd;
  }

  /** Largest per-variable |d|. */
  private maxAbsDirection(): number {
    let worst = 0;
    for (let i = 0; i < this.n; i++) {
      const a = Math.abs(this.d[i]);
      if (a > worst) worst = a;
    }
    return worst;
  }

  private step(): LbfgsStop {
    const { n, x, g, d, xNew, gNew, lower, upper } = this;
    let gd = this.direction();
    if (!(gd < 0)) {
      this.resetMemory();
      gd = this.steepestDirection();
      if (!(gd < 0)) return 'gradient';
    }
    let alpha = 1;
    if (this.stored === 0) {
      const big = this.maxAbsDirection();
      if (big > this.maxStep) alpha = this.maxStep / big;
    }
    const f0 = this.f;
    let accepted = false;
    for (let bt = 0; bt <= this.maxBacktracks; bt++) {
      // Projected trial point and the directional change along the projected path.
      let slope = 0;
      for (let i = 0; i < n; i++) {
        let v = x[i] + alpha * d[i];
        if (v < lower[i]) v = lower[i];
        else if (v > upper[i]) v = upper[i];
        xNew[i] = v;
        slope += g[i] * (v - x[i]);
      }
      if (!(slope < 0)) {
        alpha *= 0.5;
        continue;
      }
      const fNew = this.evaluate(xNew, gNew);
      if (fNew <= f0 + this.c1 * slope) {
        this.accept(fNew);
        accepted = true;
        break;
      }
      // Quadratic model along the path: φ(0) = f0, φ'(0) ≈ slope/alpha, φ(alpha) = fNew.
      const dphi0 = slope / alpha;
      const denom = 2 * (fNew - f0 - dphi0 * alpha);
      let next = denom > 0 ? (-dphi0 * alpha * alpha) / denom : 0.5 * alpha;
      if (!(next >= 0.1 * alpha)) next = 0.1 * alpha;
      if (next > 0.5 * alpha) next = 0.5 * alpha;
      alpha = next;
    }
    if (!accepted) {
      if (this.stored > 0) {
        // Stale curvature: try again next time from preconditioned steepest descent.
        this.resetMemory();
        return 'running';
      }
      return 'line-search';
    }
    const decrease = f0 - this.f;
    if (decrease <= this.ftol * Math.max(Math.abs(f0), Math.abs(this.f), 1)) return 'relative-decrease';
    return 'running';
  }

  /** Moves to (xNew, gNew, fNew) and stores the curvature pair when sᵀy is positive enough. */
  private accept(fNew: number): void {
    const { n, x, g, xNew, gNew } = this;
    const slot = this.head;
    const s = this.sMem[slot];
    const y = this.yMem[slot];
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xNew[i] - x[i];
      const yi = gNew[i] - g[i];
      s[i] = si;
      y[i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > 1e-10 * yy && sy > 0) {
      this.rho[slot] = 1 / sy;
      this.head = (this.head + 1) % this.m;
      if (this.stored < this.m) this.stored++;
    }
    x.set(xNew);
    g.set(gNew);
    this.f = fNew;
  }
}

/** One-shot convenience: minimise from `x0` for up to `maxIterations` iterations. */
export function minimizeLbfgs(
  objective: Objective,
  x0: Float64Array,
  maxIterations: number,
  options: LbfgsOptions = {},
): LbfgsState {
  return new LbfgsMinimizer(objective, x0, options).iterate(maxIterations);
}
