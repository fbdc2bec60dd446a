"""Export layouts to PDF and PNG through temporary names renamed when complete."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from osgeo import gdal
from qgis.core import QgsLayoutExporter, QgsPrintLayout

from ..core.errors import Cancelled, InputError


def export_layout(
    layout: QgsPrintLayout,
    pdf_path: str | os.PathLike | None = None,
    png_path: str | os.PathLike | None = None,
    dpi: float = 150.0,
    feedback: Callable[[float], None] | None = None,
    png_pages: list[int] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[Path]:
    """Export to a PDF (every page) and/or a PNG (page 0, or ``png_pages``: page 0 goes to
    ``png_path``, page i to ``<stem>_<i+1>.png``). ``feedback(percent)`` after each file."""
    exporter = QgsLayoutExporter(layout)
    written: list[Path] = []
    jobs = [(p, kind) for p, kind in ((pdf_path, "pdf"), (png_path, "png")) if p]
    for i, (path, kind) in enumerate(jobs):
        if cancel is not None and cancel():
            raise Cancelled("Export cancelled.")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.partial{path.suffix}")
        if kind == "pdf":
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.dpi = dpi
            settings.rasterizeWholeImage = False
            settings.forceVectorOutput = False
            settings.appendGeoreference = True
            result = exporter.exportToPdf(str(tmp), settings)
            finals = [(tmp, path)]
        else:
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = dpi
            pages = png_pages or [0]
            settings.pages = pages
            # QGIS then tries to georeference the PNG through GDAL, which cannot update a
            # PNG in place and prints "ERROR 6"; the image itself is fine, so keep it quiet.
            gdal.PushErrorHandler("CPLQuietErrorHandler")
            try:
                result = exporter.exportToImage(str(tmp), settings)
            finally:
                gdal.PopErrorHandler()
            finals = []
            for page in pages:
                suffix = "" if page == 0 else f"_{page + 1}"
                finals.append(
                    (
                        tmp.with_name(f"{tmp.stem}{suffix}{tmp.suffix}"),
                        path.with_name(f"{path.stem}{suffix}{path.suffix}"),
                    )
                )
        if result != QgsLayoutExporter.Success:
            for t, _ in finals:
                t.unlink(missing_ok=True)
            raise InputError(f"Could not export the layout to {path}: {exporter.errorMessage()}")
        for t, final in finals:
            os.replace(t, final)
            written.append(final)
            for extra in (t.with_suffix(".pgw"), t.with_suffix(".png.aux.xml")):
                extra.unlink(missing_ok=True)
        if feedback:
            feedback(100.0 * (i + 1) / len(jobs))
    return written
