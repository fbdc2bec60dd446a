"""The panel's "Propose stops": maximal covering of the people the existing sites leave out.

``propose_stops(request, progress, cancel)`` places the existing sites and the candidates on
the grid the way the live model does (``live_session.place_sites``), builds the coverage
matrix at the target minutes with ``selection_grid.build_selection`` (from the panel's
cached fields when the request gives them, else one bounded search per site), and chooses
``new_stops`` candidates with ``selection.maximal_covering`` (exact by HiGHS where the
instance allows, else the heuristic with a Lagrangian bound). The notes say the method,
the optimality gap and what each chosen stop adds.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .errors import Cancelled, InputError
from .live_session import SiteRequest, place_sites
from .planning_jobs import Cancel, Progress, ProposedStops, ProposeStopsRequest
from .selection import maximal_covering
from .selection_grid import build_selection


def _placed(request: ProposeStopsRequest, passable: np.ndarray, sites: list[SiteRequest]):
    """Indices of the sites that have a cell, their rows and columns, and the problems."""
    indexed = [replace(s, key=str(i)) for i, s in enumerate(sites)]
    cells, problems = place_sites(request.grid, passable, indexed, request.snap_m)
    keep = sorted(int(k) for k in cells)
    rows = np.array([cells[str(i)][0] for i in keep], dtype=np.int64)
    cols = np.array([cells[str(i)][1] for i in keep], dtype=np.int64)
    return keep, rows, cols, problems


def _method_note(result, target: float) -> str:
    method, gap, optimal = result.method, result.gap, result.optimal
    if method == "milp":
        how = "Maximal covering solved exactly (HiGHS MILP)"
    else:
        how = "Maximal covering by the heuristic (greedy, swaps, iterated swaps)"
    if np.isnan(gap):
        quality = "no bound on the optimum"
    elif optimal:
        quality = f"optimal (gap {100 * gap:.2g} %)"
    else:
        quality = f"within {100 * gap:.2g} % of the best possible (gap to the proven bound)"
    parts = [p for p in result.message.split("; ") if p and "'unreachable'" not in p]
    if result.unreachable_weight > 0:
        parts.append(
            f"{result.unreachable_weight:,.0f} people are more than {target:g} min from every "
            "candidate and existing site"
        )
    more = "".join(f" {p[0].upper()}{p[1:]}." for p in parts)
    return f"{how}: {quality}.{more}"


def _names(sites: list[SiteRequest], added: list[float]) -> str:
    return "; ".join(f"{s.name or s.key} +{a:,.0f}" for s, a in zip(sites, added))


def propose_stops(
    request: ProposeStopsRequest, progress: Progress | None = None, cancel: Cancel | None = None
) -> ProposedStops:
    """Choose up to ``request.new_stops`` candidates covering the most people not yet
    reached within ``request.target_minutes`` by ``request.existing`` (exact when it can)."""

    def report(value: float) -> None:
        if progress is not None:
            progress(float(value))

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled("Proposing stops was cancelled; nothing was changed.")

    check()
    if int(request.new_stops) < 1:
        raise InputError("Ask for at least one new stop.")
    if not request.candidates:
        raise InputError("There are no candidate sites: place some, then propose stops.")
    target = float(request.target_minutes)
    if not (np.isfinite(target) and target > 0):
        raise InputError(f"The target must be more than 0 minutes, got {target:g}.")
    people = np.asarray(request.people, dtype=np.float64)
    passable = np.isfinite(request.cost.inner(request.cost.cost))
    notes_after: list[str] = []

    cand_keep, cand_rows, cand_cols, cand_problems = _placed(
        request, passable, list(request.candidates)
    )
    if cand_problems:
        notes_after.append(
            f"{len(cand_problems)} candidate(s) left out: " + "; ".join(cand_problems[:3])
        )
    if not cand_keep:
        raise InputError(
            "None of the candidate sites lies on a passable cell of the travel grid: "
            + "; ".join(cand_problems[:3])
        )
    _, ex_rows, ex_cols, ex_problems = _placed(request, passable, list(request.existing))
    if ex_problems:
        notes_after.append(
            f"{len(ex_problems)} existing site(s) not counted: " + "; ".join(ex_problems[:3])
        )
    candidates = [request.candidates[i] for i in cand_keep]
    p = min(int(request.new_stops), len(candidates))
    if p < int(request.new_stops):
        notes_after.append(
            f"{request.new_stops} stops were asked for but there are {len(candidates)} "
            "candidates: all of them are ranked."
        )
    report(2)
    selection = build_selection(
        request.cost,
        people,
        cand_rows,
        cand_cols,
        target,
        ex_rows,
        ex_cols,
        progress=lambda v: report(2 + 0.6 * v),
        cancel=cancel,
        field_of=request.field_of,
    )
    check()
    result = maximal_covering(
        selection.coverage,
        selection.weights,
        p,
        already_covered=selection.already_covered,
        time_limit=request.time_limit,
        progress=lambda v: report(56 + 0.44 * v),
        cancel=cancel,
    )
    chosen = [candidates[int(j)] for j in result.sites]
    added = [float(v) for v in result.marginal]
    already = float(selection.weights[selection.already_covered].sum())
    total = float(selection.weights.sum())
    notes = [
        _method_note(result, target),
        f"People each stop adds: {_names(chosen, added)}.",
        f"Reached within {target:g} min: {already:,.0f} of {total:,.0f} people by the "
        f"existing sites, {result.covered_weight:,.0f} with the proposed stop(s).",
        *notes_after,
    ]
    report(100)
    return ProposedStops(
        sites=chosen,
        covered_people=float(result.covered_weight),
        notes=notes,
        added_people=added,
        already_people=already,
        total_people=total,
        method=result.method,
        gap=float(result.gap),
    )
