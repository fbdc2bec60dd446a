"""mps_planner:timetable — the driver's timetable and the notices for the stops, as CSV files
(UTF-8 with BOM) and table layers, from the route and visit layers of a plan."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...core.errors import InputError
from ...core.routing import driver_timetable, stop_timetable
from ...qgis_io.mobile_io import plan_from_layers
from ...report.timetable_tables import (
    driver_columns,
    driver_table,
    layer_features,
    layer_fields,
    notice_columns,
    notice_table,
)
from .base import MpsAlgorithm


class TimetableAlgorithm(MpsAlgorithm):
    ROUTES = "ROUTES"
    VISITS = "VISITS"
    CYCLES = "CYCLES"
    START_DATE = "START_DATE"
    DRIVER_CSV = "DRIVER_CSV"
    NOTICE_CSV = "NOTICE_CSV"
    OUTPUT_DRIVER = "OUTPUT_DRIVER"
    OUTPUT_NOTICES = "OUTPUT_NOTICES"

    def name(self) -> str:
        return "timetable"

    def displayName(self) -> str:
        return self.tr("Mobile timetable (driver sheet and stop notices)")

    def group(self) -> str:
        return self.tr("Mobile services")

    def groupId(self) -> str:
        return "mobile"

    def shortHelpString(self) -> str:
        return self.tr(
            "Exports the timetable of a mobile service plan made by 'Plan mobile routes'.\n\n"
            "Inputs: ROUTES and VISITS, that algorithm's route and visit layers; CYCLES, how "
            "many repetitions of the planning period to list (e.g. 3 × 4 weeks for a quarter); "
            "START_DATE (YYYY-MM-DD, optional), the first day of the listing — it replaces the "
            "plan's own start date so that a notice can give real dates.\n\n"
            "Outputs: DRIVER_CSV, one row per leaving the depot, each stop (arrival and "
            "departure, HH:MM) and the return, with the minutes driven since the previous "
            "row, by vehicle and day — a sheet a driver can follow; NOTICE_CSV, one row per "
            "visit by stop and date, arrival and departure — what to post at each stop. Both "
            "are UTF-8 with BOM, so spreadsheet programs show Chinese names; headers are in "
            "English and Chinese. OUTPUT_DRIVER and OUTPUT_NOTICES hold the same rows as "
            "table layers."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROUTES,
                self.tr("Routes (from Plan mobile routes)"),
                [QgsProcessing.TypeVectorLine],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.VISITS,
                self.tr("Visits (from Plan mobile routes)"),
                [QgsProcessing.TypeVectorPoint],
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CYCLES,
                self.tr("Repetitions of the planning period to list"),
                QgsProcessingParameterNumber.Integer,
                1,
                minValue=1,
                maxValue=52,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.START_DATE,
                self.tr("First day of the listing (YYYY-MM-DD; empty: the plan's)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.DRIVER_CSV, self.tr("Driver timetable (CSV)"), self.tr("CSV files (*.csv)")
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.NOTICE_CSV,
                self.tr("Notices for the stops (CSV)"),
                self.tr("CSV files (*.csv)"),
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_DRIVER,
                self.tr("Driver timetable"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_NOTICES,
                self.tr("Visits by stop"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )

    def run(self, parameters, context, feedback):
        routes = self.parameterAsSource(parameters, self.ROUTES, context)
        visits = self.parameterAsSource(parameters, self.VISITS, context)
        if routes is None or visits is None:
            raise InputError("Choose the route and visit layers written by 'Plan mobile routes'.")
        cycles = self.parameterAsInt(parameters, self.CYCLES, context)
        start = self.parameterAsString(parameters, self.START_DATE, context) or None
        read = plan_from_layers(routes, visits, start)
        plan = read.plan
        driver_rows = driver_timetable(plan, cycles)
        stop_rows = stop_timetable(plan, 0, cycles)
        feedback.pushInfo(
            self.tr("{r} vehicle-days, {v} visits at {s} stops over {d} days.").format(
                r=len(plan.routes) * cycles,
                v=len(stop_rows),
                s=len({row.stop for row in stop_rows}),
                d=plan.period.n_days * cycles,
            )
        )
        if plan.period.start is None:
            feedback.pushInfo(
                self.tr("No start date: days are numbered from 1 (a Monday); give START_DATE.")
            )
        results = {}
        driver_csv = self.parameterAsFileOutput(parameters, self.DRIVER_CSV, context)
        notice_csv = self.parameterAsFileOutput(parameters, self.NOTICE_CSV, context)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        results[self.DRIVER_CSV] = str(
            driver_table(plan, driver_rows, read.depot_names).write_csv(driver_csv)
        )
        results[self.NOTICE_CSV] = str(notice_table(stop_rows).write_csv(notice_csv))
        for key, columns, rows in (
            (self.OUTPUT_DRIVER, driver_columns(read.depot_names, plan), driver_rows),
            (self.OUTPUT_NOTICES, notice_columns(), stop_rows),
        ):
            sink, dest = self.parameterAsSink(
                parameters, key, context, layer_fields(columns), QgsWkbTypes.NoGeometry
            )
            if sink is None:
                continue
            if not sink.addFeatures(layer_features(columns, rows), QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.tr("Could not write {}.").format(key))
            results[key] = dest
        results["VISITS"] = len(stop_rows)
        return results
