"""Scenarios in the panel: save the current plan, switch to another, compare two.

A scenario holds every site (fixed facilities and the stops layer's sites, in the analysis
grid's CRS), the service standard, the panel's settings and the numbers shown when it was
saved; it is stored in the planner's GeoPackage (``qgis_io.scenario_io``), so it travels
with the project. Switching replaces the stops layer's content in one undoable edit (and
the standard, rebuilding the model if its thresholds or mode differ). Comparing shows the
saved numbers side by side and maps who gains and who loses (a background task over the
cached fields).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from ..core.errors import InputError
from ..core.live_session import SiteRequest
from ..core.scenario import Scenario, ScenarioComparison, ScenarioResults, Site, compare
from ..qgis_io.live_rasters_io import remove_live_rasters
from ..qgis_io.results_io import write_difference, write_difference_area
from ..qgis_io.scenario_io import delete_scenario, load_scenario, load_scenarios, save_scenario
from ..qgis_io.stops_io import new_stop_id
from ..report.analysis_styles import style_difference, style_difference_area
from .stop_edits import ReplaceStops, StopRecord, StopsEditor
from .tasks.plain_task import PlainTask, start


class ScenarioActions(QObject):
    scenariosChanged = pyqtSignal()
    comparisonReady = pyqtSignal(object)  # ScenarioComparison
    differenceReady = pyqtSignal(str)  # layer id

    def __init__(self, controller):
        super().__init__(controller)
        self.c = controller
        self._task: PlainTask | None = None
        self._last_map: tuple[str, str] | None = None

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ScenarioActions", text)

    def is_idle(self) -> bool:
        return self._task is None

    # -- reading ------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [s.name for s in self.all()]

    def all(self) -> list[Scenario]:
        gpkg = self.c.planner_gpkg()
        try:
            return load_scenarios(gpkg)
        except InputError as exc:
            self.c.error(str(exc))
            return []

    # -- saving -------------------------------------------------------------------------------
    def save(self, name: str, notes: str = "") -> Scenario | None:
        c = self.c
        name = name.strip()
        if not name:
            c.error(self.tr("Give the scenario a name."))
            return None
        if c.session is None or c.last_update is None:
            c.error(self.tr("Build the model and place some stops before saving a scenario."))
            return None
        if not c.is_idle():
            c.error(self.tr("The numbers are still being updated; save again in a moment."))
            return None
        settings = c.settings()
        standard = settings.service_standard()
        sites = []
        for request in c.counted_sites():
            visit = standard.visit_every_days if request.role == "mobile_stop" else None
            sites.append(
                Site(
                    key=request.key,
                    x=request.x,
                    y=request.y,
                    role=request.role,
                    service=standard.service,
                    name=request.name,
                    visit_every_days=visit,
                )
            )
        scenario = Scenario(
            name=name,
            standard=standard,
            sites=sites,
            results=ScenarioResults.from_table(c.last_update.summary),
            notes=notes,
            parameters={
                "settings": asdict(settings),
                "crs_wkt": c.session.grid.crs_wkt,
                "season": c.session.season,
            },
        )
        try:
            c.ensure_stops_layer()
            save_scenario(c.planner_gpkg(), scenario)
        except InputError as exc:
            c.error(str(exc))
            return None
        self.scenariosChanged.emit()
        c.notify(self.tr("Scenario '{name}' saved.").format(name=name))
        return scenario

    def delete(self, name: str) -> None:
        try:
            delete_scenario(self.c.planner_gpkg(), name)
        except InputError as exc:
            self.c.error(str(exc))
        self.scenariosChanged.emit()

    # -- switching ----------------------------------------------------------------------------
    def switch(self, name: str) -> bool:
        """Make the stops layer hold the scenario's stops (one undoable edit) and use its
        service standard."""
        c = self.c
        try:
            scenario = load_scenario(c.planner_gpkg(), name)
            layer = c.ensure_stops_layer()
        except InputError as exc:
            c.error(str(exc))
            return False
        source_crs = QgsCoordinateReferenceSystem.fromWkt(scenario.parameters.get("crs_wkt", ""))
        transform = None
        if source_crs.isValid() and source_crs != layer.crs():
            transform = QgsCoordinateTransform(source_crs, layer.crs(), c.project)
        new = []
        for site in scenario.sites:
            if site.role == "fixed":
                continue
            point = QgsPointXY(site.x, site.y)
            if transform is not None:
                point = transform.transform(point)
            key = site.key if not site.key.startswith(("fid:", "fixed:")) else new_stop_id()
            attrs = {
                "name": site.name,
                "role": site.role,
                "service": site.service,
                "visit_every_days": site.visit_every_days,
                "capacity": site.capacity,
            }
            new.append(StopRecord(key, point.x(), point.y(), attrs))
        editor = StopsEditor(layer)
        old = editor.records()
        text = self.tr("Switch to scenario {name}").format(name=name)
        if not c._push(ReplaceStops(editor, old, new, text)):
            return False
        settings = c.settings()
        if settings.service_standard() != scenario.standard:
            c.set_settings(replace(settings, standard=scenario.standard.to_dict()))
            c.settingsLoaded.emit()
            if c.session is not None:
                c.build_model()
        return True

    # -- comparing ----------------------------------------------------------------------------
    def compare(self, name_a: str, name_b: str, with_map: bool = True) -> ScenarioComparison | None:
        """The saved numbers of two scenarios side by side (and, with the model built, a map
        of the people who gain and lose going from A to B)."""
        c = self.c
        try:
            a = load_scenario(c.planner_gpkg(), name_a)
            b = load_scenario(c.planner_gpkg(), name_b)
            comparison = compare(a, b)
        except InputError as exc:
            c.error(str(exc))
            return None
        self.comparisonReady.emit(comparison)
        if with_map:
            self._difference_map(a, b)
        return comparison

    def _sites_on_grid(self, scenario: Scenario) -> list[SiteRequest]:
        c = self.c
        target = QgsCoordinateReferenceSystem.fromWkt(c.session.grid.crs_wkt)
        source = QgsCoordinateReferenceSystem.fromWkt(scenario.parameters.get("crs_wkt", ""))
        transform = None
        if source.isValid() and source != target:
            transform = QgsCoordinateTransform(source, target, c.project)
        out = []
        for site in scenario.sites:
            point = QgsPointXY(site.x, site.y)
            if transform is not None:
                point = transform.transform(point)
            out.append(SiteRequest(site.key, point.x(), point.y(), site.role, site.name))
        return out

    def _difference_map(self, a: Scenario, b: Scenario) -> None:
        c = self.c
        session = c.session
        if session is None:
            c.notify(self.tr("Build the model to map who gains and who loses."))
            return
        sites_a, sites_b = self._sites_on_grid(a), self._sites_on_grid(b)
        folder = c.files.live_folder(c.planner_gpkg())
        safe = "".join(ch if ch.isalnum() else "_" for ch in f"{a.name}_vs_{b.name}")
        path = folder / f"difference_{safe}_{uuid.uuid4().hex[:6]}.tif"
        title = self.tr("Gain (+) / loss (−): {b} vs {a}").format(a=a.name, b=b.name)

        def work(progress, cancel):
            people, area = session.difference(sites_a, sites_b, cancel)
            return (
                write_difference(path, people, session.grid),
                write_difference_area(path.with_name(path.stem + "_area.tif"), area, session.grid),
            )

        def done(written):
            self._task = None
            previous = self._last_map
            people_path, area_path = written
            area_title = self.tr("Area gained / lost: {b} vs {a}").format(a=a.name, b=b.name)
            c.layers.show_result(
                "difference_area", area_path, area_title, "gdal", style_difference_area
            )
            layer = c.layers.show_result("difference", people_path, title, "gdal", style_difference)
            self._last_map = written
            if previous and previous != written:
                remove_live_rasters(list(previous))
            self.differenceReady.emit(layer.id())
            c._check_idle()

        def failed(message, cancelled):
            self._task = None
            if not cancelled:
                c.error(message)
            c._check_idle()

        if self._task is not None:
            self._task.cancel()
        self._task = PlainTask(self.tr("MPS Planner: comparing scenarios"), work, done, failed)
        c.busyChanged.emit(True)
        start(self._task)
