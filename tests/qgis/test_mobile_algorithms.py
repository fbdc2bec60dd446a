"""planroutes, coveringtour and timetable end to end through processing.run on a small county
whose best routes are known by hand, and their refusals of bad input."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from osgeo import osr
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)

from mps_planner.core.grid import AnalysisGrid
from mps_planner.core.traveltime import CostGrid, travel_times
from mps_planner.qgis_io.raster_io import write_raster

CRS = "EPSG:32649"
X0, Y0 = 500000.0, 4800000.0
CELL = 500.0
ROWS, COLS = 20, 90  # 45 km × 10 km; the road runs along the middle of row 10
ROAD_Y = Y0 - 10.5 * CELL


def km(x_km: float) -> tuple[float, float]:
    """A point on the road, x_km from its west end (cell centres every 0.5 km from 0.25)."""
    return (X0 + 250.0 + 1000.0 * x_km, ROAD_Y)


def run(alg, params):
    import processing

    return processing.run(f"mps_planner:{alg}", params)


def lines_layer(lines):
    lyr = QgsVectorLayer(f"LineString?crs={CRS}&field=road_class:string", "roads", "memory")
    feats = []
    for pts, cls in lines:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in pts]))
        f.setAttribute(0, cls)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def points_layer(points, fields="name:string"):
    spec = "&".join(f"field={f}" for f in fields.split(","))
    lyr = QgsVectorLayer(f"Point?crs={CRS}&{spec}", "points", "memory")
    feats = []
    for (x, y), *values in points:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes(list(values))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def attrs(layer):
    names = layer.fields().names()
    return [
        {k: (None if v is None or v == NULL else v) for k, v in zip(names, f.attributes())}
        for f in layer.getFeatures()
    ]


@pytest.fixture(scope="module")
def roads(qgis_app):
    """A 44 km paved road, and a 5 km gravel road far to the north that joins nothing."""
    main = [km(0), km(22), km(44)]
    apart = [(X0 + 1000.0, Y0 + 30000.0), (X0 + 6000.0, Y0 + 30000.0)]
    return lines_layer([(main, "paved"), (apart, "砂石路")])


@pytest.fixture(scope="module")
def rasters(tmp_path_factory):
    """Residents ride at 6 km/h everywhere (5 min per 500 m cell); people at km 5, 10, 35."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32649)
    grid = AnalysisGrid(srs.ExportToWkt(), (X0, CELL, 0.0, Y0, 0.0, -CELL), (ROWS, COLS))
    folder = tmp_path_factory.mktemp("mobile")
    kmh = np.full(grid.shape, 6.0, dtype=np.float32)
    people = np.zeros(grid.shape, dtype=np.float32)
    for x_km, n in ((5.0, 100.0), (10.0, 50.0), (35.0, 80.0)):
        people[10, round(2 * x_km)] = n
    write_raster(folder / "riding.tif", kmh, grid, nodata=-1)
    write_raster(folder / "people.tif", people, grid, nodata=-99999)
    return str(folder / "riding.tif"), str(folder / "people.tif"), grid, kmh, people


def depot(name="County hospital", where=None):
    return points_layer([(where or km(22), name)])


def plan_params(roads, stops, **extra):
    params = {
        "ROADS": roads,
        "CLASS_FIELD": "road_class",
        "DEPOTS": depot(),
        "DEPOT_NAME_FIELD": "name",
        "STOPS": stops,
        "STOP_NAME_FIELD": "name",
        "WEEKS": 1,
        "WEEKDAYS": "Mon",
        "DWELL": 30.0,
        "TIME_LIMIT": 0,  # deterministic: iterations only
        "OUTPUT_ROUTES": "memory:",
        "OUTPUT_STOPS": "memory:",
        "OUTPUT_VISITS": "memory:",
    }
    params.update(extra)
    return params


FOUR = [(km(5), "巴彦 Bayan"), (km(12), "Erdene"), (km(30), "Ulaan"), (km(38), "Khairkhan")]


def test_planroutes_one_day_along_the_road(provider, roads):
    """Depot at km 22, stops at km 5, 12, 30, 38: out to one end and back to the other,
    2 × 33 km at 60 km/h = 66 min driving, plus 4 × 30 min dwell, leaving at 08:00."""
    res = run("planroutes", plan_params(roads, points_layer(FOUR)))
    (route,) = attrs(res["OUTPUT_ROUTES"])
    assert route["km"] == pytest.approx(66.0, abs=1e-3)
    assert route["drive_min"] == pytest.approx(66.0, abs=1e-3)
    assert route["total_min"] == pytest.approx(66.0 + 120.0, abs=1e-3)
    assert (route["start"], route["end"]) == ("08:00", "11:06")
    assert route["stops"] == 4 and route["depot"] == "County hospital"
    assert res["KM"] == pytest.approx(66.0, abs=1e-3) and res["MISSING_VISITS"] == 0
    geom = next(res["OUTPUT_ROUTES"].getFeatures()).geometry()
    ys = [p.y() for p in geom.vertices()]
    assert max(abs(y - ROAD_Y) for y in ys) < 1e-6  # along the road
    assert geom.length() == pytest.approx(66000.0, abs=1e-3)
    visits = sorted(attrs(res["OUTPUT_VISITS"]), key=lambda v: v["seq"])
    assert [v["seq"] for v in visits] == [1, 2, 3, 4]
    # Arrival = previous departure + road km (1 km per minute); departure = arrival + 30.
    position = {"巴彦 Bayan": 5, "Erdene": 12, "Ulaan": 30, "Khairkhan": 38}
    t, here = 480.0, 22
    for v in visits:
        t += abs(position[v["stop_name"]] - here)
        assert v["arrive_min"] == pytest.approx(t, abs=1e-6)
        t += 30.0
        assert v["depart_min"] == pytest.approx(t, abs=1e-6)
        here = position[v["stop_name"]]
    stops = attrs(res["OUTPUT_STOPS"])
    assert {s["name"] for s in stops} == set(position)
    assert all(s["visits"] == s["required"] == 1 and s["served"] == 1 for s in stops)


def test_planroutes_frequencies_from_a_field_and_coverage(provider, roads, rasters):
    """Frequencies as planners type them over 4 weeks of Mon–Fri; residents riding 30 min
    (3 km at 6 km/h) reach the people at km 5 and 10 from the stops at km 5 and 12."""
    riding, people_tif, grid, kmh, people = rasters
    stops = points_layer(
        [(km(5), "A", "every 7 days"), (km(12), "B", "2"), (km(40), "C", None)],
        "name:string,freq:string",
    )
    res = run(
        "planroutes",
        plan_params(
            roads,
            stops,
            WEEKS=4,
            WEEKDAYS="Mon-Fri",
            START_DATE="2026-06-01",
            FREQUENCY_FIELD="freq",
            FREQUENCY_UNIT=1,  # a plain number is visits per period
            RESIDENT_SPEED=riding,
            POPULATION=people_tif,
            ACCESS_MINUTES=30.0,
        ),
    )
    by_name = {s["name"]: s for s in attrs(res["OUTPUT_STOPS"])}
    assert [by_name[n]["visits"] for n in "ABC"] == [4, 2, 2]  # C: the clinic's 14 days
    assert by_name["A"]["max_gap"] <= 7 + 2.0 + 1e-9
    routes = attrs(res["OUTPUT_ROUTES"])
    assert all(r["total_min"] <= r["work_min"] + 1e-6 for r in routes)
    assert all(r["date"].startswith("2026-06") for r in routes)
    # People within 30 min of each stop, from a full solve on the same raster.
    cost = CostGrid.from_speed(kmh.astype(float), CELL)
    expected = {}
    for name, x_km in (("A", 5), ("B", 12), ("C", 40)):
        col = int((km(x_km)[0] - X0) // CELL)
        near = travel_times(cost, [10], [col]).minutes <= 30.0
        expected[name] = float(people[near].sum())
    assert {n: by_name[n]["people"] for n in "ABC"} == pytest.approx(expected)
    assert expected == {"A": 100.0, "B": 50.0, "C": 0.0}
    assert res["PEOPLE_REACHED"] == pytest.approx(150.0)
    # A is visited 4× in 28 days (4.35 a month), B 2× (2.17): both meet the clinic's 2.17.
    assert res["PEOPLE_AT_FREQUENCY"] == pytest.approx(150.0)
    assert by_name["A"]["person_visits"] == pytest.approx(100 * 4 * 365.25 / 12 / 28, rel=1e-3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"STOPS": [(km(5), "Bayan"), ((km(30)[0], ROAD_Y + 4000.0), "Far camp")]},
         r"Stop 'Far camp' is 4 km from the nearest road"),
        ({"DEPOTS": [((km(22)[0], ROAD_Y - 2500.0), "Hospital")]},
         r"Depot 'Hospital' is 2.5 km from the nearest road"),
        ({"DEPOTS": [((X0 + 3000.0, Y0 + 30000.0), "Hospital")]},
         r"Depot 'Hospital' is off the road network of the stops"),
        ({"WORK_HOURS": 0.5}, r"working day is too short for 'Bayan'.*needs 64 minutes"),
        ({"STOPS": [(km(5), "Bayan", "5 visits")], "WEEKDAYS": "Mon,Wed,Fri"},
         r"needs 5 visits.*2 more working days"),
    ],
)  # fmt: skip
def test_planroutes_refuses_bad_input_with_a_reason(provider, roads, change, message):
    stops = points_layer(change.pop("STOPS", [(km(5), "Bayan")]), "name:string,freq:string")
    extra = dict(change)
    if "DEPOTS" in extra:
        extra["DEPOTS"] = points_layer(extra["DEPOTS"])
    params = plan_params(roads, stops, FREQUENCY_FIELD="freq", **extra)
    with pytest.raises(QgsProcessingException, match=message):
        run("planroutes", params)


def test_planroutes_says_how_many_vehicle_days_are_missing(provider, roads):
    """Stops at km 0, 1, 43 and 44 with 100 min dwell each on one Monday: 88 km + 400 min does
    not fit in 8 hours, so a visit is left; the error says how many vehicle-days would do."""
    far = points_layer([(km(x), f"km {x}") for x in (0, 1, 43, 44)])
    with pytest.raises(QgsProcessingException, match=r"[0-9]+ more vehicle-days"):
        run("planroutes", plan_params(roads, far, VISIT_EVERY_DAYS=7, DWELL=100))
    res = run(
        "planroutes",
        plan_params(roads, far, VISIT_EVERY_DAYS=7, DWELL=100, ALLOW_PARTIAL=True),
    )
    assert res["MISSING_VISITS"] >= 1 and res["EXTRA_VEHICLE_DAYS"] >= 1
    assert all(r["total_min"] <= 480.0 + 1e-6 for r in attrs(res["OUTPUT_ROUTES"]))
    served = [s for s in attrs(res["OUTPUT_STOPS"]) if s["served"]]
    assert 1 <= len(served) < 4


def test_timetable_csv_for_drivers_and_stops(provider, roads, tmp_path):
    res = run(
        "planroutes",
        plan_params(roads, points_layer(FOUR), WEEKS=2, WEEKDAYS="Mon-Fri", VISIT_EVERY_DAYS=7),
    )
    out = run(
        "timetable",
        {
            "ROUTES": res["OUTPUT_ROUTES"],
            "VISITS": res["OUTPUT_VISITS"],
            "CYCLES": 2,
            "START_DATE": "2026-06-01",
            "DRIVER_CSV": str(tmp_path / "driver.csv"),
            "NOTICE_CSV": str(tmp_path / "notices.csv"),
            "OUTPUT_DRIVER": "memory:",
            "OUTPUT_NOTICES": "memory:",
        },
    )
    raw = (tmp_path / "driver.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Vehicle 车辆", "Day 第几天", "Date 日期"]
    routes = attrs(res["OUTPUT_ROUTES"])
    visits = attrs(res["OUTPUT_VISITS"])
    assert len(rows) - 1 == 2 * (len(visits) + 2 * len(routes))  # leave, stops, back; 2 cycles
    assert any("巴彦 Bayan" in r for r in rows)
    # every stop row's times are the visit layer's, repeated one period later
    by_key = {(v["day"], v["stop_name"]): v for v in visits}
    stop_rows = [r for r in rows[1:] if r[5] == "stop 停靠"]
    for r in stop_rows:
        day = (int(r[1]) - 1) % 14
        v = by_key[(day, r[6])]
        assert (r[7], r[8]) == (v["arrival"], v["departure"])
    notices = list(
        csv.reader((tmp_path / "notices.csv").read_bytes().decode("utf-8-sig").splitlines())
    )
    assert len(notices) - 1 == 2 * len(visits) == out["VISITS"]
    assert {r[3] for r in notices[1:]} <= {
        "Mon 周一",
        "Tue 周二",
        "Wed 周三",
        "Thu 周四",
        "Fri 周五",
    }
    assert all(r[2].startswith("2026-06") for r in notices[1:])
    assert out["OUTPUT_DRIVER"].featureCount() == len(rows) - 1
    assert out["OUTPUT_NOTICES"].featureCount() == len(notices) - 1


def test_timetable_refuses_layers_that_are_not_a_plan(provider, roads, tmp_path):
    with pytest.raises(QgsProcessingException, match="lacks the field"):
        run(
            "timetable",
            {
                "ROUTES": roads,
                "VISITS": points_layer(FOUR),
                "DRIVER_CSV": str(tmp_path / "d.csv"),
                "NOTICE_CSV": str(tmp_path / "n.csv"),
            },
        )


CANDIDATES = [(km(5), "km 5"), (km(7.5), "km 7.5"), (km(10), "km 10"), (km(35), "km 35")]


def cover_params(roads, rasters, **extra):
    riding, people_tif, *_ = rasters
    params = {
        "ROADS": roads,
        "CLASS_FIELD": "road_class",
        "DEPOTS": depot(),
        "CANDIDATES": points_layer(CANDIDATES),
        "CANDIDATE_NAME_FIELD": "name",
        "RESIDENT_SPEED": riding,
        "POPULATION": people_tif,
        "ACCESS_MINUTES": 30.0,
        "DWELL": 30.0,
        "ROUTES": 1,
        "TARGET": 100.0,
        "TRADEOFF": "1, 2",
        "TIME_LIMIT": 0,
        "OUTPUT_STOPS": "memory:",
        "OUTPUT_ROUTES": "memory:",
        "OUTPUT_TRADEOFF": "memory:",
    }
    params.update(extra)
    return params


def test_coveringtour_picks_the_stop_between_two_villages(provider, roads, rasters):
    """People at km 5 (100), 10 (50) and 35 (80); a rider covers 3 km in 30 min. The stop at
    km 7.5 reaches both western villages: the best tour is depot (km 22) → 7.5 → 35 → depot,
    55 km at 60 km/h plus 2 × 30 min dwell."""
    res = run("coveringtour", cover_params(roads, rasters))
    stops = attrs(res["OUTPUT_STOPS"])
    assert {s["name"] for s in stops} == {"km 7.5", "km 35"}
    assert {s["name"]: s["people"] for s in stops} == {"km 7.5": 150.0, "km 35": 80.0}
    assert all(s["every_days"] == 14.0 for s in stops)  # the clinic standard
    (route,) = attrs(res["OUTPUT_ROUTES"])
    assert route["drive_min"] == pytest.approx(55.0, abs=1e-6)
    assert route["total_min"] == pytest.approx(115.0, abs=1e-6)
    assert route["km"] == pytest.approx(55.0, abs=1e-6)
    assert res["PEOPLE_REACHED"] == pytest.approx(230.0)
    trade = sorted(attrs(res["OUTPUT_TRADEOFF"]), key=lambda r: r["routes"])
    assert [r["routes"] for r in trade] == [1, 2]
    assert trade[0]["people_reached"] == pytest.approx(230.0)
    assert trade[1]["people_reached"] >= trade[0]["people_reached"]
    assert trade[0]["minutes_for_target"] == pytest.approx(115.0, abs=1e-6)


def test_coveringtour_without_candidates_and_with_a_fixed_clinic(provider, roads, rasters):
    """Candidates every 500 m along the roads; a fixed clinic at km 35 serves the eastern
    village already. Riding 32 min (6 cells), the candidate nearest the depot that reaches
    both western villages (km 5 and 10) is km 8: one stop, 2 × 14 km of driving."""
    clinic = points_layer([(km(35), "Gacha clinic")])
    params = cover_params(
        roads, rasters, CANDIDATES=None, SPACING=500.0, FIXED=clinic, ACCESS_MINUTES=32.0
    )
    params["TRADEOFF"] = ""
    res = run("coveringtour", params)
    (stop,) = attrs(res["OUTPUT_STOPS"])
    assert stop["people"] == pytest.approx(150.0)
    x = next(res["OUTPUT_STOPS"].getFeatures()).geometry().asPoint().x()
    assert x == pytest.approx(km(8)[0], abs=1e-6)
    (route,) = attrs(res["OUTPUT_ROUTES"])
    assert route["drive_min"] == pytest.approx(28.0, abs=1e-6)


def test_coveringtour_target_beyond_the_routes(provider, roads, rasters):
    with pytest.raises(QgsProcessingException, match=r"cannot reach 100\.0 %"):
        run("coveringtour", cover_params(roads, rasters, WORK_HOURS=1.0, TRADEOFF=""))


def districts_layer():
    lyr = QgsVectorLayer(f"Polygon?crs={CRS}&field=name:string", "districts", "memory")
    feats = []
    for name, x0, x1 in (("West 西", X0, X0 + 20000.0), ("East 东", X0 + 20000.0, X0 + 45000.0)):
        f = QgsFeature(lyr.fields())
        y1 = Y0 - ROWS * CELL
        f.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x0} {Y0},{x1} {Y0},{x1} {y1},{x0} {y1},{x0} {Y0}))")
        )
        f.setAttributes([name])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def test_fixedmobile_classes_and_district_table(provider, roads, rasters, tmp_path):
    """A gacha clinic at km 35 serves the east (80 people); a mobile stop at km 7.5 every 14
    days serves both western villages (150) — unless the standard asks for weekly visits."""
    riding, people_tif, grid, kmh, people = rasters
    plan = run(
        "planroutes",
        plan_params(
            roads, points_layer([(km(7.5), "km 7.5")]), WEEKS=4, WEEKDAYS="Mon-Fri",
            VISIT_EVERY_DAYS=14,
        ),
    )  # fmt: skip
    clinic = points_layer([(km(35), "Gacha clinic", "village")], "name:string,level:string")
    common = {
        "FIXED": clinic,
        "LEVEL_FIELD": "level",
        "STOPS": plan["OUTPUT_STOPS"],
        "VISITS_FIELD": "visits_month",
        "DISTRICTS": districts_layer(),
        "DISTRICT_NAME_FIELD": "name",
        "RESIDENT_SPEED": riding,
        "POPULATION": people_tif,
        "ACCESS_MINUTES": 30.0,
        "OUTPUT_TABLE": "memory:",
    }
    res = run("fixedmobile", {**common, "OUTPUT": str(tmp_path / "combined.tif")})
    rows = {r["district"]: r for r in attrs(res["OUTPUT_TABLE"])}
    assert rows["West 西"]["mobile"] == pytest.approx(150.0)
    assert rows["East 东"]["fixed"] == pytest.approx(80.0)
    assert rows["East 东"]["fixed_village"] == pytest.approx(80.0)
    assert rows["Total"]["not_covered"] == pytest.approx(0.0)
    for r in rows.values():
        assert r["fixed"] + r["mobile"] + r["not_covered"] == pytest.approx(r["people"])
    from mps_planner.qgis_io.raster_io import read_raster

    classes = read_raster(tmp_path / "combined.tif").array
    assert classes[10, 10] == 2 and classes[10, 20] == 2  # the western villages: mobile
    assert classes[10, 70] == 1 and classes[0, 45] == 3
    weekly = run(
        "fixedmobile", {**common, "VISIT_EVERY_DAYS": 7, "OUTPUT": str(tmp_path / "w.tif")}
    )
    rows = {r["district"]: r for r in attrs(weekly["OUTPUT_TABLE"])}
    assert rows["West 西"]["mobile"] == 0.0
    assert rows["West 西"]["not_covered"] == pytest.approx(150.0)
    assert rows["West 西"]["mobile_below"] == pytest.approx(150.0)


def test_route_and_coverage_styles(provider, roads, rasters, tmp_path):
    """One colour per vehicle in the route legend; three classes in the coverage legend."""
    from qgis.core import QgsRasterLayer

    from mps_planner.report.mobile_styles import style_combined, style_plan_stops, style_routes

    two_depots = points_layer([(km(2), "West clinic"), (km(42), "East clinic")])
    res = run(
        "planroutes",
        plan_params(roads, points_layer(FOUR), DEPOTS=two_depots, WEEKDAYS="Mon-Fri"),
    )
    routes = res["OUTPUT_ROUTES"]
    style_routes(routes)
    names = {f["vehicle_name"] for f in routes.getFeatures()}
    assert {c.value() for c in routes.renderer().categories()} == names
    assert len(names) == 2  # stops at both ends: each depot's van takes its side
    style_plan_stops(res["OUTPUT_STOPS"])
    assert res["OUTPUT_STOPS"].labelsEnabled()
    riding, *_ = rasters
    classes = np.array([[0, 1], [2, 3]], dtype=np.uint8)
    from mps_planner.qgis_io.raster_io import grid_of, read_raster

    grid = grid_of(read_raster(riding))
    small = AnalysisGrid(grid.crs_wkt, grid.geotransform, (2, 2))
    path = write_raster(tmp_path / "classes.tif", classes, small, nodata=0)
    layer = QgsRasterLayer(path, "classes", "gdal")
    style_combined(layer)
    labels = [c.label for c in layer.renderer().classes()]
    assert [c.value for c in layer.renderer().classes()] == [1, 2, 3]
    assert labels[0].startswith("fixed facility") and "未覆盖" in labels[2]
