"""Scenarios in the planner's GeoPackage: one row per named scenario (a JSON document).

The table ``mps_scenarios`` (no geometry; QGIS opens it as a table) has ``name`` (unique),
``saved_at`` (ISO time) and ``scenario`` (``core.scenario.Scenario.to_json``: sites with
their map coordinates, the service standard, the panel's settings and the results). Saving
a scenario under an existing name replaces it, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from osgeo import ogr

from ..core.errors import InputError
from ..core.scenario import Scenario

ogr.UseExceptions()

SCENARIO_TABLE = "mps_scenarios"


def _open(gpkg: str | Path, update: bool):
    path = Path(gpkg)
    if not path.exists():
        if not update:
            return None
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    else:
        try:
            ds = ogr.Open(str(path), 1 if update else 0)
        except RuntimeError as exc:
            raise InputError(f"Cannot open the planner's GeoPackage '{path}': {exc}") from exc
    if ds is None:
        raise InputError(f"Cannot open the planner's GeoPackage '{path}'.")
    return ds


def _table(ds, create: bool):
    layer = ds.GetLayerByName(SCENARIO_TABLE)
    if layer is None and create:
        layer = ds.CreateLayer(SCENARIO_TABLE, None, ogr.wkbNone, options=["FID=fid"])
        for name in ("name", "saved_at", "scenario"):
            layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    return layer


def _escape(name: str) -> str:
    return name.replace("'", "''")


def save_scenario(gpkg: str | Path, scenario: Scenario) -> None:
    """Store ``scenario`` (replacing one of the same name)."""
    name = scenario.name.strip()
    if not name:
        raise InputError("Give the scenario a name.")
    ds = _open(gpkg, update=True)
    try:
        layer = _table(ds, create=True)
        layer.StartTransaction()
        try:
            layer.SetAttributeFilter(f"name = '{_escape(name)}'")
            old = [f.GetFID() for f in layer]
            layer.SetAttributeFilter(None)
            for fid in old[1:]:
                layer.DeleteFeature(fid)
            feature = layer.GetFeature(old[0]) if old else ogr.Feature(layer.GetLayerDefn())
            feature.SetField("name", name)
            feature.SetField("saved_at", dt.datetime.now().isoformat(timespec="seconds"))
            feature.SetField("scenario", scenario.to_json())
            if old:
                layer.SetFeature(feature)  # replaced in place: the order stays
            else:
                layer.CreateFeature(feature)
            layer.CommitTransaction()
        except Exception:
            layer.RollbackTransaction()
            raise
    finally:
        ds = None


def load_scenarios(gpkg: str | Path) -> list[Scenario]:
    """Every scenario, in the order they were first saved."""
    ds = _open(gpkg, update=False)
    if ds is None:
        return []
    try:
        layer = _table(ds, create=False)
        if layer is None:
            return []
        out = []
        for feature in layer:
            text = feature.GetField("scenario")
            try:
                out.append(Scenario.from_json(text))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    f"The scenario '{feature.GetField('name')}' in '{gpkg}' cannot be read "
                    f"({exc}); delete it from the table {SCENARIO_TABLE}."
                ) from exc
        return out
    finally:
        ds = None


def load_scenario(gpkg: str | Path, name: str) -> Scenario:
    for scenario in load_scenarios(gpkg):
        if scenario.name == name:
            return scenario
    raise InputError(f"There is no scenario '{name}' in '{gpkg}'.")


def delete_scenario(gpkg: str | Path, name: str) -> None:
    ds = _open(gpkg, update=True)
    try:
        layer = _table(ds, create=False)
        if layer is None:
            return
        layer.SetAttributeFilter(f"name = '{_escape(name)}'")
        fids = [f.GetFID() for f in layer]
        layer.SetAttributeFilter(None)
        for fid in fids:
            layer.DeleteFeature(fid)
    finally:
        ds = None
