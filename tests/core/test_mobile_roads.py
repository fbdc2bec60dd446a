"""Mobile plans on small road networks whose best routes are known by hand: the drive along the
roads, working hours, visit frequencies, timetables against the OD matrix, and the refusals
(a stop or depot off the roads, a day too short, a frequency the vehicles cannot give)."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import InputError
from mps_planner.core.mobile_plan import depot_vehicles, route_totals, vehicle_totals
from mps_planner.core.mobile_roads import day_nodes, road_problem, route_lines
from mps_planner.core.network import RoadNetwork
from mps_planner.core.network_paths import Router
from mps_planner.core.planar_geometry import distance_to_polyline
from mps_planner.core.routing import (
    PlanningPeriod,
    Stop,
    driver_timetable,
    plan_routes,
    stop_timetable,
)

KMH = {1: 60.0, 2: 40.0, 3: 25.0}  # paved: 1 km per minute


def network(lines, classes, crossings=False):
    net = RoadNetwork.from_polylines(
        [np.asarray(ln, float) for ln in lines], classes, node_crossings=crossings
    )
    return net, Router(net, net.edge_minutes(KMH))


def plan_on(net, router, depot, stops, *, work=480.0, dwell=0.0, period=None, days=None, **kw):
    names = [f"s{j}" for j in range(len(stops))]
    problem = road_problem(
        net, router, [depot[0]], [depot[1]], ["Depot"], [p[0] for p in stops],
        [p[1] for p in stops], names,
    )  # fmt: skip
    period = period or PlanningPeriod.weeks(1)
    vehicles = depot_vehicles(
        ["Van"],
        1,
        work_minutes=work,
        dwell_minutes=dwell,
        days=days if days is not None else period.days_on(),
    )
    visits = kw.pop("visits", None)
    every = kw.pop("every_days", None)
    st = [Stop(problem.stop_node(j), names[j], visits, every) for j in range(len(stops))]
    plan = plan_routes(problem.matrix, vehicles, st, period, time_limit=None, max_iterations=60)
    return problem, plan


def on_roads(lines, x, y, tol=1e-6) -> bool:
    d = np.min([distance_to_polyline(x, y, np.asarray(ln, float)) for ln in lines], axis=0)
    return bool((d <= tol).all())


LINE = [[(0.0, 0.0), (10000.0, 0.0), (20000.0, 0.0), (30000.0, 0.0), (40000.0, 0.0)]]


def test_one_day_on_a_straight_road_drives_to_both_ends_once():
    """Depot in the middle of a 40 km paved road, stops at km 5, 12, 30, 38: the best day is
    out to one end and back past the depot to the other — 2 × 33 km at 1 km/min."""
    net, router = network(LINE, [1])
    stops = [(5000.0, 0.0), (12000.0, 0.0), (30000.0, 0.0), (38000.0, 0.0)]
    problem, plan = plan_on(net, router, (20000.0, 0.0), stops, period=PlanningPeriod(1))
    assert len(plan.routes) == 1
    r = plan.routes[0]
    assert r.driving_minutes == pytest.approx(66.0, abs=1e-6)
    order = [problem.points.snap_x[c.node] for c in r.calls]
    assert order in ([12000, 5000, 30000, 38000], [30000, 38000, 12000, 5000])
    (line,) = route_lines(problem, plan)
    assert line.length_m == pytest.approx(66000.0, abs=1e-6)
    assert line.minutes == pytest.approx(r.driving_minutes)
    assert on_roads(LINE, line.x, line.y)
    assert (line.x[0], line.x[-1]) == (20000.0, 20000.0)  # leaves and returns to the depot


RING = [
    [(0.0, 0.0), (10000.0, 0.0)],
    [(10000.0, 0.0), (10000.0, 10000.0)],
    [(10000.0, 10000.0), (0.0, 10000.0)],
    [(0.0, 10000.0), (0.0, 0.0)],
    [(0.0, 0.0), (10000.0, 10000.0)],  # a track straight across: shorter, but slower
]


def test_ring_road_beats_the_slow_track_across():
    """Depot at one corner of a 10 km square of paved road, stops at the other three corners;
    the track across is 14.1 km at 25 km/h (34 min) against 20 min around: the best day is
    the ring, 40 km in 40 minutes, and the drawn route never uses the track."""
    net, router = network(RING, [1, 1, 1, 1, 3])
    stops = [(10000.0, 0.0), (10000.0, 10000.0), (0.0, 10000.0)]
    problem, plan = plan_on(net, router, (0.0, 0.0), stops, period=PlanningPeriod(1))
    r = plan.routes[0]
    assert r.driving_minutes == pytest.approx(40.0, abs=1e-6)
    (line,) = route_lines(problem, plan)
    assert line.length_m == pytest.approx(40000.0, abs=1e-6)
    assert on_roads(RING[:4], line.x, line.y)
    mid_x = 0.5 * (line.x[1:] + line.x[:-1])
    mid_y = 0.5 * (line.y[1:] + line.y[:-1])
    assert on_roads(RING[:4], mid_x, mid_y)  # whole segments on the ring, none across


def test_working_day_splits_far_stops_and_frequencies_are_kept():
    """Stops at both ends of the road, 20 min from the depot each, dwell 15, a 60-minute day:
    one stop per day (55 min) fits, both (110 min) do not. Weekly visits over 4 weeks."""
    net, router = network(LINE, [1])
    stops = [(0.0, 0.0), (40000.0, 0.0)]
    period = PlanningPeriod.weeks(4)
    problem, plan = plan_on(
        net, router, (20000.0, 0.0), stops, work=60.0, dwell=15.0, period=period, every_days=7
    )
    assert plan.diagnostics.feasible
    assert len(plan.routes) == 8  # 2 stops × 4 visits, one per day
    for r in plan.routes:
        assert len(r.calls) == 1
        assert r.total_minutes == pytest.approx(55.0)
        assert r.within_hours
    for v in plan.visits:
        assert len(v.visit_days) == 4
        assert max(v.gaps) <= v.max_gap_allowed + 1e-9
        assert v.visits_per_month == pytest.approx(4 * 365.25 / 12 / 28)
    totals = route_totals(plan, route_lines(problem, plan))
    assert all(t.km == pytest.approx(40.0) for t in totals)
    (van,) = vehicle_totals(plan, route_lines(problem, plan))
    assert (van.days, van.visits, van.stops) == (8, 8, 2)
    assert van.km == pytest.approx(320.0)
    assert van.driving_hours == pytest.approx(8 * 40 / 60)


def test_timetables_agree_with_the_od_matrix():
    """Arrival = previous departure + matrix minutes; departure = arrival + dwell; the clock
    adds the day's start; each notice row is one call of the plan."""
    rng = np.random.default_rng(3)
    grid_lines = [[(0.0, y), (30000.0, y)] for y in (0.0, 10000.0, 20000.0)]
    grid_lines += [[(x, 0.0), (x, 20000.0)] for x in (0.0, 10000.0, 20000.0, 30000.0)]
    net, router = network(grid_lines, [1, 2, 3, 2, 1, 3, 2], crossings=True)
    pts = [(float(rng.uniform(0, 30000)), float(y)) for y in rng.choice([0, 10000, 20000], 9)]
    problem, plan = plan_on(
        net, router, (0.0, 0.0), pts, work=300.0, dwell=20.0, every_days=7,
        period=PlanningPeriod.weeks(2),
    )  # fmt: skip
    m = problem.matrix
    for r in plan.routes:
        nodes = day_nodes(r)
        t = 0.0
        for prev, c in zip(nodes, r.calls):
            t += m[prev, c.node]
            assert c.arrival == pytest.approx(t)
            t += 20.0
            assert c.departure == pytest.approx(t)
        t += m[r.calls[-1].node, r.end_node]
        assert r.total_minutes == pytest.approx(t)
        assert r.total_minutes <= 300.0 + 1e-6
    rows = driver_timetable(plan)
    for r in plan.routes:
        mine = [row for row in rows if row.vehicle == r.vehicle and row.day == r.day]
        assert [row.kind for row in mine] == ["start"] + ["stop"] * len(r.calls) + ["end"]
        for row, c in zip(mine[1:], r.calls):
            assert row.arrival_minute == pytest.approx(480.0 + c.arrival)
            h, mnt = divmod(round(480.0 + c.departure), 60)
            assert row.departure == f"{h:02d}:{mnt:02d}"
        assert sum(row.drive_minutes for row in mine) == pytest.approx(r.driving_minutes)
    notices = stop_timetable(plan)
    assert len(notices) == sum(len(r.calls) for r in plan.routes)


def test_lines_follow_the_fastest_roads_for_the_vehicle():
    """Two ways to the stop: 10 km of track (24 min) or 15 km of paved road (15 min)."""
    lines = [
        [(0.0, 0.0), (10000.0, 0.0)],  # track
        [(0.0, 0.0), (5000.0, 5000.0), (10000.0, 0.0)],  # paved, 2 × 7.07 km
    ]
    net, router = network(lines, [3, 1])
    problem, plan = plan_on(net, router, (0.0, 0.0), [(10000.0, 0.0)], period=PlanningPeriod(1))
    (line,) = route_lines(problem, plan)
    assert line.length_m == pytest.approx(4 * 5000 * np.sqrt(2))
    assert on_roads(lines[1:], line.x, line.y)
    assert plan.routes[0].driving_minutes == pytest.approx(line.length_m / 1000.0)


# -- refusals ------------------------------------------------------------------------------------
def test_stop_far_from_the_road_is_named():
    net, router = network(LINE, [1])
    with pytest.raises(InputError, match=r"Stop 'Khar Us' is 5 km from the nearest road"):
        road_problem(
            net, router, [20000.0], [0.0], ["Depot"], [5000.0, 9000.0], [0.0, 5000.0],
            ["Bayan", "Khar Us"],
        )  # fmt: skip


def test_depot_far_from_the_road_or_on_another_piece():
    pieces = [*LINE, [(0.0, 30000.0), (5000.0, 30000.0)]]  # a separate 5 km road
    net, router = network(pieces, [1, 2])
    with pytest.raises(InputError, match=r"Depot 'Hospital' is 3 km from the nearest road"):
        road_problem(net, router, [20000.0], [-3000.0], ["Hospital"], [5000.0], [0.0], ["a"])
    with pytest.raises(InputError, match=r"Depot 'Hospital' is off the road network"):
        road_problem(net, router, [1000.0], [30000.0], ["Hospital"], [5000.0], [0.0], ["a"])
    with pytest.raises(InputError, match=r"Stop 'Tsagaan' cannot be reached by road"):
        road_problem(
            net, router, [20000.0], [0.0], ["Hospital"], [5000.0, 2000.0], [0.0, 30000.0],
            ["a", "Tsagaan"],
        )  # fmt: skip


def test_depot_on_a_road_closed_to_the_vehicle():
    spur = np.array([[0, 0], [0, -9000.0]])  # a track, closed to the van
    net = RoadNetwork.from_polylines([np.asarray(LINE[0]), spur], [1, 3])
    router = Router(net, net.edge_minutes({1: 60.0, 2: 40.0, 3: 0.0}))
    with pytest.raises(InputError, match="Depot 'Hospital' is on a road closed"):
        road_problem(net, router, [0.0], [-5000.0], ["Hospital"], [5000.0], [0.0], ["a"])


def test_working_day_too_short_for_one_stop():
    net, router = network(LINE, [1])
    with pytest.raises(InputError, match=r"too short for 's0'.*needs 55 minutes"):
        plan_on(net, router, (20000.0, 0.0), [(0.0, 0.0)], work=50.0, dwell=15.0)


def test_frequency_the_vehicle_cannot_give_says_what_is_missing():
    net, router = network(LINE, [1])
    period = PlanningPeriod.weeks(1)
    with pytest.raises(InputError, match=r"needs 4 visits.*2 more working days"):
        plan_on(net, router, (20000.0, 0.0), [(0.0, 0.0)], days=(0, 2), visits=4, period=period)
    many = [(float(x), 0.0) for x in range(1000, 40000, 3000)]  # 13 stops, daily visits
    week = PlanningPeriod(5)  # Mon–Fri
    with pytest.raises(InputError, match=r"[0-9]+ more vehicle-days"):
        plan_on(net, router, (20000.0, 0.0), many, work=60.0, dwell=20.0, visits=5, period=week)
