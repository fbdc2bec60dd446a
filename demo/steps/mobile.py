"""Step: the mobile clinic for the herder areas the clinics do not reach, for both seasons.

For each population season (summer and winter pastures):

1. demand: the people beyond the clinic standard (30 min riding) of every fixed clinic —
   the gap the coverage step found;
2. stops: a covering tour from the county hospital chooses, among the candidate sites
   (villages, summer pastures, roadside points, township seats), the stops whose 30-minute
   riding catchments bring 95 % of those people (of the ones a candidate can reach at all)
   within reach, in at most as many day routes as one van has working days in a visit
   interval (every 14 days);
3. plan: a van of the county hospital and one of the Khairkhan township health centre visit
   those stops every 14 days, Monday to Friday over four weeks, each day within 8 working
   hours including the drive back to its depot (core.routing);
4. coverage: fixed + mobile at the required frequency + not covered, per district, and what
   each season's plan misses in the other season.

The summer plan goes on the planning map (routes by vehicle, stops); both plans' timetables
go to CSV; the summary gets the combined coverage per district.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from qgis.core import QgsRasterLayer, QgsWkbTypes

from mps_planner.core.mobile_combined import season_cross
from mps_planner.core.mobile_cover import cover_relation, demand_cells
from mps_planner.core.mobile_plan import (
    depot_vehicles,
    required_per_month,
    route_totals,
    vehicle_totals,
)
from mps_planner.core.mobile_reach import StopReach, grid_frequency_coverage, stop_reach
from mps_planner.core.mobile_roads import road_problem, route_lines
from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_paths import Router
from mps_planner.core.routing import (
    PlanningPeriod,
    Stop,
    covering_tour,
    driver_timetable,
    nearest_neighbour_plan,
    plan_routes,
    plan_visits_per_month,
    stop_timetable,
)
from mps_planner.core.sample_region import SEASONS
from mps_planner.qgis_io.mobile_io import (
    route_features,
    route_fields,
    stop_features,
    stop_fields,
)
from mps_planner.qgis_io.network_io import read_road_layer
from mps_planner.qgis_io.raster_io import write_raster
from mps_planner.qgis_io.vector_out import write_gpkg_layer
from mps_planner.qgis_io.vectors_io import grid_crs, read_points
from mps_planner.report.mobile_styles import style_combined, style_plan_stops, style_routes
from mps_planner.report.model import TableModel
from mps_planner.report.timetable_tables import driver_table, notice_table

from ..context import DemoContext

# A van at the county hospital and one at the township health centre of the largest herder
# area: the county and township levels of the three-level network serve the villages.
DEPOTS = {"H1": "county hospital", "Khairkhan Township Health Centre": "Khairkhan centre"}
WORK_MINUTES = 8 * 60.0
DAY_START = 8 * 60.0
DWELL_MINUTES = 45.0
TARGET_SHARE = 0.95
WEEKS = 4
STARTS = {"summer": dt.date(2026, 6, 1), "winter": dt.date(2026, 11, 30)}  # Mondays
# Solvers run a fixed number of steps, so the demo gives the same plan on every run.
COVER_ITERATIONS = 60
PLAN_ITERATIONS = 500


def run(ctx: DemoContext) -> None:
    started = time.perf_counter()
    region = ctx.region
    grid = region.grid
    cov = ctx.coverage
    standard = cov["standard"]
    every = float(standard.visit_every_days)
    minutes = float(standard.target_minutes)
    need = required_per_month(every)
    fixed = cov["times"].minutes
    zones = cov["zones"]
    cost = cov["surface"].cost_grid()
    crs = grid_crs(grid)

    # Roads for the vans, the depot, the candidate stops and who can ride to each.
    roads = read_road_layer(ctx.layers["roads"], crs, ctx.project.transformContext(), "road_class")
    network = RoadNetwork.from_polylines(roads.polylines)
    router = Router.for_mode(network, "vehicle")
    facilities = read_points(ctx.layers["facilities"], grid, "name", ["facility_id"])
    ids = facilities.attributes["facility_id"]
    depots = [next(i for i, (f, n) in enumerate(zip(ids, facilities.names)) if key in (f, n))
              for key in DEPOTS]  # fmt: skip
    depot_names = [facilities.names[i] for i in depots]
    van_names = [f"Van {k + 1}, {short}" for k, short in enumerate(DEPOTS.values())]
    cands = read_points(
        ctx.layers["candidates"], grid, "name", ["name_zh", "district"], what="candidate"
    )
    labels = [f"{zh} {en}" for zh, en in zip(cands.attributes["name_zh"], cands.names)]
    shared = Shared(
        grid=grid,
        outside_fixed=fixed > minutes,
        reach=stop_reach(cost, grid, cands.x, cands.y, minutes, labels),
        cands=cands,
        labels=labels,
        network=network,
        router=router,
        depot_x=facilities.x[depots],
        depot_y=facilities.y[depots],
        depot_names=depot_names,
        van_names=van_names,
        need=need,
        every=every,
    )
    plans = {}
    for season in SEASONS:
        people = region.population(season).clip(min=0).astype(np.float64)
        plans[season] = _plan_season(season, people, shared)
    cross = season_cross(
        {s: region.population(s).clip(min=0) for s in SEASONS},
        fixed,
        minutes,
        {s: p["cell_vpm"] for s, p in plans.items()},
        need,
        zones.labels,
        list(zones.names),
        valid=np.logical_or.reduce([region.population(s) >= 0 for s in SEASONS]),
    )
    computed = time.perf_counter() - started

    # Layers: the routes and stops of each season, the combined coverage raster.
    gpkg = ctx.files.gpkg
    added = {}
    for season, p in plans.items():
        added[f"mobile_routes_{season}"], added[f"mobile_stops_{season}"] = _layers(
            gpkg, crs, season, p, depot_names
        )
        combined = cross.combined[(season, season)]
        p["combined"] = combined
        added[f"mobile_combined_{season}"] = _combined_layer(gpkg, grid, combined, season)
    _add(ctx, added, visible={"mobile_routes_summer", "mobile_stops_summer"})
    # On the map and in the legend just below the fixed facilities.
    for names in (ctx.map_layers, ctx.legend_layers):
        at = names.index("facilities") + 1 if "facilities" in names else 0
        names[at:at] = ["mobile_stops_summer", "mobile_routes_summer"]
    ctx.title = ctx.title.replace("clinic coverage and gaps", "clinics and the mobile clinic")
    ctx.subtitle = (
        f"Clinics within {minutes:g} and 60 min riding; mobile clinic vans stop every {every:g} "
        f"days where no clinic is within {minutes:g} min (summer plan); red: people beyond "
        f"{minutes:g} min per km²"
    )

    # Timetables (driver sheets and stop notices), both seasons.
    for season, p in plans.items():
        for kind, table in (
            ("driver_timetable", driver_table(p["plan"], p["driver_rows"], depot_names)),
            ("stop_notices", notice_table(p["stop_rows"])),
        ):
            ctx.outputs.append(table.write_csv(ctx.out / f"mobile_{kind}_{season}.csv"))

    _summary(ctx, cross, plans, minutes, every)
    summer = plans["summer"]
    ctx.mobile = {
        "plan": summer["plan"],
        "driver_rows": summer["driver_rows"],
        "stop_rows": summer["stop_rows"],
        "stops_layer": ctx.layers["mobile_stops_summer"],
        "routes_layer": ctx.layers["mobile_routes_summer"],
        "combined": summer["combined"],
        "season": "summer",
        "depot_names": depot_names,
        "seasons": {
            s: {
                "plan": p["plan"],
                "driver_rows": p["driver_rows"],
                "stop_rows": p["stop_rows"],
                "stops_layer": ctx.layers[f"mobile_stops_{s}"],
                "routes_layer": ctx.layers[f"mobile_routes_{s}"],
                "combined": p["combined"],
            }
            for s, p in plans.items()
        },
        "cross": cross,
    }
    ctx.facts += _facts(plans, cross, minutes, every, computed)


@dataclass
class Shared:
    """What both seasons' plans use."""

    grid: Any
    outside_fixed: np.ndarray  # cells beyond the standard of every fixed clinic
    reach: StopReach  # of every candidate
    cands: Any
    labels: list[str]
    network: RoadNetwork
    router: Router
    depot_x: np.ndarray
    depot_y: np.ndarray
    depot_names: list[str]
    van_names: list[str]  # one van at each depot
    need: float  # visits per month a person needs
    every: float  # days between visits of a stop


def _plan_season(season: str, people: np.ndarray, sh: Shared) -> dict:
    """Choose the stops (covering tour) and plan the vans' days for one season's people."""
    reach, cands, labels, every = sh.reach, sh.cands, sh.labels, sh.every
    demand = demand_cells(people, sh.grid, mask=sh.outside_fixed)
    coverage = cover_relation(reach, demand)
    reachable = coverage.any(axis=1)
    demand, coverage = demand.subset(reachable), coverage[reachable]
    useful = np.flatnonzero(coverage.any(axis=0))  # candidates that reach someone in the gap
    names = [labels[j] for j in useful]
    problem = road_problem(
        sh.network,
        sh.router,
        sh.depot_x,
        sh.depot_y,
        sh.depot_names,
        cands.x[useful],
        cands.y[useful],
        names,
        max_snap_m=500.0,
    )
    period = PlanningPeriod.weeks(WEEKS, STARTS[season])
    days = period.days_on()
    per_interval = len([d for d in days if d < every])  # one van's days per visit interval
    tour = covering_tour(
        problem.matrix,
        0,
        problem.stop_nodes,
        coverage[:, useful],
        demand.weights,
        n_vehicles=per_interval * len(sh.depot_names),  # the vans' days per visit interval
        max_route_minutes=WORK_MINUTES,
        dwell_minutes=DWELL_MINUTES,
        target_share=TARGET_SHARE,
        names=problem.points.names,
        time_limit=None,
        max_iterations=COVER_ITERATIONS,
        seed=1,
    )
    chosen = list(tour.stops)  # positions in `useful`
    stop_problem = road_problem(
        sh.network,
        sh.router,
        sh.depot_x,
        sh.depot_y,
        sh.depot_names,
        cands.x[useful[chosen]],
        cands.y[useful[chosen]],
        [names[j] for j in chosen],
        max_snap_m=500.0,
    )
    vehicles = depot_vehicles(
        sh.van_names,
        1,
        work_minutes=WORK_MINUTES,
        dwell_minutes=DWELL_MINUTES,
        days=days,
        day_start_minute=DAY_START,
    )
    stops = [
        Stop(stop_problem.stop_node(j), stop_problem.points.names[stop_problem.stop_node(j)],
             every_days=every)
        for j in range(len(chosen))
    ]  # fmt: skip
    plan = plan_routes(
        stop_problem.matrix,
        vehicles,
        stops,
        period,
        time_limit=None,
        max_iterations=PLAN_ITERATIONS,
        seed=1,
    )
    baseline = nearest_neighbour_plan(stop_problem.matrix, vehicles, stops, period)
    lines = route_lines(stop_problem, plan)
    stop_reach_sub = reach.subset(useful[chosen])
    vpm = plan_visits_per_month(plan)
    cell_vpm = stop_reach_sub.visits_per_month(vpm)
    freq = grid_frequency_coverage(stop_reach_sub, people, vpm, sh.need, mask=sh.outside_fixed)
    return {
        "plan": plan,
        "baseline": baseline,
        "tour": tour,
        "problem": stop_problem,
        "lines": lines,
        "reach": stop_reach_sub,
        "people": people,
        "vpm": vpm,
        "cell_vpm": cell_vpm,
        "frequency": freq.result,
        "gap_people": float(people[sh.outside_fixed].sum()),
        "x": cands.x[useful[chosen]],
        "y": cands.y[useful[chosen]],
        "districts": [cands.attributes["district"][j] for j in useful[chosen]],
        "totals": route_totals(plan, lines, stop_reach_sub, people),
        "vehicle_totals": vehicle_totals(plan, lines, stop_reach_sub, people),
        "driver_rows": driver_timetable(plan),
        "stop_rows": stop_timetable(plan),
    }


def _layers(gpkg, crs, season, p, depot_names):
    plan = p["plan"]
    routes = write_gpkg_layer(
        gpkg,
        f"mobile_routes_{season}",
        route_fields(),
        QgsWkbTypes.LineString,
        crs,
        route_features(plan, p["lines"], p["totals"], depot_names),
    )
    routes.setName(f"Mobile clinic routes ({season})")
    style_routes(routes)
    people = p["reach"].people(p["people"])
    stops = write_gpkg_layer(
        gpkg,
        f"mobile_stops_{season}",
        stop_fields(),
        QgsWkbTypes.Point,
        crs,
        stop_features(plan, p["x"], p["y"], p["problem"].stop_points.distance_m, people, p["vpm"]),
    )
    stops.setName(f"Mobile clinic stops, every {plan.stops[0].every_days:g} days ({season})")
    style_plan_stops(stops, label=False)
    return routes, stops


def _combined_layer(gpkg, grid, combined, season):
    table = f"mobile_combined_{season}"
    source = write_raster(gpkg, combined.classes, grid, 0, table=table)
    layer = QgsRasterLayer(source, f"Fixed + mobile clinic coverage ({season})", "gdal")
    style_combined(layer)
    return layer


def _add(ctx: DemoContext, layers: dict, visible: set[str]) -> None:
    root = ctx.project.layerTreeRoot()
    for position, (name, layer) in enumerate(layers.items()):
        ctx.project.addMapLayer(layer, False)
        root.insertLayer(position, layer)
        root.findLayer(layer.id()).setItemVisibilityChecked(name in visible)
        ctx.layers[name] = layer


def _summary(ctx: DemoContext, cross, plans, minutes, every) -> None:
    for season in SEASONS:
        c = cross.combined[(season, season)]
        for column, values, total in (
            (f"+Mobile {season} %", c.mobile, c.total_mobile),
            (f"Not covered {season} %", c.not_covered, c.total_not_covered),
        ):
            shares = {n: 100 * v / p if p > 0 else 0.0
                      for n, v, p in zip(c.zone_names, values, c.people)}  # fmt: skip
            shares["Total"] = 100 * total / c.total if c.total > 0 else 0.0
            ctx.summary.add_column(column, shares, "{:.1f}")
    for season in SEASONS:
        counts = dict.fromkeys(plans[season]["combined"].zone_names, 0)
        for d in plans[season]["districts"]:
            counts[d] = counts.get(d, 0) + 1
        counts["Total"] = len(plans[season]["districts"])
        ctx.summary.add_column(f"Mobile stops {season}", counts)
    summer = plans["summer"]["combined"]
    winter = plans["winter"]["combined"]
    rows = []
    for z, name in enumerate(summer.zone_names):
        rows.append(_sheet_row(name, z, summer, winter))
    rows.append(_sheet_row("Total", None, summer, winter))
    zh = {r[0]: r[1] for r in ctx.summary.table("x", ["名称"]).rows}
    body = [[r[0], zh.get(r[0], ""), *r[1:]] for r in rows]
    ctx.sheet_tables[:] = [
        TableModel(
            f"Clinic coverage, fixed + mobile every {every:g} days (% of people)",
            ["District", "名称", "People", f"Fixed ≤{minutes:g} min", "+Mobile", "Not covered",
             "Not cov. winter"],
            body,
            bold_last_row=True,
            csv_name="coverage_by_district.csv",
        )
    ]  # fmt: skip


def _sheet_row(name, z, summer, winter) -> list[str]:
    if z is None:
        p, f, m, n = summer.total, summer.total_fixed, summer.total_mobile, summer.total_not_covered
        nw, pw = winter.total_not_covered, winter.total
    else:
        p, f, m, n = summer.people[z], summer.fixed[z], summer.mobile[z], summer.not_covered[z]
        nw, pw = winter.not_covered[z], winter.people[z]

    def pct(a, b):
        return f"{100 * a / b:.1f}" if b > 0 else ""

    return [name, f"{p:,.0f}", pct(f, p), pct(m, p), pct(n, p), pct(nw, pw)]


def _facts(plans, cross, minutes, every, computed) -> list[tuple[str, str]]:
    out = []
    for season, p in plans.items():
        plan = p["plan"]
        km = sum(line.length_m for line in p["lines"]) / 1000
        ratio = p["baseline"].total_driving_minutes / max(plan.total_driving_minutes, 1e-9)
        missing = sum(k for _, k in p["baseline"].diagnostics.missing_visits)
        f = p["frequency"]
        out.append(
            (
                f"Mobile clinic ({season})",
                f"{len(plan.stops)} stops every {every:g} days, {len(plan.routes)} van-days in "
                f"{plan.period.n_days} days, {km:,.0f} km, "
                f"{plan.total_driving_minutes / 60:.1f} h driving (nearest-neighbour dispatch: "
                f"×{ratio:.2f}{f', {missing} visits short' if missing else ''}); "
                f"{f.people_at_frequency:,.0f} of the {p['gap_people']:,.0f} people beyond "
                f"{minutes:g} min reached at least every {every:g} days",
            )
        )
    for plan_season in SEASONS:
        for season in SEASONS:
            if plan_season == season:
                continue
            c = cross.combined[(plan_season, season)]
            missed = cross.missed(plan_season, season)
            out.append(
                (
                    f"{plan_season.capitalize()} plan in {season}",
                    f"leaves {missed:,.0f} people uncovered (the {season} plan: "
                    f"{cross.missed(season, season):,.0f}); fixed + mobile cover "
                    f"{100 * (c.total - missed) / c.total:.1f} %",
                )
            )
    out.append(("Mobile planning", f"both seasons computed in {computed:.1f} s"))
    return out
