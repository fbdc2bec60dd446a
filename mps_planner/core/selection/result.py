"""What every site-selection solver returns: the chosen sites, how good they are, and how it ran."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict

import numpy as np

#: Problem names used in :attr:`SelectionResult.problem`.
PROBLEMS = ("mclp", "lscp", "pmedian")
#: Method names used in :attr:`SelectionResult.method`.
METHODS = ("milp", "heuristic", "greedy", "none")


@dataclass
class SelectionResult:
    """The answer of one site-selection run.

    ``sites`` are column indices of the candidate matrix the caller passed, in rank order: the
    first is the single best new site, each next one adds the most to those before it (greedy
    order within the chosen set). ``curve[k]`` is the objective with the existing sites and
    ``sites[:k + 1]`` open; ``marginal[k]`` is what ``sites[k]`` adds (people newly covered for
    coverage problems, the drop in weighted cost for p-median). ``curve[-1] == objective``
    except for capacitated runs, where the curve ranks sites by the uncapacitated gain and the
    objective comes from the capacity-respecting assignment.

    ``objective`` means, by ``problem``:

    - ``"mclp"``: people newly covered by the new sites (already covered people excluded);
    - ``"lscp"``: the number of new sites;
    - ``"pmedian"``: the sum over demand of weight × cost to the assigned open site.

    ``bound`` is the best proven bound on the optimum (an upper bound when maximising, a lower
    bound when minimising), ``gap`` = ``|objective - bound| / max(|objective|, tiny)``; both are
    NaN when no bound was proven (heuristic only). ``optimal`` is True when the gap is within
    the requested tolerance.
    """

    problem: str
    method: str
    sites: np.ndarray
    fixed: np.ndarray
    objective: float
    bound: float
    gap: float
    optimal: bool
    time_s: float
    time_limit_hit: bool
    curve: np.ndarray
    marginal: np.ndarray
    total_weight: float
    covered_weight: float
    already_covered_weight: float
    unreachable_weight: float
    unreachable: np.ndarray | None = None
    heuristic_objective: float = float("nan")
    district_shares: Dict[str, float] = field(default_factory=dict)
    assignment: np.ndarray | None = None
    site_load: np.ndarray | None = None
    n_rows_solved: int = 0
    message: str = ""

    @property
    def n_sites(self) -> int:
        return len(self.sites)

    @property
    def covered_share(self) -> float:
        """Covered people (existing + new sites) as a share of all people."""
        return self.covered_weight / self.total_weight if self.total_weight > 0 else 0.0

    def summary(self) -> str:
        """One line for a log or the QGIS Python console."""
        gap = "n/a" if np.isnan(self.gap) else f"{100 * self.gap:.3g} %"
        return (
            f"{self.problem} by {self.method}: {self.n_sites} new sites, objective "
            f"{self.objective:.6g}, bound {self.bound:.6g}, gap {gap}, {self.time_s:.2f} s"
            + (" (time limit hit)" if self.time_limit_hit else "")
            + (f" — {self.message}" if self.message else "")
        )


def relative_gap(objective: float, bound: float) -> float:
    """|objective − bound| / |objective| (NaN without a bound; 0 when both are 0)."""
    if bound is None or not np.isfinite(bound) or not np.isfinite(objective):
        return float("nan")
    diff = abs(objective - bound)
    if diff <= 1e-9 * max(1.0, abs(objective)):
        return 0.0
    return diff / max(abs(objective), 1e-12)
