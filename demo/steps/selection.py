"""Step: propose three new mobile-clinic stops for the largest gaps, and the coverage curve."""

from __future__ import annotations

import time

import numpy as np
from qgis.core import QgsFeature, QgsField, QgsFields, QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from mps_planner.core.candidates import CandidateCells, filter_candidates, road_candidates
from mps_planner.core.selection import coverage_by_budget, maximal_covering
from mps_planner.core.selection_grid import build_selection, covered_by_district
from mps_planner.qgis_io.vector_out import write_gpkg_layer
from mps_planner.qgis_io.vectors_io import burn_features, grid_crs, read_points
from mps_planner.report.analysis_styles import style_proposed_stops
from mps_planner.report.tables import coverage_curve_chart

from ..context import DemoContext

NEW_STOPS = 3
CURVE_SITES = 8


def run(ctx: DemoContext) -> None:
    started = time.perf_counter()
    cov = ctx.coverage
    grid = ctx.region.grid
    surface, sites, zones = cov["surface"], cov["sites"], cov["zones"]
    threshold = cov["standard"].target_minutes
    people = cov["people"]

    # Candidates: the sample's candidate sites, roadside points every 3 km, and the centres
    # of the gap hotspots; none within 2 km of an existing clinic.
    given = read_points(ctx.layers["candidates"], grid, "name", what="candidate")
    r, c = grid.cell_of(given.x, given.y)
    parts = [CandidateCells(r, c, ["candidate"] * len(given), given.names)]
    roads = burn_features(ctx.layers["roads"], grid, what="road layer").values > 0
    parts.append(road_candidates(roads, people, grid.cell_size, 3000.0))
    spots = cov["hotspots"].hotspots
    parts.append(
        CandidateCells(
            [s.centre_row for s in spots],
            [s.centre_col for s in spots],
            ["hotspot"] * len(spots),
            [f"gap hotspot #{s.rank}" for s in spots],
        )
    )
    candidates, _dropped = _named(ctx, grid, *filter_candidates(
        CandidateCells.concat(parts),
        surface.passable,
        grid.cell_size,
        existing_rows=sites.rows,
        existing_cols=sites.cols,
        buffer_m=2000.0,
    ))  # fmt: skip
    selection = build_selection(
        surface.cost_grid(),
        people,
        candidates.rows,
        candidates.cols,
        threshold,
        sites.rows,
        sites.cols,
        zones.labels,
    )
    result = maximal_covering(
        selection.coverage, selection.weights, NEW_STOPS,
        already_covered=selection.already_covered, time_limit=30,
    )  # fmt: skip
    budget, _ = coverage_by_budget(
        selection.coverage, selection.weights, CURVE_SITES,
        already_covered=selection.already_covered,
    )  # fmt: skip
    seconds = time.perf_counter() - started

    already = float(selection.weights[selection.already_covered].sum())
    total = float(people.sum())
    curve = [already, *(already + float(v) for v in budget)]
    chart = coverage_curve_chart(
        curve, total, title=f"People newly within {threshold:g} min by k new stops (share then)"
    )
    ctx.sheet_charts.append(chart)

    layer = _proposed_layer(ctx, grid, candidates, result, already)
    style_proposed_stops(layer)
    ctx.project.addMapLayer(layer, False)
    ctx.project.layerTreeRoot().insertLayer(0, layer)
    ctx.layers["proposed_stops"] = layer
    ctx.map_layers.insert(0, "proposed_stops")
    ctx.legend_layers.insert(1, "proposed_stops")

    _before, after, totals = covered_by_district(selection, result.sites, len(zones.names))
    ctx.summary.add_column(
        f"+{NEW_STOPS} stops ≤{threshold:g} min %",
        {
            **{n: 100 * after[z] / totals[z] for z, n in enumerate(zones.names) if totals[z]},
            "Total": 100 * (already + result.objective) / total,
        },
        "{:.1f}",
    )
    added = ", ".join(
        f"{candidates.names[j]} +{m:,.0f}" for j, m in zip(result.sites, result.marginal)
    )
    gap = "proven optimal" if result.optimal else f"gap {100 * result.gap:.2f} %"
    ctx.facts += [
        (
            f"{NEW_STOPS} new stops (maximal covering)",
            f"{added} people within {threshold:g} min — {result.objective:,.0f} newly covered "
            f"({result.method}, {gap}); {len(candidates)} candidates, {seconds:.1f} s",
        ),
        (
            "Coverage curve",
            "; ".join(f"{k}: {100 * v / total:.1f} %" for k, v in enumerate(curve)),
        ),
    ]
    ctx.selection = {
        "result": result,
        "candidates": candidates,
        "rows": candidates.rows[result.sites],
        "cols": candidates.cols[result.sites],
        "names": [candidates.names[j] for j in result.sites],
        "curve": curve,
    }


def _named(ctx, grid, candidates: CandidateCells, dropped):
    """Name generated candidates after the nearest settlement ("roadside near …")."""
    places = read_points(ctx.layers["settlements"], grid, "name", ["name_zh"], what="settlement")
    x, y = grid.centre_of(candidates.rows, candidates.cols)
    d = np.hypot(x[:, None] - places.x[None, :], y[:, None] - places.y[None, :])
    nearest = d.argmin(axis=1)
    names = list(candidates.names)
    for i, kind in enumerate(candidates.kinds):
        if kind != "candidate":
            k = nearest[i]
            where = "roadside" if kind == "road" else "gap centre"
            names[i] = f"{places.attributes['name_zh'][k]} {places.names[k]} ({where})"
    candidates.names = names
    return candidates, dropped


def _proposed_layer(ctx, grid, candidates, result, already):
    fields = QgsFields()
    for name, kind in (
        ("rank", QVariant.Int),
        ("name", QVariant.String),
        ("kind", QVariant.String),
        ("people_added", QVariant.Double),
    ):
        fields.append(QgsField(name, kind))
    features = []
    for rank, (j, gain) in enumerate(zip(result.sites, result.marginal), start=1):
        x, y = grid.centre_of(candidates.rows[j], candidates.cols[j])
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        f.setAttributes([rank, candidates.names[j], candidates.kinds[j], float(np.round(gain))])
        features.append(f)
    layer = write_gpkg_layer(
        ctx.files.gpkg, "proposed_stops", fields, QgsWkbTypes.Point, grid_crs(grid), features
    )
    layer.setName(f"Proposed stops (+{len(features)}, best first)")
    return layer
