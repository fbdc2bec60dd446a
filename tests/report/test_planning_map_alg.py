"""mps_planner:planningmap through processing.run and headless through qgis_process.bin."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from .reference import DISTRICTS, core_table, district_wkt, pdf_pages, rasterise

REPO = Path(__file__).resolve().parents[2]
ALG = "mps_planner:planningmap"


def coverage_layer() -> QgsVectorLayer:
    """The table mps_planner:coverage writes, from a core coverage table."""
    table = core_table()
    layer = QgsVectorLayer("None", "coverage", "memory")
    fields = QgsFields()
    for name, kind in (
        ("level", QVariant.String),
        ("name", QVariant.String),
        ("people", QVariant.Double),
    ):
        fields.append(QgsField(name, kind))
    for t in table.thresholds:
        for prefix in ("covered", "uncovered", "share"):
            fields.append(QgsField(f"{prefix}_{t:g}", QVariant.Double))
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    rows = [("total", "all", table.total, table.covered)]
    rows += [
        ("district", n, table.zone_totals[z], table.by_zone[z])
        for z, n in enumerate(table.zone_names)
    ]
    features = []
    for level, name, people, covered in rows:
        values = [level, name, float(people)]
        for c in covered:
            values += [float(c), float(people - c), float(c / people) if people else None]
        f = QgsFeature(layer.fields())
        f.setAttributes(values)
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def districts_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer("Polygon?crs=EPSG:32650&field=name:string", "Districts", "memory")
    features = []
    for i, (name, _) in enumerate(DISTRICTS):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(district_wkt(i)))
        f.setAttributes([name])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


def test_planningmap_algorithm_writes_pdf_png_and_the_core_table(mps_processing, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    districts = districts_layer()
    project.addMapLayer(districts)
    project.setCrs(districts.crs())
    out = processing.run(
        ALG,
        {
            "LAYERS": [districts.id()],
            "TITLE": "Algorithm sheet",
            "COVERAGE": coverage_layer(),
            "PAPER": 2,
            "LANGUAGE": 1,
            "DPI": 50,
            "OUTPUT_PDF": str(tmp_path / "m.pdf"),
            "OUTPUT_PNG": str(tmp_path / "m.png"),
            "OUTPUT_TABLES": str(tmp_path / "tables"),
        },
    )
    assert out["LAYOUT"] == "Algorithm sheet"
    assert project.layoutManager().layoutByName("Algorithm sheet") is not None
    assert pdf_pages(tmp_path / "m.pdf") == 1 and (tmp_path / "m.png").stat().st_size > 5000
    (page,) = rasterise(tmp_path / "m.pdf", tmp_path / "pages")
    assert page.std() > 8
    raw = (tmp_path / "tables" / "coverage_by_district.csv").read_bytes()
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    table = core_table()
    assert [r[0] for r in rows[1:-1]] == table.zone_names
    for z, row in enumerate(rows[1:-1]):
        assert float(row[1].replace(",", "")) == pytest.approx(table.zone_totals[z], abs=0.5)
    project.clear()


def test_planningmap_without_results_says_what_to_do(mps_processing, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="no scenario yet"):
        processing.run(ALG, {"LAYERS": [districts_layer()], "OUTPUT_PDF": str(tmp_path / "x.pdf")})
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
def test_qgis_process_builds_the_map_headless(qgis_app, tmp_path):
    gpkg = tmp_path / "inputs.gpkg"
    for layer, action in (
        (districts_layer(), QgsVectorFileWriter.CreateOrOverwriteFile),
        (coverage_layer(), QgsVectorFileWriter.CreateOrOverwriteLayer),
    ):
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = layer.name()
        options.actionOnExistingFile = action
        err = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, str(gpkg), QgsCoordinateTransformContext(), options
        )
        assert err[0] == QgsVectorFileWriter.NoError, err
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    assert Path(exe).exists(), "qgis_process.bin is part of the qgis package (make deps)"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_PLUGINPATH=str(REPO),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
    )
    enable = subprocess.run(
        [exe, "plugins", "enable", "mps_planner"], env=env, capture_output=True, text=True
    )
    assert enable.returncode == 0, enable.stdout + enable.stderr
    pdf = tmp_path / "headless.pdf"
    run = subprocess.run(
        [
            exe,
            "--json",
            "run",
            ALG,
            "--",
            f"LAYERS={gpkg}|layername=Districts",
            f"COVERAGE={gpkg}|layername=coverage",
            "TITLE=Headless 无头",
            "DPI=50",
            f"OUTPUT_PDF={pdf}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    results = json.loads(run.stdout[run.stdout.index("{") :])["results"]
    assert Path(results["OUTPUT_PDF"]) == pdf and pdf_pages(pdf) == 1
    (page,) = rasterise(pdf, tmp_path / "pages")
    assert page.std() > 8
