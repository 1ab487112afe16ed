#!/usr/bin/python3
"""Fixtures for test/pseudo/ (pseudo-atomic models, spec 4.2 and 5.1).

Run once with Debian's python3 (numpy 1.24, scipy 1.10): /usr/bin/python3 tools/make-pseudo-fixtures.py
Writes test/fixtures/pseudo/pseudo-python.json with

1. `uniform_filter`: scipy.ndimage.uniform_filter (mode 'reflect', the default) on integer (int64) arrays, the
   hybrid difference mask's "averaging" (spec 5.1 step 4): random 0/1 and small-integer arrays of several shapes,
   sizes 2..7 and per-axis sizes, a size longer than an axis, and scipy's binary_erosion by a 3x3x3 cube with
   border_value=1 on the 0/1 array (what size 3 amounts to).
2. `gradient_solver`: an independent numpy implementation of the spec's gradient-solver pseudo-code (spec 4.2,
   written from the spec, brute-force neighbours, not LocScale's code) run for a few iterations on a small
   float32 map and mask from a fixed start, with every iteration's positions. Map and mask are stored as
   integers (value * 1024 and * 256) so both sides read exactly the same float32 numbers.
"""
import json

import numpy as np
from scipy import ndimage

rng = np.random.default_rng(20241126)
out = {'numpy': np.__version__, 'scipy': __import__('scipy').__version__}

# --- 1. uniform_filter on integer arrays -------------------------------------------------------------------
cases = []


def add_case(name, arr, size):
    res = ndimage.uniform_filter(arr, size=size)
    assert res.dtype == arr.dtype
    cases.append({
        'name': name,
        'shape': list(arr.shape),
        'size': size if isinstance(size, int) else list(size),
        'input': arr.ravel().tolist(),
        'output': res.ravel().tolist(),
    })


binary = (rng.random((9, 10, 11)) < 0.8).astype(np.int64)
for s in (2, 3, 4, 5, 7):
    add_case('binary 9x10x11 p=0.8 size %d' % s, binary, s)
add_case('binary 9x10x11 sizes (3,1,5)', binary, (3, 1, 5))
blob = np.zeros((14, 13, 12), dtype=np.int64)
zz, yy, xx = np.mgrid[0:14, 0:13, 0:12]
blob[((zz - 7) ** 2 / 25 + (yy - 6) ** 2 / 16 + (xx - 5) ** 2 / 20) <= 1] = 1
blob[0:3, :, :] = 1  # touches a face: the reflect border keeps it
add_case('ellipsoid blob touching a face, size 3', blob, 3)
add_case('ellipsoid blob touching a face, size 6', blob, 6)
ints = rng.integers(-4, 10, size=(5, 6, 7)).astype(np.int64)
add_case('integers -4..9 5x6x7 size 3', ints, 3)
add_case('integers -4..9 5x6x7 size 4', ints, 4)
tiny = rng.integers(0, 2, size=(3, 4, 2)).astype(np.int64)
add_case('binary 3x4x2 size 7 (longer than every axis)', tiny, 7)
out['uniform_filter'] = cases
eroded = ndimage.binary_erosion(binary, structure=np.ones((3, 3, 3), bool), border_value=1).astype(np.int64)
out['erosion_3_of_binary'] = eroded.ravel().tolist()
assert np.array_equal(eroded, ndimage.uniform_filter(binary, size=3))

# --- 2. gradient solver, spec 4.2 pseudo-code ----------------------------------------------------------------
nz, ny, nx = 16, 18, 20
zz, yy, xx = np.mgrid[0:nz, 0:ny, 0:nx].astype(np.float64)
centres = [(8, 9, 10, 3.0), (6, 6, 13, 2.0), (10, 12, 6, 2.5)]
rho = np.zeros((nz, ny, nx))
for cz, cy, cx, s in centres:
    rho += np.exp(-((zz - cz) ** 2 + (yy - cy) ** 2 + (xx - cx) ** 2) / (2 * s * s))
rho_int = np.round(rho * 1024).astype(np.int64)
rho32 = (rho_int / 1024).astype(np.float32)
mask_int = np.clip(np.round(256 * (1.2 - np.sqrt((zz - 8) ** 2 + (yy - 9) ** 2 + (xx - 10) ** 2) / 8)), 0, 256)
mask_int = mask_int.astype(np.int64)
mask32 = (mask_int / 256).astype(np.float32)

n_atoms = 60
i = np.arange(n_atoms)
start = np.stack([5 + (i * 7.31) % 10, 5 + (i * 3.77) % 8, 4 + (i * 5.13) % 8], axis=1)  # x, y, z (voxels)

dst, apix, dt, gamma, cap_map, cap_lj, iterations = 1.2, 1.0, 0.1, 10.0, 100.0, 100.0, 6
gz, gy, gx = np.gradient(rho32)
max_grad = (mask32 * np.sqrt(gx ** 2 + gy ** 2 + gz ** 2)).max()
g = round(100 / max_grad)
rm = dst / apix
shape_xyz = (nx, ny, nz)


def capped(v, cap):
    m = np.sqrt((v ** 2).sum())
    return v * (cap / m) if m > cap else v


pos = start.copy()
prev = None
vel = np.zeros_like(pos)
history = []
for it in range(iterations):
    acc = np.zeros_like(pos)
    for a in range(n_atoms):
        vox = [min(max(int(round(pos[a, k])), 0), shape_xyz[k] - 1) for k in range(3)]
        x, y, z = vox
        a_map = capped(g * np.array([gx[z, y, x], gy[z, y, x], gz[z, y, x]], dtype=np.float64), cap_map)
        d = pos[a] - pos
        r = np.sqrt((d ** 2).sum(axis=1))
        near = (r <= 3 * rm) & (np.arange(n_atoms) != a)
        a_lj = np.zeros(3)
        if near.any():
            rn = r[near]
            force = 12 * rm ** 6 * (rn ** 6 - rm ** 6) / rn ** 13
            a_lj = capped(-(force[:, None] * d[near] / rn[:, None]).sum(axis=0), cap_lj)
        acc[a] = a_map + a_lj - gamma * vel[a]
    if it == 0:
        vel = vel + acc * dt
        prev = pos.copy()
        pos = pos + vel * dt
    else:
        new = 2 * pos - prev + acc * dt * dt
        vel = (new - prev) / (2 * dt)
        prev = pos
        pos = new
    history.append(pos.ravel().tolist())

out['gradient_solver'] = {
    'shape_zyx': [nz, ny, nx],
    'map_times_1024': rho_int.ravel().tolist(),
    'mask_times_256': mask_int.ravel().tolist(),
    'start_xyz': start.ravel().tolist(),
    'distance_A': dst,
    'apix': apix,
    'max_masked_gradient': float(max_grad),
    'g': g,
    'positions_xyz_per_iteration': history,
}

json.dump(out, open('test/fixtures/pseudo/pseudo-python.json', 'w'))
print('wrote test/fixtures/pseudo/pseudo-python.json; g =', g, 'max gradient', max_grad)
