"""Site selection: choose new sites (facilities or mobile stops) with existing sites kept.

Pure numpy/scipy, on plain arrays, so it can be scripted from the QGIS Python console::

    from mps_planner.core.selection import maximal_covering
    res = maximal_covering(coverage, people, p=3, fixed=existing_columns)
    print(res.summary(), res.sites, res.curve)

Problems: :func:`maximal_covering` (MCLP), :func:`set_covering` (LSCP / target coverage),
:func:`p_median`; each with an optional equity floor per district and, for MCLP and
p-median, site capacities. Every solver returns a :class:`SelectionResult`.
"""

from __future__ import annotations

from .covering import coverage_by_budget, maximal_covering, set_covering
from .inputs import coverage_within
from .pmedian import p_median
from .result import SelectionResult

__all__ = [
    "SelectionResult",
    "coverage_by_budget",
    "coverage_within",
    "maximal_covering",
    "p_median",
    "set_covering",
]
