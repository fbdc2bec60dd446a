"""Travel-time matrices: checks with messages that name the stop, and per-vehicle scaling.

A travel-time matrix is square, minutes (float), ``matrix[a, b]`` = minutes from node a to
node b (asymmetric allowed), ``inf`` where b cannot be reached from a. The diagonal is
treated as 0.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import InputError


def as_matrix(matrix: np.ndarray, what: str = "travel-time matrix") -> np.ndarray:
    """A float64 copy of a square travel-time matrix with a zero diagonal; rejects bad values."""
    m = np.array(matrix, dtype=np.float64)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise InputError(
            f"The {what} must be square (from × to), got shape {m.shape}; "
            "compute travel times between every pair of stops and depots."
        )
    if m.shape[0] == 0:
        raise InputError(f"The {what} is empty; add at least a depot and one stop.")
    if np.isnan(m).any():
        a, b = np.argwhere(np.isnan(m))[0]
        raise InputError(
            f"The {what} has NaN (no value) from node {a} to node {b}; "
            "use inf for 'unreachable' and a number of minutes otherwise."
        )
    if (m < 0).any():
        a, b = np.argwhere(m < 0)[0]
        raise InputError(
            f"The {what} has a negative travel time ({m[a, b]:g} min) from node {a} to node {b}; "
            "travel times are minutes ≥ 0 (is a NoData value of -1 left in?)."
        )
    np.fill_diagonal(m, 0.0)
    return m


def label(node: int, names: Sequence[str] | None) -> str:
    """How a node is called in messages: "'Bayan Uul' (node 12)" or "node 12"."""
    if names is not None and 0 <= node < len(names) and names[node]:
        return f"'{names[node]}' (node {node})"
    return f"node {node}"


def check_index(node: int, n: int, role: str) -> int:
    node = int(node)
    if not 0 <= node < n:
        raise InputError(
            f"The {role} index {node} is outside the travel-time matrix (0..{n - 1}); "
            "check that stops and depots were matched to the matrix rows."
        )
    return node


def check_depot_connected(
    m: np.ndarray, depot: int, others: Sequence[int], names: Sequence[str] | None
) -> None:
    """A depot that reaches none of the stops (or none reach it) is off the network."""
    others = [o for o in others if o != depot]
    if not others:
        return
    out_ok = np.isfinite(m[depot, others])
    in_ok = np.isfinite(m[others, depot])
    if not out_ok.any() or not in_ok.any():
        raise InputError(
            f"Depot {label(depot, names)} is not connected to the road network: "
            f"{'none' if not out_ok.any() else 'some'} of the stops can be reached from it and "
            f"{'none' if not in_ok.any() else 'some'} can drive back to it. "
            "Move the depot onto a road or increase the snapping distance."
        )


def check_reachable(
    m: np.ndarray,
    stops: Sequence[int],
    start: int,
    end: int | None,
    names: Sequence[str] | None,
) -> None:
    """Every stop must be reachable from ``start`` and (if given) able to reach ``end``."""
    for s in stops:
        if s == start:
            continue
        if not np.isfinite(m[start, s]):
            raise InputError(
                f"Stop {label(s, names)} cannot be reached by road from {label(start, names)} "
                "(travel time is infinite). Snap the stop closer to a road, check the road "
                "network's connectivity, or remove the stop."
            )
        if end is not None and s != end and not np.isfinite(m[s, end]):
            raise InputError(
                f"From stop {label(s, names)} there is no road back to {label(end, names)} "
                "(travel time is infinite). Check one-way roads and connectivity near the stop."
            )


def finite_big(m: np.ndarray) -> float:
    """A penalty larger than any tour of finite arcs, used in place of inf inside solvers."""
    finite = m[np.isfinite(m)]
    top = float(finite.max()) if finite.size else 1.0
    return (top + 1.0) * (m.shape[0] + 1) * 10.0 + 1e6
