"""The panel's "Plan routes" solver on a small comb of roads whose travel times are known by
hand: every route's minutes recomputed from that matrix, within the working day, every stop
at its interval on working weekdays, lines along the roads from and back to the depot."""

from __future__ import annotations

import numpy as np
import pytest

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.live_session import SiteRequest
from mps_planner.core.planar_geometry import distance_to_polyline
from mps_planner.core.planning_jobs import PlanRoutesRequest
from mps_planner.core.planning_routes import plan_routes

GRID = AnalysisGrid("", (-1000.0, 500.0, 0.0, 31000.0, 0.0, -500.0), (64, 84))
# A paved main road along y = 0 (60 km/h: 1 min per km) with three gravel branches north
# (40 km/h: 1.5 min per km) at x = 10, 20 and 30 km.
MAIN = np.array([(0.0, 0.0), (10000.0, 0.0), (20000.0, 0.0), (30000.0, 0.0), (40000.0, 0.0)])
BRANCHES = [np.array([(x, 0.0), (x, 6000.0)]) for x in (10000.0, 20000.0, 30000.0)]
LINES = [MAIN, *BRANCHES]
CLASSES = [1, 2, 2, 2]

STOPS = [
    SiteRequest("s:a", 10000.0, 6000.0, "mobile_stop", "Bayan"),  # end of branch 1
    SiteRequest("s:b", 20000.0, 6000.0, "mobile_stop", "Khar Us"),  # end of branch 2
    SiteRequest("s:c", 30000.0, 4000.0, "mobile_stop", "Ulaan"),  # up branch 3
    SiteRequest("s:d", 40000.0, 0.0, "mobile_stop", "Tsagaan"),  # end of the main road
    SiteRequest("s:e", 25000.0, 50.0, "mobile_stop", "Shiree"),  # 50 m off the main road
]
HOSPITAL = SiteRequest("fixed:1", 0.0, 200.0, "fixed", "Hospital")  # 200 m off the road
FAR_CLINIC = SiteRequest("fixed:2", 20000.0, 30000.0, "fixed", "Far clinic")  # 24 km off


def road_point(site: SiteRequest) -> tuple[float, float]:
    """Where the site joins the roads: (position along the main road, height up its branch)."""
    if site.x in (10000.0, 20000.0, 30000.0) and site.y > 100.0:
        return site.x, site.y
    return site.x, 0.0


def minutes(p: SiteRequest, q: SiteRequest) -> float:
    """Driving minutes by hand: up/down the branches at 1.5 min/km, along the main road at
    1 min/km (the roads form a tree, so there is one way)."""
    (x1, h1), (x2, h2) = road_point(p), road_point(q)
    if x1 == x2:
        return abs(h1 - h2) * 1.5 / 1000.0
    return (h1 + h2) * 1.5 / 1000.0 + abs(x1 - x2) / 1000.0


def metres(p: SiteRequest, q: SiteRequest) -> float:
    (x1, h1), (x2, h2) = road_point(p), road_point(q)
    return abs(h1 - h2) if x1 == x2 else h1 + h2 + abs(x1 - x2)


def request(**changes) -> PlanRoutesRequest:
    values = {
        "grid": GRID,
        "stops": list(STOPS),
        "visit_every_days": 7.0,
        "depots": [HOSPITAL, FAR_CLINIC],
        "road_lines": LINES,
        "road_classes": CLASSES,
        "period_days": 14,
        "dwell_minutes": 45.0,
        "work_minutes": 480.0,
        "time_limit": None,
        "max_iterations": 80,
    }
    values.update(changes)
    return PlanRoutesRequest(**values)


def on_roads(x, y, tol=1e-6) -> bool:
    d = np.min([distance_to_polyline(x, y, line) for line in LINES], axis=0)
    return bool((d <= tol).all())


@pytest.fixture(scope="module")
def planned():
    seen = []
    result = plan_routes(request(), seen.append, lambda: False)
    return result, seen


def test_every_route_time_recomputed_from_the_matrix_by_hand(planned):
    result, _ = planned
    by_key = {s.key: s for s in STOPS}
    assert result.routes and result.missing_visits == 0
    for route in result.routes:
        assert route.vehicle == "Hospital"  # the far clinic is no depot
        seq = [HOSPITAL, *(by_key[k] for k in route.stop_keys), HOSPITAL]
        driving = sum(minutes(a, b) for a, b in zip(seq[:-1], seq[1:]))
        assert route.driving_minutes == pytest.approx(driving)
        assert route.minutes == pytest.approx(driving + 45.0 * len(route.stop_keys))
        assert route.minutes <= 480.0 + 1e-6
        km = sum(metres(a, b) for a, b in zip(seq[:-1], seq[1:])) / 1000.0
        assert route.km == pytest.approx(km)
        # The timetable: arrival = previous departure + the drive, from 08:00.
        t = 0.0
        expected = []
        for a, b in zip(seq[:-2], seq[1:-1]):
            t += minutes(a, b)
            h, m = divmod(round(480.0 + t), 60)
            expected.append(f"{h:02d}:{m:02d}")
            t += 45.0
        assert route.arrivals == expected
        assert route.start == "08:00"
        h, m = divmod(round(480.0 + route.minutes), 60)
        assert route.end == f"{h:02d}:{m:02d}"


def test_each_stop_is_visited_as_often_as_the_interval_asks_on_weekdays(planned):
    result, _ = planned
    visits = {s.key: [] for s in STOPS}
    for route in result.routes:
        assert route.day % 7 < 5 and route.weekday in ("Mon", "Tue", "Wed", "Thu", "Fri")
        assert len(set(route.stop_keys)) == len(route.stop_keys)
        for key in route.stop_keys:
            visits[key].append(route.day)
    # every 7 days over 14 days: twice, a week apart within the one-day spread
    for key, days in visits.items():
        assert len(days) == 2, key
        assert abs((days[1] - days[0]) - 7) <= 2, (key, days)


def test_lines_run_along_the_roads_from_and_back_to_the_depot(planned):
    result, _ = planned
    for route in result.routes:
        x, y = route.line[:, 0], route.line[:, 1]
        assert on_roads(x, y)
        assert (x[0], y[0]) == (0.0, 0.0) and (x[-1], y[-1]) == (0.0, 0.0)
        length = np.hypot(*np.diff(route.line, axis=0).T).sum() / 1000.0
        assert length == pytest.approx(route.km)


def test_the_timetable_rows_are_the_routes(planned):
    result, _ = planned
    rows = result.timetable
    assert sum(r.kind == "stop" for r in rows) == sum(len(r.stop_keys) for r in result.routes)
    names = {s.key: s.name for s in STOPS}
    for route in result.routes:
        mine = [r for r in rows if r.day == route.day and r.vehicle_name == route.vehicle]
        assert [r.kind for r in mine] == ["start"] + ["stop"] * len(route.stop_keys) + ["end"]
        assert [r.place for r in mine[1:-1]] == [names[k] for k in route.stop_keys]
        assert [r.arrival for r in mine[1:-1]] == route.arrivals


def test_notes_progress_and_the_depot_left_out(planned):
    result, seen = planned
    assert seen and seen[-1] == 100.0 and seen == sorted(seen)
    assert any("'Far clinic' (24 km from the nearest road)" in n for n in result.notes)
    assert any("10 working days" in n and "10 visits at 5 stops" in n for n in result.notes)


def test_a_day_too_short_for_one_visit_names_the_stop():
    """A 100-minute day: Khar Us needs 29 + 45 + 29 = 103 minutes."""
    with pytest.raises(InputError, match=r"too short for 'Khar Us'.*103 minutes"):
        plan_routes(request(work_minutes=100.0))


def test_too_few_working_days_give_an_incomplete_plan_that_says_so():
    """A 130-minute day fits any one stop (at most 2 × 40 + 45 = 125 min) but never two (the
    dwell alone is 90 min, the cheapest pair drives 68); a week of Mon–Wed has three days for
    five weekly visits: three are planned, two are missing, and the notes say so first."""
    result = plan_routes(request(work_minutes=130.0, period_days=7, weekdays=(0, 1, 2)))
    assert result.missing_visits == 2
    assert result.notes[0].startswith("Incomplete plan: 2 of 5 visits do not fit")
    assert "allow_partial" not in result.notes[0]
    assert len(result.routes) == 3 and sorted(r.day for r in result.routes) == [0, 1, 2]
    assert all(r.minutes <= 130.0 + 1e-6 and len(r.stop_keys) == 1 for r in result.routes)


def test_refusals_name_what_to_fix():
    far_stop = SiteRequest("s:x", 5000.0, 5000.0, "mobile_stop", "Nowhere")
    with pytest.raises(InputError, match="Stop 'Nowhere'"):
        plan_routes(request(stops=[*STOPS, far_stop]))
    with pytest.raises(InputError, match=r"No fixed facility can serve as a depot.*Far clinic"):
        plan_routes(request(depots=[FAR_CLINIC]))
    with pytest.raises(InputError, match="no depot"):
        plan_routes(request(depots=[]))
    with pytest.raises(InputError, match="no mobile stops"):
        plan_routes(request(stops=[]))
    with pytest.raises(InputError, match="at least one day"):
        plan_routes(request(period_days=0))
    with pytest.raises(InputError, match="none of the working weekdays"):
        plan_routes(request(period_days=2, weekdays=(5, 6)))


def test_cancel_stops_the_planning():
    with pytest.raises(Cancelled):
        plan_routes(request(), None, lambda: True)
    calls = []

    def later():
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        plan_routes(request(), None, later)
