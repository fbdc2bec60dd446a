"""mps_planner:coverage — people within each threshold of a site; gaps and hotspots."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.capacity import capacity_coverage
from ...core.coverage import coverage_table, gap_raster
from ...core.errors import InputError
from ...core.hotspots import gap_hotspots
from ...core.traveltime import bounded_fields, travel_times
from ...qgis_io.polygons_io import polygonize_labels
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.raster_io import write_raster
from ...qgis_io.speed_io import read_speed_surface
from ...qgis_io.vector_out import plain_attribute
from ...qgis_io.vectors_io import grid_crs
from ...qgis_io.zones_io import rasterize_zones
from ...report.analysis_styles import style_travel_time
from ...report.layer_styles import style_population
from ._inputs import parse_thresholds, sites_on_grid
from ._styling import style_output_on_load
from .base import MpsAlgorithm


def _label(value: float) -> str:
    return f"{value:g}".replace(".", "_")


class CoverageAlgorithm(MpsAlgorithm):
    POPULATION = "POPULATION"
    SPEED = "SPEED"
    SITES = "SITES"
    NAME_FIELD = "NAME_FIELD"
    CAPACITY_FIELD = "CAPACITY_FIELD"
    THRESHOLDS = "THRESHOLDS"
    DISTRICTS = "DISTRICTS"
    DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    HOTSPOT_LINK = "HOTSPOT_LINK"
    HOTSPOT_RADIUS = "HOTSPOT_RADIUS"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_GAP = "OUTPUT_GAP"
    OUTPUT_TIME = "OUTPUT_TIME"
    OUTPUT_HOTSPOTS = "OUTPUT_HOTSPOTS"
    TOTAL = "TOTAL"
    COVERED = "COVERED"

    def name(self) -> str:
        return "coverage"

    def displayName(self) -> str:
        return self.tr("Coverage and gaps")

    def group(self) -> str:
        return self.tr("Coverage")

    def groupId(self) -> str:
        return "coverage"

    def shortHelpString(self) -> str:
        return self.tr(
            "How many people live within each travel-time threshold (minutes) of a site, over "
            "a speed raster in km/h; a person is covered at T exactly when the time to the "
            "nearest site is ≤ T. The population raster may be in any CRS (WorldPop in "
            "degrees included): it is moved onto the speed raster's grid, keeping every "
            "person.\n"
            "Table: one row for the whole area, one per district and one per site (people for "
            "whom it is the nearest site), with covered, uncovered and share per threshold; "
            "covered + uncovered = people, exactly. With a capacity field, each site serves at "
            "most that many people, nearest first, whatever the order of the sites (served, "
            "unserved_full columns, at the largest threshold).\n"
            "Gap raster: people beyond the largest threshold. Hotspots: clusters of those "
            "people (cells within the linking distance, metres, join), ranked by people, with a "
            "suggested centre where one new site within the centre radius reaches most of them."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.POPULATION, self.tr("Population raster"))
        )
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
            QgsProcessingParameterField(
                self.CAPACITY_FIELD,
                self.tr("Site capacity field (people), optional"),
                parentLayerParameterName=self.SITES,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.THRESHOLDS, self.tr("Thresholds, minutes"), defaultValue="15, 30, 60"
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DISTRICTS,
                self.tr("Districts"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DISTRICT_NAME_FIELD,
                self.tr("District name field"),
                parentLayerParameterName=self.DISTRICTS,
                optional=True,
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
            QgsProcessingParameterNumber(
                self.HOTSPOT_LINK,
                self.tr("Hotspots: linking distance, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=1500.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.HOTSPOT_RADIUS,
                self.tr("Hotspots: radius of a new site's reach, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=3000.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TABLE, self.tr("Coverage table"), QgsProcessing.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_GAP, self.tr("Gap: uncovered people"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_TIME, self.tr("Travel time to the nearest site (min)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_HOTSPOTS,
                self.tr("Gap hotspots"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )

    def _table_fields(self, thresholds, with_capacity) -> QgsFields:
        fields = QgsFields()
        fields.append(QgsField("level", QVariant.String))
        fields.append(QgsField("name", QVariant.String))
        fields.append(QgsField("people", QVariant.Double))
        for t in thresholds:
            fields.append(QgsField(f"covered_{_label(t)}", QVariant.Double))
            fields.append(QgsField(f"uncovered_{_label(t)}", QVariant.Double))
            fields.append(QgsField(f"share_{_label(t)}", QVariant.Double))
        if with_capacity:
            fields.append(QgsField("capacity", QVariant.Double))
            fields.append(QgsField("served", QVariant.Double))
            fields.append(QgsField("unserved_full", QVariant.Double))
        return fields

    def run(self, parameters, context, feedback):
        speed_layer = self.parameterAsRasterLayer(parameters, self.SPEED, context)
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if speed_layer is None or pop_layer is None:
            raise InputError("Choose a population raster and a speed raster (km/h).")
        surface = read_speed_surface(speed_layer.source())
        grid = surface.grid
        thresholds = parse_thresholds(self.parameterAsString(parameters, self.THRESHOLDS, context))
        feedback.pushInfo(self.tr("Moving the population onto the speed raster's grid…"))
        on_grid = population_on_grid(
            pop_layer.source(), grid=grid, cancel=feedback.isCanceled,
            progress=lambda v: feedback.setProgress(0.2 * v),
        )  # fmt: skip
        people = on_grid.population.layer()
        for line in on_grid.report.lines()[:3]:
            feedback.pushInfo(line)
        capacity_field = self.parameterAsString(parameters, self.CAPACITY_FIELD, context) or None
        points, sites = sites_on_grid(
            self.parameterAsSource(parameters, self.SITES, context),
            surface,
            self.parameterAsString(parameters, self.NAME_FIELD, context) or None,
            self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context),
            context,
            feedback,
            fields=[capacity_field] if capacity_field else (),
        )
        zones = None
        zone_names: list[str] = []
        districts = self.parameterAsSource(parameters, self.DISTRICTS, context)
        if districts is not None:
            name_field = (
                self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context) or None
            )
            raster = rasterize_zones(districts, grid, name_field=name_field)
            zones, zone_names = raster.labels, list(raster.names)
        cost = surface.cost_grid()
        limit = thresholds[-1]
        times = travel_times(
            cost,
            sites.rows,
            sites.cols,
            max_minutes=limit,
            progress=lambda v: feedback.setProgress(20 + 0.5 * v),
            cancel=feedback.isCanceled,
        )
        table = coverage_table(people, times, thresholds, zones, zone_names, len(points))
        capacity = None
        if capacity_field:
            values = points.attributes[capacity_field]
            capacity = np.array(
                [np.inf if v is None or str(v) in ("", "NULL") else float(v) for v in values]
            )
            fields = bounded_fields(cost, sites.rows, sites.cols, limit, cancel=feedback.isCanceled)
            capacity = capacity_coverage(people, fields, capacity, limit)
        feedback.setProgress(75)
        gap = gap_raster(people, times.minutes, limit)
        self.raise_if_cancelled(feedback)
        sink, table_id = self.parameterAsSink(
            parameters,
            self.OUTPUT_TABLE,
            context,
            self._table_fields(thresholds, capacity is not None),
            QgsWkbTypes.NoGeometry,
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_TABLE))
        self._write_table(sink, table, points.names, capacity)
        results = {
            self.OUTPUT_TABLE: table_id,
            self.TOTAL: table.total,
            self.COVERED: float(table.covered[-1]),
        }
        gap_out = self.parameterAsOutputLayer(parameters, self.OUTPUT_GAP, context)
        if gap_out:
            write_raster(gap_out, gap.astype(np.float32), grid, nodata=-99999)
            style_output_on_load(context, gap_out, style_population)
            results[self.OUTPUT_GAP] = gap_out
        time_out = self.parameterAsOutputLayer(parameters, self.OUTPUT_TIME, context)
        if time_out:
            minutes = np.where(np.isfinite(times.minutes), times.minutes, -1.0)
            write_raster(time_out, minutes.astype(np.float32), grid, nodata=-1.0)
            style_output_on_load(context, time_out, lambda lyr: style_travel_time(lyr, limit))
            results[self.OUTPUT_TIME] = time_out
        if self.OUTPUT_HOTSPOTS in parameters and parameters[self.OUTPUT_HOTSPOTS] is not None:
            hotspot_id = self._hotspots(parameters, context, grid, gap, surface.passable)
            if hotspot_id:
                results[self.OUTPUT_HOTSPOTS] = hotspot_id
        for k, t in enumerate(thresholds):
            feedback.pushInfo(
                self.tr("Within {t:g} min: {c:,.0f} of {n:,.0f} people ({s:.1f} %).").format(
                    t=t, c=table.covered[k], n=table.total, s=100 * table.share()[k]
                )
            )
        feedback.setProgress(100)
        return results

    def _write_table(self, sink, table, site_names, capacity) -> None:
        fields = self._table_fields(table.thresholds, capacity is not None)
        rows = [("total", "all", table.total, table.covered, None)]
        for z, name in enumerate(table.zone_names):
            rows.append(("district", name, table.zone_totals[z], table.by_zone[z], None))
        for s, name in enumerate(site_names):
            rows.append(("site", name, None, table.by_site[s], s))
        for level, name, people, covered, site in rows:
            values = [level, name, None if people is None else float(people)]
            for k in range(len(table.thresholds)):
                c = float(covered[k])
                if people is None:
                    values += [c, None, None]
                else:
                    share = c / float(people) if people > 0 else None
                    values += [c, float(people) - c, share]
            if capacity is not None:
                if level == "total":
                    values += [None, capacity.served_total, capacity.unserved_in_reach]
                elif level == "site":
                    served = float(capacity.served_by_site[site])
                    cap = float(capacity.capacity[site])
                    values += [
                        None if np.isinf(cap) else cap,
                        served,
                        float(capacity.wanting_by_site[site]) - served
                        if capacity.wanting_by_site[site] > served
                        else 0.0,
                    ]
                else:
                    values += [None, None, None]
            feature = QgsFeature(fields)
            feature.setAttributes([plain_attribute(v) for v in values])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.tr("Could not write the coverage table."))

    def _hotspots(self, parameters, context, grid, gap, passable):
        link = self.parameterAsDouble(parameters, self.HOTSPOT_LINK, context)
        radius = self.parameterAsDouble(parameters, self.HOTSPOT_RADIUS, context)
        result = gap_hotspots(gap, grid.cell_size, link, radius, min_people=1.0, valid=passable)
        fields = QgsFields()
        for name, kind in (
            ("rank", QVariant.Int),
            ("people", QVariant.Double),
            ("cells", QVariant.Int),
            ("centre_x", QVariant.Double),
            ("centre_y", QVariant.Double),
            ("centre_people", QVariant.Double),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT_HOTSPOTS,
            context,
            fields,
            QgsWkbTypes.MultiPolygon,
            grid_crs(grid),
        )
        if sink is None:
            return None
        geoms = polygonize_labels(result.regions - 1, grid)
        for spot in result.hotspots:
            x, y = grid.centre_of(spot.centre_row, spot.centre_col)
            feature = QgsFeature(fields)
            feature.setGeometry(geoms.get(spot.rank - 1, QgsGeometry.fromPointXY(QgsPointXY())))
            feature.setAttributes(
                [spot.rank, spot.people, spot.cells, float(x), float(y), spot.centre_people]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return dest
