"""The whole planroutes pipeline on the sample region's real roads, stage by stage.

    .venv/bin/python bench/bench_mobile.py [--stops 200] [--vehicles 3] [--seconds 20]
                                           [--cell 100]

Stops: points every few km along the sample's roads (about --stops of them, every 7, 14 or
28 days); vehicles at the county hospital and the two farthest township health centres,
Mon–Fri over 4 weeks (20 working days), 8-hour days, 20-minute dwell. Stages: network build,
snapping, OD matrix, periodic plan (time limit --seconds; target < 30 s), the same stops by
nearest-neighbour dispatch (the yardstick), route lines along the roads, each stop's 30-min
riding catchment (bounded fields at --cell metres), frequency-weighted coverage.

Timings are wall-clock on a shared 2-core machine: expect noise of ±30 %.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mps_planner.core.landcover import ROAD_CLASSES  # noqa: E402
from mps_planner.core.mobile_plan import (  # noqa: E402
    candidates_along_roads,
    depot_vehicles,
    required_per_month,
)
from mps_planner.core.mobile_reach import grid_frequency_coverage, stop_reach  # noqa: E402
from mps_planner.core.mobile_roads import road_problem, route_lines  # noqa: E402
from mps_planner.core.network import Polylines, RoadNetwork  # noqa: E402
from mps_planner.core.network_paths import Router  # noqa: E402
from mps_planner.core.routing import (  # noqa: E402
    PlanningPeriod,
    Stop,
    nearest_neighbour_plan,
    plan_routes,
    plan_visits_per_month,
)
from mps_planner.core.sample_region import generate_sample_region  # noqa: E402
from mps_planner.core.speed import build_speed_surface  # noqa: E402


def riding_surface(region):
    grid = region.grid
    codes = region.road_codes()
    surface, _ = build_speed_surface(
        grid, "riding", landcover=region.landcover, roads=codes, barriers=region.water
    )
    return surface


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stops", type=int, default=200)
    ap.add_argument("--vehicles", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--cell", type=float, default=100.0)
    args = ap.parse_args()

    region = generate_sample_region(seed=1, cell_size=args.cell)
    grid = region.grid
    roads = region.layer("roads")
    classes = np.array([ROAD_CLASSES.index(c) + 1 for c in roads.column("road_class")])
    lines = Polylines.from_lines(list(roads.geometries), classes)
    total_km = sum(roads.column("length_m")) / 1000
    spacing = total_km * 1000 / args.stops
    xs, ys, names = candidates_along_roads(lines, spacing)
    while len(names) < args.stops:
        spacing *= 0.95
        xs, ys, names = candidates_along_roads(lines, spacing)
    pick = np.sort(np.random.default_rng(0).choice(len(names), args.stops, replace=False))
    xs, ys, names = xs[pick], ys[pick], [names[i] for i in pick]
    every = np.random.default_rng(1).choice([7.0, 14.0, 14.0, 28.0], args.stops)

    fac = region.layer("facilities")
    fxy = fac.points()
    ids = fac.column("facility_id")
    seats = [i for i, f in enumerate(ids) if f.startswith("C") and f != "C1"]
    town = fxy[ids.index("H1")]
    far = sorted(seats, key=lambda i: -np.hypot(*(fxy[i] - town)))[: max(args.vehicles - 1, 0)]
    depots = [ids.index("H1"), *far][: args.vehicles]

    stages: list[tuple[str, float]] = []

    def timed(name, fn):
        t0 = time.perf_counter()
        out = fn()
        stages.append((name, time.perf_counter() - t0))
        return out

    net = timed("road network (162 lines → graph)", lambda: RoadNetwork.from_polylines(lines))
    router = timed("router (vehicle speeds, chains)", lambda: Router.for_mode(net, "vehicle"))
    depot_names = [fac.column("name")[i] for i in depots]
    snapped = timed(
        "snap depots and stops",
        lambda: (
            net.snap(fxy[depots, 0], fxy[depots, 1], depot_names, 1000.0, "Depot"),
            net.snap(xs, ys, names, 1000.0),
        ),
    )
    del snapped
    problem = timed(
        f"snap + OD matrix ({len(depots) + args.stops} points)",
        lambda: road_problem(
            net, router, fxy[depots, 0], fxy[depots, 1], depot_names, xs, ys, names
        ),
    )
    period = PlanningPeriod.weeks(4)
    vehicles = depot_vehicles(
        depot_names, 1, work_minutes=480.0, dwell_minutes=20.0, days=period.days_on()
    )
    stops = [Stop(problem.stop_node(j), names[j], every_days=float(e)) for j, e in enumerate(every)]
    plan = timed(
        f"periodic plan (time limit {args.seconds:g} s)",
        lambda: plan_routes(
            problem.matrix, vehicles, stops, period, time_limit=args.seconds, allow_partial=True
        ),
    )
    nn = timed(
        "nearest-neighbour dispatch (yardstick)",
        lambda: nearest_neighbour_plan(problem.matrix, vehicles, stops, period),
    )
    drawn = timed("route lines along the roads", lambda: route_lines(problem, plan))
    surface = riding_surface(region)
    cost = surface.cost_grid()
    reach = timed(
        f"stop catchments, 30 min riding ({grid.rows} × {grid.cols} cells)",
        lambda: stop_reach(cost, grid, xs, ys, 30.0, names, 1000.0),
    )
    people = region.population("summer").clip(min=0).astype(float)
    freq = timed(
        "frequency-weighted coverage",
        lambda: (
            grid_frequency_coverage(
                reach, people, plan_visits_per_month(plan), required_per_month(14.0)
            ).result
        ),
    )

    print(
        f"\nplanroutes pipeline on the sample region: {args.stops} stops, {len(vehicles)} "
        f"vehicles, {len(period.days_on())} working days, {net.edge_count:,} road segments"
    )
    width = max(len(n) for n, _ in stages)
    print(f"{'stage':<{width}} | seconds")
    print("-" * (width + 10))
    for name, seconds in stages:
        print(f"{name:<{width}} | {seconds:7.2f}")
    print("-" * (width + 10))
    pipeline = sum(s for n, s in stages if not n.startswith("nearest"))
    print(f"{'pipeline total (without the yardstick)':<{width}} | {pipeline:7.2f}")

    rows = []
    for label, p in (("plan_routes", plan), ("nearest neighbour", nn)):
        served = sum(len(v.visit_days) for v in p.visits)
        required = sum(v.required_visits for v in p.visits)
        rows.append(
            (
                label,
                f"{p.total_driving_minutes / 60:,.1f}",
                f"{served}/{required}",
                str(len(p.routes)),
                f"{max(r.total_minutes for r in p.routes):.0f}",
            )
        )
    print()
    head = ("planner", "driving h", "visits", "day routes", "longest day min")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
    ratio = nn.total_driving_minutes / plan.total_driving_minutes
    per_visit_plan = plan.total_driving_minutes / max(
        sum(len(v.visit_days) for v in plan.visits), 1
    )
    per_visit_nn = nn.total_driving_minutes / max(sum(len(v.visit_days) for v in nn.visits), 1)
    print(
        f"\nnearest neighbour / plan_routes, total driving: {ratio:.2f}; per visit made: "
        f"{per_visit_nn / per_visit_plan:.2f}"
    )
    km = sum(line.length_m for line in drawn) / 1000
    print(
        f"route lines: {km:,.0f} km; people within 30 min riding of a visited stop: "
        f"{freq.people_reached:,.0f} of {freq.total_people:,.0f}; at least every 14 days: "
        f"{freq.people_at_frequency:,.0f}; person-visits per month "
        f"{freq.person_visits_per_month:,.0f}"
    )
    if plan.diagnostics.missing_visits:
        print("plan incomplete:", plan.diagnostics.messages[0])


if __name__ == "__main__":
    main()
