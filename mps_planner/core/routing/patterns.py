"""Visit patterns: which working days (or trips) a stop is visited on, evenly spread.

A stop needing ``k`` visits in a period of ``P`` days wants them ``P / k`` days apart, repeating
into the next period. A *pattern* is a set of ``k`` distinct slots (a slot is a working day, or
the consecutive days of one multi-day trip) such that the j-th visit lies within ``tolerance``
days of the target ``offset + j * P / k``; every offset of the first gap is tried.
"""

from __future__ import annotations

import math
from typing import Sequence


def cyclic_distance(a: float, b: float, period: int) -> float:
    diff = abs(a - b) % period
    return min(diff, period - diff)


def span_distance(t: float, first: int, last: int, period: int) -> float:
    """Days from target day ``t`` to the slot spanning ``first..last`` (0 when inside)."""
    if first <= t <= last:
        return 0.0
    return min(cyclic_distance(t, first, period), cyclic_distance(t, last, period))


def visit_patterns(
    spans: Sequence[tuple[int, int]], k: int, period: int, tolerance: float
) -> list[tuple[int, ...]]:
    """All patterns (sorted tuples of indices into ``spans``) for ``k`` visits per period."""
    if k <= 0 or k > len(spans):
        return []
    if k == 1:
        return [(i,) for i in range(len(spans))]
    spacing = period / k
    tol = max(tolerance, 0.5)
    found: set[tuple[int, ...]] = set()
    for offset in range(math.ceil(spacing)):
        chosen: list[int] = []
        for j in range(k):
            t = offset + j * spacing
            best, best_dist = -1, math.inf
            for i, (a, b) in enumerate(spans):
                dist = span_distance(t, a, b, period)
                if dist < best_dist - 1e-9 and i not in chosen:
                    best, best_dist = i, dist
            if best < 0 or best_dist > tol + 1e-9:
                break
            chosen.append(best)
        else:
            found.add(tuple(sorted(chosen)))
    return sorted(found)


def cyclic_gaps(days: Sequence[int], period: int) -> tuple[float, ...]:
    """Gaps between consecutive visit days, the last one wrapping into the next period."""
    ds = sorted(days)
    if not ds:
        return ()
    gaps = [float(b - a) for a, b in zip(ds, ds[1:])]
    gaps.append(float(ds[0] + period - ds[-1]))
    return tuple(gaps)
