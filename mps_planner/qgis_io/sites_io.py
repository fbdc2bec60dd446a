"""Point layers (sites, stops, depots) → coordinates in the analysis CRS and a name per point.

A multi-point feature counts as its first point (the message says how many had more);
features without a usable point are skipped and counted. Names come from a field, or are
"feature <id>", so that errors can say which point is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsWkbTypes,
)

from ..core.errors import InputError


@dataclass
class SitePoints:
    """Points in the analysis CRS, in feature order, with names and feature ids."""

    x: np.ndarray
    y: np.ndarray
    names: list[str]
    feature_ids: np.ndarray
    skipped: int = 0
    multipart: int = 0

    def __len__(self) -> int:
        return int(self.x.size)

    def messages(self) -> list[str]:
        out = []
        if self.skipped:
            out.append(f"{self.skipped:,} point feature(s) without a usable point were skipped.")
        if self.multipart:
            out.append(
                f"{self.multipart:,} multi-point feature(s): only their first point is used."
            )
        return out


def read_sites(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
    name_field: str | None = None,
    what: str = "site",
) -> SitePoints:
    """The points of ``source`` in ``crs``; at least one is needed."""
    request = QgsFeatureRequest()
    index = -1
    if name_field:
        index = source.fields().lookupField(name_field)
        if index < 0:
            raise InputError(f"The {what} layer has no field '{name_field}'.")
        request.setSubsetOfAttributes([index])
    else:
        request.setSubsetOfAttributes([])
    transform = None
    if source.sourceCrs() != crs:
        if not source.sourceCrs().isValid():
            raise InputError(
                f"The {what} layer has no CRS: set its CRS (Layer Properties → Source) first."
            )
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, transform_context)
    xs: list[float] = []
    ys: list[float] = []
    names: list[str] = []
    fids: list[int] = []
    skipped = multipart = 0
    for feature in source.getFeatures(request):
        geom = feature.geometry()
        if (
            geom is None
            or geom.isNull()
            or geom.isEmpty()
            or QgsWkbTypes.geometryType(geom.wkbType()) != QgsWkbTypes.PointGeometry
        ):
            skipped += 1
            continue
        if geom.isMultipart():
            points = geom.asMultiPoint()
            if not points:
                skipped += 1
                continue
            if len(points) > 1:
                multipart += 1
            point = points[0]
        else:
            point = geom.asPoint()
        if transform is not None:
            try:
                point = transform.transform(point)
            except QgsCsException:
                skipped += 1
                continue
        if not (np.isfinite(point.x()) and np.isfinite(point.y())):
            skipped += 1
            continue
        xs.append(point.x())
        ys.append(point.y())
        value = feature.attribute(index) if index >= 0 else None
        text = "" if value is None else str(value).strip()
        names.append(text if text and text != "NULL" else f"feature {feature.id()}")
        fids.append(feature.id())
    if not xs:
        detail = (
            f"{skipped:,} feature(s) without a usable point"
            if skipped
            else "the layer has no points"
        )
        raise InputError(
            f"The {what} layer has no usable points ({detail}): add at least one {what}."
        )
    return SitePoints(
        np.asarray(xs), np.asarray(ys), names, np.asarray(fids, np.int64), skipped, multipart
    )


def point_attributes(
    source: QgsFeatureSource, points: SitePoints, fields: Sequence[str]
) -> dict[str, list]:
    """Values of ``fields`` for the points read by :func:`read_sites` (same order; NULL → None)."""
    fields = [f for f in fields if f]
    if not fields:
        return {}
    index = {}
    for name in fields:
        i = source.fields().lookupField(name)
        if i < 0:
            raise InputError(f"The layer has no field '{name}'.")
        index[name] = i
    request = QgsFeatureRequest().setFilterFids([int(f) for f in points.feature_ids])
    request.setSubsetOfAttributes(list(index.values()))
    request.setFlags(QgsFeatureRequest.NoGeometry)
    by_fid = {}
    for feature in source.getFeatures(request):
        by_fid[feature.id()] = [feature.attribute(i) for i in index.values()]
    out: dict[str, list] = {name: [] for name in fields}
    for fid in points.feature_ids.tolist():
        values = by_fid.get(fid, [None] * len(fields))
        for name, value in zip(fields, values):
            out[name].append(None if value == NULL else value)
    return out
