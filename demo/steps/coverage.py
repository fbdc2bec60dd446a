"""Step: clinic catchments (30 and 60 min), the gap map, hotspots, coverage and equity."""

from __future__ import annotations

import time

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

from mps_planner.core.catchments import allocation_labels
from mps_planner.core.coverage import coverage_table, gap_raster
from mps_planner.core.equity import equity_summary
from mps_planner.core.hotspots import gap_hotspots
from mps_planner.core.sample_region import POPULATION_NODATA, SEASONS, sample_grid
from mps_planner.core.scenario import ScenarioResults
from mps_planner.core.snapping import snap_sites
from mps_planner.core.standards import preset
from mps_planner.core.traveltime import travel_times
from mps_planner.qgis_io.polygons_io import polygonize_labels
from mps_planner.qgis_io.raster_io import write_raster
from mps_planner.qgis_io.speed_io import build_from_layers
from mps_planner.qgis_io.vector_out import write_gpkg_layer
from mps_planner.qgis_io.vectors_io import grid_crs, read_points
from mps_planner.qgis_io.zones_io import rasterize_zones
from mps_planner.report.analysis_styles import style_catchments, style_hotspots
from mps_planner.report.sample_styles import style_population_density
from mps_planner.report.tables import coverage_by_district, coverage_chart

from ..context import DemoContext

HEALTH = ("hospital", "clinic")
THRESHOLDS = [30.0, 60.0]


def run(ctx: DemoContext) -> None:
    started = time.perf_counter()
    region = ctx.region
    grid = region.grid
    standard = preset("clinic")  # residents ride (motorcycle/horse) to a clinic, 30 min
    surface, _warnings = build_from_layers(
        grid,
        standard.mode,
        landcover_source=ctx.files.source("landcover"),
        roads=ctx.layers["roads"],
        road_field="road_class",
        barriers=ctx.layers["rivers"],
        bridges=ctx.layers["bridges"],
    )
    points = read_points(ctx.layers["facilities"], grid, "name", ["service"], what="facility")
    keep = [i for i, s in enumerate(points.attributes["service"]) if s in HEALTH]
    names = [points.names[i] for i in keep]
    sites = snap_sites(grid, surface.passable, points.x[keep], points.y[keep], 500.0, names)
    times = travel_times(surface.cost_grid(), sites.rows, sites.cols, max_minutes=THRESHOLDS[-1])
    zones = rasterize_zones(ctx.layers["districts"], grid, name_field="name")
    tables = {
        season: coverage_table(
            region.population(season).clip(min=0),
            times,
            THRESHOLDS,
            zones.labels,
            list(zones.names),
            len(keep),
        )
        for season in SEASONS
    }
    summer = tables["summer"]
    people = region.population("summer").clip(min=0).astype(np.float64)
    equity = equity_summary(summer, people, times.minutes, zones.labels)
    target = standard.target_minutes
    gap = gap_raster(people, times.minutes, target)
    hotspots = gap_hotspots(gap, grid.cell_size, 1500.0, 3000.0, min_people=20.0, max_hotspots=8)
    computed = time.perf_counter() - started

    crs = grid_crs(grid)
    gpkg = ctx.files.gpkg
    catchments = _catchment_layer(gpkg, grid, crs, times, names)
    style_catchments(catchments)
    gap_layer = _gap_layer(gpkg, gap, grid, target)
    spots = _hotspot_layer(gpkg, grid, crs, hotspots)
    style_hotspots(spots)
    _add(ctx, {"hotspots": spots, "gap_clinic": gap_layer, "catchments_clinic": catchments})

    # Map: catchments and gaps replace the population density, which stays in the project.
    below = ctx.map_layers.index("districts") + 1
    ctx.map_layers[below:below] = ["hotspots", "catchments_clinic", "gap_clinic"]
    ctx.map_layers = [n for n in ctx.map_layers if n != "population_summer_km2"]
    spot = ctx.legend_layers.index("districts") + 1
    ctx.legend_layers[spot:spot] = ["catchments_clinic", "gap_clinic", "hotspots"]
    ctx.legend_layers = [n for n in ctx.legend_layers if n != "population_summer_km2"]
    ctx.title = ctx.title.replace("people and public services", "clinic coverage and gaps")
    ctx.subtitle = (
        f"Hospitals and clinics reached by motorcycle or horse ({standard.mode}) within "
        f"30 and 60 min, summer pastures; red: people beyond {target:g} min per km², "
        "hotspots ranked by people"
    )

    # Tables: the district summary and the sheet.
    by_name = {name: z for z, name in enumerate(summer.zone_names)}
    for season in SEASONS:
        table = tables[season]
        shares = table.zone_share()
        label = f"≤{target:g} min {season}"
        values = {n: 100 * shares[by_name[n], 0] for n in summer.zone_names}
        values["Total"] = 100 * table.share()[0]
        ctx.summary.add_column(label + " %", values, "{:.1f}")
    shares60 = summer.zone_share()[:, 1]
    values = {n: 100 * shares60[by_name[n]] for n in summer.zone_names}
    values["Total"] = 100 * summer.share()[1]
    ctx.summary.add_column("≤60 min summer %", values, "{:.1f}")
    uncovered = {n: summer.zone_totals[z] - summer.by_zone[z, 0] for n, z in by_name.items()}
    uncovered["Total"] = summer.uncovered[0]
    ctx.summary.add_column(f"Beyond {target:g} min (summer)", uncovered)
    mean = {d.name: d.mean_minutes for d in equity.districts}
    ctx.summary.add_column("Mean minutes", mean, "{:.0f}")
    # On the sheet: coverage by district straight from the core's table, and its chart.
    results = ScenarioResults.from_table(summer)
    local = {d["name"]: d["name_zh"] for d in region.layer("districts").records()}
    county_zh = region.layer("county").records()[0]["name_zh"]
    sheet = coverage_by_district(
        results,
        local,
        target=target,
        total_local=county_zh,
        title="Clinic coverage by district, summer (% of people)",
    )
    ctx.sheet_tables[:] = [sheet]
    ctx.sheet_charts[:] = [coverage_chart(results, title="People within reach of a clinic")]
    ratio = equity.max_min_ratio[0]
    ctx.facts += [
        (
            "Clinic coverage (summer)",
            f"{summer.covered[0]:,.0f} of {summer.total:,.0f} within {target:g} min "
            f"({100 * summer.share()[0]:.1f} %), {100 * summer.share()[1]:.1f} % within 60 min; "
            f"computed in {computed:.1f} s",
        ),
        (
            "Clinic coverage (winter)",
            f"{100 * tables['winter'].share()[0]:.1f} % within {target:g} min, "
            f"{100 * tables['winter'].share()[1]:.1f} % within 60 min",
        ),
        (
            "Equity",
            f"Gini of travel time {equity.gini_minutes:.2f}; max/min district share at "
            f"{target:g} min {'∞' if np.isinf(ratio) else f'{ratio:.1f}'}; urban–rural gap "
            f"{100 * equity.urban_rural_gap[0]:+.0f} points ({equity.urban_district})",
        ),
        (
            "Largest gaps",
            "; ".join(f"#{h.rank} {h.people:,.0f} people" for h in hotspots.hotspots[:3]) or "none",
        ),
    ]
    ctx.coverage = {"standard": standard, "times": times, "tables": tables, "surface": surface}
    ctx.coverage.update({"sites": sites, "zones": zones, "hotspots": hotspots, "gap": gap})
    ctx.coverage.update({"people": people, "site_names": names, "results": results})


def _add(ctx: DemoContext, layers: dict) -> None:
    root = ctx.project.layerTreeRoot()
    for position, (name, layer) in enumerate(layers.items()):
        ctx.project.addMapLayer(layer, False)
        root.insertLayer(position, layer)
        ctx.layers[name] = layer


def _catchment_layer(gpkg, grid, crs, times, names):
    labels = allocation_labels(times.minutes, times.nearest, THRESHOLDS)
    geoms = polygonize_labels(labels, grid)
    fields = QgsFields()
    for name, kind in (
        ("site_name", QVariant.String),
        ("band_min", QVariant.Double),
        ("band_max", QVariant.Double),
    ):
        fields.append(QgsField(name, kind))
    features = []
    for label, geom in sorted(geoms.items()):
        site, band = divmod(label, len(THRESHOLDS))
        f = QgsFeature(fields)
        f.setGeometry(geom)
        f.setAttributes([names[site], 0.0 if band == 0 else THRESHOLDS[band - 1], THRESHOLDS[band]])
        features.append(f)
    layer = write_gpkg_layer(
        gpkg, "catchments_clinic", fields, QgsWkbTypes.MultiPolygon, crs, features
    )
    layer.setName("Clinic catchments (minutes)")
    return layer


def _gap_layer(gpkg, gap: np.ndarray, grid, target: float):
    """Uncovered people per km² (summed onto 1 km cells, like the population map)."""
    factor = round(1000.0 / grid.cell_size)
    if factor > 1 and abs(factor * grid.cell_size - 1000.0) < 1e-6:
        rows, cols = (n - n % factor for n in gap.shape)
        km = gap[:rows, :cols].reshape(rows // factor, factor, cols // factor, factor)
        km = km.sum(axis=(1, 3))
        grid = sample_grid(1000.0)
        km = km[: grid.rows, : grid.cols]
    else:  # cells of 1 km or more: people per cell, shown as they are
        km = gap
    table = "gap_clinic"
    source = write_raster(gpkg, km.astype(np.float32), grid, POPULATION_NODATA, table=table)
    layer = QgsRasterLayer(source, f"People beyond {target:g} min (per km²)", "gdal")
    style_population_density(layer)
    return layer


def _hotspot_layer(gpkg, grid, crs, result):
    geoms = polygonize_labels(result.regions - 1, grid)
    fields = QgsFields()
    for name, kind in (
        ("rank", QVariant.Int),
        ("people", QVariant.Double),
        ("centre_x", QVariant.Double),
        ("centre_y", QVariant.Double),
    ):
        fields.append(QgsField(name, kind))
    features = []
    for spot in result.hotspots:
        x, y = grid.centre_of(spot.centre_row, spot.centre_col)
        f = QgsFeature(fields)
        f.setGeometry(geoms.get(spot.rank - 1, QgsGeometry.fromPointXY(QgsPointXY(x, y))))
        f.setAttributes([spot.rank, spot.people, float(x), float(y)])
        features.append(f)
    layer = write_gpkg_layer(gpkg, "gap_hotspots", fields, QgsWkbTypes.MultiPolygon, crs, features)
    layer.setName("Gap hotspots (rank: people)")
    return layer
