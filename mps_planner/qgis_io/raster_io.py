"""Reading and writing rasters on the analysis grid with GDAL (no QGIS objects needed).

Rasters go to GeoTIFF (tiled, DEFLATE-compressed) or into a GeoPackage raster table;
the format follows the file extension. Every write goes to a temporary file first and is
moved into place only when complete, so a failed or cancelled run never leaves a
half-written file under the requested name.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from osgeo import gdal, osr

from ..core.errors import InputError
from ..core.grid import AnalysisGrid

gdal.UseExceptions()
osr.UseExceptions()

_GDAL_TYPES = {
    np.dtype("uint8"): gdal.GDT_Byte,
    np.dtype("int16"): gdal.GDT_Int16,
    np.dtype("uint16"): gdal.GDT_UInt16,
    np.dtype("int32"): gdal.GDT_Int32,
    np.dtype("uint32"): gdal.GDT_UInt32,
    np.dtype("float32"): gdal.GDT_Float32,
    np.dtype("float64"): gdal.GDT_Float64,
}


@dataclass
class RasterData:
    """One band of a raster as read from disk, in its own CRS."""

    array: np.ndarray
    geotransform: tuple[float, float, float, float, float, float]
    crs_wkt: str
    nodata: float | None

    @property
    def is_geographic(self) -> bool:
        return crs_is_geographic(self.crs_wkt)

    def valid_mask(self) -> np.ndarray:
        """True where the value is a real number: not NoData, not NaN."""
        mask = (
            np.isfinite(self.array)
            if self.array.dtype.kind == "f"
            else np.ones_like(self.array, dtype=bool)
        )
        if self.nodata is not None and not np.isnan(self.nodata):
            mask &= self.array != self.nodata
        return mask


def crs_is_geographic(crs_wkt: str) -> bool:
    if not crs_wkt:
        return False
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    return bool(srs.IsGeographic())


def crs_linear_units_m(crs_wkt: str) -> float | None:
    """Metres per unit of a projected CRS; None for a geographic or unknown CRS."""
    if not crs_wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    if not srs.IsProjected():
        return None
    return float(srs.GetLinearUnits())


def open_raster(source: str | os.PathLike) -> gdal.Dataset:
    try:
        ds = gdal.Open(str(source), gdal.GA_ReadOnly)
    except RuntimeError as exc:
        raise InputError(f"Cannot open raster '{source}': {exc}") from exc
    if ds is None:
        raise InputError(f"Cannot open raster '{source}'.")
    return ds


def read_raster(source: str | os.PathLike, band: int = 1) -> RasterData:
    """Read one band (as stored; integers stay integers) with its georeferencing."""
    ds = open_raster(source)
    if band < 1 or band > ds.RasterCount:
        raise InputError(f"Raster '{source}' has {ds.RasterCount} band(s); band {band} asked.")
    rb = ds.GetRasterBand(band)
    return RasterData(
        array=rb.ReadAsArray(),
        geotransform=tuple(ds.GetGeoTransform()),
        crs_wkt=ds.GetProjection() or "",
        nodata=rb.GetNoDataValue(),
    )


def grid_of(data: RasterData) -> AnalysisGrid:
    """The analysis grid of a raster already in a projected CRS with square cells."""
    if data.is_geographic:
        raise InputError(
            "This raster is in degrees (a geographic CRS). Move it onto a projected grid in "
            "metres first (Population grid algorithm), e.g. the UTM zone of the study area."
        )
    try:
        return AnalysisGrid(data.crs_wkt, data.geotransform, data.array.shape)
    except ValueError as exc:
        raise InputError(f"The raster cannot be used as an analysis grid: {exc}.") from exc


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.partial{path.suffix}")


def write_raster(
    path: str | os.PathLike,
    array: np.ndarray,
    grid: AnalysisGrid,
    nodata: float | None = None,
    *,
    table: str | None = None,
) -> str:
    """Write a 2-D array on ``grid`` to a GeoTIFF (``.tif``) or a GeoPackage raster table.

    Returns the GDAL/QGIS source string of the written raster. For GeoPackages, ``table``
    is the raster table name; the table is added to an existing GeoPackage.
    """
    path = Path(path)
    array = np.asarray(array)
    if array.shape != grid.shape:
        raise ValueError(f"array shape {array.shape} differs from grid shape {grid.shape}")
    if array.dtype == np.bool_:
        array = array.astype(np.uint8)
    if array.dtype not in _GDAL_TYPES:
        array = array.astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)

    if path.suffix.lower() == ".gpkg":
        return _write_gpkg_raster(path, array, grid, nodata, table or path.stem)

    tmp = _temporary_name(path)
    driver = gdal.GetDriverByName("GTiff")
    options = ["COMPRESS=DEFLATE", "TILED=YES", "BIGTIFF=IF_SAFER"]
    if array.dtype.kind == "f":
        options.append("PREDICTOR=3")
    ds = driver.Create(str(tmp), grid.cols, grid.rows, 1, _GDAL_TYPES[array.dtype], options)
    try:
        ds.SetGeoTransform(grid.geotransform)
        ds.SetProjection(grid.crs_wkt)
        band = ds.GetRasterBand(1)
        if nodata is not None:
            band.SetNoDataValue(float(nodata))
        band.WriteArray(array)
        band.FlushCache()
        ds.FlushCache()
    finally:
        ds = None
    os.replace(tmp, path)
    return str(path)


def _write_gpkg_raster(
    path: Path, array: np.ndarray, grid: AnalysisGrid, nodata: float | None, table: str
) -> str:
    """GeoPackage tiled gridded coverage (Float32 stored as TIFF tiles) or Byte PNG tiles."""
    if array.dtype.kind == "f" or array.dtype.itemsize > 1:
        array = array.astype(np.float32)
        options = ["TILE_FORMAT=TIFF"]
        gdal_type = gdal.GDT_Float32
    else:
        options = ["TILE_FORMAT=PNG"]
        gdal_type = gdal.GDT_Byte
    options += [f"RASTER_TABLE={table}", "APPEND_SUBDATASET=YES"]
    mem = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, 1, gdal_type)
    mem.SetGeoTransform(grid.geotransform)
    mem.SetProjection(grid.crs_wkt)
    band = mem.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(float(nodata))
    band.WriteArray(array)
    if not path.exists():
        options = [o for o in options if not o.startswith("APPEND_SUBDATASET")]
    gdal.GetDriverByName("GPKG").CreateCopy(str(path), mem, options=options)
    return f"GPKG:{path}:{table}"
