#!/usr/bin/python3
"""Writes test/fixtures/fft/numpy-fft.json: numpy.fft reference outputs for the FFT tests.

Run once, from the repository root, with Debian's python3 (numpy 1.24, pocketfft):

    /usr/bin/python3 tools/make-fft-fixtures.py

Inputs are defined by formulas (repeated in test/fft/numpy-fixtures.test.ts), so only outputs are stored.
Numbers are written with repr(), which round-trips float64 exactly through JSON.parse.
"""
import json
import os

import numpy as np


def grid(shape):
    z, y, x = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in shape], indexing="ij")
    return z, y, x


def real_input(shape):
    # f(z, y, x) = sin(0.37x + 0.61y² + 0.23z) + 0.5·cos(1.3xy − 0.7z) + 0.01xyz
    z, y, x = grid(shape)
    return np.sin(0.37 * x + 0.61 * y * y + 0.23 * z) + 0.5 * np.cos(1.3 * x * y - 0.7 * z) + 0.01 * x * y * z


def complex_input(shape):
    # g = cos(0.5x + 0.3yz) + i·(sin(0.9xy + 0.2z) − 0.25)
    z, y, x = grid(shape)
    return np.cos(0.5 * x + 0.3 * y * z) + 1j * (np.sin(0.9 * x * y + 0.2 * z) - 0.25)


def half_spectrum_input(shape):
    # h = cos(0.41x + 0.17y + 0.29z²) + i·sin(0.53xy + 0.31z + 0.1); not Hermitian on the kx = 0 / nx/2 planes
    z, y, x = grid(shape)
    return np.cos(0.41 * x + 0.17 * y + 0.29 * z * z) + 1j * np.sin(0.53 * x * y + 0.31 * z + 0.1)


def interleave(c):
    c = np.ascontiguousarray(c, dtype=np.complex128).ravel()
    out = np.empty(2 * c.size)
    out[0::2] = c.real
    out[1::2] = c.imag
    return [float(v) for v in out]


def real_list(a):
    return [float(v) for v in np.ascontiguousarray(a, dtype=np.float64).ravel()]


def main():
    cases = []
    for shape in [(7, 12, 25), (6, 5, 9)]:
        cases.append({"name": f"rfftn {shape}", "kind": "rfftn", "shapeZyx": list(shape), "input": "real_input",
                      "output": interleave(np.fft.rfftn(real_input(shape)))})
    for shape in [(4, 6, 5), (3, 1, 7)]:
        cases.append({"name": f"fftn {shape}", "kind": "fftn", "shapeZyx": list(shape), "input": "complex_input",
                      "output": interleave(np.fft.fftn(complex_input(shape)))})
    for shape in [(4, 6, 8), (3, 5, 7)]:
        half = (shape[0], shape[1], shape[2] // 2 + 1)
        cases.append({"name": f"irfftn {shape}", "kind": "irfftn", "shapeZyx": list(shape),
                      "input": "half_spectrum_input",
                      "output": real_list(np.fft.irfftn(half_spectrum_input(half), s=shape))})
    # 1-D (Bluestein lengths): line_input(x) = cos(0.5x + 0.3x²/7) + i·sin(0.9x)
    for n in [97, 202]:
        x = np.arange(n, dtype=np.float64)
        v = np.cos(0.5 * x + 0.3 * x * x / 7) + 1j * np.sin(0.9 * x)
        cases.append({"name": f"fft {n}", "kind": "fft", "shapeZyx": [1, 1, n], "input": "line_input",
                      "output": interleave(np.fft.fft(v))})
    doc = {
        "about": "numpy.fft outputs for test/fft/numpy-fixtures.test.ts; made by tools/make-fft-fixtures.py",
        "numpy": np.__version__,
        "cases": cases,
    }
    path = os.path.join("test", "fixtures", "fft", "numpy-fft.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
