"""Where the panel's solvers are registered ("Propose stops", "Plan routes").

``wire_solvers(controller)`` is called once when the plugin starts and turns both buttons
on: "Propose stops" runs ``core.planning_propose.propose_stops`` (maximal covering of the
people the existing sites leave out, on the panel's cached travel-time fields) and "Plan
routes" runs ``core.planning_routes.plan_routes`` (vehicles from the fixed facilities
visiting the mobile stops along the roads at the standard's interval). Both take the plain
requests of ``core.planning_jobs`` and run in a background task with progress and cancel;
another solver on the same interface replaces one with ``controller.solvers.set_solver``.
"""

from __future__ import annotations

from ..core.planning_jobs import PLAN_ROUTES, PROPOSE_STOPS
from ..core.planning_propose import propose_stops
from ..core.planning_routes import plan_routes


def wire_solvers(controller) -> None:
    """Register the solvers of this version with the controller."""
    controller.solvers.set_solver(PROPOSE_STOPS, propose_stops)
    controller.solvers.set_solver(PLAN_ROUTES, plan_routes)
