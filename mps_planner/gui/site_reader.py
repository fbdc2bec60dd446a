"""The sites the live numbers count, read from the project's layers as plain values.

Fixed facilities come from the facility layer (only those of the standard's service when
a service field is chosen: a hospital also counts for a clinic); stops and candidates from
the stops layer, keyed by their ``stop_id``. Coordinates are transformed to the analysis
grid's CRS. Main thread only (it reads layers).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsProject, QgsVectorLayer

from ..core.live_session import SiteRequest
from ..qgis_io.vectors_io import grid_crs
from .panel_settings import FACILITY_SERVICES, PanelSettings


def _transform(layer: QgsVectorLayer, grid, project: QgsProject) -> QgsCoordinateTransform:
    return QgsCoordinateTransform(layer.crs(), grid_crs(grid), project)


def facility_sites(
    layer: QgsVectorLayer | None, settings: PanelSettings, grid, project: QgsProject
) -> list[SiteRequest]:
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return []
    transform = _transform(layer, grid, project)
    service = settings.service_standard().service
    wanted = {s.lower() for s in FACILITY_SERVICES.get(service, (service,))}
    field = settings.facility_service_field
    index = layer.fields().indexOf(field) if field else -1
    names = layer.fields().indexOf("name")
    sites = []
    for feature in layer.getFeatures():
        if not feature.hasGeometry():
            continue
        if index >= 0 and str(feature[index]).strip().lower() not in wanted:
            continue
        point = transform.transform(feature.geometry().centroid().asPoint())
        name = str(feature[names]) if names >= 0 else ""
        sites.append(SiteRequest(f"fixed:{feature.id()}", point.x(), point.y(), "fixed", name))
    return sites


def stop_sites(layer: QgsVectorLayer | None, grid, project: QgsProject) -> list[SiteRequest]:
    if layer is None:
        return []
    transform = _transform(layer, grid, project)
    fields = layer.fields()
    has = {name: fields.indexOf(name) >= 0 for name in ("stop_id", "role", "name")}
    sites = []
    for feature in layer.getFeatures():
        if not feature.hasGeometry():
            continue
        point = transform.transform(feature.geometry().centroid().asPoint())
        key = feature["stop_id"] if has["stop_id"] else None
        key = str(key) if key not in (None, "") else f"fid:{feature.id()}"
        role = feature["role"] if has["role"] else "mobile_stop"
        role = role if role in ("mobile_stop", "candidate") else "mobile_stop"
        name = feature["name"] if has["name"] else ""
        sites.append(
            SiteRequest(key, point.x(), point.y(), role, "" if name is None else str(name))
        )
    return sites
