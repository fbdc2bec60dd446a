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

    ``sites`` are column indices of the matrix the caller passed, in rank order: the first is
    the single best new site, each next one adds the most to those before it (greedy order
    within the chosen set). ``fixed`` are the existing sites kept (never in ``sites``).

    ``objective`` means, by ``problem``:

    - ``"mclp"``: people newly covered by the new sites (people already covered by existing
      sites are not counted; capacitated: people newly served within capacity);
    - ``"lscp"``: the number of new sites;
    - ``"pmedian"``: the sum over demand of weight × cost to the assigned open site.

    The coverage curve: ``curve[k]`` is the value with the existing sites and ``sites[:k + 1]``
    open, ``marginal[k]`` what ``sites[k]`` adds. For coverage problems (mclp and lscp) it is
    people newly covered and ``marginal`` the people each site adds (non-increasing); for
    p-median it is the weighted cost and ``marginal`` the saving of each site (``marginal[0]``
    is NaN without existing sites: there is no "before"). ``curve[-1] == objective`` for mclp
    and p-median. For capacitated runs the curve comes from the assignment LP of each prefix
    (NaN where a prefix cannot meet the capacities or minimum loads).

    ``bound`` is the best proven bound on the optimum (upper when maximising, lower when
    minimising); ``gap = |objective - bound| / |objective|``. Maximal covering always has a
    bound (HiGHS's, or a Lagrangian one for the heuristic); a heuristic-only set covering or
    p-median has none (NaN). ``optimal``: the gap is within the requested ``mip_rel_gap``.
    ``method``: ``"milp"`` when HiGHS ran and gave the bound (the answer may still be the
    heuristic's if it was better), ``"heuristic"`` otherwise, ``"none"`` when nothing had to
    be chosen. ``heuristic_objective`` is the heuristic's own value (the MILP's incumbent).
    ``time_limit_hit``: the time limit stopped the MILP (or the heuristic) early; ``message``
    says what that means for the answer.

    People: ``total_weight`` (all demand), ``covered_weight`` (covered by existing and new
    sites; p-median: within ``floor_within`` of the assigned site, or reached at all),
    ``already_covered_weight``, ``unreachable_weight`` with ``unreachable`` (demand rows no
    candidate or existing site reaches). ``district_shares``: covered share per district when
    districts were given. p-median and capacitated runs also fill ``assignment`` (column per
    demand row, −1 when none) and/or ``site_load`` (people per column). ``n_rows_solved`` is
    the number of demand rows after signature collapsing.
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
