#!/usr/bin/python3
"""Writes test/fixtures/bfactor/kde-shift.json: the KDE 1 % B-factor shift (spec §3.4) computed with scipy.

Run once, from the repository root, with Debian's python3 (numpy 1.24, scipy 1.10):

    /usr/bin/python3 tools/make-bfactor-shift-fixtures.py

For each B set (drawn with a seeded numpy RandomState, stored in full) the script records what scipy gives for
the steps LocScale's `shift_bfactors_by_probability(threshold 0.01, minimum 0)` takes, written here from the
spec, not copied: `gaussian_kde(b, bw_method='silverman')`, the CDF `integrate_box_1d(min, x)` on
`linspace(min, max, 1000)`, `interp1d(cdf, x)` at the threshold when it lies strictly inside (min cdf, max cdf)
(else 0), the clamp to ≥ 0 and B ← max(B − x, 0). Also scipy.special.ndtr / erf / erfc at fixed points.
Numbers are written with repr(), which round-trips float64 exactly through JSON.parse.
"""
import json
import os

import numpy as np
import scipy
from scipy import special
from scipy.interpolate import interp1d
from scipy.stats import gaussian_kde


def shift(b, threshold=0.01, minimum=0.0):
    kde = gaussian_kde(b, bw_method="silverman")
    lo, hi = float(np.min(b)), float(np.max(b))
    xs = np.linspace(lo, hi, 1000)
    cdf = np.array([kde.integrate_box_1d(lo, x) for x in xs])
    if threshold > np.min(cdf) and threshold < np.max(cdf):
        q = float(interp1d(cdf, xs)(threshold))
    else:
        q = 0.0
    clamped = max(q, minimum)
    shifted = np.maximum(b - clamped, minimum)
    return {
        "bandwidth": float(np.sqrt(kde.covariance[0, 0])),
        "cdfIndices": list(range(0, 1000, 37)) + [999],
        "cdf": [float(cdf[i]) for i in list(range(0, 1000, 37)) + [999]],
        "quantile": q,
        "shift": clamped,
        "shiftedFirst50": [float(v) for v in shifted[:50]],
        "threshold": threshold,
    }


def main():
    rs = np.random.RandomState(20261125)
    sets = {}
    # Refined-like: a gamma distribution shifted to start near 10 Å².
    sets["gamma1500"] = 10 + rs.gamma(3.0, 18.0, size=1500)
    # Bimodal: core and surface.
    sets["bimodal800"] = np.concatenate([rs.normal(35, 6, 500), rs.normal(120, 25, 300)])
    # Few values.
    sets["small5"] = np.array([42.0, 17.5, 88.25, 60.0, 30.0])
    # Rounded to integers (ties), with a low outlier.
    sets["ties300"] = np.concatenate([np.round(rs.normal(60, 15, 299)), [2.0]])
    # A threshold of 0.2 on a skewed set (a quantile far from the lower tail).
    sets["lognormal400"] = np.exp(rs.normal(4.0, 0.5, 400))
    out = {"scipy": scipy.__version__, "numpy": np.__version__, "sets": {}}
    for name, b in sets.items():
        b = np.asarray(b, dtype=np.float64)
        entry = {"b": [float(v) for v in b]}
        entry.update(shift(b, 0.2 if name == "lognormal400" else 0.01))
        out["sets"][name] = entry
    zs = [-40.0, -12.5, -8.3, -6.0, -4.25, -3.0, -1.0, -0.1, 0.0, 0.3, 1.7, 2.9, 4.5, 8.0, 9.5]
    out["ndtr"] = {"z": zs, "value": [float(special.ndtr(z)) for z in zs]}
    xs = [-5.0, -3.2, -2.0, -0.5, 0.0, 1e-8, 0.25, 1.0, 2.5, 3.0, 3.01, 4.0, 6.0, 10.0, 26.0]
    out["erf"] = {"x": xs, "erf": [float(special.erf(x)) for x in xs], "erfc": [float(special.erfc(x)) for x in xs]}
    path = os.path.join("test", "fixtures", "bfactor", "kde-shift.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
