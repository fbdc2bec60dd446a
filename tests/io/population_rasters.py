"""Synthetic population rasters for the io and Processing tests (generated, never fetched)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()

ARCSEC3 = 1.0 / 1200.0  # WorldPop's 3″ cell, in degrees


def epsg_wkt(code: int) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(code)
    return srs.ExportToWkt()


def write_geotiff(
    path: Path,
    values: np.ndarray,
    geotransform: tuple[float, ...],
    crs_wkt: str | None,
    nodata: float | None = -99999.0,
) -> Path:
    """Write a single-band Float32 GeoTIFF as WorldPop does."""
    ds = gdal.GetDriverByName("GTiff").Create(
        str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32
    )
    ds.SetGeoTransform(geotransform)
    if crs_wkt:
        ds.SetProjection(crs_wkt)
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(values.astype(np.float32))
    ds = None
    return path


def synthetic_worldpop(
    path: Path,
    lon: float = 116.3,
    lat: float = 43.9,
    shape: tuple[int, int] = (120, 160),
    seed: int = 0,
    nodata_share: float = 0.05,
) -> tuple[Path, np.ndarray]:
    """A 3″ EPSG:4326 raster of people per cell with a town, scattered camps and NoData.

    Returns the path and the values as written (float32, −99999 for NoData).
    """
    rng = np.random.default_rng(seed)
    rows, cols = shape
    yy, xx = np.mgrid[0:rows, 0:cols]
    town = 400.0 * np.exp(
        -(((yy - rows * 0.4) ** 2 + (xx - cols * 0.6) ** 2) / (0.02 * rows * cols))
    )
    values = (town + rng.gamma(0.3, 2.0, size=shape)).astype(np.float32)
    values[rng.random(shape) < nodata_share] = -99999.0
    gt = (lon, ARCSEC3, 0.0, lat, 0.0, -ARCSEC3)
    write_geotiff(path, values, gt, epsg_wkt(4326))
    return path, values


def positive_total(values: np.ndarray) -> float:
    v = values.astype(np.float64)
    return float(v[np.isfinite(v) & (v > 0)].sum())
