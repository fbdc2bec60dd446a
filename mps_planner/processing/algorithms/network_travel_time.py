"""mps_planner:networktraveltime — minutes along a road network, then off road to every cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.errors import InputError
from ...core.landcover import ROAD_CLASSES, ROAD_SPEEDS_KMH, TRAVEL_MODES
from ...core.network import RoadNetwork
from ...core.network_access import access_times
from ...core.network_paths import Router
from ...core.traveltime import CostGrid
from ...qgis_io.network_io import metric_crs, parse_class_map, read_road_layer
from ...qgis_io.raster_io import grid_of, read_raster, write_raster
from ...qgis_io.sites_io import read_sites
from ...report.layer_styles import style_network_minutes, style_travel_minutes
from .base import MpsAlgorithm

_WRITABLE = (".tif", ".tiff", ".gpkg")


class _Style(QgsProcessingLayerPostProcessorInterface):
    """Minute bands on the raster and on the network layer when they are loaded."""

    def __init__(self, max_minutes: float | None):
        super().__init__()
        self.max_minutes = max_minutes

    def postProcessLayer(self, layer, context, feedback):
        if isinstance(layer, QgsRasterLayer):
            style_travel_minutes(layer, self.max_minutes)
        elif isinstance(layer, QgsVectorLayer):
            style_network_minutes(layer, "minutes", self.max_minutes)


# QGIS deletes the algorithm copy before outputs are loaded: keep post-processors alive here,
# one per output, replaced on the next run.
_KEEP_ALIVE: dict[str, _Style] = {}


class NetworkTravelTimeAlgorithm(MpsAlgorithm):
    ROADS = "ROADS"
    CLASS_FIELD = "CLASS_FIELD"
    CLASS_MAP = "CLASS_MAP"
    DEFAULT_CLASS = "DEFAULT_CLASS"
    SOURCES = "SOURCES"
    NAME_FIELD = "NAME_FIELD"
    MODE = "MODE"
    OFFROAD_SPEED = "OFFROAD_SPEED"
    MAX_MINUTES = "MAX_MINUTES"
    MAX_SNAP = "MAX_SNAP"
    OUTPUT = "OUTPUT"
    OUTPUT_NETWORK = "OUTPUT_NETWORK"

    def name(self) -> str:
        return "networktraveltime"

    def displayName(self) -> str:
        return self.tr("Travel time along roads (then off road)")

    def group(self) -> str:
        return self.tr("Travel time")

    def groupId(self) -> str:
        return "traveltime"

    def shortHelpString(self) -> str:
        return self.tr(
            "Minutes from the nearest source along a road network and, with an off-road "
            "speed raster, from the road on to every cell of the grid.\n\n"
            "Inputs: ROADS, a line layer (any CRS; multi-part lines are fine; features that "
            "touch at a shared vertex are joined, crossings without a shared vertex are "
            "overpasses); CLASS_FIELD, the field with the road class (paved, gravel, track, "
            "their Chinese names or 1/2/3; CLASS_MAP maps other values, e.g. "
            "'primary=paved, residential=gravel'; unknown values get DEFAULT_CLASS and are "
            "listed in the log); SOURCES, points (sites, depots) with an optional NAME_FIELD; "
            "MODE, whose road speeds are used (km/h for {classes}: {speeds}); "
            "OFFROAD_SPEED, an optional raster of "
            "km/h for the leg from the road to each cell (0 or NoData = impassable); "
            "MAX_MINUTES, the time limit (0 = none); MAX_SNAP, the largest distance in "
            "metres from a source to the nearest road (0 = no limit; a source farther away "
            "is named in the error).\n\n"
            "Outputs: OUTPUT, a raster on the grid of OFFROAD_SPEED with minutes (Float32, "
            "NoData −1 where not reached; written only when OFFROAD_SPEED is given): each "
            "source's snap leg is crossed off road, then the road is driven, then the way "
            "from the road goes over the off-road speeds; OUTPUT_NETWORK, the road segments "
            "with minutes (earliest on the segment), from_min/to_min at their ends, the "
            "nearest source, the road feature it comes from (road_fid) and the network "
            "component (0 = the main network; a source on another piece reaches only that "
            "piece, as the log says).\n\n"
            "The analysis runs in the CRS of OFFROAD_SPEED, else in the roads' CRS if it is "
            "in metres, else in the UTM zone of the roads."
        ).format(
            classes="/".join(ROAD_CLASSES),
            speeds="; ".join(
                f"{mode} " + "/".join(f"{ROAD_SPEEDS_KMH[mode][c]:g}" for c in ROAD_CLASSES)
                for mode in TRAVEL_MODES
            ),
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads (lines)"), [QgsProcessing.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CLASS_FIELD,
                self.tr("Road class field (empty: every road is the default class)"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CLASS_MAP,
                self.tr("Class mapping for other values (value=class, comma-separated)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.DEFAULT_CLASS,
                self.tr("Class of roads with an unknown or empty class value"),
                options=list(ROAD_CLASSES),
                defaultValue=ROAD_CLASSES.index("track"),
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SOURCES, self.tr("Sources (points)"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Source name field (for messages and the output)"),
                parentLayerParameterName=self.SOURCES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                self.tr("Travel mode on the roads"),
                options=list(TRAVEL_MODES),
                defaultValue=TRAVEL_MODES.index("vehicle"),
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.OFFROAD_SPEED,
                self.tr("Off-road speed raster (km/h; optional)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_MINUTES,
                self.tr("Time limit (minutes; 0 = no limit)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_SNAP,
                self.tr("Largest distance from a source to the road (metres; 0 = no limit)"),
                QgsProcessingParameterNumber.Double,
                1000.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT, self.tr("Travel time (minutes)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_NETWORK,
                self.tr("Road network with travel times"),
                QgsProcessing.TypeVectorLine,
            )
        )

    def run(self, parameters, context, feedback) -> dict:
        roads = self.parameterAsSource(parameters, self.ROADS, context)
        if roads is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ROADS))
        sources = self.parameterAsSource(parameters, self.SOURCES, context)
        if sources is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.SOURCES))
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context) or None
        class_map = parse_class_map(self.parameterAsString(parameters, self.CLASS_MAP, context))
        default_class = self.parameterAsEnum(parameters, self.DEFAULT_CLASS, context) + 1
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or None
        mode = TRAVEL_MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        speed_layer = self.parameterAsRasterLayer(parameters, self.OFFROAD_SPEED, context)
        max_minutes = self.parameterAsDouble(parameters, self.MAX_MINUTES, context) or None
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context) or None
        dest = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if speed_layer is not None and dest and Path(dest).suffix.lower() not in _WRITABLE:
            raise InputError(
                f"Cannot write '{Path(dest).name}': save the travel-time raster as GeoTIFF "
                "(.tif) or GeoPackage (.gpkg)."
            )
        cancel = self.cancel_callback(feedback)

        # Analysis CRS and grid.
        grid = cost = None
        if speed_layer is not None:
            if speed_layer.providerType() != "gdal":
                raise InputError(
                    f"The off-road speed raster '{speed_layer.name()}' is not a file GDAL can "
                    "read; save it as a GeoTIFF first."
                )
            data = read_raster(speed_layer.source().split("|")[0])
            grid = grid_of(data)
            speed = np.where(data.valid_mask(), data.array.astype(np.float64), 0.0)
            cost = CostGrid.from_speed(speed, grid.cell_size)
            crs = speed_layer.crs()
        else:
            crs = metric_crs(roads.sourceCrs(), roads.sourceExtent(), context.transformContext())
        feedback.pushInfo(self.tr("Analysis CRS: {}").format(crs.authid() or crs.description()))

        # Roads → network.
        feedback.setProgressText(self.tr("Reading the roads…"))
        layer = read_road_layer(
            roads,
            crs,
            context.transformContext(),
            class_field,
            class_map,
            default_class,
            cancel,
        )
        for message in layer.messages():
            feedback.pushWarning(message)
        network = RoadNetwork.from_polylines(layer.polylines)
        for message in network.report.messages():
            feedback.pushInfo(message)
        if len(network.components) > 1:
            feedback.pushInfo(
                self.tr(
                    "The road network has {n} separate pieces; the main one has {km:,.1f} km "
                    "of road ({share:.0%})."
                ).format(
                    n=len(network.components),
                    km=network.components[0].length_m / 1000,
                    share=network.components[0].length_m / max(network.total_length_m, 1e-9),
                )
            )
        feedback.setProgress(20)

        # Sources → snapped points.
        sites = read_sites(sources, crs, context.transformContext(), name_field, "source")
        for message in sites.messages():
            feedback.pushWarning(message)
        snapped = network.snap(sites.x, sites.y, sites.names, max_snap, what="Source")
        feedback.pushInfo(
            self.tr("{n} sources snapped to the roads; the farthest was {d:,.0f} m away.").format(
                n=len(snapped), d=float(snapped.distance_m.max())
            )
        )
        comp = network.node_component[network.edge_u[snapped.edge]]
        for i in np.flatnonzero(comp != 0)[:10].tolist():
            feedback.pushWarning(
                self.tr("Source '{name}' is on {where}: it reaches only that piece.").format(
                    name=snapped.names[i], where=network.describe(int(comp[i]))
                )
            )
        router = Router.for_mode(network, mode)

        results: dict = {self.OUTPUT: None}
        if cost is not None:
            feedback.setProgressText(self.tr("Travel times by road, then off road…"))

            def progress(p: float) -> None:
                feedback.setProgress(20 + 0.6 * p)

            access = access_times(
                router, snapped, grid, cost, max_minutes, progress=progress, cancel=cancel
            )
            net_times = access.network
            if dest:
                minutes = np.where(np.isfinite(access.times.minutes), access.times.minutes, -1.0)
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled: no output was written."))
                write_raster(dest, minutes.astype(np.float32), grid, nodata=-1.0)
                results[self.OUTPUT] = dest
                reached = np.isfinite(access.times.minutes)
                feedback.pushInfo(
                    self.tr("{n:,} of {total:,} cells reached.").format(
                        n=int(reached.sum()), total=reached.size
                    )
                )
        else:
            net_times = router.times_from(snapped, max_minutes=max_minutes)
            if dest:
                feedback.pushWarning(
                    self.tr(
                        "No off-road speed raster was given, so there is no grid: only the "
                        "network times (OUTPUT_NETWORK) were computed and OUTPUT was not written."
                    )
                )
        feedback.setProgress(80)

        # Network output.
        fields = QgsFields()
        for name, kind in (
            ("edge", QVariant.Int),
            ("road_fid", QVariant.LongLong),
            ("road_class", QVariant.String),
            ("length_m", QVariant.Double),
            ("minutes", QVariant.Double),
            ("from_min", QVariant.Double),
            ("to_min", QVariant.Double),
            ("source", QVariant.String),
            ("component", QVariant.Int),
        ):
            fields.append(QgsField(name, kind))
        sink, sink_id = self.parameterAsSink(
            parameters, self.OUTPUT_NETWORK, context, fields, QgsWkbTypes.LineString, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_NETWORK))
        _write_network(sink, network, net_times, layer.feature_ids, feedback)
        results[self.OUTPUT_NETWORK] = sink_id

        for key in (self.OUTPUT, self.OUTPUT_NETWORK):
            target = results.get(key)
            if target and context.willLoadLayerOnCompletion(target):
                _KEEP_ALIVE[key] = _Style(max_minutes)
                context.layerToLoadOnCompletionDetails(target).setPostProcessor(_KEEP_ALIVE[key])
        return results


def _write_network(sink, network: RoadNetwork, times, road_fids, feedback) -> None:
    """One line feature per road segment with its times (NULL where not reached)."""
    u, v = network.edge_u, network.edge_v
    t_u = times.node_minutes[u]
    t_v = times.node_minutes[v]
    # The earliest time anywhere on the segment: at an end or at a source on it.
    earliest = np.minimum(t_u, t_v)
    src = np.where(t_u <= t_v, times.node_source[u], times.node_source[v])
    for k, e in enumerate(times.sources.edge.tolist()):
        if times.start_minutes[k] < earliest[e]:
            earliest[e] = times.start_minutes[k]
            src[e] = k
    names = times.sources.names
    classes = [
        ROAD_CLASSES[c - 1] if 1 <= c <= len(ROAD_CLASSES) else str(c)
        for c in network.edge_class.tolist()
    ]
    comp = network.edge_component.tolist()
    fids = road_fids[network.edge_line].tolist()
    x, y = network.node_x, network.node_y
    batch: list[QgsFeature] = []
    total = network.edge_count
    for k in range(total):
        if k % 2048 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException("Cancelled: no output was written.")
            feedback.setProgress(80 + 20.0 * k / total if total else 0)
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry(QgsLineString([x[u[k]], x[v[k]]], [y[u[k]], y[v[k]]])))
        ok = bool(np.isfinite(earliest[k]))
        feature.setAttributes(
            [
                k,
                fids[k],
                classes[k],
                float(network.edge_length_m[k]),
                float(earliest[k]) if ok else None,
                float(t_u[k]) if np.isfinite(t_u[k]) else None,
                float(t_v[k]) if np.isfinite(t_v[k]) else None,
                names[int(src[k])] if ok and src[k] >= 0 else None,
                comp[k],
            ]
        )
        batch.append(feature)
        if len(batch) >= 4096:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
