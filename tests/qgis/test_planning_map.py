"""The planning-map layout builds in a real QGIS, exports, and the PDF is not blank."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from mps_planner.report.layer_styles import style_districts, style_facilities
from mps_planner.report.model import SheetModel, TableModel
from mps_planner.report.planning_map import build_layout, export_layout


def _layers():
    districts = QgsVectorLayer(
        "Polygon?crs=EPSG:32650&field=name:string&field=name_zh:string", "districts", "memory"
    )
    feats = []
    for i, (name, zh) in enumerate([("Bayan Sumu", "巴彦苏木"), ("Town", "镇")]):
        f = QgsFeature(districts.fields())
        x0 = 500000 + i * 20000
        f.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({x0} 4800000,{x0 + 20000} 4800000,{x0 + 20000} 4820000,"
                f"{x0} 4820000,{x0} 4800000))"
            )
        )
        f.setAttributes([name, zh])
        feats.append(f)
    districts.dataProvider().addFeatures(feats)
    facilities = QgsVectorLayer(
        "Point?crs=EPSG:32650&field=name:string&field=service:string", "facilities", "memory"
    )
    f = QgsFeature(facilities.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(510000, 4810000)))
    f.setAttributes(["County hospital 县医院", "hospital"])
    facilities.dataProvider().addFeatures([f])
    style_districts(districts)
    style_facilities(facilities)
    return districts, facilities


def test_layout_exports_pdf_and_png_with_content(qgis_app, tmp_path):
    project = QgsProject.instance()
    project.clear()
    districts, facilities = _layers()
    project.addMapLayers([districts, facilities])
    project.setCrs(districts.crs())
    sheet = SheetModel(
        title="Test county — planning map 规划图",
        subtitle="Clinic, 30 min",
        layer_ids=[facilities.id(), districts.id()],
        overview_layer_ids=[districts.id()],
        tables=[TableModel("Coverage by district", ["District", "Covered"], [["巴彦苏木", "12"]])],
        date_text="2026-11-23",
        sources_text="Synthetic data",
    )
    layout = build_layout(project, sheet, "Planning map")
    assert project.layoutManager().layoutByName("Planning map") is layout
    pdf, png = export_layout(layout, tmp_path / "map.pdf", tmp_path / "map.png", dpi=60)
    assert pdf.stat().st_size > 5000
    image = QImage(str(png))
    assert image.width() > 800
    # Not blank: a real spread of pixel values.
    ptr = image.constBits()
    ptr.setsize(image.sizeInBytes())
    pixels = np.frombuffer(ptr, dtype=np.uint8)
    assert pixels.std() > 5
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), info

    # Rebuilding replaces the layout instead of adding a second one.
    build_layout(project, sheet, "Planning map")
    names = [lay.name() for lay in project.layoutManager().printLayouts()]
    assert names.count("Planning map") == 1
    project.clear()


def test_missing_layer_is_explained(qgis_app):
    from mps_planner.core.errors import InputError

    project = QgsProject.instance()
    project.clear()
    with pytest.raises(InputError, match="no longer in the project"):
        build_layout(project, SheetModel(title="x", layer_ids=["gone"]), "x")


def test_csv_has_bom_for_chinese(tmp_path):
    table = TableModel("t", ["区", "人口"], [["巴彦苏木", "1200"]])
    path = table.write_csv(tmp_path / "t.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "巴彦苏木" in raw.decode("utf-8-sig")
