"""mps_planner:traveltime — speed raster + sources → minutes to the nearest source."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ...core.errors import InputError
from ...core.snapping import snap_sites
from ...core.traveltime import straight_line_times, travel_times
from ...qgis_io.raster_io import write_raster
from ...qgis_io.speed_io import read_speed_surface
from ...qgis_io.vectors_io import read_points
from ...report.analysis_styles import style_travel_time
from ._styling import style_output_on_load
from .base import MpsAlgorithm

NODATA = -1.0


class TravelTimeAlgorithm(MpsAlgorithm):
    SPEED = "SPEED"
    SOURCES = "SOURCES"
    NAME_FIELD = "NAME_FIELD"
    MAX_MINUTES = "MAX_MINUTES"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    STRAIGHT_LINE_KMH = "STRAIGHT_LINE_KMH"
    OUTPUT = "OUTPUT"
    OUTPUT_NEAREST = "OUTPUT_NEAREST"

    def name(self) -> str:
        return "traveltime"

    def displayName(self) -> str:
        return self.tr("Travel time to the nearest site")

    def group(self) -> str:
        return self.tr("Travel time")

    def groupId(self) -> str:
        return "traveltime"

    def shortHelpString(self) -> str:
        return self.tr(
            "Minutes from the nearest source point to every cell of a speed raster (km/h), "
            "moving between the 8 neighbouring cells; a step costs the mean of the two cells' "
            "crossing times times the step length (the model of r.cost and scikit-image's "
            "MCP_Geometric). Cells with speed 0 are impassable.\n"
            "Maximum time (minutes, 0 = no limit) stops the search there: beyond it the output "
            "is NoData, and only the cells within the limit are computed.\n"
            "Sources on impassable cells or just outside the raster are moved to the nearest "
            "passable cell within the snapping distance (metres); the others are named in the "
            "error. A straight-line speed above 0 km/h ignores the terrain and uses straight-"
            "line distance at that speed instead.\n"
            "Outputs: minutes (NoData −1 where unreachable) and the feature id of the nearest "
            "source (NoData −1)."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.SPEED, self.tr("Speed surface (km/h)"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SOURCES, self.tr("Sources (sites)"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Name field (for messages)"),
                parentLayerParameterName=self.SOURCES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_MINUTES,
                self.tr("Maximum time, minutes (0 = no limit)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SNAP_DISTANCE,
                self.tr("Snapping distance for sources, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=1000.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.STRAIGHT_LINE_KMH,
                self.tr("Straight-line speed, km/h (0 = use the speed surface)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Travel time (min)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_NEAREST, self.tr("Nearest source (feature id)"), optional=True
            )
        )

    def run(self, parameters, context, feedback):
        speed_layer = self.parameterAsRasterLayer(parameters, self.SPEED, context)
        if speed_layer is None:
            raise InputError("Choose a speed raster (km/h), e.g. from the Speed surface tool.")
        surface = read_speed_surface(speed_layer.source())
        grid = surface.grid
        source = self.parameterAsSource(parameters, self.SOURCES, context)
        if source is None:
            raise InputError("Choose a point layer of sources.")
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or None
        points = read_points(source, grid, name_field, context=context, what="source")
        if points.skipped:
            feedback.pushWarning(
                self.tr("{n} source feature(s) without a point were left out.").format(
                    n=points.skipped
                )
            )
        max_minutes = self.parameterAsDouble(parameters, self.MAX_MINUTES, context)
        snap = self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context)
        straight = self.parameterAsDouble(parameters, self.STRAIGHT_LINE_KMH, context)
        passable = surface.passable if straight <= 0 else np.ones(grid.shape, dtype=bool)
        sites = snap_sites(grid, passable, points.x, points.y, snap, points.names)
        for line in sites.report():
            feedback.pushInfo(line)
        feedback.setProgress(5)

        def progress(value: float) -> None:
            feedback.setProgress(5 + 0.85 * value)

        if straight > 0:
            result = straight_line_times(
                grid.shape, grid.cell_size, sites.rows, sites.cols, straight, max_minutes or None
            )
        else:
            result = travel_times(
                surface.cost_grid(),
                sites.rows,
                sites.cols,
                max_minutes=max_minutes or None,
                progress=progress,
                cancel=feedback.isCanceled,
            )
        minutes = np.where(np.isfinite(result.minutes), result.minutes, NODATA)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        nearest_out = self.parameterAsOutputLayer(parameters, self.OUTPUT_NEAREST, context)
        fid = None
        if nearest_out:
            fid = np.where(result.nearest >= 0, points.fids[np.maximum(result.nearest, 0)], -1)
        self.raise_if_cancelled(feedback)
        write_raster(output, minutes.astype(np.float32), grid, nodata=NODATA)
        results = {self.OUTPUT: output}
        style_output_on_load(context, output, lambda lyr: style_travel_time(lyr, max_minutes))
        if fid is not None:
            write_raster(nearest_out, fid.astype(np.int32), grid, nodata=NODATA)
            results[self.OUTPUT_NEAREST] = nearest_out
        reached = np.isfinite(result.minutes) & surface.passable
        feedback.pushInfo(
            self.tr("{n} sources; {share:.1f} % of passable cells reached.").format(
                n=len(points), share=100.0 * reached.sum() / max(surface.passable.sum(), 1)
            )
        )
        feedback.setProgress(100)
        return results
