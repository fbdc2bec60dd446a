"""MILP models for coverage problems (maximal covering, set covering, capacitated covering).

Variables are the free candidates ``x`` (binary) followed by one continuous ``y`` in [0, 1] per
(collapsed) demand row: ``y_i <= sum_{j covers i} x_j``. With integral ``x`` an optimal ``y`` is
integral too, so only the sites are integer variables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import milp
from .coverage_heuristic import FloorTerms


@dataclass
class CoverSolution:
    chosen: np.ndarray  # free-candidate columns with x = 1
    value: float  # the model's own objective (people or sites), in its natural sense
    bound: float  # proven bound on the optimum, same sense
    outcome: milp.MilpOutcome


def _link_block(a: sp.csr_matrix) -> sp.csr_matrix:
    r = a.shape[0]
    return sp.hstack([-a.astype(np.float64), sp.identity(r, format="csr")], format="csr")


def _floor_rows(floor: FloorTerms | None, m: int):
    if floor is None or floor.need.size == 0:
        return [], [], []
    block = sp.hstack([sp.csr_matrix((floor.need.size, m)), sp.csr_matrix(floor.matrix.T)])
    return [block], [floor.need], [np.full(floor.need.size, np.inf)]


def _solve(c, blocks, los, his, m, r, time_limit, gap) -> milp.MilpOutcome:
    a = sp.vstack(blocks, format="csr")
    integrality = np.concatenate([np.ones(m), np.zeros(r)])
    return milp.solve(
        c,
        a,
        np.concatenate(los),
        np.concatenate(his),
        integrality,
        np.zeros(m + r),
        np.ones(m + r),
        time_limit,
        gap,
    )


def _chosen(out: milp.MilpOutcome, m: int) -> np.ndarray:
    if not out.has_solution:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(out.x[:m] > 0.5).astype(np.int64)


def mclp(
    a: sp.csr_matrix,
    w: np.ndarray,
    p: int,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
) -> CoverSolution:
    """Maximise people covered with exactly p of the columns of ``a``."""
    r, m = a.shape
    c = np.concatenate([np.zeros(m), -w])
    blocks = [_link_block(a), sp.csr_matrix(np.concatenate([np.ones(m), np.zeros(r)])[None, :])]
    los = [np.full(r, -np.inf), np.array([float(p)])]
    his = [np.zeros(r), np.array([float(p)])]
    fb, fl, fh = _floor_rows(floor, m)
    out = _solve(c, blocks + fb, los + fl, his + fh, m, r, time_limit, gap)
    chosen = _chosen(out, m)
    value = float(w[(a[:, chosen].getnnz(axis=1) > 0)].sum()) if chosen.size else float("nan")
    return CoverSolution(chosen, value, -out.bound, out)


def lscp(
    a: sp.csr_matrix,
    w: np.ndarray,
    need: float | None,
    floor: FloorTerms | None,
    time_limit: float | None,
    gap: float,
) -> CoverSolution:
    """Fewest columns covering ``need`` people (None: every row), floors respected.

    The objective counts sites only: a tie-break towards more people covered made HiGHS
    (scipy 1.10) up to 50 times slower; :func:`covering.set_covering` instead re-spreads the
    optimal number of sites with the coverage heuristic afterwards.
    """
    r, m = a.shape
    if need is None:
        c = np.ones(m)
        out = milp.solve(
            c,
            a.astype(np.float64),
            np.ones(r),
            np.full(r, np.inf),
            np.ones(m),
            np.zeros(m),
            np.ones(m),
            time_limit,
            gap,
        )
        chosen = _chosen(out, m)
        bound = float(np.ceil(out.bound - 1e-6)) if np.isfinite(out.bound) else out.bound
        return CoverSolution(chosen, float(chosen.size), bound, out)
    c = np.concatenate([np.ones(m), np.zeros(r)])
    blocks = [_link_block(a), sp.csr_matrix(np.concatenate([np.zeros(m), w])[None, :])]
    los = [np.full(r, -np.inf), np.array([need])]
    his = [np.zeros(r), np.array([np.inf])]
    fb, fl, fh = _floor_rows(floor, m)
    out = _solve(c, blocks + fb, los + fl, his + fh, m, r, time_limit, gap)
    chosen = _chosen(out, m)
    bound = float(np.ceil(out.bound - 1e-6)) if np.isfinite(out.bound) else out.bound
    return CoverSolution(chosen, float(chosen.size), max(bound, 0.0), out)
