#!/usr/bin/python3
"""Fixture for the corner-aligned trilinear resampling test (test/grid/resample.test.ts).

Run once with Debian's python3 (scipy 1.10): /usr/bin/python3 tools/make-zoom-fixture.py
Input: v[z][y][x] = sin(0.7x) + cos(0.5y) * z / 3 + 0.1 x y, shape (5, 6, 7); output: scipy.ndimage.zoom
with order=1, grid_mode=False at factor 1.7 (shape by Python round), and at factor 0.6.
"""
import json
import numpy as np
from scipy.ndimage import zoom

z, y, x = np.indices((5, 6, 7)).astype(np.float64)
v = np.sin(0.7 * x) + np.cos(0.5 * y) * z / 3 + 0.1 * x * y
out = {'input_shape_zyx': list(v.shape), 'cases': []}
for factor in (1.7, 0.6):
    r = zoom(v, factor, order=1, grid_mode=False)
    out['cases'].append({'factor': factor, 'shape_zyx': list(r.shape), 'values': r.ravel().tolist()})
json.dump(out, open('test/fixtures/grid/zoom-scipy.json', 'w'))
print({c['factor']: c['shape_zyx'] for c in out['cases']})
