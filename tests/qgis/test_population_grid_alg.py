"""mps_planner:populationgrid end to end through processing.run, and its bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)

from tests.io.population_rasters import ARCSEC3, epsg_wkt, positive_total, synthetic_worldpop

ALG = "mps_planner:populationgrid"


def run(params):
    import processing

    return processing.run(ALG, params, feedback=QgsProcessingFeedback())


def polygon_layer(wkt: str, crs: str = "EPSG:4326", features: bool = True) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"Polygon?crs={crs}", "study area", "memory")
    if features:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        layer.dataProvider().addFeatures([feature])
    return layer


def read(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    return band.ReadAsArray(), band.GetNoDataValue(), ds.GetProjection()


def test_algorithm_is_registered_with_help(provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg is not None
    help_text = alg.shortHelpString()
    assert "metres" in help_text and "−99999" in help_text and "TOTAL_IN" in help_text


def test_degrees_to_utm_end_to_end(provider, tmp_path):
    src, values = synthetic_worldpop(tmp_path / "pop.tif")
    out = tmp_path / "grid.tif"
    result = run({"INPUT": str(src), "CELL_SIZE": 100, "OUTPUT": str(out)})
    assert result["GRID_CRS"] == "EPSG:32650"
    total = positive_total(values)
    assert result["TOTAL_IN"] == pytest.approx(total, rel=1e-9)
    assert abs(result["TOTAL_OUT"] - total) <= 1e-9 * total
    assert abs(result["RELATIVE_DIFFERENCE"]) < 1e-9
    array, nodata, _crs = read(out)
    assert nodata == -99999
    assert array.shape == (result["ROWS"], result["COLUMNS"])
    assert array[array != nodata].sum() == pytest.approx(result["TOTAL_OUT"], rel=1e-12)
    assert not list(tmp_path.glob(".*partial*"))


def test_study_area_in_another_crs_and_given_crs(provider, tmp_path):
    src, values = synthetic_worldpop(tmp_path / "pop.tif", shape=(60, 80))
    # a square in Web Mercator over the middle of the raster
    lon0, lat0 = 116.3 + 20 * ARCSEC3, 43.9 - 45 * ARCSEC3
    lon1, lat1 = 116.3 + 60 * ARCSEC3, 43.9 - 15 * ARCSEC3
    square = QgsGeometry.fromWkt(
        f"POLYGON(({lon0} {lat0},{lon1} {lat0},{lon1} {lat1},{lon0} {lat1},{lon0} {lat0}))"
    )
    from qgis.core import QgsCoordinateTransform

    square.transform(
        QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"),
            QgsCoordinateReferenceSystem("EPSG:3857"),
            QgsProject.instance(),
        )
    )
    area = polygon_layer(square.asWkt(), "EPSG:3857")
    out = tmp_path / "clip.tif"
    result = run(
        {
            "INPUT": str(src),
            "STUDY_AREA": area,
            "CRS": QgsCoordinateReferenceSystem("EPSG:32650"),
            "CELL_SIZE": 50,
            "OUTPUT": str(out),
        }
    )
    assert result["OUTSIDE"] > 0
    assert result["TOTAL_OUT"] + result["OUTSIDE"] == pytest.approx(result["TOTAL_IN"], rel=1e-12)
    assert result["TOTAL_OUT"] == pytest.approx(positive_total(values[15:45, 20:60]), rel=0.05)
    array, nodata, _ = read(out)
    # the grid is the study area's extent: 40 × 30 cells of 3″ at 43.9° N ≈ 2.67 × 2.78 km,
    # i.e. about 53 × 56 cells of 50 m (plus snapping and the slight rotation in UTM)
    assert 53 <= result["COLUMNS"] <= 58 and 55 <= result["ROWS"] <= 60
    assert (array == nodata).any() and (array != nodata).mean() > 0.8


def test_output_is_styled_when_loaded(provider, tmp_path):
    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(20, 20))
    out = tmp_path / "styled.tif"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    alg = QgsApplication.processingRegistry().createAlgorithmById(ALG)
    params = {"INPUT": str(src), "CELL_SIZE": 100, "OUTPUT": str(out)}
    context.addLayerToLoadOnCompletion(
        str(out), QgsProcessingContext.LayerDetails("population", QgsProject.instance(), "OUTPUT")
    )
    _results, ok = alg.run(params, context, feedback)
    assert ok
    details = context.layerToLoadOnCompletionDetails(str(out))
    layer = QgsRasterLayer(str(out), "population")
    details.postProcessor().postProcessLayer(layer, context, feedback)
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)


# --- bad input: each message says what is wrong and what to do ----------------------------


def test_target_crs_in_degrees(provider, tmp_path):
    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(QgsProcessingException, match=r"is in degrees.*projected CRS in metres"):
        run(
            {
                "INPUT": str(src),
                "CRS": QgsCoordinateReferenceSystem("EPSG:4326"),
                "OUTPUT": str(tmp_path / "x.tif"),
            }
        )
    assert not (tmp_path / "x.tif").exists()


def test_study_area_not_overlapping(provider, tmp_path):
    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    area = polygon_layer("POLYGON((10 10,11 10,11 11,10 11,10 10))")
    with pytest.raises(QgsProcessingException, match="does not overlap the population raster"):
        run({"INPUT": str(src), "STUDY_AREA": area, "OUTPUT": str(tmp_path / "x.tif")})


def test_empty_study_area(provider, tmp_path):
    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    area = polygon_layer("", features=False)
    with pytest.raises(QgsProcessingException, match="study area is empty"):
        run({"INPUT": str(src), "STUDY_AREA": area, "OUTPUT": str(tmp_path / "x.tif")})


def test_all_nodata_input(provider, tmp_path):
    from tests.io.population_rasters import write_geotiff

    gt = (116.0, ARCSEC3, 0.0, 44.0, 0.0, -ARCSEC3)
    src = write_geotiff(tmp_path / "void.tif", np.full((8, 8), -99999.0), gt, epsg_wkt(4326))
    with pytest.raises(QgsProcessingException, match=r"only NoData.*band and the NoData value"):
        run({"INPUT": str(src), "OUTPUT": str(tmp_path / "x.tif")})


def test_invalid_input_raster(provider, tmp_path):
    bad = tmp_path / "not_a_raster.tif"
    bad.write_text("hello")
    with pytest.raises(QgsProcessingException, match="INPUT"):
        run({"INPUT": str(bad), "OUTPUT": str(tmp_path / "x.tif")})


def test_too_large_for_memory(provider, tmp_path):
    from tests.io.population_rasters import write_geotiff

    gt = (116.0, 0.1, 0.0, 44.0, 0.0, -0.1)  # one degree square
    src = write_geotiff(tmp_path / "big.tif", np.ones((10, 10)), gt, epsg_wkt(4326))
    with pytest.raises(QgsProcessingException, match=r"cells .* GB .*coarser cell size"):
        run({"INPUT": str(src), "CELL_SIZE": 0.5, "OUTPUT": str(tmp_path / "x.tif")})


def test_unsupported_output_format(provider, tmp_path):
    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(10, 10))
    with pytest.raises(QgsProcessingException, match=r"GeoTIFF \(\.tif\)"):
        run({"INPUT": str(src), "OUTPUT": str(tmp_path / "x.sdat")})


def test_cancel_writes_no_output(provider, tmp_path):
    import processing

    src, _ = synthetic_worldpop(tmp_path / "pop.tif", shape=(20, 20))
    out = tmp_path / "cancelled.tif"
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        processing.run(ALG, {"INPUT": str(src), "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists()
    assert not list(tmp_path.glob(".*partial*"))
