"""mps_planner:planroutes — which stops each vehicle visits on which day, in which order, along
which roads; with the timetable and coverage weighted by visit frequency."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...core.errors import InputError
from ...core.mobile_inputs import FREQUENCY_UNITS, parse_frequency, stops_with_frequency
from ...core.mobile_plan import depot_vehicles, required_per_month, route_totals, vehicle_totals
from ...core.mobile_reach import grid_frequency_coverage, stop_reach
from ...core.mobile_roads import road_problem, route_lines, snap_summary
from ...core.routing import plan_routes, plan_visits_per_month
from ...core.routing.model import DAYS_PER_MONTH
from ...qgis_io.mobile_io import (
    number_or_none,
    route_features,
    route_fields,
    stop_features,
    stop_fields,
    visit_features,
    visit_fields,
)
from ...qgis_io.sites_io import point_attributes
from ...report.mobile_styles import style_plan_stops, style_routes, style_visits
from ._mobile_params import DEFAULT_SPEEDS, MobileAlgorithm, read_period
from ._styling import style_output_on_load


class PlanRoutesAlgorithm(MobileAlgorithm):
    STOPS = "STOPS"
    STOP_NAME_FIELD = "STOP_NAME_FIELD"
    FREQUENCY_FIELD = "FREQUENCY_FIELD"
    FREQUENCY_UNIT = "FREQUENCY_UNIT"
    DWELL_FIELD = "DWELL_FIELD"
    VEHICLES = "VEHICLES"
    VEHICLES_FIELD = "VEHICLES_FIELD"
    WEEKS = "WEEKS"
    WEEKDAYS = "WEEKDAYS"
    START_DATE = "START_DATE"
    SPREAD = "SPREAD"
    ALLOW_PARTIAL = "ALLOW_PARTIAL"
    OUTPUT_ROUTES = "OUTPUT_ROUTES"
    OUTPUT_STOPS = "OUTPUT_STOPS"
    OUTPUT_VISITS = "OUTPUT_VISITS"

    def name(self) -> str:
        return "planroutes"

    def displayName(self) -> str:
        return self.tr("Plan mobile routes (given stops)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Plans a mobile service (clinic van, library bus, police post) over a planning "
            "period: which stops each vehicle visits on which working day, in which order, "
            "along which roads, each stop at its required frequency with its visits spread "
            "evenly, every day within the working hours including the drive back to the "
            "depot.\n\n"
            "Inputs: ROADS (lines, any CRS) with a CLASS_FIELD (paved / gravel / track, "
            "Chinese names or 1/2/3) and the vehicle's km/h per class (ROAD_SPEEDS, default "
            "'{speeds}'); DEPOTS, fixed facilities the vehicles leave from and return to, "
            "VEHICLES per depot (or a VEHICLES_FIELD); STOPS, points (drawn, or chosen by "
            "site selection or 'Covering tour') with an optional FREQUENCY_FIELD: a number "
            "(FREQUENCY_UNIT: every N days, or visits per period) or text such as 'every 14 "
            "days', '2 weeks', 'monthly', '3 visits', '每两周'; empty = the standard's "
            "interval (clinic every 14 days, rural library every 30, combined vehicle every "
            "7); an optional DWELL_FIELD (minutes) else DWELL. The period is WEEKS weeks, "
            "working on WEEKDAYS (e.g. 'Mon-Fri', 'Mon,Wed,Fri'), from START_DATE "
            "(YYYY-MM-DD, optional: without it day 1 is a Monday). WORK_HOURS per day (h), "
            "DAY_START (HH:MM). A stop or depot farther than MAX_SNAP metres from a road is "
            "refused by name.\n\n"
            "With the residents' speed raster (km/h of their own mode: walking, riding; from "
            "'Speed surface') and a population raster, each stop's reach is the people "
            "within the standard's minutes (ACCESS_MINUTES) over that raster; the log gives "
            "people × visits per month and the share reached at least at the required "
            "frequency.\n\n"
            "Outputs: OUTPUT_ROUTES, one line per vehicle and day along the roads (km, "
            "driving / dwell / total minutes, start and end time, stops, people reached); "
            "OUTPUT_STOPS, one point per stop (required and planned visits per period, visit "
            "days, largest gap in days, visits per month, people, person-visits per month); "
            "OUTPUT_VISITS, one point per call (sequence, arrival and departure) — give "
            "OUTPUT_ROUTES and OUTPUT_VISITS to 'Mobile timetable' for the driver's sheet and "
            "the notices at the stops.\n\n"
            "When the visits do not fit, the error says what would: e.g. how many more "
            "vehicle-days; ALLOW_PARTIAL writes the incomplete plan instead and lists the "
            "missing visits. SPREAD: days a visit may move from its evenly spaced day. "
            "TIME_LIMIT (advanced): seconds the solver improves the plan; 0 = a fixed number "
            "of steps, the same plan on every run."
        ).format(speeds=DEFAULT_SPEEDS)

    def initAlgorithm(self, config=None):
        self.add_road_parameters()
        self.add_depot_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VEHICLES,
                self.tr("Vehicles per depot"),
                QgsProcessingParameterNumber.Integer,
                1,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VEHICLES_FIELD,
                self.tr("Vehicles per depot from a field (optional)"),
                parentLayerParameterName=self.DEPOTS,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STOPS, self.tr("Stops"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STOP_NAME_FIELD,
                self.tr("Stop name field"),
                parentLayerParameterName=self.STOPS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FREQUENCY_FIELD,
                self.tr("Required frequency field (empty: the standard's interval)"),
                parentLayerParameterName=self.STOPS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FREQUENCY_UNIT,
                self.tr("A number in the frequency field means"),
                options=[self.tr("every N days"), self.tr("visits per planning period")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DWELL_FIELD,
                self.tr("Dwell minutes per stop from a field (optional)"),
                parentLayerParameterName=self.STOPS,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.add_day_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WEEKS,
                self.tr("Planning period, weeks"),
                QgsProcessingParameterNumber.Integer,
                4,
                minValue=1,
                maxValue=52,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.WEEKDAYS, self.tr("Working weekdays"), defaultValue="Mon-Fri"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.START_DATE,
                self.tr("First day of the period (YYYY-MM-DD, optional)"),
                optional=True,
            )
        )
        self.add_standard_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPREAD,
                self.tr("Visits may move from their evenly spaced days by, days"),
                QgsProcessingParameterNumber.Double,
                1.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.ALLOW_PARTIAL,
                self.tr("Write an incomplete plan when the visits do not fit"),
                defaultValue=False,
            )
        )
        self.add_solver_parameters(10.0)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_ROUTES,
                self.tr("Routes by vehicle and day"),
                QgsProcessing.TypeVectorLine,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_STOPS, self.tr("Stops with their visits"), QgsProcessing.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_VISITS,
                self.tr("Visits (sequence, arrival, departure)"),
                QgsProcessing.TypeVectorPoint,
            )
        )

    def run(self, parameters, context, feedback):
        cancel = feedback.isCanceled
        standard, access_minutes, every_days = self.read_standard(parameters, context)
        access = self.read_access(parameters, context, feedback, need_people=False)
        roads = self.read_roads(parameters, context, feedback, access)
        feedback.setProgress(5)

        depots = self.read_points(
            parameters, context, self.DEPOTS, self.DEPOT_NAME_FIELD, roads.crs, "depot"
        )
        stops_in = self.read_points(
            parameters, context, self.STOPS, self.STOP_NAME_FIELD, roads.crs, "stop"
        )
        for message in depots.messages() + stops_in.messages():
            feedback.pushWarning(message)
        counts = self._vehicle_counts(parameters, context, depots)
        problem = road_problem(
            roads.network,
            roads.router,
            depots.x,
            depots.y,
            depots.names,
            stops_in.x,
            stops_in.y,
            stops_in.names,
            self.max_snap(parameters, context),
            progress=lambda p: feedback.setProgress(5 + 0.15 * p),
            cancel=cancel,
        )
        feedback.pushInfo(snap_summary(problem.points, problem.n_depots))

        period, days = read_period(
            self.parameterAsInt(parameters, self.WEEKS, context),
            self.parameterAsString(parameters, self.WEEKDAYS, context),
            self.parameterAsString(parameters, self.START_DATE, context),
        )
        vehicles = depot_vehicles(
            depots.names,
            counts,
            work_minutes=self.work_minutes(parameters, context),
            dwell_minutes=self.parameterAsDouble(parameters, self.DWELL, context),
            days=days,
            day_start_minute=self.day_start(parameters, context),
        )
        stops = self._stops(parameters, context, stops_in, problem, every_days)
        feedback.pushInfo(
            self.tr(
                "{v} vehicle(s), {d} working days in a {p}-day period, {s} stops needing "
                "{k} visits."
            ).format(
                v=len(vehicles),
                d=len(days),
                p=period.n_days,
                s=len(stops),
                k=sum(st.required_visits(period.n_days) for st in stops),
            )
        )
        seconds, seed = self.solver(parameters, context)
        feedback.setProgressText(self.tr("Planning the days…"))
        plan = plan_routes(
            problem.matrix,
            vehicles,
            stops,
            period,
            spread_tolerance_days=self.parameterAsDouble(parameters, self.SPREAD, context),
            time_limit=seconds,
            max_iterations=None if seconds else 200,
            seed=seed,
            allow_partial=self.parameterAsBool(parameters, self.ALLOW_PARTIAL, context),
            progress=lambda p: feedback.setProgress(20 + 0.55 * p),
            cancel=cancel,
        )
        for message in plan.diagnostics.messages:
            feedback.pushWarning(message)
        feedback.setProgressText(self.tr("Drawing the routes along the roads…"))
        lines = route_lines(problem, plan, cancel)
        feedback.setProgress(80)

        people = vpm = None
        reach = None
        if access is not None and access.people is not None:
            feedback.setProgressText(self.tr("Who reaches the stops…"))
            reach = stop_reach(
                access.surface.cost_grid(),
                access.grid,
                stops_in.x,
                stops_in.y,
                access_minutes,
                stops_in.names,
                self.max_snap(parameters, context) or 1000.0,
                progress=lambda p: feedback.setProgress(80 + 0.15 * p),
                cancel=cancel,
            )
            people = reach.people(access.people)
            vpm = plan_visits_per_month(plan)
            need = required_per_month(every_days) or DAYS_PER_MONTH / period.n_days
            freq = grid_frequency_coverage(reach, access.people, vpm, need).result
            feedback.pushInfo(
                self.tr(
                    "Residents ({mode}) within {m:g} min of a visited stop: {r:,.0f} of "
                    "{t:,.0f} people; {f:,.0f} ({s:.1f} %) at least {n:.2f} times a month; "
                    "{pv:,.0f} person-visits per month."
                ).format(
                    mode=standard.mode,
                    m=access_minutes,
                    r=freq.people_reached,
                    t=freq.total_people,
                    f=freq.people_at_frequency,
                    s=100 * freq.share_at_frequency,
                    n=need,
                    pv=freq.person_visits_per_month,
                )
            )
        elif access is not None:
            feedback.pushWarning(
                self.tr("No population raster: the people reached by the stops are not counted.")
            )
        totals = route_totals(plan, lines, reach, access.people if reach is not None else None)
        drawn = (lines, totals, roads.crs)
        results = self._write(
            parameters, context, feedback, plan, drawn, problem, stops_in, people, vpm
        )
        results.update(self._summary(plan, lines, reach, access, feedback))
        if reach is not None:
            results["PEOPLE_REACHED"] = freq.people_reached
            results["PEOPLE_AT_FREQUENCY"] = freq.people_at_frequency
            results["PERSON_VISITS_PER_MONTH"] = freq.person_visits_per_month
        feedback.setProgress(100)
        return results

    # -- pieces ------------------------------------------------------------------------------
    def _vehicle_counts(self, parameters, context, depots) -> list[int]:
        field = self.parameterAsString(parameters, self.VEHICLES_FIELD, context)
        default = self.parameterAsInt(parameters, self.VEHICLES, context)
        if not field:
            return [default] * len(depots)
        source = self.parameterAsSource(parameters, self.DEPOTS, context)
        values = point_attributes(source, depots, [field])[field]
        counts = []
        for name, value in zip(depots.names, values):
            n = number_or_none(value, "number of vehicles", name)
            if n is not None and (n < 0 or n != int(n)):
                raise InputError(f"Depot '{name}' has {value} vehicles; use a whole number ≥ 0.")
            counts.append(default if n is None else int(n))
        return counts

    def _stops(self, parameters, context, stops_in, problem, every_days):
        source = self.parameterAsSource(parameters, self.STOPS, context)
        freq_field = self.parameterAsString(parameters, self.FREQUENCY_FIELD, context)
        dwell_field = self.parameterAsString(parameters, self.DWELL_FIELD, context)
        unit = FREQUENCY_UNITS[self.parameterAsEnum(parameters, self.FREQUENCY_UNIT, context)]
        attrs = point_attributes(source, stops_in, [freq_field, dwell_field])
        names = stops_in.names
        freqs = [
            parse_frequency(v, unit, n)
            for v, n in zip(attrs.get(freq_field, [None] * len(names)), names)
        ]
        dwell = None
        if dwell_field:
            dwell = [number_or_none(v, "dwell time", n) for v, n in zip(attrs[dwell_field], names)]
        return stops_with_frequency(problem.stop_nodes, names, freqs, every_days, dwell)

    def _write(self, parameters, context, feedback, plan, drawn, problem, stops_in, people, vpm):
        lines, totals, crs = drawn
        names = list(problem.points.names[: problem.n_depots])
        snap_m = problem.points.distance_m[problem.n_depots :]
        results = {}
        outputs = (
            (
                self.OUTPUT_ROUTES,
                route_fields(),
                QgsWkbTypes.LineString,
                lambda: route_features(plan, lines, totals, names),
                style_routes,
            ),
            (
                self.OUTPUT_STOPS,
                stop_fields(),
                QgsWkbTypes.Point,
                lambda: stop_features(plan, stops_in.x, stops_in.y, snap_m, people, vpm),
                style_plan_stops,
            ),
            (
                self.OUTPUT_VISITS,
                visit_fields(),
                QgsWkbTypes.Point,
                lambda: visit_features(plan, stops_in.x, stops_in.y),
                style_visits,
            ),
        )
        for key, fields, geometry, make, style in outputs:
            sink, dest = self.parameterAsSink(parameters, key, context, fields, geometry, crs)
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, key))
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: no output was written."))
            if not sink.addFeatures(make(), QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.tr("Could not write {}.").format(key))
            style_output_on_load(context, dest, style)
            results[key] = dest
        return results

    def _summary(self, plan, lines, reach, access, feedback) -> dict:
        people = access.people if (access is not None and reach is not None) else None
        for t in vehicle_totals(plan, lines, reach, people):
            reached = (
                ""
                if t.people_reached is None
                else self.tr(", {p:,.0f} people").format(p=t.people_reached)
            )
            feedback.pushInfo(
                self.tr(
                    "{name}: {days} days, {visits} visits at {stops} stops, {km:,.0f} km, "
                    "{h:.1f} h driving{reached}."
                ).format(
                    name=t.name,
                    days=t.days,
                    visits=t.visits,
                    stops=t.stops,
                    km=t.km,
                    h=t.driving_hours,
                    reached=reached,
                )
            )
        missing = sum(k for _, k in plan.diagnostics.missing_visits)
        return {
            "ROUTES": len(plan.routes),
            "DRIVING_HOURS": plan.total_driving_minutes / 60.0,
            "KM": float(sum(line.length_m for line in lines) / 1000.0),
            "MISSING_VISITS": missing,
            "EXTRA_VEHICLE_DAYS": plan.diagnostics.extra_vehicle_days_needed,
        }
