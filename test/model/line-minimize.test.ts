import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brentMinimize, scanThenBrent } from '../../src/model/line-minimize.js';

test('Brent: minimum of smooth functions on an interval', () => {
  const a = brentMinimize((x) => (x - 1.234) ** 2 + 3, -10, 10, 1e-8);
  assert.ok(Math.abs(a.x - 1.234) < 1e-7 && Math.abs(a.f - 3) < 1e-12);
  const b = brentMinimize((x) => Math.cos(x), 2, 5, 1e-8); // minimum at π
  assert.ok(Math.abs(b.x - Math.PI) < 1e-7, `${b.x}`);
  assert.ok(b.evaluations < 30);
  // Minimum at the boundary: Brent converges to the end.
  const c = brentMinimize((x) => x, 0, 1, 1e-6);
  assert.ok(c.x < 1e-5);
});

test('scan then Brent: brackets the best grid point, refines, never returns worse than the scan', () => {
  const f = (x: number): number => Math.sin(3 * x) + 0.1 * x * x; // several local minima
  const grid = Array.from({ length: 41 }, (_, i) => -5 + i * 0.25);
  const r = scanThenBrent(f, grid, 1e-8);
  let bestGrid = Infinity;
  for (const x of grid) bestGrid = Math.min(bestGrid, f(x));
  assert.ok(r.f <= bestGrid);
  // Global minimum near x ≈ −0.5: f′ = 3cos(3x) + 0.2x = 0.
  assert.ok(Math.abs(3 * Math.cos(3 * r.x) + 0.2 * r.x) < 1e-5, `${r.x}`);
  assert.ok(r.x < 0 && r.x > -1);
});
