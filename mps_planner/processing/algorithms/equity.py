"""mps_planner:equity — population + travel times + districts → equity table."""

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
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.coverage import coverage_table
from ...core.equity import equity_summary
from ...core.errors import InputError
from ...core.traveltime import TravelTimes
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.raster_io import grid_of, read_raster
from ...qgis_io.zones_io import rasterize_zones
from ._inputs import parse_thresholds
from .base import MpsAlgorithm


def _num(value: float):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


class EquityAlgorithm(MpsAlgorithm):
    POPULATION = "POPULATION"
    TRAVEL_TIME = "TRAVEL_TIME"
    DISTRICTS = "DISTRICTS"
    DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
    THRESHOLDS = "THRESHOLDS"
    URBAN_DISTRICT = "URBAN_DISTRICT"
    TIME_CAP = "TIME_CAP"
    OUTPUT = "OUTPUT"
    GINI = "GINI"
    MAX_MIN_RATIO = "MAX_MIN_RATIO"
    URBAN_RURAL_GAP = "URBAN_RURAL_GAP"

    def name(self) -> str:
        return "equity"

    def displayName(self) -> str:
        return self.tr("Equity between districts")

    def group(self) -> str:
        return self.tr("Coverage")

    def groupId(self) -> str:
        return "coverage"

    def shortHelpString(self) -> str:
        return self.tr(
            "Measures how evenly basic services reach the districts, from a population raster "
            "and a travel-time raster (minutes to the nearest site, e.g. from Coverage or "
            "Travel time; NoData = cannot reach a site).\n"
            "Per district: people, covered share per threshold, population-weighted mean "
            "travel time (of the people who can reach a site), share who cannot reach any "
            "site. Summary rows: the max/min ratio of the districts' covered shares (∞ when "
            "a district has none), the Gini coefficient of travel time over people (0 = "
            "equal; people who cannot reach a site count at the time cap, default twice the "
            "largest threshold), and the urban–rural gap: covered share of the town district "
            "minus that of the rest (the district named, else the densest)."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.POPULATION, self.tr("Population raster"))
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.TRAVEL_TIME, self.tr("Travel time to the nearest site (min)")
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DISTRICTS, self.tr("Districts"), [QgsProcessing.TypeVectorPolygon]
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
            QgsProcessingParameterString(
                self.THRESHOLDS, self.tr("Thresholds, minutes"), defaultValue="15, 30, 60"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.URBAN_DISTRICT,
                self.tr("Town district (name; empty = the densest)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TIME_CAP,
                self.tr("Time cap for the Gini, minutes (0 = twice the largest threshold)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Equity table"), QgsProcessing.TypeVector
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.GINI, self.tr("Gini of travel time")))
        self.addOutput(
            QgsProcessingOutputNumber(self.MAX_MIN_RATIO, self.tr("Max/min covered share"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.URBAN_RURAL_GAP, self.tr("Urban–rural gap")))

    def run(self, parameters, context, feedback):
        time_layer = self.parameterAsRasterLayer(parameters, self.TRAVEL_TIME, context)
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if time_layer is None or pop_layer is None:
            raise InputError("Choose a population raster and a travel-time raster.")
        data = read_raster(time_layer.source())
        grid = grid_of(data)
        minutes = np.asarray(data.array, dtype=np.float64)
        minutes = np.where(data.valid_mask() & (minutes >= 0), minutes, np.inf)
        if not np.isfinite(minutes).any():
            raise InputError("The travel-time raster has no reachable cell (all NoData).")
        thresholds = parse_thresholds(self.parameterAsString(parameters, self.THRESHOLDS, context))
        people = population_on_grid(
            pop_layer.source(), grid=grid, cancel=feedback.isCanceled
        ).population.layer()
        districts = self.parameterAsSource(parameters, self.DISTRICTS, context)
        if districts is None:
            raise InputError("Choose the district polygons.")
        name_field = self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context) or None
        zones = rasterize_zones(districts, grid, name_field=name_field)
        times = TravelTimes(minutes, np.where(np.isfinite(minutes), 0, -1).astype(np.int32))
        table = coverage_table(people, times, thresholds, zones.labels, list(zones.names), 1)
        urban = self.parameterAsString(parameters, self.URBAN_DISTRICT, context) or None
        cap = self.parameterAsDouble(parameters, self.TIME_CAP, context) or None
        summary = equity_summary(table, people, minutes, zones.labels, urban, cap)
        fields = QgsFields()
        fields.append(QgsField("row", QVariant.String))
        fields.append(QgsField("district", QVariant.String))
        fields.append(QgsField("people", QVariant.Double))
        fields.append(QgsField("mean_minutes", QVariant.Double))
        fields.append(QgsField("unreachable_share", QVariant.Double))
        labels = [f"{t:g}".replace(".", "_") for t in thresholds]
        for label in labels:
            fields.append(QgsField(f"share_{label}", QVariant.Double))
            fields.append(QgsField(f"beyond_{label}", QVariant.Double))
        fields.append(QgsField("value", QVariant.Double))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for d in summary.districts:
            values = ["district", d.name, d.people, _num(d.mean_minutes), _num(d.unreachable_share)]
            for share in d.covered_share:
                values += [_num(share), _num(1.0 - share)]
            values.append(None)
            self._add(sink, fields, values)
        blank = [None] * (2 * len(thresholds))
        for k, t in enumerate(thresholds):
            ratio = summary.max_min_ratio[k]
            self._add(
                sink, fields,
                [f"max/min covered share, {t:g} min", None, None, None, None, *blank,
                 None if math.isinf(ratio) or math.isnan(ratio) else ratio],
            )  # fmt: skip
            self._add(
                sink, fields,
                [f"urban–rural gap, {t:g} min ({summary.urban_district})", None, None, None,
                 None, *blank, _num(summary.urban_rural_gap[k])],
            )  # fmt: skip
        self._add(
            sink, fields,
            [f"Gini of travel time (cap {summary.time_cap:g} min)", None, None, None, None,
             *blank, summary.gini_minutes],
        )  # fmt: skip
        ratio = summary.max_min_ratio[-1]
        feedback.pushInfo(
            self.tr("Gini of travel time {g:.3f}; max/min covered share at {t:g} min: {r}; "
                    "urban–rural gap {u:+.1%}.").format(
                g=summary.gini_minutes, t=thresholds[-1],
                r="∞" if math.isinf(ratio) else f"{ratio:.2f}",
                u=summary.urban_rural_gap[-1],
            )
        )  # fmt: skip
        return {
            self.OUTPUT: dest,
            self.GINI: summary.gini_minutes,
            self.MAX_MIN_RATIO: ratio,
            self.URBAN_RURAL_GAP: summary.urban_rural_gap[-1],
        }

    @staticmethod
    def _add(sink, fields, values) -> None:
        feature = QgsFeature(fields)
        feature.setAttributes(values)
        sink.addFeature(feature, QgsFeatureSink.FastInsert)
