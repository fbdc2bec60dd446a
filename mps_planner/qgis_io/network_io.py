"""Road line layers → polylines with a road class per line (core.network.Polylines).

Any CRS: geometries are transformed to the analysis CRS with QgsCoordinateTransform. Single
and multi-part lines are read (curves are segmentized); empty, invalid or untransformable
geometries are skipped and counted. Vertices are read from each geometry's WKB with numpy,
never one QgsPoint at a time, so 100k segments take about a second.

Road classes come from a field: its values are mapped to class codes (1 paved, 2 gravel,
3 track) by name, case-insensitive, in English or Chinese, or by a mapping the user gives;
values that map to nothing get the default class, and the message lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsGeometry,
    QgsRectangle,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ..core.errors import Cancelled, InputError
from ..core.landcover import ROAD_CLASSES
from ..core.network import Polylines

# Field value (lower case, stripped) → class code. Codes themselves are accepted too.
ROAD_CLASS_NAMES: Mapping[str, int] = {
    "paved": 1,
    "asphalt": 1,
    "铺装路": 1,
    "铺装": 1,
    "柏油路": 1,
    "沥青路": 1,
    "水泥路": 1,
    "硬化路": 1,
    "gravel": 2,
    "砂石路": 2,
    "沙石路": 2,
    "碎石路": 2,
    "砂石": 2,
    "track": 3,
    "dirt": 3,
    "土路": 3,
    "便道": 3,
    "草原路": 3,
    "1": 1,
    "2": 2,
    "3": 3,
}
DEFAULT_CLASS = 3  # track: an unknown road is assumed slow, so coverage is not overstated

_LINESTRING = 2
_MULTILINESTRING = 5


@dataclass
class RoadLayer:
    """The lines of a road layer in the analysis CRS, with what was skipped or guessed."""

    polylines: Polylines
    feature_ids: np.ndarray  # one per line (a multi-part feature gives several lines)
    skipped: int = 0  # features with no usable line (empty, invalid, not transformable)
    unknown_values: dict[str, int] = field(default_factory=dict)  # value → feature count
    default_class: int = DEFAULT_CLASS

    @property
    def segment_count(self) -> int:
        """Segments between consecutive vertices, over all lines."""
        return int((np.diff(self.polylines.offsets) - 1).clip(min=0).sum())

    def messages(self) -> list[str]:
        """Warnings for the log: what was skipped, which class values were not known."""
        out = []
        if self.skipped:
            out.append(
                f"{self.skipped:,} road feature(s) were skipped: empty, invalid or not "
                "transformable to the analysis CRS."
            )
        if self.unknown_values:
            listed = ", ".join(
                f"'{v}' ({n:,})" for v, n in sorted(self.unknown_values.items())[:10]
            )
            more = (
                f" and {len(self.unknown_values) - 10} more"
                if len(self.unknown_values) > 10
                else ""
            )
            name = ROAD_CLASSES[self.default_class - 1]
            out.append(
                f"Road class values not recognised: {listed}{more}; those roads are treated "
                f"as '{name}'. Map them to paved, gravel or track in the class mapping."
            )
        return out


def parse_class_map(text: str | None) -> dict[str, int]:
    """A user's mapping "primary=paved; residential=gravel, 5=track" → value → class code."""
    mapping: dict[str, int] = {}
    if not text or not text.strip():
        return mapping
    for item in text.replace(";", ",").replace("\n", ",").split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise InputError(
                f"Cannot read '{item.strip()}' in the class mapping: write value=class, e.g. "
                "'primary=paved, residential=gravel'."
            )
        value, cls = (s.strip() for s in item.split("=", 1))
        mapping[value.lower()] = class_code(cls)
    return mapping


def class_code(name: str) -> int:
    """The class code of a class name ('paved', '砂石路', '2', ...)."""
    key = str(name).strip().lower()
    if key in ROAD_CLASS_NAMES:
        return ROAD_CLASS_NAMES[key]
    raise InputError(
        f"Unknown road class '{name}': use {', '.join(ROAD_CLASSES)} (or 1–{len(ROAD_CLASSES)})."
    )


def read_road_layer(
    source: QgsFeatureSource,
    crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
    class_field: str | None = None,
    class_map: Mapping[str, int] | None = None,
    default_class: int = DEFAULT_CLASS,
    cancel: Callable[[], bool] | None = None,
) -> RoadLayer:
    """Every line of ``source`` in ``crs`` with its class code.

    ``class_map`` (value → code, keys lower case) is tried before the built-in names. Without
    ``class_field`` every road gets ``default_class``.
    """
    names = dict(ROAD_CLASS_NAMES)
    names.update({str(k).strip().lower(): int(v) for k, v in (class_map or {}).items()})
    request = QgsFeatureRequest()
    index = -1
    if class_field:
        index = source.fields().lookupField(class_field)
        if index < 0:
            raise InputError(
                f"The road layer has no field '{class_field}'; choose the field that holds "
                "the road class."
            )
        request.setSubsetOfAttributes([index])
    else:
        request.setSubsetOfAttributes([])
    transform = None
    if source.sourceCrs() != crs:
        if not source.sourceCrs().isValid():
            raise InputError(
                "The road layer has no CRS: set its CRS (Layer Properties → Source) first."
            )
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, transform_context)
    parts: list[np.ndarray] = []
    part_class: list[int] = []
    part_fid: list[int] = []
    unknown: dict[str, int] = {}
    skipped = 0
    cache: dict[object, int] = {}
    for count, feature in enumerate(source.getFeatures(request)):
        if cancel is not None and count % 4096 == 0 and cancel():
            raise Cancelled("Reading the road layer was cancelled.")
        lines = _feature_lines(feature.geometry(), transform)
        if not lines:
            skipped += 1
            continue
        code = default_class
        if index >= 0:
            value = feature.attribute(index)
            if value in cache:
                code = cache[value]
            else:
                key = "" if value is None else str(value).strip().lower()
                if key.endswith(".0") and key[:-2].isdigit():
                    key = key[:-2]  # 2.0 from a real field
                code = names.get(key, -1)
                cache[value] = code
            if code < 0:
                shown = "NULL" if value is None or str(value) == "NULL" else str(value)
                unknown[shown] = unknown.get(shown, 0) + 1
                code = default_class
        parts.extend(lines)
        part_class.extend([code] * len(lines))
        part_fid.extend([feature.id()] * len(lines))
    if not parts:
        raise InputError(
            "The road layer has no usable lines"
            + (f" ({skipped:,} features were empty or invalid)" if skipped else "")
            + ": choose a line layer with roads."
        )
    sizes = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    polylines = Polylines(np.concatenate(parts), offsets, np.asarray(part_class, np.int16))
    return RoadLayer(polylines, np.asarray(part_fid, np.int64), skipped, unknown, default_class)


def _feature_lines(geometry: QgsGeometry, transform) -> list[np.ndarray]:
    """The (n, 2) vertex arrays of a line geometry's parts with ≥ 2 finite vertices."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return []
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.LineGeometry:
        return []
    if QgsWkbTypes.isCurvedType(geometry.wkbType()):
        geometry = QgsGeometry(geometry.constGet().segmentize())
    if transform is not None:
        geometry = QgsGeometry(geometry)
        try:
            geometry.transform(transform)
        except QgsCsException:
            return []
    try:
        lines = _parse_wkb(bytes(geometry.asWkb()))
    except (ValueError, IndexError):
        return []
    return [ln for ln in lines if len(ln) >= 2 and np.isfinite(ln).all()]


def _parse_wkb(wkb: bytes) -> list[np.ndarray]:
    """LineString / MultiLineString WKB (ISO, any dimension) → list of (n, 2) arrays."""
    order = "<" if wkb[0] == 1 else ">"
    kind = int(np.frombuffer(wkb, dtype=f"{order}u4", count=1, offset=1)[0])
    if kind == _LINESTRING or kind % 1000 == _LINESTRING:
        line, _ = _linestring(wkb, 0)
        return [line]
    if kind % 1000 == _MULTILINESTRING:
        n = int(np.frombuffer(wkb, dtype=f"{order}u4", count=1, offset=5)[0])
        out = []
        pos = 9
        for _ in range(n):
            line, pos = _linestring(wkb, pos)
            out.append(line)
        return out
    raise ValueError(f"not a line WKB type: {kind}")


def _linestring(wkb: bytes, pos: int) -> tuple[np.ndarray, int]:
    order = "<" if wkb[pos] == 1 else ">"
    kind = int(np.frombuffer(wkb, dtype=f"{order}u4", count=1, offset=pos + 1)[0])
    base = kind & 0x0FFFFFFF
    dims = 2
    if base >= 1000:
        dims += {1: 1, 2: 1, 3: 2}.get(base // 1000, 0)
    else:  # EWKB flags
        dims += bool(kind & 0x80000000) + bool(kind & 0x40000000)
    n = int(np.frombuffer(wkb, dtype=f"{order}u4", count=1, offset=pos + 5)[0])
    start = pos + 9
    coords = np.frombuffer(wkb, dtype=f"{order}f8", count=n * dims, offset=start)
    xy = coords.reshape(n, dims)[:, :2].astype(np.float64)
    return xy, start + 8 * n * dims


def metric_crs(
    crs: QgsCoordinateReferenceSystem,
    extent: QgsRectangle,
    transform_context: QgsCoordinateTransformContext,
) -> QgsCoordinateReferenceSystem:
    """``crs`` if it is projected in metres, else the WGS 84 UTM zone of the extent's centre
    (``extent`` in ``crs``)."""
    if crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceMeters:
        return crs
    if not crs.isValid():
        raise InputError("The road layer has no CRS: set its CRS (Layer Properties → Source).")
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    centre = QgsCoordinateTransform(crs, wgs84, transform_context).transform(extent.center())
    lon, lat = centre.x(), centre.y()
    zone = min(int((lon + 180.0) // 6.0) + 1, 60)
    return QgsCoordinateReferenceSystem(f"EPSG:{(32600 if lat >= 0 else 32700) + zone}")
