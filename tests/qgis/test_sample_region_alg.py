"""``mps_planner:sampleregion`` through processing.run, with loading, and through qgis_process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsPalettedRasterRenderer,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsSingleBandPseudoColorRenderer,
)

from mps_planner.core.sample_region import LAYER_NAMES, POPULATION_NODATA
from mps_planner.qgis_io.sample_region_io import RASTER_TABLES

ALG = "mps_planner:sampleregion"
REPO = Path(__file__).resolve().parents[2]


def _raster_total(source: str) -> float:
    ds = gdal.Open(source)  # keep the dataset alive while its band is read
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray()
    return float(values[values != band.GetNoDataValue()].sum(dtype=np.float64))


def test_processing_run_writes_every_output(provider, tmp_path):
    import processing

    out = tmp_path / "sample.gpkg"
    results = processing.run(
        ALG, {"SEED": 3, "CELL_SIZE": 1000, "OUTPUT": str(out)}, feedback=QgsProcessingFeedback()
    )
    assert results["OUTPUT"] == str(out) and out.exists()
    for name in (*LAYER_NAMES, *RASTER_TABLES):
        assert results[name.upper()], name
    assert results["TOTAL_SUMMER"] == results["TOTAL_WINTER"]
    assert abs(results["TOTAL_SUMMER"] - 150_000) < 1_500
    assert _raster_total(results["POPULATION_WINTER"]) == results["TOTAL_WINTER"]
    for season in ("SUMMER", "WINTER"):
        tif = results[f"POPULATION_{season}_4326"]
        assert Path(tif).parent == tmp_path
        assert _raster_total(tif) == results[f"TOTAL_{season}"]
        ds = gdal.Open(tif)
        assert ds.GetRasterBand(1).GetNoDataValue() == POPULATION_NODATA
    ds = gdal.Open(results["LANDCOVER"])
    assert (ds.RasterXSize, ds.RasterYSize) == (150, 100)  # 150 km × 100 km at 1 km


def test_loaded_layers_are_styled_and_stacked(provider, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults(
        ALG, {"SEED": 1, "CELL_SIZE": 1000, "OUTPUT": str(tmp_path / "s.gpkg")}
    )
    order = [node.layer() for node in project.layerTreeRoot().findLayers()]
    by_name = {layer.customProperty("mps_planner/sample_layer"): layer for layer in order}
    assert {"facilities", "roads", "districts", "population_summer", "landcover"} <= set(by_name)
    assert isinstance(by_name["roads"].renderer(), QgsCategorizedSymbolRenderer)
    assert by_name["roads"].renderer().classAttribute() == "road_class"
    assert isinstance(by_name["facilities"].renderer(), QgsCategorizedSymbolRenderer)
    assert isinstance(by_name["population_summer"].renderer(), QgsSingleBandPseudoColorRenderer)
    assert isinstance(by_name["landcover"].renderer(), QgsPalettedRasterRenderer)
    assert by_name["districts"].labelsEnabled()
    # Points above lines above polygons above rasters, or the rasters would hide the rest.
    rank = [layer.customProperty("mps_planner/sample_layer") for layer in order]
    assert rank.index("facilities") < rank.index("roads") < rank.index("districts")
    assert rank.index("districts") < rank.index("population_summer") < rank.index("landcover")
    project.clear()


def test_bad_cell_size_is_refused_with_a_message(provider, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match=r"(?i)cell.size"):
        processing.run(ALG, {"SEED": 1, "CELL_SIZE": 1, "OUTPUT": str(tmp_path / "x.gpkg")})
    assert not (tmp_path / "x.gpkg").exists()


@pytest.mark.slow
def test_qgis_process_runs_it_headless(tmp_path):
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    assert Path(exe).exists(), "qgis_process.bin is part of the qgis package (make deps)"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(REPO),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),  # never the user's own profile
    )
    enable = subprocess.run(
        [exe, "plugins", "enable", "mps_planner"], env=env, capture_output=True, text=True
    )
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "headless.gpkg"
    run = subprocess.run(
        [exe, "--json", "run", ALG, "--", "SEED=2", "CELL_SIZE=2000", f"OUTPUT={out}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    results = json.loads(run.stdout[run.stdout.index("{") :])["results"]
    assert Path(results["OUTPUT"]) == out and out.exists()
    assert results["TOTAL_SUMMER"] == results["TOTAL_WINTER"]
    assert _raster_total(results["POPULATION_SUMMER"]) == results["TOTAL_SUMMER"]
    assert _raster_total(results["POPULATION_SUMMER_4326"]) == results["TOTAL_SUMMER"]
