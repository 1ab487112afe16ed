import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlidingSpectrum } from '../../src/scaling/sliding-spectrum.js';
import type { SpectrumExtent } from '../../src/scaling/sliding-spectrum.js';

const shape: [number, number, number] = [20, 22, 24];
const wn = 8;
const map = new Float32Array(shape[0] * shape[1] * shape[2]);
for (let i = 0; i < map.length; i++)
  map[i] = Math.sin(i * 0.37) + 0.5 * Math.cos(i * 0.011) + ((i * 7919) % 13) / 13;

/** Largest difference over the elements a spectrum of this extent keeps up to date, relative to its largest. */
function maxRelativeDifference(a: SlidingSpectrum, b: SlidingSpectrum, extent: SpectrumExtent): number {
  const h = wn / 2 + 1;
  let diff = 0;
  let scale = 0;
  for (let kz = 0; kz < a.rows; kz++)
    for (let ky = 0; ky < a.rows; ky++)
      for (let kx = 0; kx < h; kx++) {
        if (extent === 'octant' && kz * kz + ky * ky + kx * kx >= h * h) continue;
        const o = 2 * ((kz * a.rows + ky) * h + kx);
        diff = Math.max(
          diff,
          Math.hypot(a.spectrum[o] - b.spectrum[o], a.spectrum[o + 1] - b.spectrum[o + 1]),
        );
        scale = Math.max(scale, Math.hypot(b.spectrum[o], b.spectrum[o + 1]));
      }
  return diff / scale;
}

for (const extent of ['half', 'octant'] as const) {
  test(`${extent} extent: slides along +x, −x and +y equal a fresh 3-D transform at every step`, () => {
    const moving = new SlidingSpectrum(map, shape, wn, extent);
    const fresh = new SlidingSpectrum(map, shape, wn, extent);
    const z = 3;
    let [y, x] = [2, 5];
    moving.anchor(z, y, x);
    // a snake: forwards, down one row, backwards, down two rows, forwards past the start
    const moves: ('x+' | 'x-' | 'y+')[] = [
      ...Array<'x+'>(9).fill('x+'),
      'y+',
      ...Array<'x-'>(7).fill('x-'),
      'y+',
      'y+',
      ...Array<'x+'>(12).fill('x+'),
      ...Array<'y+'>(8).fill('y+'),
    ];
    let worst = 0;
    for (const m of moves) {
      if (m === 'y+') {
        moving.slideY();
        y++;
      } else {
        moving.slideX(m === 'x+' ? 1 : -1);
        x += m === 'x+' ? 1 : -1;
      }
      fresh.anchor(z, y, x);
      worst = Math.max(worst, maxRelativeDifference(moving, fresh, extent));
    }
    assert.ok(worst < 1e-12, `max relative difference ${worst}`);
    assert.deepEqual([z, y, x], [3, 13, 19]);
  });
}
