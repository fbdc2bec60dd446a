"""The panel's controller: map-tool signals in, layer edits and live numbers out.

Flow of one edit: a map tool emits (``add_site``, ``move_site``, ``delete_site``) → an undo
command edits the stops layer and commits → the layer's signals schedule an update → the
sites are read as plain values (grid CRS) → a background ``PlainTask`` runs
``LiveSession.update`` → on the main thread the live rasters get their changed windows and
``coverageUpdated`` carries the numbers to the panel. A newer request supersedes a running
one (which is cancelled; the fields it computed stay cached). The travel model is built
once per set of inputs in another task (``build_model``).

Public API (the lead wires site selection and routes through ``solvers``):

* ``settings()`` / ``set_settings(PanelSettings)``; ``build_model()``; ``set_season(name)``
* ``add_site(QgsPointXY, role)``, ``move_site(stop_id, QgsPointXY)``, ``delete_site(stop_id)``
  (points in the canvas CRS); ``undo_stack`` (a QUndoStack); ``request_update()``
* ``scenarios`` (``ScenarioActions``: save, switch, compare), ``solvers`` (``SolverActions``:
  ``set_solver(kind, fn)``, ``run(kind, **options)``, ``cancel(kind)``)
* signals: ``modelStateChanged(state, text)``, ``coverageUpdated(LiveUpdate)``,
  ``busyChanged(bool)``, ``stopsLayerChanged()``, ``settingsLoaded()``, ``idle()``
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QObject, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import QUndoStack

from ..core.errors import InputError
from ..core.live_session import LiveSession, LiveUpdate, SiteRequest
from ..qgis_io.live_rasters_io import write_live_rasters
from ..qgis_io.stops_io import STOPS_LAYER, create_stops_layer, new_stop_id
from ..qgis_io.vectors_io import grid_crs
from ..report.layer_styles import style_stops
from .live_layers import LiveLayers
from .panel_settings import PanelSettings, load_from_project, save_to_project
from .project_files import ProjectFiles, gpkg_of_source, is_unsaved_location
from .scenario_actions import ScenarioActions
from .site_reader import facility_sites, stop_sites
from .solver_actions import SolverActions
from .stop_edits import AddStops, DeleteStops, MoveStop, StopRecord, StopsEditor, find_feature
from .tasks.build_model import BuiltModel, build_model, collect_inputs
from .tasks.plain_task import PlainTask, start

MESSAGE_TITLE = "MPS Planner"


class PlannerController(QObject):
    modelStateChanged = pyqtSignal(str, str)  # none | stale | building | ready | failed, text
    coverageUpdated = pyqtSignal(object)  # LiveUpdate
    busyChanged = pyqtSignal(bool)
    stopsLayerChanged = pyqtSignal()
    settingsLoaded = pyqtSignal()
    idle = pyqtSignal()

    def __init__(self, iface, parent: QObject | None = None, project: QgsProject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.files = ProjectFiles(self.project)
        self.layers = LiveLayers(self.project)
        self.undo_stack = QUndoStack(self)
        self.session: LiveSession | None = None
        self.last_update: LiveUpdate | None = None
        self._settings = load_from_project(self.project)
        self._model_key: str | None = None
        self._build_task: PlainTask | None = None
        self._live_task: PlainTask | None = None
        self._pending_sites: list[SiteRequest] | None = None
        self._pending_season: str | None = None
        self._rasters_written = False
        self._watched: list[QgsVectorLayer] = []
        self._relocating = False
        self._schedule = QTimer(self)
        self._schedule.setSingleShot(True)
        self._schedule.setInterval(0)
        self._schedule.timeout.connect(self.request_update)
        self.scenarios = ScenarioActions(self)
        self.solvers = SolverActions(self)
        self.project.readProject.connect(self._project_read)
        self.project.cleared.connect(self._project_cleared)
        self.project.projectSaved.connect(self._project_saved)
        self._watch_layers()

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PlannerController", text)

    # -- messages -----------------------------------------------------------------------------
    def notify(self, text: str, level=Qgis.Info, duration: int = 6) -> None:
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None:
            bar.pushMessage(MESSAGE_TITLE, text, level, duration)

    def error(self, text: str) -> None:
        self.notify(text, Qgis.Critical, 0)

    # -- settings -----------------------------------------------------------------------------
    def settings(self) -> PanelSettings:
        return self._settings

    def set_settings(self, settings: PanelSettings) -> None:
        """Take the panel's settings; save them with the project; mark the model stale if
        its inputs changed (the season and the stops layer change at once)."""
        old = self._settings
        self._settings = settings
        save_to_project(settings, self.project)
        if old.stops != settings.stops:
            self.undo_stack.clear()  # its commands edit the other layer
        if (old.stops, old.facilities, old.facility_service_field, old.count_candidates) != (
            settings.stops,
            settings.facilities,
            settings.facility_service_field,
            settings.count_candidates,
        ):
            self._watch_layers()
            self.stopsLayerChanged.emit()
            self.schedule_update()
        if self.session is not None:
            try:
                stale = settings.model_key() != self._model_key
            except InputError:
                stale = True
            if stale:
                self.modelStateChanged.emit("stale", self.tr("Inputs changed: build again."))
            elif settings.season != self.session.season:
                self.set_season(settings.season)

    def _project_read(self, *_args) -> None:
        self._reset()
        self._settings = load_from_project(self.project)
        self._watch_layers()
        self.settingsLoaded.emit()
        self.stopsLayerChanged.emit()
        if self._settings.population_summer and self.project.mapLayer(
            self._settings.population_summer
        ):
            self.build_model()

    def _project_cleared(self) -> None:
        self._reset()
        self._settings = PanelSettings()
        self._watched = []
        self.settingsLoaded.emit()

    def _reset(self) -> None:
        for task in (self._build_task, self._live_task):
            if task is not None:
                task.cancel()
        self._build_task = self._live_task = None
        self._pending_sites = self._pending_season = None
        self.session = None
        self.last_update = None
        self._model_key = None
        self._rasters_written = False
        self.undo_stack.clear()
        self.modelStateChanged.emit("none", "")

    # -- planner files ------------------------------------------------------------------------
    def planner_gpkg(self):
        layer = self.stops_layer()
        path = gpkg_of_source(layer.source()) if layer is not None else None
        return path or self.files.default_gpkg()

    def _project_saved(self) -> None:
        if self._relocating:
            return
        gpkg = self.planner_gpkg()
        if not is_unsaved_location(gpkg):
            return
        try:
            target = self.files.relocate_beside_project(gpkg)
        except (InputError, OSError) as exc:
            self.error(
                self.tr("The stops could not be copied beside the project: {e}").format(e=exc)
            )
            return
        if target is None:
            return
        self._relocating = True
        try:
            self.project.write()
        finally:
            self._relocating = False
        self._watch_layers()
        self.notify(
            self.tr("Stops and scenarios were moved beside the project: {path}").format(path=target)
        )

    # -- layers -------------------------------------------------------------------------------
    def stops_layer(self) -> QgsVectorLayer | None:
        layer = self.project.mapLayer(self._settings.stops) if self._settings.stops else None
        return layer if isinstance(layer, QgsVectorLayer) and layer.isValid() else None

    def create_stops_layer(self) -> QgsVectorLayer:
        """A new stops layer in the planner's GeoPackage, added to the project and chosen."""
        crs = self.project.crs() if self.session is None else grid_crs(self.session.grid)
        if not crs.isValid() or crs.isGeographic():
            raise InputError(
                self.tr("Set a projected CRS for the project (in metres) before adding stops.")
            )
        gpkg = self.files.default_gpkg()
        name = STOPS_LAYER
        existing = {lyr.source() for lyr in self.project.mapLayers().values() if lyr.source()}
        k = 1
        while f"{gpkg}|layername={name}" in existing:
            k += 1
            name = f"{STOPS_LAYER}_{k}"
        source = create_stops_layer(
            gpkg, crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED), name
        )
        layer = QgsVectorLayer(source, self.tr("Mobile stops and candidates"), "ogr")
        if not layer.isValid():
            raise InputError(
                self.tr("The stops layer could not be opened from {p}.").format(p=gpkg)
            )
        style_stops(layer)
        self.project.addMapLayer(layer, False)
        self.layers.group().insertLayer(0, layer)
        self.set_settings(replace(self._settings, stops=layer.id()))
        return layer

    def ensure_stops_layer(self) -> QgsVectorLayer:
        """The chosen stops layer (created on first use); it must have the planner's fields."""
        layer = self.stops_layer()
        if layer is None:
            return self.create_stops_layer()
        missing = {"stop_id", "role", "name"} - set(layer.fields().names())
        if missing:
            raise InputError(
                self.tr(
                    "The layer '{name}' lacks the fields {fields}: choose a stops layer made "
                    "by the panel, or press New to make one."
                ).format(name=layer.name(), fields=", ".join(sorted(missing)))
            )
        return layer

    def _watch_layers(self) -> None:
        for layer in self._watched:
            try:
                for signal in self._signals(layer):
                    signal.disconnect(self.schedule_update)
            except (TypeError, RuntimeError):
                pass
        self._watched = []
        for layer_id in (self._settings.stops, self._settings.facilities):
            layer = self.project.mapLayer(layer_id) if layer_id else None
            if isinstance(layer, QgsVectorLayer):
                for signal in self._signals(layer):
                    signal.connect(self.schedule_update)
                self._watched.append(layer)

    @staticmethod
    def _signals(layer: QgsVectorLayer):
        return (
            layer.featureAdded,
            layer.featureDeleted,
            layer.geometryChanged,
            layer.attributeValueChanged,
            layer.afterRollBack,
            layer.dataSourceChanged,
        )

    # -- sites as plain values ----------------------------------------------------------------
    def current_sites(self) -> list[SiteRequest]:
        """Fixed facilities (of the standard's service) and the stops layer's sites, in the
        grid's CRS (main thread)."""
        if self.session is None:
            return []
        settings = self._settings
        facilities = self.project.mapLayer(settings.facilities) if settings.facilities else None
        grid = self.session.grid
        return facility_sites(facilities, settings, grid, self.project) + stop_sites(
            self.stops_layer(), grid, self.project
        )

    # -- the model ----------------------------------------------------------------------------
    def build_model(self) -> bool:
        """Start building the travel model from the settings; False (and a message) if an
        input is missing."""
        try:
            inputs = collect_inputs(self._settings, self.project)
            key = self._settings.model_key()
        except InputError as exc:
            self.error(str(exc))
            self.modelStateChanged.emit("failed", str(exc))
            return False
        if self._build_task is not None:
            self._build_task.cancel()
        task = PlainTask(
            self.tr("MPS Planner: building the travel model"),
            lambda progress, cancel: build_model(inputs, progress, cancel),
            lambda built: self._model_built(task, built, key),
            lambda message, cancelled: self._model_failed(task, message, cancelled),
        )
        self._build_task = task
        self.modelStateChanged.emit("building", self.tr("Building the travel model…"))
        self.busyChanged.emit(True)
        start(task)
        return True

    def _model_built(self, task: PlainTask, built: BuiltModel, key: str) -> None:
        if task is not self._build_task:
            return
        self._build_task = None
        self.session = built.session
        self._model_key = key
        self._rasters_written = False
        self.last_update = None
        grid = built.session.grid
        text = self.tr("Ready: {rows} × {cols} cells of {size:g} m.").format(
            rows=grid.rows, cols=grid.cols, size=grid.cell_size
        )
        self.modelStateChanged.emit("ready", text)
        for message in built.messages:
            if "not recognised" in message or "impassable" in message:
                self.notify(message, Qgis.Warning)
        self.request_update()

    def _model_failed(self, task: PlainTask, message: str, cancelled: bool) -> None:
        if task is not self._build_task:
            return
        self._build_task = None
        self.modelStateChanged.emit("failed", message)
        if not cancelled:
            self.error(message)
        self._check_idle()

    def cancel_build(self) -> None:
        if self._build_task is not None:
            self._build_task.cancel()

    # -- the live loop ------------------------------------------------------------------------
    def schedule_update(self, *_args) -> None:
        """Coalesce the layer signals of one edit into one update."""
        if self.session is not None:
            self._schedule.start()

    def counted_sites(self) -> list[SiteRequest]:
        """The sites the live numbers count (candidates only when the settings say so)."""
        sites = self.current_sites()
        if self._settings.count_candidates:
            return sites
        return [s for s in sites if s.role != "candidate"]

    def request_update(self) -> None:
        if self.session is None:
            return
        self._pending_sites = self.counted_sites()
        self._run_next()

    def set_season(self, season: str) -> None:
        if self.session is None or season == self.session.season:
            return
        if season not in self.session.people:
            self.error(
                self.tr("Choose a population raster for {season} first.").format(season=season)
            )
            return
        self._pending_season = season
        self._run_next()

    def _run_next(self) -> None:
        if self._live_task is not None:
            self._live_task.cancel()  # superseded: its finished() starts the next one
            return
        if self._pending_sites is None and self._pending_season is None:
            self._check_idle()
            return
        session = self.session
        sites, season = self._pending_sites, self._pending_season
        self._pending_sites = self._pending_season = None
        folder = None
        if not self._rasters_written:
            folder = self.files.live_folder(self.planner_gpkg())

        def work(progress, cancel):
            windows = []
            update = None
            if season is not None:
                update = session.set_season(season)
                windows += update.windows
                cancel = None  # the season is switched: finish this update
            if sites is not None:
                update = session.update(sites, cancel, progress)
                windows += update.windows
            paths = None
            if folder is not None:
                paths = write_live_rasters(folder, session.grid, session.full_window())
            update.windows = windows
            return update, paths

        task = PlainTask(
            self.tr("MPS Planner: coverage"),
            work,
            lambda result: self._live_done(task, session, result),
            lambda message, cancelled: self._live_failed(task, message, cancelled),
        )
        self._live_task = task
        self.busyChanged.emit(True)
        start(task)

    def _live_done(self, task, session, result) -> None:
        self._live_task = None
        update, paths = result
        if session is self.session:
            if paths is None and len(self.layers.layers()) < 3:
                self._rasters_written = False  # a live layer was removed: add it again
                self.schedule_update()
            if paths is not None:
                std = self._settings.service_standard()
                self.layers.show_rasters(paths, session.thresholds, std.target_minutes)
                self._rasters_written = True
            elif not self.layers.write(update.windows):
                self._rasters_written = False  # rewrite in full next time
            self.last_update = update
            self.coverageUpdated.emit(update)
            for problem in update.problems[:3]:
                self.notify(problem, Qgis.Warning)
        self._run_next()

    def _live_failed(self, task, message: str, cancelled: bool) -> None:
        self._live_task = None
        if not cancelled:
            self.error(message)
        self._run_next()

    def is_idle(self) -> bool:
        return (
            self._build_task is None
            and self._live_task is None
            and self._pending_sites is None
            and self._pending_season is None
            and not self._schedule.isActive()
            and self.solvers.is_idle()
            and self.scenarios.is_idle()
        )

    def _check_idle(self) -> None:
        if self.is_idle():
            self.busyChanged.emit(False)
            self.idle.emit()

    # -- map-tool slots -----------------------------------------------------------------------
    def _canvas_crs(self) -> QgsCoordinateReferenceSystem:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        return canvas.mapSettings().destinationCrs() if canvas is not None else self.project.crs()

    def _to_layer(self, layer: QgsVectorLayer, point: QgsPointXY) -> QgsPointXY:
        transform = QgsCoordinateTransform(self._canvas_crs(), layer.crs(), self.project)
        return transform.transform(point)

    def _push(self, command) -> bool:
        self.undo_stack.push(command)
        if command.error:
            self.error(command.error)
            return False
        return True

    def add_site(self, point: QgsPointXY, role: str = "mobile_stop") -> str | None:
        """Place a stop (or candidate) at ``point`` (canvas CRS); returns its stop_id."""
        try:
            layer = self.ensure_stops_layer()
        except InputError as exc:
            self.error(str(exc))
            return None
        where = self._to_layer(layer, point)
        std = self._settings.service_standard()
        same_role = sum(1 for f in layer.getFeatures() if f["role"] == role)
        label = self.tr("Stop {n}") if role == "mobile_stop" else self.tr("Candidate {n}")
        record = StopRecord(
            new_stop_id(),
            where.x(),
            where.y(),
            {
                "name": label.format(n=same_role + 1),
                "role": role,
                "service": std.service,
                "visit_every_days": std.visit_every_days if role == "mobile_stop" else None,
            },
        )
        text = self.tr("Add {name}").format(name=record.attributes["name"])
        ok = self._push(AddStops(StopsEditor(layer), [record], text))
        return record.stop_id if ok else None

    def move_site(self, stop_id: str, point: QgsPointXY) -> bool:
        layer = self.stops_layer()
        feature = find_feature(layer, stop_id) if layer is not None else None
        if feature is None:
            self.error(self.tr("That stop is no longer in the stops layer."))
            return False
        old = feature.geometry().asPoint()
        new = self._to_layer(layer, point)
        text = self.tr("Move {name}").format(name=feature["name"])
        return self._push(
            MoveStop(StopsEditor(layer), stop_id, (old.x(), old.y()), (new.x(), new.y()), text)
        )

    def delete_site(self, stop_id: str) -> bool:
        layer = self.stops_layer()
        feature = find_feature(layer, stop_id) if layer is not None else None
        if feature is None:
            return False
        record = StopRecord.from_feature(feature)
        text = self.tr("Delete {name}").format(name=feature["name"])
        return self._push(DeleteStops(StopsEditor(layer), [record], text))

    def undo(self) -> None:
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        self.undo_stack.undo()
        if command is not None and command.error:
            self.error(command.error)

    def redo(self) -> None:
        command = self.undo_stack.command(self.undo_stack.index())
        self.undo_stack.redo()
        if command is not None and command.error:
            self.error(command.error)

    def unload(self) -> None:
        self._reset()
        for signal, slot in (
            (self.project.readProject, self._project_read),
            (self.project.cleared, self._project_cleared),
            (self.project.projectSaved, self._project_saved),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
        self.solvers.cancel_all()
