"""The panel's heavier work: "Propose stops" and "Plan routes" as cancellable tasks.

A solver is registered with ``set_solver(kind, fn)`` (kinds and the plain request/result
types in ``core.planning_jobs``). ``run(kind, **options)`` builds the request on the main
thread from the live session and the layers, runs ``fn(request, progress, cancel)`` in a
background task, writes the result into the planner's GeoPackage and shows it as a styled
layer (proposed stops; routes by vehicle and the drivers' timetable). Until a solver is
registered, ``has_solver(kind)`` is False and the buttons are off. A cancelled run shows
nothing, even when the solver had finished by the time Cancel was pressed.
"""

from __future__ import annotations

from typing import Any, Callable

from qgis.core import Qgis, QgsCoordinateReferenceSystem
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from ..core.errors import InputError
from ..core.planning_jobs import (
    PLAN_ROUTES,
    PROPOSE_STOPS,
    SOLVER_KINDS,
    PlannedRoutes,
    PlanRoutesRequest,
    ProposedStops,
    ProposeStopsRequest,
)
from ..qgis_io.results_io import write_proposed_stops, write_routes, write_timetable
from ..qgis_io.stops_io import new_stop_id
from ..report.analysis_styles import style_proposed_stops
from ..report.mobile_styles import style_routes
from .stop_edits import AddStops, StopRecord, StopsEditor
from .tasks.plain_task import PlainTask, start

PROPOSED_LAYER = "mps_proposed_stops"
ROUTES_LAYER = "mps_routes"
TIMETABLE_LAYER = "mps_timetable"


def _style_vehicle_routes(layer) -> None:
    style_routes(layer, "vehicle")  # one colour per vehicle, arrows in the driving direction


def _no_style(layer) -> None:
    return None


class SolverActions(QObject):
    solversChanged = pyqtSignal()
    started = pyqtSignal(str)
    progress = pyqtSignal(str, float)
    finished = pyqtSignal(str, object)  # kind, result (None when it failed or was cancelled)

    def __init__(self, controller):
        super().__init__(controller)
        self.c = controller
        self._solvers: dict[str, Callable] = {}
        self._tasks: dict[str, PlainTask] = {}
        self.last_proposal: ProposedStops | None = None

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("SolverActions", text)

    # -- registry -----------------------------------------------------------------------------
    def set_solver(self, kind: str, solver: Callable | None) -> None:
        if kind not in SOLVER_KINDS:
            raise ValueError(f"unknown solver kind {kind!r}; use one of {SOLVER_KINDS}")
        if solver is None:
            self._solvers.pop(kind, None)
        else:
            self._solvers[kind] = solver
        self.solversChanged.emit()

    def has_solver(self, kind: str) -> bool:
        return kind in self._solvers

    def is_running(self, kind: str) -> bool:
        return kind in self._tasks

    def is_idle(self) -> bool:
        return not self._tasks

    def cancel(self, kind: str) -> None:
        task = self._tasks.get(kind)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for kind in list(self._tasks):
            self.cancel(kind)

    # -- requests -----------------------------------------------------------------------------
    def _propose_request(self, new_stops: int = 3) -> ProposeStopsRequest:
        c = self.c
        session = c.session
        sites = c.current_sites()
        candidates = [s for s in sites if s.role == "candidate"]
        if not candidates:
            raise InputError(
                self.tr("Place some candidate sites first (Add candidate), then propose stops.")
            )
        std = c.settings().service_standard()
        return ProposeStopsRequest(
            grid=session.grid,
            cost=session.cost,
            people=session.people[session.season],
            thresholds=list(session.thresholds),
            target_minutes=float(std.target_minutes),
            existing=[s for s in sites if s.role != "candidate"],
            candidates=candidates,
            new_stops=int(new_stops),
            field_of=lambda row, col: session.cache(row, col),
            snap_m=session.snap_m,
        )

    def _routes_work(self, period_days: int = 30):
        """The routes request is finished in the task: reading the roads takes a while."""
        from ..qgis_io.layer_snapshot import LayerSnapshot, TransformContext
        from ..qgis_io.network_io import read_road_layer

        c = self.c
        session = c.session
        settings = c.settings()
        roads_layer = c.project.mapLayer(settings.roads) if settings.roads else None
        if roads_layer is None:
            raise InputError(self.tr("Choose the roads layer (Inputs ▸ Travel model) first."))
        snapshot = LayerSnapshot(roads_layer)
        transform = TransformContext(c.project.transformContext())
        sites = c.current_sites()
        stops = [s for s in sites if s.role == "mobile_stop"]
        depots = [s for s in sites if s.role == "fixed"]
        if not stops:
            raise InputError(self.tr("Place some mobile stops first, then plan routes."))
        std = settings.service_standard()
        crs = QgsCoordinateReferenceSystem.fromWkt(session.grid.crs_wkt)

        def build(cancel) -> PlanRoutesRequest:
            layer = read_road_layer(
                snapshot,
                crs,
                transform.transformContext(),
                settings.road_field or None,
                cancel=cancel,
            )
            lines = layer.polylines
            parts = [
                lines.xy[lines.offsets[k] : lines.offsets[k + 1]]
                for k in range(lines.offsets.size - 1)
            ]
            return PlanRoutesRequest(
                grid=session.grid,
                stops=stops,
                visit_every_days=std.visit_every_days,
                depots=depots,
                road_lines=parts,
                road_classes=[int(v) for v in lines.classes],
                mode="vehicle",  # the vehicle drives, whoever travels in the standard
                period_days=int(period_days),
            )

        return build

    # -- running ------------------------------------------------------------------------------
    def run(self, kind: str, **options: Any) -> bool:
        c = self.c
        solver = self._solvers.get(kind)
        if solver is None:
            c.error(self.tr("This solver is not available in this version yet."))
            return False
        if c.session is None:
            c.error(self.tr("Build the model first (Inputs ▸ Build model)."))
            return False
        if kind in self._tasks:
            return False
        try:
            if kind == PROPOSE_STOPS:
                request = self._propose_request(**options)

                def work(progress, cancel):
                    return solver(request, progress, cancel)

            else:
                build = self._routes_work(**options)

                def work(progress, cancel):
                    return solver(build(cancel), progress, cancel)

        except InputError as exc:
            c.error(str(exc))
            return False
        titles = {
            PROPOSE_STOPS: self.tr("MPS Planner: proposing stops"),
            PLAN_ROUTES: self.tr("MPS Planner: planning routes"),
        }
        task = PlainTask(
            titles[kind],
            work,
            lambda result: self._done(kind, result, task),
            lambda message, cancelled: self._failed(kind, message, cancelled),
        )
        task.progressChanged.connect(lambda p, k=kind: self.progress.emit(k, float(p)))
        self._tasks[kind] = task
        self.started.emit(kind)
        c.busyChanged.emit(True)
        start(task)
        return True

    def _done(self, kind: str, result, task: PlainTask | None = None) -> None:
        self._tasks.pop(kind, None)
        if task is not None and (task.cancelled or task.isCanceled()):
            # Cancel pressed while the solver was finishing: show nothing, as promised.
            self.finished.emit(kind, None)
            self.c._check_idle()
            return
        c = self.c
        crs_wkt = c.session.grid.crs_wkt if c.session is not None else ""
        shown = None
        try:
            if kind == PROPOSE_STOPS and isinstance(result, ProposedStops):
                self._show_proposal(result, crs_wkt)
                shown = result
            elif kind == PLAN_ROUTES and isinstance(result, PlannedRoutes):
                self._show_routes(result, crs_wkt)
                shown = result
            for note in getattr(result, "notes", [])[:3]:
                c.notify(note)
        except (InputError, RuntimeError, OSError) as exc:
            c.error(self.tr("The result could not be written: {e}").format(e=exc))
        self.finished.emit(kind, shown)
        c._check_idle()

    def _show_proposal(self, result: ProposedStops, crs_wkt: str) -> None:
        c = self.c
        source = write_proposed_stops(
            c.planner_gpkg(), PROPOSED_LAYER, result.sites, crs_wkt, result.added_people
        )
        self.last_proposal = result
        c.layers.show_result(
            "proposed_stops", source, self.tr("Proposed stops"), "ogr", style_proposed_stops
        )
        c.notify(
            self.tr("{n} stops proposed; {p:,.0f} people reached within the target.").format(
                n=len(result.sites), p=result.covered_people
            ),
            Qgis.Success,
        )

    def _show_routes(self, result: PlannedRoutes, crs_wkt: str) -> None:
        c = self.c
        gpkg = c.planner_gpkg()
        # Both tables are written before either is shown: never routes beside an old timetable.
        routes = write_routes(gpkg, ROUTES_LAYER, result.routes, crs_wkt)
        table = write_timetable(gpkg, TIMETABLE_LAYER, result.timetable)
        c.layers.show_result("timetable", table, self.tr("Timetable"), "ogr", _no_style)
        c.layers.show_result("routes", routes, self.tr("Routes"), "ogr", _style_vehicle_routes)
        if result.missing_visits:
            c.notify(
                self.tr(
                    "Incomplete plan: {m} visits do not fit into the vehicles' working days "
                    "({n} routes planned). Use fewer stops, a longer visit interval in the "
                    "standard, or more facilities as depots."
                ).format(m=result.missing_visits, n=len(result.routes)),
                Qgis.Warning,
                0,
            )
        else:
            c.notify(self.tr("{n} routes planned.").format(n=len(result.routes)), Qgis.Success)

    def _failed(self, kind: str, message: str, cancelled: bool) -> None:
        self._tasks.pop(kind, None)
        if not cancelled:
            self.c.error(message)
        self.finished.emit(kind, None)
        self.c._check_idle()

    def adopt_proposal(self) -> bool:
        """Add the last proposed stops to the stops layer as mobile stops (undoable)."""
        c = self.c
        if not self.last_proposal or not self.last_proposal.sites or c.session is None:
            return False
        layer = c.ensure_stops_layer()
        from qgis.core import QgsCoordinateTransform, QgsPointXY

        transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem.fromWkt(c.session.grid.crs_wkt), layer.crs(), c.project
        )
        std = c.settings().service_standard()
        records = []
        for site in self.last_proposal.sites:
            point = transform.transform(QgsPointXY(site.x, site.y))
            attrs = {
                "name": site.name or site.key,
                "role": "mobile_stop",
                "service": std.service,
                "visit_every_days": std.visit_every_days,
            }
            records.append(StopRecord(new_stop_id(), point.x(), point.y(), attrs))
        text = self.tr("Add the proposed stops")
        return c._push(AddStops(StopsEditor(layer), records, text))
