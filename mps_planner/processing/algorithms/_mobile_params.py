"""Parameters the mobile-service algorithms share, and reading them into core inputs.

Roads and the vehicle's speed per road class, depots, the working day, the planning period,
the service standard and the residents' access (their speed raster and the population).
A base class for ``planroutes`` and ``coveringtour`` that knows nothing of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ...core.errors import InputError
from ...core.grid import AnalysisGrid
from ...core.landcover import ROAD_CLASSES, ROAD_SPEEDS_KMH
from ...core.mobile_inputs import parse_clock, parse_date, parse_weekdays, working_days
from ...core.network import RoadNetwork, road_speed_table
from ...core.network_paths import Router
from ...core.routing import PlanningPeriod
from ...core.speed import SpeedSurface
from ...core.standards import PRESETS, ServiceStandard
from ...qgis_io.network_io import metric_crs, read_road_layer
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.sites_io import SitePoints, read_sites
from ...qgis_io.speed_io import read_speed_surface
from .base import MpsAlgorithm

STANDARD_KEYS = tuple(k for k, s in PRESETS.items() if s.who_travels == "residents") + tuple(
    k for k, s in PRESETS.items() if s.who_travels != "residents"
)
DEFAULT_SPEEDS = ", ".join(f"{c}={ROAD_SPEEDS_KMH['vehicle'][c]:g}" for c in ROAD_CLASSES)


def parse_speeds(text: str) -> dict[int, float]:
    """'paved=60, gravel=40, track=25' (names or codes 1–3) → class code → km/h."""
    pairs = {}
    for item in str(text or "").replace(";", ",").replace("，", ",").split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise InputError(
                f"Cannot read '{item.strip()}' in the road speeds: write class=km/h, e.g. "
                f"'{DEFAULT_SPEEDS}'."
            )
        key, value = (s.strip() for s in item.split("=", 1))
        try:
            pairs[key] = float(value)
        except ValueError:
            raise InputError(f"'{value}' is not a speed in km/h (road class {key}).") from None
    table = road_speed_table(None, "vehicle")
    table.update(road_speed_table(pairs) if pairs else {})
    return table


@dataclass
class Roads:
    crs: QgsCoordinateReferenceSystem
    network: RoadNetwork
    router: Router


@dataclass
class Access:
    """The residents' side: their speed surface (grid) and the people on it (or None)."""

    surface: SpeedSurface
    people: np.ndarray | None
    valid: np.ndarray | None = None  # cells with population data

    @property
    def grid(self) -> AnalysisGrid:
        return self.surface.grid


class MobileAlgorithm(MpsAlgorithm):
    ROADS = "ROADS"
    CLASS_FIELD = "CLASS_FIELD"
    ROAD_SPEEDS = "ROAD_SPEEDS"
    DEPOTS = "DEPOTS"
    DEPOT_NAME_FIELD = "DEPOT_NAME_FIELD"
    WORK_HOURS = "WORK_HOURS"
    DAY_START = "DAY_START"
    DWELL = "DWELL"
    MAX_SNAP = "MAX_SNAP"
    STANDARD = "STANDARD"
    ACCESS_MINUTES = "ACCESS_MINUTES"
    VISIT_EVERY_DAYS = "VISIT_EVERY_DAYS"
    RESIDENT_SPEED = "RESIDENT_SPEED"
    POPULATION = "POPULATION"
    TIME_LIMIT = "TIME_LIMIT"
    SEED = "SEED"

    def group(self) -> str:
        return self.tr("Mobile services")

    def groupId(self) -> str:
        return "mobile"

    # -- parameters --------------------------------------------------------------------------
    def add_road_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads (lines)"), [QgsProcessing.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CLASS_FIELD,
                self.tr("Road class field (paved / gravel / track; empty: every road a track)"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.ROAD_SPEEDS,
                self.tr("Vehicle speed per road class, km/h"),
                defaultValue=DEFAULT_SPEEDS,
            )
        )

    def add_depot_parameters(self, several: bool = True) -> None:
        label = (
            self.tr("Depots (fixed facilities the vehicles start from)")
            if several
            else self.tr("Depot")
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.DEPOTS, label, [QgsProcessing.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DEPOT_NAME_FIELD,
                self.tr("Depot name field"),
                parentLayerParameterName=self.DEPOTS,
                optional=True,
            )
        )

    def add_day_parameters(self) -> None:
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WORK_HOURS,
                self.tr("Working hours per day (including the drive back), h"),
                QgsProcessingParameterNumber.Double,
                8.0,
                minValue=0.1,
                maxValue=24.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DAY_START, self.tr("The working day starts at (HH:MM)"), defaultValue="08:00"
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DWELL,
                self.tr("Dwell time at each stop, minutes"),
                QgsProcessingParameterNumber.Double,
                45.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_SNAP,
                self.tr("Largest distance from a depot or stop to the road, m"),
                QgsProcessingParameterNumber.Double,
                1000.0,
                minValue=0.0,
            )
        )

    def add_standard_parameters(self, resident_speed_optional: bool = True) -> None:
        self.addParameter(
            QgsProcessingParameterEnum(
                self.STANDARD,
                self.tr("Service standard"),
                options=[PRESETS[k].name for k in STANDARD_KEYS],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.ACCESS_MINUTES,
                self.tr("Residents reach a stop within, minutes (0 = the standard's)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VISIT_EVERY_DAYS,
                self.tr("Visit every N days (0 = the standard's)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.RESIDENT_SPEED,
                self.tr("Residents' speed raster, km/h (their mode: walking, riding)"),
                optional=resident_speed_optional,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.POPULATION, self.tr("Population raster"), optional=True
            )
        )

    def add_solver_parameters(self, seconds: float) -> None:
        for param in (
            QgsProcessingParameterNumber(
                self.TIME_LIMIT,
                self.tr("Time for the solver, seconds"),
                QgsProcessingParameterNumber.Double,
                seconds,
                minValue=0.0,
            ),
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0
            ),
        ):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)

    # -- reading -----------------------------------------------------------------------------
    def read_standard(self, parameters, context) -> tuple[ServiceStandard, float, float | None]:
        """The standard, the residents' minutes and the visit interval in days (or None)."""
        standard = PRESETS[STANDARD_KEYS[self.parameterAsEnum(parameters, self.STANDARD, context)]]
        minutes = self.parameterAsDouble(parameters, self.ACCESS_MINUTES, context)
        every = self.parameterAsDouble(parameters, self.VISIT_EVERY_DAYS, context)
        return (
            standard,
            minutes if minutes > 0 else standard.target_minutes,
            every if every > 0 else standard.visit_every_days,
        )

    def read_access(self, parameters, context, feedback, need_people: bool) -> Access | None:
        layer = self.parameterAsRasterLayer(parameters, self.RESIDENT_SPEED, context)
        if layer is None:
            return None
        surface = read_speed_surface(layer.source())
        people = valid = None
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if pop_layer is not None:
            feedback.pushInfo(self.tr("Moving the population onto the residents' speed grid…"))
            on_grid = population_on_grid(
                pop_layer.source(), grid=surface.grid, cancel=feedback.isCanceled
            )
            people = on_grid.population.layer()
            valid = on_grid.population.valid
            for line in on_grid.report.lines()[:2]:
                feedback.pushInfo(line)
        elif need_people:
            raise InputError("Give a population raster (or demand points with people).")
        return Access(surface, people, valid)

    def read_roads(self, parameters, context, feedback, access: Access | None) -> Roads:
        roads = self.parameterAsSource(parameters, self.ROADS, context)
        if roads is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ROADS))
        if access is not None:
            crs = QgsCoordinateReferenceSystem.fromWkt(access.grid.crs_wkt)
        else:
            crs = metric_crs(roads.sourceCrs(), roads.sourceExtent(), context.transformContext())
        feedback.pushInfo(self.tr("Analysis CRS: {}").format(crs.authid() or crs.description()))
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context) or None
        layer = read_road_layer(
            roads, crs, context.transformContext(), class_field, cancel=feedback.isCanceled
        )
        for message in layer.messages():
            feedback.pushWarning(message)
        network = RoadNetwork.from_polylines(layer.polylines)
        for message in network.report.messages():
            feedback.pushInfo(message)
        speeds = parse_speeds(self.parameterAsString(parameters, self.ROAD_SPEEDS, context))
        feedback.pushInfo(
            self.tr("Vehicle speeds: {}.").format(
                ", ".join(f"{ROAD_CLASSES[c - 1]} {v:g} km/h" for c, v in sorted(speeds.items()))
            )
        )
        return Roads(crs, network, Router.for_mode(network, "vehicle", speeds))

    def read_points(self, parameters, context, key, name_key, crs, what) -> SitePoints:
        source = self.parameterAsSource(parameters, key, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, key))
        name_field = self.parameterAsString(parameters, name_key, context) or None
        points = read_sites(source, crs, context.transformContext(), name_field, what)
        return points

    def max_snap(self, parameters, context) -> float | None:
        return self.parameterAsDouble(parameters, self.MAX_SNAP, context) or None

    def work_minutes(self, parameters, context) -> float:
        return 60.0 * self.parameterAsDouble(parameters, self.WORK_HOURS, context)

    def day_start(self, parameters, context) -> float:
        start = parse_clock(self.parameterAsString(parameters, self.DAY_START, context))
        if start + self.work_minutes(parameters, context) > 24 * 60 + 1e-9:
            raise InputError("The working day must end by midnight: start earlier or work less.")
        return start

    def solver(self, parameters, context) -> tuple[float | None, int]:
        seconds = self.parameterAsDouble(parameters, self.TIME_LIMIT, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        return (seconds if seconds > 0 else None), seed


def read_period(weeks: int, weekdays_text: str, start_text: str | None):
    """The planning period (weeks × 7 days) and its working days."""
    if weeks < 1:
        raise InputError("The planning period needs at least one week.")
    period = PlanningPeriod.weeks(weeks, parse_date(start_text))
    days = working_days(period, parse_weekdays(weekdays_text))
    return period, days
