"""The whole mobile pipeline on the built-in sample region (coarse, 2 km cells): stops chosen
for each season's herders beyond the clinic standard, the periodic plan on the real roads,
and what each season's plan misses in the other season."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.landcover import ROAD_CLASSES
from mps_planner.core.mobile_combined import season_cross
from mps_planner.core.mobile_cover import cover_relation, demand_cells
from mps_planner.core.mobile_plan import depot_vehicles, required_per_month
from mps_planner.core.mobile_reach import stop_reach
from mps_planner.core.mobile_roads import road_problem, route_lines
from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_paths import Router
from mps_planner.core.planar_geometry import distance_to_polyline
from mps_planner.core.routing import (
    PlanningPeriod,
    Stop,
    covering_tour,
    plan_routes,
    plan_visits_per_month,
)
from mps_planner.core.sample_region import SEASONS, generate_sample_region
from mps_planner.core.snapping import snap_sites
from mps_planner.core.speed import build_speed_surface
from mps_planner.core.traveltime import travel_times

CELL = 2000.0
EVERY = 14.0


def riding_surface(region):
    """Riding speeds with the roads burnt in (the best class where roads share a cell)."""
    grid = region.grid
    codes = region.road_codes()
    surface, _ = build_speed_surface(
        grid, "riding", landcover=region.landcover, roads=codes, barriers=region.water,
        valid=np.logical_or.reduce([region.population(s) >= 0 for s in SEASONS]),
    )  # fmt: skip
    return surface


@pytest.fixture(scope="module")
def county():
    region = generate_sample_region(seed=1, cell_size=CELL)
    grid = region.grid
    surface = riding_surface(region)
    cost = surface.cost_grid()
    fac = region.layer("facilities")
    xy = fac.points()
    health = [i for i, s in enumerate(fac.column("service")) if s in ("hospital", "clinic")]
    sites = snap_sites(grid, surface.passable, xy[health, 0], xy[health, 1], 2000.0)
    fixed = travel_times(cost, sites.rows, sites.cols, max_minutes=60.0).minutes
    roads = region.layer("roads")
    classes = [ROAD_CLASSES.index(c) + 1 for c in roads.column("road_class")]
    net = RoadNetwork.from_polylines(list(roads.geometries), classes)
    router = Router.for_mode(net, "vehicle")
    cand = region.layer("candidates")
    cxy = cand.points()
    reach = stop_reach(cost, grid, cxy[:, 0], cxy[:, 1], 30.0, cand.column("name"), 3000.0)
    depot = xy[fac.column("facility_id").index("H1")]
    plans = {}
    for season in SEASONS:
        people = region.population(season).clip(min=0).astype(float)
        demand = demand_cells(people, grid, mask=fixed > 30.0)
        cov = cover_relation(reach, demand)
        keep = cov.any(axis=1)
        demand, cov = demand.subset(keep), cov[keep]
        useful = np.flatnonzero(cov.any(axis=0))
        prob = road_problem(
            net, router, [depot[0]], [depot[1]], ["Hospital"], cxy[useful, 0], cxy[useful, 1],
            [cand.column("name")[j] for j in useful],
        )  # fmt: skip
        tour = covering_tour(
            prob.matrix, 0, prob.stop_nodes, cov[:, useful], demand.weights, n_vehicles=10,
            max_route_minutes=480.0, dwell_minutes=45.0, target_share=0.9, time_limit=None,
            max_iterations=20, seed=1,
        )  # fmt: skip
        chosen = useful[list(tour.stops)]
        stops_prob = road_problem(
            net, router, [depot[0]], [depot[1]], ["Hospital"], cxy[chosen, 0], cxy[chosen, 1],
            [cand.column("name")[j] for j in chosen],
        )  # fmt: skip
        period = PlanningPeriod.weeks(4)
        vans = depot_vehicles(
            ["Hospital"], 2, work_minutes=480.0, dwell_minutes=45.0, days=period.days_on()
        )
        stops = [
            Stop(stops_prob.stop_node(j), stops_prob.points.names[stops_prob.stop_node(j)],
                 every_days=EVERY)
            for j in range(len(chosen))
        ]  # fmt: skip
        plan = plan_routes(
            stops_prob.matrix, vans, stops, period, time_limit=None, max_iterations=40
        )
        sub = reach.subset(chosen)
        plans[season] = {
            "chosen": set(chosen.tolist()),
            "plan": plan,
            "problem": stops_prob,
            "cell_vpm": sub.visits_per_month(plan_visits_per_month(plan)),
        }
    cross = season_cross(
        {s: region.population(s).clip(min=0) for s in SEASONS},
        fixed,
        30.0,
        {s: p["cell_vpm"] for s, p in plans.items()},
        required_per_month(EVERY),
        valid=np.logical_or.reduce([region.population(s) >= 0 for s in SEASONS]),
    )
    return region, plans, cross


@pytest.mark.slow
def test_each_season_gets_its_own_stops_and_misses_more_in_the_other(county):
    _, plans, cross = county
    assert plans["summer"]["chosen"] != plans["winter"]["chosen"]
    for own, other in (("summer", "winter"), ("winter", "summer")):
        assert cross.missed(own, own) < cross.missed(other, own)
        c = cross.combined[(own, own)]
        assert c.total_fixed + c.total_mobile + c.total_not_covered == c.total
        assert c.total == pytest.approx(150000.0)


@pytest.mark.slow
def test_sample_plans_keep_hours_and_frequencies_and_follow_the_roads(county):
    region, plans, _ = county
    roads = [np.asarray(g) for g in region.layer("roads").geometries]
    for p in plans.values():
        plan = p["plan"]
        assert plan.diagnostics.feasible
        assert all(r.within_hours for r in plan.routes)
        for v in plan.visits:
            assert len(v.visit_days) == v.required_visits == 2
            assert max(v.gaps) <= v.max_gap_allowed + 1e-9
        for r, line in zip(plan.routes, route_lines(p["problem"], plan)):
            assert line.minutes == pytest.approx(r.driving_minutes, rel=1e-9)
            d = np.min([distance_to_polyline(line.x, line.y, rd) for rd in roads], axis=0)
            assert d.max() < 0.05  # every vertex on a road line (merged vertices: 1 cm)
