"""The panel's live rasters: written once in full, then updated window by window.

Three GeoTIFFs on the analysis grid (tiled, not compressed, so that a window can be
rewritten in place): ``bands`` (Byte; 1 = reached within the first threshold, 2 within the
second, …; NoData 0), ``gap`` (Float32 people not reached within the target; 0 shown
transparent) and ``change`` (Byte; 1 gained, 2 lost in the last edit; NoData 0).

``write_live_rasters`` runs in a background task (GDAL only). ``write_windows`` runs on the
main thread with the layers' own data providers (QGIS's GDAL provider opens the file for
update, writes the blocks and reopens it read-only), then the layers repaint.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
from osgeo import gdal
from qgis.core import Qgis, QgsRasterBlock, QgsRasterLayer

from ..core.grid import AnalysisGrid
from ..core.live_session import RasterWindow

gdal.UseExceptions()

LIVE_RASTERS = ("bands", "gap", "change")
_TYPES = {"bands": gdal.GDT_Byte, "gap": gdal.GDT_Float32, "change": gdal.GDT_Byte}
_NODATA = {"bands": 0, "gap": None, "change": 0}
_QGIS_TYPES = {"bands": Qgis.Byte, "gap": Qgis.Float32, "change": Qgis.Byte}
_NUMPY = {"bands": np.uint8, "gap": np.float32, "change": np.uint8}


def write_live_rasters(folder: str | Path, grid: AnalysisGrid, full: RasterWindow) -> dict:
    """Write the three rasters (new file names each time, so layers still showing the old
    ones are never written under); return name → path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = uuid.uuid4().hex[:8]
    paths = {}
    driver = gdal.GetDriverByName("GTiff")
    for name in LIVE_RASTERS:
        path = folder / f"live_{name}_{stamp}.tif"
        tmp = path.with_name(f".{path.stem}.partial.tif")
        ds = driver.Create(
            str(tmp), grid.cols, grid.rows, 1, _TYPES[name], ["TILED=YES", "BIGTIFF=IF_SAFER"]
        )
        try:
            ds.SetGeoTransform(grid.geotransform)
            ds.SetProjection(grid.crs_wkt)
            band = ds.GetRasterBand(1)
            if _NODATA[name] is not None:
                band.SetNoDataValue(float(_NODATA[name]))
            band.WriteArray(getattr(full, name).astype(_NUMPY[name]))
            ds.FlushCache()
        finally:
            ds = None
        tmp.replace(path)
        paths[name] = str(path)
    return paths


def remove_live_rasters(paths) -> None:
    """Delete rasters no layer shows any more (missing ones are ignored)."""
    for path in paths:
        for leftover in (Path(path), Path(f"{path}.aux.xml")):
            leftover.unlink(missing_ok=True)


def write_windows(layers: dict[str, QgsRasterLayer], windows: list[RasterWindow]) -> bool:
    """Write the windows into the live layers in place and repaint them; False if a
    provider refused (the caller then rewrites the rasters in full)."""
    ok = True
    for name, layer in layers.items():
        if layer is None or not layer.isValid() or not windows:
            continue
        provider = layer.dataProvider()
        if not provider.setEditable(True):
            return False
        try:
            for window in windows:
                values = np.ascontiguousarray(getattr(window, name), dtype=_NUMPY[name])
                rows, cols = values.shape
                block = QgsRasterBlock(_QGIS_TYPES[name], cols, rows)
                block.setData(values.tobytes())
                ok &= bool(provider.writeBlock(block, 1, window.col0, window.row0))
        finally:
            provider.setEditable(False)
        layer.triggerRepaint()
    return ok
