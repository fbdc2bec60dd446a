"""Bad input at the algorithm level (issues 3 and 4): cancelled runs, layers in another CRS,
empty layers, thresholds that are not minutes, p beyond the candidates — each through
processing.run, each with the message the user reads."""

from __future__ import annotations

import numpy as np
import pytest
from qgis import processing
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from mps_planner.qgis_io.raster_io import read_raster
from tests.processing.grid_region import CELL, X0, Y0, districts, points

UTM = QgsCoordinateReferenceSystem("EPSG:32649")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def in_wgs84(layer: QgsVectorLayer) -> QgsVectorLayer:
    """The same points as ``layer`` (UTM 49N), stored in EPSG:4326 degrees."""
    transform = QgsCoordinateTransform(UTM, WGS84, QgsProject.instance())
    out = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string", "sites 4326", "memory")
    feats = []
    for f in layer.getFeatures():
        g = QgsFeature(out.fields())
        p = transform.transform(f.geometry().asPoint())
        assert 100 < p.x() < 120 and 40 < p.y() < 45  # degrees of Inner Mongolia, not metres
        g.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(p.x(), p.y())))
        g.setAttributes([f["name"]])
        feats.append(g)
    out.dataProvider().addFeatures(feats)
    return out


def empty_points() -> QgsVectorLayer:
    return QgsVectorLayer("Point?crs=EPSG:32649&field=name:string", "no sites", "memory")


def cancelled() -> QgsProcessingFeedback:
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    return feedback


def cancels_after_first_progress() -> QgsProcessingFeedback:
    """A feedback whose user presses Cancel as soon as the first progress is shown."""
    feedback = QgsProcessingFeedback()
    reports = []

    def on_progress(value: float) -> None:
        reports.append(value)
        feedback.cancel()

    feedback.progressChanged.connect(on_progress)
    feedback.reports = reports  # kept alive with the feedback; the test reads it
    return feedback


FEEDBACKS = [
    pytest.param(cancelled, id="cancelled-before"),
    pytest.param(cancels_after_first_progress, id="cancelled-after-first-progress"),
]


def leftovers(folder, stem: str) -> list[str]:
    """Files of an output (its final name or a temporary name built on it)."""
    return sorted(p.name for p in folder.iterdir() if stem in p.name)


# -- cancelled runs ---------------------------------------------------------------------------


@pytest.mark.parametrize("make_feedback", FEEDBACKS)
@pytest.mark.parametrize("straight_kmh", [0.0, 5.0], ids=["speed-surface", "straight-line"])
def test_cancelled_travel_time_writes_nothing(
    mps_processing, region, tmp_path, make_feedback, straight_kmh
):
    grid, speed, pop, people, cost = region
    feedback = make_feedback()
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        processing.run(
            "mps_planner:traveltime",
            {
                "SPEED": speed,
                "SOURCES": points([(5, 5, "A"), (30, 50, "B")]),
                "STRAIGHT_LINE_KMH": straight_kmh,
                "OUTPUT": str(tmp_path / "minutes.tif"),
                "OUTPUT_NEAREST": str(tmp_path / "nearest.tif"),
            },
            feedback=feedback,
        )
    assert leftovers(tmp_path, "minutes") == [] and leftovers(tmp_path, "nearest") == []


@pytest.mark.parametrize("make_feedback", FEEDBACKS)
def test_cancelled_coverage_writes_nothing(mps_processing, region, tmp_path, make_feedback):
    grid, speed, pop, people, cost = region
    feedback = make_feedback()
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        processing.run(
            "mps_planner:coverage",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "SITES": points([(5, 5, "A"), (30, 50, "B")]),
                "THRESHOLDS": "10, 20",
                "DISTRICTS": districts(),
                "DISTRICT_NAME_FIELD": "name",
                "OUTPUT_TABLE": str(tmp_path / "table.gpkg"),
                "OUTPUT_GAP": str(tmp_path / "gap.tif"),
                "OUTPUT_TIME": str(tmp_path / "time.tif"),
                "OUTPUT_HOTSPOTS": str(tmp_path / "hotspots.gpkg"),
            },
            feedback=feedback,
        )
    for stem in ("table", "gap", "time", "hotspots"):
        assert leftovers(tmp_path, stem) == [], stem


def test_the_cancel_after_first_progress_feedback_does_cancel(qgis_app):
    """The helper above is what the tests rely on: one progress report cancels."""
    feedback = cancels_after_first_progress()
    assert not feedback.isCanceled()
    feedback.setProgress(1.0)
    assert feedback.isCanceled() and feedback.reports == [1.0]


# -- layers in another CRS are transformed, never assumed -------------------------------------


def test_sources_in_degrees_give_the_same_times_as_in_utm(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    utm = points([(5, 5, "A"), (30, 50, "B"), (12, 33, "C")])
    rasters = {}
    for label, layer in (("utm", utm), ("wgs84", in_wgs84(utm))):
        out = processing.run(
            "mps_planner:traveltime",
            {
                "SPEED": speed,
                "SOURCES": layer,
                "OUTPUT": str(tmp_path / f"t_{label}.tif"),
                "OUTPUT_NEAREST": str(tmp_path / f"n_{label}.tif"),
            },
        )
        rasters[label] = (
            read_raster(out["OUTPUT"]).array,
            read_raster(out["OUTPUT_NEAREST"]).array,
        )
    (t_utm, n_utm), (t_deg, n_deg) = rasters["utm"], rasters["wgs84"]
    assert (t_utm >= 0).sum() > 0.9 * t_utm.size  # a real result, not all NoData
    np.testing.assert_array_equal(t_deg, t_utm)
    np.testing.assert_array_equal(n_deg, n_utm)
    assert t_utm[5, 5] == 0 and t_utm[30, 50] == 0 and t_utm[12, 33] == 0


def test_coverage_sites_in_degrees_count_the_same_people(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    utm = points([(5, 5, "A"), (30, 50, "B")])
    tables = []
    for layer in (utm, in_wgs84(utm)):
        out = processing.run(
            "mps_planner:coverage",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "SITES": layer,
                "THRESHOLDS": "10, 20",
                "OUTPUT_TABLE": "memory:",
            },
        )
        tables.append(
            {(f["level"], f["name"]): f.attributes() for f in out["OUTPUT_TABLE"].getFeatures()}
        )
    assert tables[0] == tables[1]
    assert tables[0][("site", "A")][3] > 0 and tables[0][("site", "B")][3] > 0


# -- selectsites -------------------------------------------------------------------------------

CANDIDATES = [(5, 40, "a"), (30, 10, "b"), (20, 45, "c"), (35, 55, "d"), (10, 20, "e")]


def test_candidates_in_degrees_give_the_same_choice(mps_processing, region):
    grid, speed, pop, people, cost = region
    utm = points(CANDIDATES)
    chosen = []
    for layer in (utm, in_wgs84(utm)):
        out = processing.run(
            "mps_planner:selectsites",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "CANDIDATES": layer,
                "EXISTING": in_wgs84(points([(5, 5, "clinic")])),
                "P": 2,
                "THRESHOLD": 10,
                "OUTPUT": "memory:",
            },
        )
        chosen.append(
            [
                (f["name"], f["people_covered"], f.geometry().asPoint())
                for f in out["OUTPUT"].getFeatures()
            ]
        )
    assert len(chosen[0]) == 2 and chosen[0] == chosen[1]
    # the chosen sites are written in the grid's CRS (metres), on the candidates' cells
    for name, _, point in chosen[0]:
        r, c = next((r, c) for r, c, n in CANDIDATES if n == name)
        assert (point.x(), point.y()) == (X0 + (c + 0.5) * CELL, Y0 - (r + 0.5) * CELL)


def test_no_candidate_reaching_anyone_is_said(mps_processing, region):
    grid, speed, pop, people, cost = region
    # Passable cells without people: within 0.01 minutes a candidate reaches only its own cell.
    empty = np.argwhere((people == 0) & np.isfinite(cost))[:3]
    assert len(empty) == 3
    cand = points([(int(r), int(c), f"empty {i}") for i, (r, c) in enumerate(empty)])
    for problem in (0, 1):  # maximal covering, fewest sites for a target
        with pytest.raises(
            QgsProcessingException, match=r"No candidate reaches anyone within 0\.01 minutes"
        ):
            processing.run(
                "mps_planner:selectsites",
                {
                    "POPULATION": pop,
                    "SPEED": speed,
                    "CANDIDATES": cand,
                    "PROBLEM": problem,
                    "P": 1,
                    "THRESHOLD": 0.01,
                    "OUTPUT": "memory:",
                },
            )


@pytest.mark.parametrize("problem", [0, 2], ids=["maximal-covering", "p-median"])
def test_p_larger_than_the_candidates(mps_processing, region, problem):
    grid, speed, pop, people, cost = region
    with pytest.raises(
        QgsProcessingException,
        match="4 new sites were asked for, but there are only 2 candidates",
    ):
        processing.run(
            "mps_planner:selectsites",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "CANDIDATES": points(CANDIDATES[:2]),
                "PROBLEM": problem,
                "P": 4,
                "THRESHOLD": 10,
                "OUTPUT": "memory:",
            },
        )


def test_empty_candidate_layer(mps_processing, region):
    grid, speed, pop, people, cost = region
    with pytest.raises(QgsProcessingException, match="candidate layer has no usable points"):
        processing.run(
            "mps_planner:selectsites",
            {
                "POPULATION": pop,
                "SPEED": speed,
                "CANDIDATES": empty_points(),
                "P": 1,
                "OUTPUT": "memory:",
            },
        )


# -- catchments --------------------------------------------------------------------------------


def test_catchments_of_an_empty_site_layer(mps_processing, region, tmp_path):
    grid, speed, pop, people, cost = region
    with pytest.raises(QgsProcessingException, match="site layer has no usable points"):
        processing.run(
            "mps_planner:catchments",
            {
                "SPEED": speed,
                "SITES": empty_points(),
                "THRESHOLDS": "10",
                "OUTPUT": str(tmp_path / "catch.gpkg"),
            },
        )
    assert leftovers(tmp_path, "catch") == []


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        ("0", r"Thresholds must be more than 0 minutes; got \[0.0\]"),
        ("15, -30", r"Thresholds must be more than 0 minutes; got \[-30.0\]"),
        ("half an hour", "'half an hour' is not a list of minutes such as '15, 30, 60'"),
        ("15, 30 min", "'15, 30 min' is not a list of minutes"),
        (" ;, ", "Give the thresholds in minutes, e.g. '15, 30, 60'"),
        ("nan", "Thresholds must be more than 0 minutes"),
    ],
)
def test_catchment_thresholds_that_are_not_minutes(
    mps_processing, region, tmp_path, thresholds, message
):
    grid, speed, pop, people, cost = region
    with pytest.raises(QgsProcessingException, match=message):
        processing.run(
            "mps_planner:catchments",
            {
                "SPEED": speed,
                "SITES": points([(5, 5, "A")]),
                "THRESHOLDS": thresholds,
                "OUTPUT": str(tmp_path / "catch.gpkg"),
            },
        )
    assert leftovers(tmp_path, "catch") == []


@pytest.mark.parametrize("make_feedback", FEEDBACKS)
@pytest.mark.parametrize("overlap", [False, True], ids=["nearest-site", "each-site"])
def test_cancelled_catchments_raise(mps_processing, region, tmp_path, make_feedback, overlap):
    grid, speed, pop, people, cost = region
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        processing.run(
            "mps_planner:catchments",
            {
                "SPEED": speed,
                "SITES": points([(5, 5, "A"), (30, 50, "B")]),
                "THRESHOLDS": "10, 20",
                "OVERLAP": overlap,
                "OUTPUT": "memory:",
            },
            feedback=make_feedback(),
        )
