#!/usr/bin/python3
"""Fixture for the erf test (test/mask/erf.test.ts): CPython's math.erf (the C library's erf) at chosen points,
and the FDR right-sided p-value p = 1 - 0.5*(1 + erf(t/sqrt(2))) exactly as LocScale computes it (spec 2.5.4).

Run once with Debian's python3 (3.11, glibc libm): /usr/bin/python3 tools/make-erf-fixture.py
Points: a dense grid on [-6.5, 6.5] (step 1/64 plus an irrational offset so the points are not dyadic), the
range boundaries of Cody's method (0.46875, 4) and their neighbours, tiny and huge arguments; t-values for
the p-values span [0, 40] so the underflow to exactly 0 near t = 8.3 is covered.
"""
import json
import math

xs = []
for i in range(-416, 417):
    xs.append(i / 64)
    xs.append(i / 64 + 0.001 * math.pi)
for b in (0.46875, 4.0, 26.543, 5.9):
    for d in (-1e-12, 0.0, 1e-12):
        xs += [b + d, -(b + d)]
xs += [0.0, 1e-300, 1e-17, 1.1e-16, 2e-16, 1e-8, 1e-3, 7.0, 10.0, 27.0, 100.0, 1e300]
xs = sorted(set(xs))
ts = [i * 0.05 for i in range(0, 801)] + [8.2, 8.25, 8.29, 8.3, 8.31, 8.35, 8.4]
out = {
    'source': 'CPython %s math.erf (Debian /usr/bin/python3)' % '.'.join(map(str, __import__('sys').version_info[:3])),
    'x': xs,
    'erf': [math.erf(x) for x in xs],
    't': ts,
    'p_right': [1.0 - (0.5 * (1.0 + math.erf(t / math.sqrt(2.0)))) for t in ts],
}
json.dump(out, open('test/fixtures/mask/erf-python.json', 'w'))
print(len(xs), 'erf points,', len(ts), 'p-values; first t with p == 0:', next(t for t, p in zip(ts, out['p_right']) if p == 0))
