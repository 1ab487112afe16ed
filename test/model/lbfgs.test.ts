import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LbfgsMinimizer, minimizeLbfgs } from '../../src/model/lbfgs.js';

/** Extended Rosenbrock: Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})²; minimum 0 at all ones. */
function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i += 2) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * a * x[i] - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
}

test('L-BFGS: 2-D Rosenbrock from (−1.2, 1) reaches (1, 1)', () => {
  const r = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), 200, { gradientTolerance: 1e-10 });
  assert.ok(Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 1) < 1e-6, `x = ${r.x.join(', ')}`);
  assert.ok(r.f < 1e-12);
  assert.ok(r.evaluations < 120, `evaluations ${r.evaluations}`);
});

test('L-BFGS: 100-D extended Rosenbrock', () => {
  const x0 = new Float64Array(100);
  for (let i = 0; i < 100; i += 2) {
    x0[i] = -1.2;
    x0[i + 1] = 1;
  }
  const r = minimizeLbfgs(rosenbrock, x0, 1000, { gradientTolerance: 1e-9 });
  for (const v of r.x) assert.ok(Math.abs(v - 1) < 1e-5);
});

test('L-BFGS-B: Rosenbrock with x₀ ≤ 0.5 stops on the bound at (0.5, 0.25)', () => {
  const r = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), 300, {
    lower: Float64Array.from([-2, -2]),
    upper: Float64Array.from([0.5, 2]),
    gradientTolerance: 1e-10,
  });
  assert.ok(Math.abs(r.x[0] - 0.5) < 1e-12, `x0 ${r.x[0]}`);
  assert.ok(Math.abs(r.x[1] - 0.25) < 1e-6, `x1 ${r.x[1]}`);
  assert.ok(Math.abs(r.f - 0.25) < 1e-9);
});

test('L-BFGS-B: bound-constrained quadratic, active set found (KKT)', () => {
  // f = ½ Σ a_i (x_i − c_i)² + ½ Σ (x_i − x_{i+1})², bounds [0, 1]; check KKT at the result (to 1e-6:
  // near f ≈ 107 a smaller gradient changes f by less than its rounding, so no line search can go further).
  const n = 50;
  const a = Float64Array.from({ length: n }, (_, i) => 1 + (i % 7));
  const c = Float64Array.from({ length: n }, (_, i) => 2 * Math.sin(i * 0.7));
  const f = (x: Float64Array, g: Float64Array): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      v += 0.5 * a[i] * (x[i] - c[i]) ** 2;
      g[i] = a[i] * (x[i] - c[i]);
    }
    for (let i = 0; i + 1 < n; i++) {
      const d = x[i] - x[i + 1];
      v += 0.5 * d * d;
      g[i] += d;
      g[i + 1] -= d;
    }
    return v;
  };
  const r = minimizeLbfgs(f, new Float64Array(n).fill(0.5), 500, {
    lower: 0,
    upper: 1,
    gradientTolerance: 1e-10,
    relativeTolerance: 0,
  });
  let atBound = 0;
  for (let i = 0; i < n; i++) {
    const x = r.x[i];
    assert.ok(x >= 0 && x <= 1);
    if (x === 0) {
      assert.ok(r.grad[i] >= -1e-6);
      atBound++;
    } else if (x === 1) {
      assert.ok(r.grad[i] <= 1e-6);
      atBound++;
    } else assert.ok(Math.abs(r.grad[i]) < 1e-6, `free gradient ${r.grad[i]}`);
  }
  assert.ok(atBound > 5 && atBound < n - 5, `${atBound} variables at a bound`);
});

test('L-BFGS: a diagonal preconditioner solves a badly scaled quadratic in one step', () => {
  const n = 20;
  const h = Float64Array.from({ length: n }, (_, i) => 10 ** (i % 6));
  const f = (x: Float64Array, g: Float64Array): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      v += 0.5 * h[i] * (x[i] - 1) ** 2;
      g[i] = h[i] * (x[i] - 1);
    }
    return v;
  };
  const m = new LbfgsMinimizer(f, new Float64Array(n), {});
  m.setPreconditioner(Float64Array.from(h, (v) => 1 / v));
  const s = m.iterate(1);
  assert.equal(s.evaluations, 2);
  for (const v of s.x) assert.ok(Math.abs(v - 1) < 1e-12);
});

test('L-BFGS: memory persists across iterate() calls (cycles) and counts accumulate', () => {
  const m = new LbfgsMinimizer(rosenbrock, Float64Array.from([-1.2, 1]), {});
  let s = m.iterate(5);
  assert.equal(s.iterations, 5);
  for (let c = 0; c < 40 && s.stop !== 'gradient'; c++) s = m.iterate(5);
  assert.ok(Math.abs(s.x[0] - 1) < 1e-6);
});

test('L-BFGS: maxStep caps the first step', () => {
  const f = (x: Float64Array, g: Float64Array): number => {
    g[0] = 1000;
    return 1000 * x[0] + (x[0] < -5 ? 1e9 : 0);
  };
  const m = new LbfgsMinimizer(f, Float64Array.from([0]), { maxStep: 2 });
  m.iterate(1);
  assert.equal(m.state.x[0], -2);
});
