"""mps_planner:fixedmobile — fixed and mobile together: each person covered by a fixed facility,
by mobile stops at the required frequency, or not at all; a class raster and a district table."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.errors import InputError
from ...core.mobile_combined import combined_coverage
from ...core.mobile_plan import required_per_month
from ...core.mobile_reach import stop_reach
from ...core.snapping import snap_sites
from ...core.traveltime import travel_times
from ...qgis_io.mobile_io import number_or_none
from ...qgis_io.raster_io import write_raster
from ...qgis_io.sites_io import point_attributes
from ...qgis_io.zones_io import rasterize_zones
from ...report.mobile_styles import style_combined
from ._mobile_params import MobileAlgorithm
from ._styling import style_output_on_load


class FixedMobileAlgorithm(MobileAlgorithm):
    FIXED = "FIXED"
    LEVEL_FIELD = "LEVEL_FIELD"
    STOPS = "STOPS"
    VISITS_FIELD = "VISITS_FIELD"
    DISTRICTS = "DISTRICTS"
    DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"

    def name(self) -> str:
        return "fixedmobile"

    def displayName(self) -> str:
        return self.tr("Fixed + mobile coverage")

    def shortHelpString(self) -> str:
        return self.tr(
            "For one service standard, says for every person whether a fixed facility covers "
            "them (its residents reach it within ACCESS_MINUTES over the RESIDENT_SPEED "
            "raster, km/h of their own mode), else mobile stops visited at least as often as "
            "the standard requires (VISIT_EVERY_DAYS, default the standard's: clinic 14 "
            "days), else nobody — the 'fixed and mobile combined' network.\n\n"
            "Inputs: POPULATION raster (any CRS; moved onto the speed raster's grid keeping "
            "every person); FIXED facility points with an optional LEVEL_FIELD (e.g. county / "
            "township / village, or the service) to split the fixed people by the level of "
            "their nearest facility; STOPS, the mobile stops with their visits per month in "
            "VISITS_FIELD (the 'visits_month' field of 'Plan mobile routes'); a stop reaches "
            "the residents within ACCESS_MINUTES, and a person's visits per month are those of "
            "every stop they reach, added up; DISTRICTS (polygons) with a name field.\n\n"
            "Outputs: OUTPUT, a raster with 1 = fixed facility, 2 = mobile at the required "
            "frequency, 3 = not covered (0 = no data), styled; OUTPUT_TABLE, one row per "
            "district and a total: people, fixed, mobile, not covered (people and shares; "
            "fixed + mobile + not covered = people, exactly), mobile_below (reached by a stop "
            "but less often than required) and the fixed people per level."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FIXED, self.tr("Fixed facilities"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LEVEL_FIELD,
                self.tr("Level of each facility (optional: county / township / village)"),
                parentLayerParameterName=self.FIXED,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STOPS,
                self.tr("Mobile stops (from Plan mobile routes)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VISITS_FIELD,
                self.tr("Visits per month of each stop"),
                parentLayerParameterName=self.STOPS,
                type=QgsProcessingParameterField.Numeric,
                defaultValue="visits_month",
                optional=True,
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
        self.add_standard_parameters(resident_speed_optional=False)
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT, self.tr("Fixed + mobile coverage (1 fixed, 2 mobile, 3 none)")
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TABLE, self.tr("Fixed + mobile coverage by district"),
                QgsProcessing.TypeVector,
            )
        )  # fmt: skip

    def run(self, parameters, context, feedback):
        standard, minutes, every = self.read_standard(parameters, context)
        access = self.read_access(parameters, context, feedback, need_people=True)
        if access is None:
            raise InputError("Give the residents' speed raster (km/h of their travel mode).")
        need = required_per_month(every)
        if need is None:
            raise InputError(
                f"The standard '{standard.name}' has no visit interval: give VISIT_EVERY_DAYS."
            )
        grid, cost = access.grid, access.surface.cost_grid()
        crs = self.parameterAsRasterLayer(parameters, self.RESIDENT_SPEED, context).crs()

        fixed_src = self.parameterAsSource(parameters, self.FIXED, context)
        fixed = self.read_points(parameters, context, self.FIXED, None, crs, "facility")
        sites = snap_sites(grid, access.surface.passable, fixed.x, fixed.y, 1000.0, fixed.names)
        for line in sites.report():
            feedback.pushInfo(line)
        times = travel_times(
            cost, sites.rows, sites.cols, max_minutes=minutes, cancel=feedback.isCanceled
        )
        feedback.setProgress(40)
        level_field = self.parameterAsString(parameters, self.LEVEL_FIELD, context)
        levels = None
        if level_field:
            values = point_attributes(fixed_src, fixed, [level_field])[level_field]
            levels = ["" if v is None else str(v) for v in values]

        vpm_cells = np.zeros(grid.shape)
        stops_src = self.parameterAsSource(parameters, self.STOPS, context)
        if stops_src is not None:
            stops = self.read_points(parameters, context, self.STOPS, None, crs, "stop")
            field = self.parameterAsString(parameters, self.VISITS_FIELD, context)
            if not field:
                raise InputError("Choose the field with each stop's visits per month.")
            raw = point_attributes(stops_src, stops, [field])[field]
            vpm = np.array(
                [number_or_none(v, "visits per month", n) or 0.0 for v, n in zip(raw, stops.names)]
            )
            if (vpm < 0).any():
                raise InputError("Visits per month cannot be negative.")
            reach = stop_reach(
                cost, grid, stops.x, stops.y, minutes, stops.names, 1000.0,
                progress=lambda p: feedback.setProgress(40 + 0.4 * p),
                cancel=feedback.isCanceled,
            )  # fmt: skip
            vpm_cells = reach.visits_per_month(vpm)
        else:
            feedback.pushWarning(self.tr("No mobile stops: only the fixed facilities count."))

        zones, names = None, []
        districts = self.parameterAsSource(parameters, self.DISTRICTS, context)
        if districts is not None:
            name_field = (
                self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context) or None
            )
            raster = rasterize_zones(districts, grid, name_field=name_field)
            zones, names = raster.labels, list(raster.names)
        people = access.people
        result = combined_coverage(
            people, times.minutes, minutes, vpm_cells, need, zones, names,
            valid=access.valid, fixed_nearest=times.nearest, site_levels=levels,
        )  # fmt: skip
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        write_raster(out, result.classes, grid, nodata=0)
        style_output_on_load(context, out, style_combined)
        table_id = self._table(parameters, context, result)
        feedback.pushInfo(
            self.tr(
                "Of {t:,.0f} people: {f:,.0f} fixed ({fs:.1f} %), {m:,.0f} mobile at least "
                "{n:.2f} visits a month ({ms:.1f} %), {u:,.0f} not covered ({us:.1f} %), of "
                "whom {b:,.0f} see a stop less often than required."
            ).format(
                t=result.total,
                f=result.total_fixed,
                fs=100 * result.total_fixed / max(result.total, 1e-12),
                m=result.total_mobile,
                n=need,
                ms=100 * result.total_mobile / max(result.total, 1e-12),
                u=result.total_not_covered,
                us=100 * result.total_not_covered / max(result.total, 1e-12),
                b=result.total_mobile_below,
            )
        )
        return {
            self.OUTPUT: out,
            self.OUTPUT_TABLE: table_id,
            "PEOPLE": result.total,
            "FIXED": result.total_fixed,
            "MOBILE": result.total_mobile,
            "NOT_COVERED": result.total_not_covered,
        }

    def _table(self, parameters, context, result) -> str:
        rows = result.rows()
        level_keys = [k for k in rows[0] if k.startswith("fixed_")]
        fields = QgsFields()
        fields.append(QgsField("district", QVariant.String))
        for key in ("people", "fixed", "mobile", "not_covered", "mobile_below", *level_keys):
            fields.append(QgsField(key, QVariant.Double))
        for key in ("fixed", "mobile", "not_covered"):
            fields.append(QgsField(f"share_{key}", QVariant.Double))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_TABLE, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_TABLE))
        for row in rows:
            values = [row["district"]]
            values += [float(row[k]) for k in ("people", "fixed", "mobile", "not_covered")]
            values += [float(row["mobile_below"]), *(float(row[k]) for k in level_keys)]
            p = row["people"]
            values += [row[k] / p if p > 0 else None for k in ("fixed", "mobile", "not_covered")]
            f = QgsFeature(fields)
            f.setAttributes(values)
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        return dest
