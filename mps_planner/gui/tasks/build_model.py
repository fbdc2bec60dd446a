"""The travel model of the panel: collected on the main thread, built in a background task.

``collect_inputs(settings, project)`` (main thread) turns the panel's settings into plain
values — raster file sources, snapshots of vector layers (``qgis_io.layer_snapshot``) and
the project's transform context — and says clearly what is missing. ``build_model(inputs,
progress, cancel)`` (worker thread) reads the population onto the analysis grid, builds the
speed surface (or the road network), burns the districts and returns a ``BuiltModel``
holding a ready ``core.live_session.LiveSession``.

The analysis grid is the speed raster's when one is given; otherwise the population
raster's own grid when it is projected in metres, or the UTM zone of the raster at the
chosen cell size when it is in degrees (WorldPop).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from osgeo import gdal, osr
from qgis.core import QgsMapLayer, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ...core.errors import Cancelled, InputError
from ...core.grid import AnalysisGrid
from ...core.live_session import LiveSession, network_field_maker, straight_field_maker
from ...core.speed import SpeedSurface
from ...core.traveltime import CostGrid
from ...qgis_io.layer_snapshot import LayerSnapshot, TransformContext
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.speed_io import build_from_layers, read_speed_surface
from ...qgis_io.zones_io import rasterize_zones
from ..panel_settings import SEASONS, PanelSettings

gdal.UseExceptions()


@dataclass
class ModelInputs:
    population: dict[str, str]  # season → GDAL source
    season: str
    cell_size: float
    travel_model: str
    mode: str
    thresholds: list[float]
    target_minutes: float
    snap_m: float
    transform: TransformContext
    landcover: str | None = None
    roads: LayerSnapshot | None = None
    road_field: str = ""
    barriers: LayerSnapshot | None = None
    bridges: LayerSnapshot | None = None
    speed_raster: str | None = None
    straight_kmh: float = 5.0
    districts: LayerSnapshot | None = None
    district_name_field: str = ""


@dataclass
class BuiltModel:
    session: LiveSession
    messages: list[str] = field(default_factory=list)


def _layer(project: QgsProject, layer_id: str) -> QgsMapLayer | None:
    return project.mapLayer(layer_id) if layer_id else None


def _raster_source(layer: QgsMapLayer | None, what: str) -> str:
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        raise InputError(
            QCoreApplication.translate(
                "ModelInputs", "Choose the {what} (a raster layer of the project)."
            ).format(what=what)
        )
    if layer.providerType() != "gdal":
        # No comma after the last argument: pylupdate5 would miss the string.
        text = QCoreApplication.translate(
            "ModelInputs",
            "The {what} '{name}' is not a file GDAL can read (it comes from '{provider}'); "
            "save it as a GeoTIFF and choose that."
        )  # fmt: skip
        raise InputError(text.format(what=what, name=layer.name(), provider=layer.providerType()))
    return layer.source()


def _vector(project: QgsProject, layer_id: str, what: str, optional: bool = True):
    layer = _layer(project, layer_id)
    if layer is None:
        if optional:
            return None
        raise InputError(
            QCoreApplication.translate("ModelInputs", "Choose the {what} layer.").format(what=what)
        )
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        raise InputError(
            QCoreApplication.translate(
                "ModelInputs", "The {what} layer '{name}' is not a valid vector layer."
            ).format(what=what, name=layer.name())
        )
    return LayerSnapshot(layer)


def collect_inputs(settings: PanelSettings, project: QgsProject | None = None) -> ModelInputs:
    """Plain inputs for ``build_model`` from the panel's settings (main thread only)."""
    project = project or QgsProject.instance()
    standard = settings.service_standard()
    population = {
        SEASONS[0]: _raster_source(
            _layer(project, settings.population_summer),
            QCoreApplication.translate("ModelInputs", "population raster (summer)"),
        )
    }
    if settings.population_winter:
        population[SEASONS[1]] = _raster_source(
            _layer(project, settings.population_winter),
            QCoreApplication.translate("ModelInputs", "population raster (winter)"),
        )
    season = settings.season if settings.season in population else SEASONS[0]
    inputs = ModelInputs(
        population=population,
        season=season,
        cell_size=float(settings.cell_size),
        travel_model=settings.travel_model,
        mode=standard.mode,
        thresholds=list(standard.thresholds),
        target_minutes=float(standard.target_minutes),
        snap_m=float(settings.snap_m),
        transform=TransformContext(project.transformContext()),
        straight_kmh=float(settings.straight_kmh),
        road_field=settings.road_field,
        district_name_field=settings.district_name_field,
    )
    model = settings.travel_model
    if model in ("layers", "network"):
        inputs.landcover = _raster_source(
            _layer(project, settings.landcover),
            QCoreApplication.translate("ModelInputs", "land-cover raster"),
        )
    if model == "layers":
        inputs.roads = _vector(project, settings.roads, "roads")
        inputs.barriers = _vector(project, settings.barriers, "barriers")
        inputs.bridges = _vector(project, settings.bridges, "bridges")
        if inputs.roads is not None and not settings.road_field:
            raise InputError(
                QCoreApplication.translate(
                    "ModelInputs", "Choose the field of the roads layer that holds the road class."
                )
            )
    elif model == "network":
        inputs.roads = _vector(
            project,
            settings.roads,
            QCoreApplication.translate("ModelInputs", "roads"),
            optional=False,
        )
    elif model == "speed_raster":
        inputs.speed_raster = _raster_source(
            _layer(project, settings.speed_raster),
            QCoreApplication.translate("ModelInputs", "speed raster (km/h)"),
        )
    elif model != "straight":
        raise InputError(f"Unknown travel model '{model}'.")
    inputs.districts = _vector(project, settings.districts, "districts")
    return inputs


def _projected_grid(source: str) -> AnalysisGrid | None:
    """The raster's own grid when it is north-up, in metres and has square cells."""
    ds = gdal.Open(source)
    wkt = ds.GetProjection()
    if not wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    if not srs.IsProjected() or abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        return None
    try:
        return AnalysisGrid(wkt, tuple(ds.GetGeoTransform()), (ds.RasterYSize, ds.RasterXSize))
    except ValueError:
        return None


def build_model(
    inputs: ModelInputs,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BuiltModel:
    """The live session for ``inputs`` (worker thread; no project layer is touched)."""

    def step(p: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled("Building the travel model was cancelled.")
        if progress is not None:
            progress(p)

    messages: list[str] = []
    surface: SpeedSurface | None = None
    step(2)
    if inputs.travel_model == "speed_raster":
        surface = read_speed_surface(inputs.speed_raster)
        grid = surface.grid
    else:
        grid = _projected_grid(next(iter(inputs.population.values())))
    on_grid = population_on_grid(
        inputs.population,
        grid=grid,
        cell_size=inputs.cell_size,
        cancel=cancel,
        progress=lambda p: progress(5 + 0.45 * p) if progress else None,
    )
    grid = on_grid.grid
    for name, report in on_grid.reports.items():
        messages.append(f"{name}: " + report.lines()[1])
    step(50)
    limit = max(inputs.thresholds)
    field_maker = None
    if inputs.travel_model == "straight":
        surface = SpeedSurface(grid, np.full(grid.shape, inputs.straight_kmh), straight_line=True)
        field_maker = straight_field_maker(grid, inputs.straight_kmh, limit)
    elif inputs.travel_model in ("layers", "network"):
        surface, notes = build_from_layers(
            grid,
            inputs.mode,
            landcover_source=inputs.landcover,
            roads=inputs.roads if inputs.travel_model == "layers" else None,
            road_field=inputs.road_field or None,
            barriers=inputs.barriers,
            bridges=inputs.bridges,
            context=inputs.transform,
        )
        messages += notes
    step(75)
    cost: CostGrid = surface.cost_grid()
    if inputs.travel_model == "network":
        field_maker = _network_fields(inputs, grid, cost, limit, messages)
    zones, zone_names = None, ()
    if inputs.districts is not None:
        raster = rasterize_zones(
            inputs.districts, grid, name_field=inputs.district_name_field or None
        )
        zones, zone_names = raster.labels, raster.names
    step(90)
    session = LiveSession(
        grid,
        cost,
        on_grid.population.layers,
        inputs.thresholds,
        inputs.target_minutes,
        zones=zones,
        zone_names=zone_names,
        season=inputs.season,
        snap_m=inputs.snap_m,
        field_maker=field_maker,
    )
    step(100)
    return BuiltModel(session, messages)


def _network_fields(inputs: ModelInputs, grid, cost, limit, messages):
    from qgis.core import QgsCoordinateReferenceSystem

    from ...core.network import RoadNetwork
    from ...core.network_paths import Router
    from ...qgis_io.network_io import read_road_layer

    crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
    layer = read_road_layer(
        inputs.roads, crs, inputs.transform.transformContext(), inputs.road_field or None
    )
    messages += layer.messages()
    network = RoadNetwork.from_polylines(layer.polylines)
    router = Router.for_mode(network, inputs.mode)
    # Any site joins the nearest road; the way there is crossed at the off-road speed.
    return network_field_maker(router, grid, cost, limit, None)
