"""Time budget, progress and cancel for the routing solvers.

Every long routing function takes ``time_limit`` (seconds), ``progress`` (0–100) and
``cancel`` (returns True to stop) as described in docs/DEVELOPING.md. A ``Budget``
bundles them so that a solver can hand a share of its time and of its progress bar to
the sub-solvers it calls.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from ..errors import Cancelled

ProgressFn = Optional[Callable[[float], None]]
CancelFn = Optional[Callable[[], bool]]


class Budget:
    """Wall-clock budget with a slice of the caller's progress bar (``start``..``start+span``)."""

    def __init__(
        self,
        time_limit: float | None,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
        *,
        start: float = 0.0,
        span: float = 100.0,
    ) -> None:
        if time_limit is not None and time_limit < 0:
            raise ValueError("time_limit must be >= 0 seconds")
        self.time_limit = time_limit
        self._progress = progress
        self._cancel = cancel
        self._start_pct = start
        self._span = span
        self._t0 = time.perf_counter()
        self._last_pct = -1.0

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self._t0

    @property
    def remaining(self) -> float:
        if self.time_limit is None:
            return float("inf")
        return max(0.0, self.time_limit - self.elapsed)

    def expired(self) -> bool:
        return self.time_limit is not None and self.elapsed >= self.time_limit

    def check(self) -> None:
        """Raise ``Cancelled`` when the user asked to stop."""
        if self._cancel is not None and self._cancel():
            raise Cancelled("Route planning was cancelled; no plan was produced.")

    def report(self, fraction: float) -> None:
        """Report progress as a fraction (0..1) of this budget's slice of the bar."""
        if self._progress is None:
            return
        pct = self._start_pct + self._span * min(1.0, max(0.0, fraction))
        if pct - self._last_pct >= 0.5 or fraction >= 1.0:
            self._last_pct = pct
            self._progress(pct)

    def report_time(self) -> None:
        """Report progress as the share of the time limit used (when there is one)."""
        if self.time_limit:
            self.report(self.elapsed / self.time_limit)

    def child(self, time_share: float, start: float, span: float) -> Budget:
        """A sub-budget: ``time_share`` of the remaining time, ``start``/``span`` of this slice."""
        limit = None if self.time_limit is None else self.remaining * time_share
        return Budget(
            limit,
            self._progress,
            self._cancel,
            start=self._start_pct + self._span * start,
            span=self._span * span,
        )
