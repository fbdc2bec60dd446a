"""Independent references for the site-selection tests: brute force over all subsets."""

from __future__ import annotations

from itertools import combinations

import numpy as np


def random_coverage(rng: np.random.Generator, n: int, m: int, density: float) -> np.ndarray:
    a = rng.random((n, m)) < density
    return a


def covered(a: np.ndarray, cols) -> np.ndarray:
    cols = list(cols)
    if not cols:
        return np.zeros(a.shape[0], dtype=bool)
    return a[:, cols].any(axis=1)


def brute_mclp(a, w, p, fixed=(), base=None, districts=None, floor=None):
    """Best (people newly covered, sites) over all p-subsets of the free columns."""
    n, m = a.shape
    base = np.zeros(n, dtype=bool) if base is None else base
    base = base | covered(a, fixed)
    free = [j for j in range(m) if j not in set(fixed)]
    best = (-1.0, None)
    for s in combinations(free, p):
        cov = base | covered(a, s)
        if floor is not None and not _floor_ok(cov, w, districts, floor):
            continue
        v = float(w[cov & ~base].sum())
        if v > best[0] + 1e-9:
            best = (v, s)
    return best


def _floor_ok(cov, w, districts, floor):
    for d in np.unique(districts):
        sel = districts == d
        tot = w[sel].sum()
        if tot > 0 and w[sel & cov].sum() < floor * tot - 1e-9:
            return False
    return True


def brute_lscp(a, w, target=None, fixed=(), districts=None, floor=None):
    """Fewest free columns reaching the target share (None: every reachable row)."""
    _n, m = a.shape
    base = covered(a, fixed)
    free = [j for j in range(m) if j not in set(fixed)]
    reach = base | covered(a, free)
    for k in range(0, len(free) + 1):
        for s in combinations(free, k):
            cov = base | covered(a, s)
            if target is None:
                ok = bool(np.all(cov[reach & (w > 0)]))
            else:
                ok = w[cov].sum() >= target * w.sum() - 1e-9
            if ok and floor is not None:
                ok = _floor_ok(cov, w, districts, floor)
            if ok:
                return k, s
    return None, None


def brute_pmedian(c, w, p, fixed=(), unserved=None, districts=None, floor=None, within=None):
    """Minimum sum_i w_i min_{j open} c_ij over all p-subsets (inf → unserved)."""
    _n, m = c.shape
    cc = np.where(np.isfinite(c), c, np.inf)
    reach = np.isfinite(cc).any(axis=1)
    u = np.nanmax(np.where(np.isfinite(cc), cc, np.nan)) if unserved is None else unserved
    free = [j for j in range(m) if j not in set(fixed)]
    best = (np.inf, None)
    for s in combinations(free, p):
        cols = list(fixed) + list(s)
        d = np.minimum(cc[:, cols].min(axis=1), u)
        if floor is not None and not _floor_ok(d <= within, w, districts, floor):
            continue
        v = float(w[reach] @ d[reach])
        if v < best[0] - 1e-9:
            best = (v, s)
    return best
