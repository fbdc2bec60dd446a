"""Step: the district atlas, the scenario comparison and, with a mobile plan, the stop notices.

Scenario A is the clinics as they are; scenario B adds
the stops site selection proposed (or, without it, at the three largest gap hotspots).
Stop notices need the mobile step (``ctx.mobile``); without it they are left out and said so.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from mps_planner.core.coverage import coverage_change, coverage_table, gap_raster
from mps_planner.core.sample_region import POPULATION_NODATA
from mps_planner.core.scenario import Scenario, ScenarioResults, Site, compare
from mps_planner.core.traveltime import travel_times
from mps_planner.qgis_io.raster_io import write_raster
from mps_planner.qgis_io.vector_out import write_gpkg_layer
from mps_planner.qgis_io.vectors_io import grid_crs
from mps_planner.report.atlas import atlas_pages, district_extents, export_atlas
from mps_planner.report.comparison import (
    coarser,
    comparison_model,
    export_comparison,
    write_difference_raster,
)
from mps_planner.report.layer_styles import style_stops
from mps_planner.report.model import AtlasModel, NoticeSet
from mps_planner.report.notices import export_notices, notices_from_rows, stop_places
from mps_planner.report.sample_styles import style_population_density

from ..context import DemoContext

NEW_CLINICS = 3


def run(ctx: DemoContext) -> None:
    cov = ctx.coverage
    if not cov:
        print("demo: reports: no coverage results; atlas and comparison left out")
        return
    notices = _notices(ctx)
    _atlas(ctx, notices)
    _comparison(ctx)
    if notices:
        ns = NoticeSet(
            notices,
            _ids(
                ctx,
                [
                    *_mobile_layers(ctx),
                    "facilities",
                    "settlements",
                    "roads",
                    "rivers",
                    "lakes",
                    "landcover",
                ],
            ),
            service_title="Mobile clinic · 流动诊所",
            contact="Tal Nuur Banner health bureau · 塔拉淖尔旗卫生健康委员会",
            date_text=f"Printed {dt.date.today().isoformat()}",
            map_width_m=9000.0,
        )
        _, files = export_notices(
            ctx.project,
            ns,
            ctx.out / "stop_notices.pdf",
            ctx.out / "stop_notices.png",
            ctx.out / "stop_visits.csv",
            dpi=ctx.dpi,
            language="both",
        )
        ctx.outputs += files
        ctx.facts.append(("Stop notices", f"{len(notices)} A5 pages"))
    else:
        print("demo: reports: no mobile plan (ctx.mobile) yet; stop notices left out")
    ctx.project.write(str(ctx.out / "demo.qgz"))


def _present(ctx: DemoContext, names: list[str]) -> list[str]:
    return [n for n in names if n in ctx.layers]


def _mobile_layers(ctx: DemoContext) -> list:
    """The mobile step's stops and routes layers (objects), when it ran."""
    return [ctx.mobile[k] for k in ("stops_layer", "routes_layer") if ctx.mobile.get(k)]


def _ids(ctx: DemoContext, items: list) -> list[str]:
    """Layer ids for names in ``ctx.layers`` or layer objects, each layer once, in order."""
    out = []
    for item in items:
        layer = ctx.layers.get(item) if isinstance(item, str) else item
        if layer is not None and layer.id() not in out:
            out.append(layer.id())
    return out


def _notices(ctx: DemoContext):
    """Notices from the mobile step's timetable rows and stops layer (empty without them)."""
    mobile = ctx.mobile or {}
    rows = mobile.get("stop_rows")
    layer = mobile.get("stops_layer")
    if not rows and layer is None:
        return []
    places = {}
    if layer is not None:
        fields = layer.fields().names()
        name_field = next((f for f in ("name", "stop_name", "place") if f in fields), None)
        if name_field:
            places = stop_places(
                layer,
                name_field,
                next((f for f in ("name_zh", "name_local") if f in fields), None),
                next((f for f in ("stop", "stop_index", "index") if f in fields), None),
                ctx.layers.get("districts"),
            )
    plan = mobile.get("plan")
    stops = range(len(plan.stops)) if plan is not None else None
    return notices_from_rows(rows or [], places, stops)


def _atlas(ctx: DemoContext, notices) -> None:
    results = ctx.coverage["results"]
    districts = ctx.layers["districts"]
    local = {d["name"]: d["name_zh"] for d in ctx.region.layer("districts").records()}
    pages = atlas_pages(results, district_extents(districts), notices, local)
    layers = [*_mobile_layers(ctx), *ctx.map_layers]
    legend = [*_mobile_layers(ctx), "catchments_clinic", "hotspots"]
    atlas = AtlasModel(
        title=f"{ctx.region.layer('county').records()[0]['name']} — clinic coverage by district",
        pages=pages,
        layer_ids=_ids(ctx, layers),
        legend_layer_ids=_ids(ctx, legend),
        district_layer_id=districts.id(),
        date_text=dt.date.today().isoformat(),
        sources_text=ctx.sources,
    )
    _, files = export_atlas(
        ctx.project, atlas, ctx.out / "atlas.pdf", ctx.out / "atlas.png", dpi=ctx.dpi
    )
    ctx.outputs += files  # the visits behind its pages are the stop notices' stop_visits.csv
    ctx.facts.append(("District atlas", f"{len(pages)} pages"))


def _comparison(ctx: DemoContext) -> None:
    cov = ctx.coverage
    _region, grid = ctx.region, ctx.region.grid
    standard, sites, times = cov["standard"], cov["sites"], cov["times"]
    target = standard.target_minutes
    if ctx.selection:  # B: the stops site selection proposed
        sel = ctx.selection
        new = list(zip(sel["rows"].tolist(), sel["cols"].tolist(), sel["names"]))
        label = f"+{len(new)} proposed stops (maximal covering)"
    else:  # B: a new site at the centre of each of the largest gap hotspots
        spots = cov["hotspots"].hotspots[:NEW_CLINICS]
        new = [(s.centre_row, s.centre_col, f"New clinic at hotspot #{s.rank}") for s in spots]
        label = f"+{len(spots)} clinics at the largest gaps"
    rows = np.concatenate([sites.rows, [r for r, _, _ in new]]).astype(np.int64)
    cols = np.concatenate([sites.cols, [c for _, c, _ in new]]).astype(np.int64)
    thresholds = list(cov["tables"]["summer"].thresholds)
    times_b = travel_times(cov["surface"].cost_grid(), rows, cols, max_minutes=thresholds[-1])
    people = cov["people"]
    zones = cov["zones"]
    table_b = coverage_table(
        people, times_b, thresholds, zones.labels, list(zones.names), len(rows)
    )
    new_sites = [
        Site(f"new{i}", *map(float, grid.centre_of(r, c)), role="candidate", name=name)
        for i, (r, c, name) in enumerate(new)
    ]
    a = Scenario("Clinics today", standard, [], ScenarioResults.from_table(cov["tables"]["summer"]))
    b = Scenario(
        label,
        standard,
        new_sites,
        ScenarioResults.from_table(table_b),
    )
    comparison = compare(a, b)

    gpkg = ctx.files.gpkg
    factor = max(1, round(1000.0 / grid.cell_size))
    change = coverage_change(people, times.minutes, times_b.minutes, target)
    diff = write_difference_raster(
        gpkg,
        change,
        grid,
        f"People gaining coverage (≤{target:g} min)",
        factor=factor,
        table="coverage_change",
    )
    gap_b, coarse = coarser(gap_raster(people, times_b.minutes, target), grid, factor)
    source = write_raster(
        gpkg, gap_b.astype(np.float32), coarse, POPULATION_NODATA, table="gap_clinic_b"
    )
    gap_layer_b = QgsRasterLayer(source, f"People beyond {target:g} min, B (per km²)", "gdal")
    style_population_density(gap_layer_b)
    new_layer = _points_layer(gpkg, grid, new_sites)
    for layer in (diff, gap_layer_b, new_layer):
        ctx.project.addMapLayer(layer, False)
        ctx.project.layerTreeRoot().insertLayer(0, layer)
        ctx.project.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)
    ctx.layers.update(
        {"coverage_change": diff, "gap_clinic_b": gap_layer_b, "new_sites": new_layer}
    )

    base = ctx.layer_ids(
        _present(
            ctx, ["settlements", "roads", "rivers", "lakes", "districts", "county", "landcover"]
        )
    )
    model = comparison_model(
        comparison,
        base_layer_ids=base,
        layer_ids_a=ctx.layer_ids(_present(ctx, ["facilities", "gap_clinic"])),
        layer_ids_b=ctx.layer_ids(["new_sites", *_present(ctx, ["facilities"]), "gap_clinic_b"]),
        difference_layer_id=diff.id(),
        legend_layer_ids=ctx.layer_ids(
            ["coverage_change", "new_sites", *_present(ctx, ["facilities", "gap_clinic"])]
        ),
        extent=_extent(ctx),
        date_text=dt.date.today().isoformat(),
        sources_text=ctx.sources,
    )
    _, files = export_comparison(
        ctx.project,
        model,
        ctx.out / "scenario_comparison.pdf",
        ctx.out / "scenario_comparison.png",
        ctx.out / "scenario_difference.csv",
        dpi=ctx.dpi,
    )
    ctx.outputs += files
    k = thresholds.index(target) if target in thresholds else 0
    ctx.facts.append(
        (
            "Scenario B − A",
            f"{comparison.difference[k]:+,.0f} people within {target:g} min ({label})",
        )
    )


def _extent(ctx: DemoContext):
    if "county" not in ctx.layers:
        return None
    e = ctx.layers["county"].extent()
    return (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())


def _points_layer(gpkg, grid, sites):
    fields = QgsFields()
    fields.append(QgsField("name", QVariant.String))
    features = []
    for site in sites:
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(site.x, site.y)))
        f.setAttributes([site.name])
        features.append(f)
    layer = write_gpkg_layer(
        gpkg, "scenario_b_new_clinics", fields, QgsWkbTypes.Point, grid_crs(grid), features
    )
    layer.setName("New clinics (scenario B)")
    style_stops(layer, label_field=None)
    return layer
