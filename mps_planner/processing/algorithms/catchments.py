"""mps_planner:catchments — sites + speed + thresholds → catchment polygons per site and band."""

from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.catchments import allocation_labels
from ...core.coverage import from_fixed, group_sums, to_fixed
from ...core.errors import InputError
from ...core.traveltime import bounded_field, travel_times
from ...qgis_io.polygons_io import polygonize_labels
from ...qgis_io.raster_io import grid_of, read_raster
from ...qgis_io.speed_io import read_speed_surface
from ...qgis_io.vectors_io import grid_crs
from ._inputs import parse_thresholds, sites_on_grid
from .base import MpsAlgorithm


class CatchmentsAlgorithm(MpsAlgorithm):
    SPEED = "SPEED"
    SITES = "SITES"
    NAME_FIELD = "NAME_FIELD"
    THRESHOLDS = "THRESHOLDS"
    OVERLAP = "OVERLAP"
    CUMULATIVE = "CUMULATIVE"
    POPULATION = "POPULATION"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "catchments"

    def displayName(self) -> str:
        return self.tr("Catchments")

    def group(self) -> str:
        return self.tr("Coverage")

    def groupId(self) -> str:
        return "coverage"

    def shortHelpString(self) -> str:
        return self.tr(
            "Catchment polygons of each site, one per travel-time band (e.g. 0–15, 15–30, "
            "30–60 min), over a speed raster in km/h (8-neighbour travel).\n"
            "By default every cell belongs to its nearest site (service areas that do not "
            "overlap). 'Each site on its own' gives every site its full catchment instead, "
            "so catchments overlap. 'Filled' makes each polygon hold everything within its "
            "threshold instead of a ring.\n"
            "With a population raster on the same grid, each polygon gets its people.\n"
            "Fields: site_fid, site_name, band_min, band_max (minutes), area_km2, people."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.SPEED, self.tr("Speed surface (km/h)"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Sites"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Site name field"),
                parentLayerParameterName=self.SITES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.THRESHOLDS, self.tr("Thresholds, minutes"), defaultValue="15, 30, 60"
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.OVERLAP, self.tr("Each site on its own (overlapping)"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.CUMULATIVE, self.tr("Filled (not rings)"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.POPULATION, self.tr("Population (same grid), optional"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SNAP_DISTANCE,
                self.tr("Snapping distance for sites, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=1000.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Catchments"), QgsProcessing.TypeVectorPolygon
            )
        )

    @staticmethod
    def _fields() -> QgsFields:
        fields = QgsFields()
        fields.append(QgsField("site_fid", QVariant.LongLong))
        fields.append(QgsField("site_name", QVariant.String))
        fields.append(QgsField("band_min", QVariant.Double))
        fields.append(QgsField("band_max", QVariant.Double))
        fields.append(QgsField("area_km2", QVariant.Double))
        fields.append(QgsField("people", QVariant.Double))
        return fields

    def run(self, parameters, context, feedback):
        speed_layer = self.parameterAsRasterLayer(parameters, self.SPEED, context)
        if speed_layer is None:
            raise InputError("Choose a speed raster (km/h).")
        surface = read_speed_surface(speed_layer.source())
        grid = surface.grid
        thresholds = parse_thresholds(self.parameterAsString(parameters, self.THRESHOLDS, context))
        overlap = self.parameterAsBool(parameters, self.OVERLAP, context)
        cumulative = self.parameterAsBool(parameters, self.CUMULATIVE, context)
        people = None
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if pop_layer is not None:
            data = read_raster(pop_layer.source())
            if grid_of(data).geotransform != grid.geotransform or data.array.shape != grid.shape:
                raise InputError(
                    "The population raster is not on the speed raster's grid; move it there "
                    "first (Population grid algorithm with the same cell size and CRS)."
                )
            people = to_fixed(np.where(data.valid_mask(), data.array, 0.0)).ravel()
        points, sites = sites_on_grid(
            self.parameterAsSource(parameters, self.SITES, context),
            surface,
            self.parameterAsString(parameters, self.NAME_FIELD, context) or None,
            self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context),
            context,
            feedback,
        )
        n_bands = len(thresholds)
        cell_km2 = grid.cell_area_km2
        cost = surface.cost_grid()
        limit = thresholds[-1]
        jobs = []  # (site index, labels, window)
        if overlap:
            for s, (r, c) in enumerate(zip(sites.rows.tolist(), sites.cols.tolist())):
                self.raise_if_cancelled(feedback)
                field = bounded_field(cost, r, c, limit, cancel=feedback.isCanceled)
                rr, cc = np.divmod(field.cells, grid.cols)
                window = (int(rr.min()), int(rr.max()) + 1, int(cc.min()), int(cc.max()) + 1)
                minutes = np.full((window[1] - window[0], window[3] - window[2]), math.inf)
                minutes[rr - window[0], cc - window[2]] = field.minutes
                nearest = np.where(np.isfinite(minutes), s, -1)
                jobs.append((window, minutes, nearest))
                feedback.setProgress(60.0 * (s + 1) / len(points))
        else:
            result = travel_times(
                cost,
                sites.rows,
                sites.cols,
                max_minutes=limit,
                progress=lambda v: feedback.setProgress(0.6 * v),
                cancel=feedback.isCanceled,
            )
            jobs.append(((0, grid.rows, 0, grid.cols), result.minutes, result.nearest))
        # Every polygon is made before the output is opened, so that a cancelled run leaves
        # no half-filled layer behind.
        features = []
        for window, minutes, nearest in jobs:
            bands = range(n_bands) if cumulative else [None]
            for band in bands:
                labels = allocation_labels(minutes, nearest, thresholds, band)
                geoms = polygonize_labels(labels, grid, window)
                sums = {}
                if people is not None and geoms:
                    r0, r1, c0, c1 = window
                    sub = people.reshape(grid.shape)[r0:r1, c0:c1].ravel()
                    totals = group_sums(sub, labels.ravel(), int(labels.max()) + 1)
                    sums = {k: from_fixed(int(v)) for k, v in enumerate(totals)}
                cells = np.bincount(labels.ravel()[labels.ravel() >= 0])
                self.raise_if_cancelled(feedback)
                for label, geom in sorted(geoms.items()):
                    site, k = divmod(label, n_bands)
                    feature = QgsFeature(self._fields())
                    feature.setGeometry(geom)
                    feature.setAttributes(
                        [
                            int(points.fids[site]),
                            points.names[site],
                            0.0 if (cumulative or k == 0) else thresholds[k - 1],
                            thresholds[k],
                            float(cells[label] * cell_km2),
                            float(sums[label]) if sums else None,
                        ]
                    )
                    features.append(feature)
        self.raise_if_cancelled(feedback)
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT,
            context,
            self._fields(),
            QgsWkbTypes.MultiPolygon,
            grid_crs(grid),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature in features:
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        feedback.pushInfo(
            self.tr("{n} catchment polygons for {s} sites and {b} bands.").format(
                n=len(features), s=len(points), b=n_bands
            )
        )
        return {self.OUTPUT: dest}
