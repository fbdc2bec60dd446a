"""A thin wrapper over ``scipy.optimize.milp`` (HiGHS) that reports bound, gap and time.

scipy 1.10's ``milp`` takes the options ``time_limit``, ``mip_rel_gap``, ``node_limit``,
``presolve`` and ``disp``, and its result carries ``mip_dual_bound`` and ``mip_gap``; it takes
no starting solution, so a heuristic incumbent is combined with the MILP afterwards (the better
solution is kept and the gap measured against HiGHS's dual bound). HiGHS cannot be interrupted
from Python: cancel is checked before and after the solve, and the time limit bounds it.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp


@dataclass
class MilpOutcome:
    """One HiGHS run in minimisation form."""

    x: np.ndarray | None
    objective: float  # minimised objective (nan without a solution)
    bound: float  # HiGHS dual (lower) bound, -inf when unknown
    status: int  # scipy: 0 optimal, 1 limit reached, 2 infeasible, 3 unbounded, 4 other
    time_s: float
    message: str

    @property
    def has_solution(self) -> bool:
        return self.x is not None and np.isfinite(self.objective)

    @property
    def limit_hit(self) -> bool:
        return self.status == 1

    @property
    def infeasible(self) -> bool:
        return self.status == 2


def solve(
    c: np.ndarray,
    a: sp.spmatrix,
    lo: np.ndarray,
    hi: np.ndarray,
    integrality: np.ndarray,
    lb: np.ndarray,
    ub: np.ndarray,
    time_limit: float | None,
    mip_rel_gap: float,
) -> MilpOutcome:
    """Minimise ``c @ x`` subject to ``lo <= a @ x <= hi`` and ``lb <= x <= ub``."""
    options: dict[str, object] = {"mip_rel_gap": float(mip_rel_gap), "presolve": True}
    if time_limit is not None and np.isfinite(time_limit):
        options["time_limit"] = max(0.05, float(time_limit))
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = milp(
            c=np.asarray(c, dtype=np.float64),
            integrality=integrality,
            bounds=Bounds(lb, ub),
            constraints=[LinearConstraint(sp.csr_matrix(a), lo, hi)],
            options=options,
        )
    dt = time.perf_counter() - t0
    x = getattr(res, "x", None)
    fun = getattr(res, "fun", None)
    bound = getattr(res, "mip_dual_bound", None)
    obj = float(fun) if (x is not None and fun is not None) else float("nan")
    if bound is None or not np.isfinite(bound):
        bound = float(obj) if res.status == 0 and x is not None else -np.inf
    return MilpOutcome(
        x=None if x is None else np.asarray(x),
        objective=obj,
        bound=float(bound),
        status=int(res.status),
        time_s=dt,
        message=str(res.message),
    )
