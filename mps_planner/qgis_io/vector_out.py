"""Write features to a GeoPackage layer (created or replaced) and open it again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import numpy as np
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFields,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.errors import InputError


def plain_attribute(value):
    """numpy numbers → Python numbers, None → NULL: QGIS refuses a feature (silently) whose
    attributes hold numpy scalars."""
    if value is None:
        return NULL
    if isinstance(value, np.generic):
        return value.item()
    return value


def write_gpkg_layer(
    gpkg: str | os.PathLike,
    name: str,
    fields: QgsFields,
    geometry_type: QgsWkbTypes.Type,
    crs: QgsCoordinateReferenceSystem,
    features: Iterable[QgsFeature],
) -> QgsVectorLayer:
    """Write ``features`` as layer ``name`` of ``gpkg`` (replacing a layer of that name)."""
    gpkg = Path(gpkg)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if gpkg.exists()
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    writer = QgsVectorFileWriter.create(
        str(gpkg), fields, geometry_type, crs, QgsCoordinateTransformContext(), options
    )
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise InputError(f"Cannot write layer '{name}' to {gpkg}: {writer.errorMessage()}")
    for feature in features:
        writer.addFeature(feature)
    del writer  # closes the file
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise InputError(f"Layer '{name}' was written to {gpkg} but cannot be opened.")
    return layer
