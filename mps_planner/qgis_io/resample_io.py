"""Rasters onto the analysis grid: categorical rasters (land cover) by nearest neighbour or
majority, continuous ones (speeds) by nearest neighbour or average, with GDAL Warp."""

from __future__ import annotations

import os

import numpy as np
from osgeo import gdal

from ..core.errors import InputError
from ..core.grid import AnalysisGrid
from .raster_io import RasterData, open_raster

gdal.UseExceptions()

_RESAMPLING = {
    "near": gdal.GRA_NearestNeighbour,
    "mode": gdal.GRA_Mode,
    "average": gdal.GRA_Average,
}


def read_on_grid(
    source: str | os.PathLike,
    grid: AnalysisGrid,
    resampling: str = "near",
    band: int = 1,
) -> RasterData:
    """Band ``band`` of a raster warped onto ``grid`` (any source CRS).

    Cells the source does not cover get the source's NoData (or NaN for floats, 0 for
    integers when it has none). Use "mode" for land cover coarser than its source.
    """
    ds = open_raster(source)
    if band < 1 or band > ds.RasterCount:
        raise InputError(f"Raster '{source}' has {ds.RasterCount} band(s); band {band} asked.")
    if not ds.GetProjection():
        raise InputError(
            f"Raster '{source}' has no coordinate reference system; set it in QGIS "
            "(Layer Properties > Source) and save it, then run again."
        )
    if ds.RasterCount > 1:  # WarpOptions(srcBands=...) needs GDAL 3.7: pick the band by VRT
        ds = gdal.Translate("", ds, format="VRT", bandList=[band])
        band = 1
    src_band = ds.GetRasterBand(band)
    nodata = src_band.GetNoDataValue()
    is_float = src_band.DataType in (gdal.GDT_Float32, gdal.GDT_Float64)
    fill = nodata if nodata is not None else (np.nan if is_float else 0)
    xmin, ymin, xmax, ymax = grid.extent
    options = gdal.WarpOptions(
        format="MEM",
        outputBounds=(xmin, ymin, xmax, ymax),
        width=grid.cols,
        height=grid.rows,
        dstSRS=grid.crs_wkt,
        resampleAlg=_RESAMPLING[resampling],
        srcNodata=nodata,
        dstNodata=fill,
        multithread=True,
    )
    warped = gdal.Warp("", ds, options=options)
    if warped is None:
        raise InputError(f"Could not move raster '{source}' onto the analysis grid.")
    out = warped.GetRasterBand(1)
    return RasterData(
        array=out.ReadAsArray(),
        geotransform=tuple(warped.GetGeoTransform()),
        crs_wkt=warped.GetProjection(),
        nodata=None if fill is None or (isinstance(fill, float) and np.isnan(fill)) else fill,
    )
