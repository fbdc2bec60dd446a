"""Where the panel's solvers are registered ("Propose stops", "Plan routes").

``wire_solvers(controller)`` is called once when the plugin starts. Site selection
(issue 4) and mobile plans (issue 5) are not part of this version yet, so it registers
nothing and the two buttons stay disabled with a tooltip saying what they will do. To wire
one, adapt it to the plain interface of ``core.planning_jobs`` and register it here:

    controller.solvers.set_solver(PROPOSE_STOPS, propose_stops)   # (request, progress, cancel)
    controller.solvers.set_solver(PLAN_ROUTES, plan_routes)
"""

from __future__ import annotations


def wire_solvers(controller) -> None:
    """Register the available solvers with the controller (none in this version)."""
    return None
