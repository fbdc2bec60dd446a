"""mps_planner:coveringtour — choose the mobile stops as well as the routes: the shortest day
routes from a depot whose stops bring the people within the access standard."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...core.errors import InputError
from ...core.mobile_cover import (
    cover_relation,
    demand_cells,
    demand_points,
    served_by_fixed,
)
from ...core.mobile_plan import candidates_along_roads
from ...core.mobile_reach import stop_reach
from ...core.mobile_roads import draw_along_roads, road_problem
from ...core.routing import coverage_tradeoff, covering_tour
from ...core.snapping import snap_sites
from ...core.traveltime import travel_times
from ...qgis_io.mobile_io import number_or_none
from ...qgis_io.network_io import read_road_layer
from ...qgis_io.sites_io import point_attributes
from ...qgis_io.tour_io import (
    ROUTE_SPEC,
    STOP_SPEC,
    TRADEOFF_SPEC,
    fields_of,
    tour_features,
    tradeoff_features,
)
from ...report.mobile_styles import style_plan_stops, style_routes
from ._inputs import parse_thresholds
from ._mobile_params import DEFAULT_SPEEDS, MobileAlgorithm
from ._styling import style_output_on_load


class CoveringTourAlgorithm(MobileAlgorithm):
    CANDIDATES = "CANDIDATES"
    CANDIDATE_NAME_FIELD = "CANDIDATE_NAME_FIELD"
    SPACING = "SPACING"
    DEMAND = "DEMAND"
    DEMAND_NAME_FIELD = "DEMAND_NAME_FIELD"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    FIXED = "FIXED"
    ROUTES = "ROUTES"
    TARGET = "TARGET"
    MAX_STOPS = "MAX_STOPS"
    TRADEOFF = "TRADEOFF"
    OUTPUT_STOPS = "OUTPUT_STOPS"
    OUTPUT_ROUTES = "OUTPUT_ROUTES"
    OUTPUT_TRADEOFF = "OUTPUT_TRADEOFF"

    def name(self) -> str:
        return "coveringtour"

    def displayName(self) -> str:
        return self.tr("Covering tour (choose stops and routes)")

    def shortHelpString(self) -> str:
        return self.tr(
            "Chooses mobile stops and day routes together: the shortest routes from the depot "
            "(at most ROUTES of them, each within the working day: driving plus DWELL minutes "
            "at each stop, at most MAX_STOPS stops) whose stops bring TARGET % of the people "
            "within the standard's minutes (ACCESS_MINUTES) of a visited stop. A route is one "
            "vehicle-day: ROUTES = 2 reads as two vehicles, or one vehicle two days per "
            "visit interval.\n\n"
            "Candidates: CANDIDATES (e.g. the candidate sites, or settlements), else points "
            "every SPACING metres along the roads; candidates farther than MAX_SNAP metres "
            "from a road are left out (the log names them). Demand: DEMAND points "
            "(settlements, herder camps) with people in WEIGHT_FIELD (default 1 each), else "
            "every populated cell of the POPULATION raster. With FIXED facilities, people "
            "already within the standard of one of them are not demand. Who reaches a "
            "candidate: residents travel over the RESIDENT_SPEED raster (km/h of their mode). "
            "TARGET is a share of the people some candidate can reach at all; the log says "
            "how many no candidate reaches. Vehicle km/h per road class: ROAD_SPEEDS "
            "(default '{speeds}').\n\n"
            "Outputs: OUTPUT_STOPS, the chosen stops with their route, order, arrival and "
            "departure (from DAY_START) and the people they bring within reach, and "
            "every_days (the standard's visit interval) — use them as STOPS of 'Plan mobile "
            "routes', with every_days as the frequency field; OUTPUT_ROUTES, the routes along "
            "the roads (km, minutes, people); OUTPUT_TRADEOFF, route time against people "
            "reached for the numbers of routes in TRADEOFF (e.g. '1, 2, 3'): the most people "
            "those routes reach and the least minutes for TARGET. TIME_LIMIT (advanced): "
            "seconds for the search; 0 = a fixed number of steps, the same answer every run."
        ).format(speeds=DEFAULT_SPEEDS)

    def initAlgorithm(self, config=None):
        self.add_road_parameters()
        self.add_depot_parameters(several=False)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CANDIDATES,
                self.tr("Candidate stops (empty: points along the roads)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CANDIDATE_NAME_FIELD,
                self.tr("Candidate name field"),
                parentLayerParameterName=self.CANDIDATES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPACING,
                self.tr("Spacing of candidates along the roads, m"),
                QgsProcessingParameterNumber.Double,
                5000.0,
                minValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DEMAND,
                self.tr("Demand points: settlements, herder camps (empty: population cells)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DEMAND_NAME_FIELD,
                self.tr("Demand name field"),
                parentLayerParameterName=self.DEMAND,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("People per demand point (field)"),
                parentLayerParameterName=self.DEMAND,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FIXED,
                self.tr("Fixed facilities (their people are not demand)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.add_standard_parameters(resident_speed_optional=False)
        self.add_day_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.ROUTES,
                self.tr("Routes (vehicle-days)"),
                QgsProcessingParameterNumber.Integer,
                1,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TARGET,
                self.tr("Target, % of the people a candidate can reach"),
                QgsProcessingParameterNumber.Double,
                100.0,
                minValue=0.1,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_STOPS,
                self.tr("Most stops per route (0 = no limit)"),
                QgsProcessingParameterNumber.Integer,
                0,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.TRADEOFF,
                self.tr("Trade-off table for these numbers of routes (empty: none)"),
                defaultValue="1, 2, 3",
                optional=True,
            )
        )
        self.add_solver_parameters(5.0)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_STOPS, self.tr("Chosen stops"), QgsProcessing.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_ROUTES, self.tr("Covering routes"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TRADEOFF,
                self.tr("Route time vs people reached"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )

    def run(self, parameters, context, feedback):
        cancel = feedback.isCanceled
        _standard, access_minutes, every_days = self.read_standard(parameters, context)
        access = self.read_access(parameters, context, feedback, need_people=False)
        if access is None:
            raise InputError("Give the residents' speed raster (km/h of their travel mode).")
        roads = self.read_roads(parameters, context, feedback, access)
        grid = access.grid
        cost = access.surface.cost_grid()
        max_snap = self.max_snap(parameters, context)

        depots = self.read_points(
            parameters, context, self.DEPOTS, self.DEPOT_NAME_FIELD, roads.crs, "depot"
        )
        if len(depots) > 1:
            feedback.pushWarning(
                self.tr("The depot layer has {n} points: the first, '{name}', is used.").format(
                    n=len(depots), name=depots.names[0]
                )
            )
        cx, cy, cnames = self._candidates(parameters, context, feedback, roads, max_snap, depots)
        feedback.setProgress(10)
        demand = self._demand(parameters, context, access, roads.crs)
        fixed = self.parameterAsSource(parameters, self.FIXED, context)
        if fixed is not None:
            f = self.read_points(parameters, context, self.FIXED, None, roads.crs, "facility")
            sites = snap_sites(grid, access.surface.passable, f.x, f.y, max_snap or 1000.0)
            times = travel_times(cost, sites.rows, sites.cols, max_minutes=access_minutes)
            served = served_by_fixed(demand, times.minutes, access_minutes)
            feedback.pushInfo(
                self.tr("{p:,.0f} people are within {m:g} min of a fixed facility already.").format(
                    p=float(demand.weights[served].sum()), m=access_minutes
                )
            )
            demand = demand.subset(~served)
        if not len(demand) or demand.weights.sum() <= 0:
            raise InputError("No people are left to reach: every demand point is served already.")
        feedback.setProgressText(self.tr("Who reaches each candidate…"))
        reach = stop_reach(
            cost,
            grid,
            cx,
            cy,
            access_minutes,
            cnames,
            max_snap or 1000.0,
            progress=lambda p: feedback.setProgress(10 + 0.3 * p),
            cancel=cancel,
        )
        coverage = cover_relation(reach, demand)
        coverable = coverage.any(axis=1)
        everyone = float(demand.weights.sum())
        lost = float(demand.weights[~coverable].sum())
        if lost > 0:
            alone = np.flatnonzero(~coverable & (demand.weights > 0))[:5]
            shown = ", ".join(f"'{demand.names[i]}'" for i in alone)
            feedback.pushWarning(
                self.tr(
                    "{p:,.0f} people ({share:.1f} %) reach no candidate within {m:g} min, e.g. "
                    "{shown}: add candidates near them."
                ).format(p=lost, share=100 * lost / everyone, m=access_minutes, shown=shown)
            )
        if not coverable.any():
            raise InputError(
                f"No demand point reaches any candidate within {access_minutes:g} minutes: add "
                "candidates near the people, or check the residents' speed raster."
            )
        # Only the people some candidate reaches take part: TARGET is a share of them.
        demand = demand.subset(coverable)
        coverage = coverage[coverable]
        problem = road_problem(
            roads.network,
            roads.router,
            depots.x[:1],
            depots.y[:1],
            depots.names[:1],
            cx,
            cy,
            cnames,
            max_snap,
            cancel=cancel,
        )
        feedback.setProgress(45)
        work = self.work_minutes(parameters, context)
        dwell = self.parameterAsDouble(parameters, self.DWELL, context)
        n_routes = self.parameterAsInt(parameters, self.ROUTES, context)
        target = self.parameterAsDouble(parameters, self.TARGET, context) / 100.0
        max_stops = self.parameterAsInt(parameters, self.MAX_STOPS, context) or None
        seconds, seed = self.solver(parameters, context)
        feedback.setProgressText(self.tr("Choosing stops and routes…"))
        tour = covering_tour(
            problem.matrix,
            0,
            problem.stop_nodes,
            coverage,
            demand.weights,
            n_vehicles=n_routes,
            max_stops=max_stops,
            max_route_minutes=work,
            dwell_minutes=dwell,
            target_share=target,
            names=problem.points.names,
            time_limit=seconds,
            max_iterations=None if seconds else 50,
            seed=seed,
            progress=lambda p: feedback.setProgress(45 + 0.3 * p),
            cancel=cancel,
        )
        feedback.pushInfo(
            self.tr(
                "{k} stops on {r} route(s), {m:.0f} minutes in all, reach {p:,.0f} people: "
                "{s:.1f} % of those a candidate can reach, {a:.1f} % of all {t:,.0f}."
            ).format(
                k=len(tour.stops),
                r=len(tour.routes),
                m=tour.total_minutes,
                p=tour.covered_weight,
                s=100 * tour.share,
                a=100 * tour.covered_weight / everyone,
                t=everyone,
            )
        )
        day_start = self.day_start(parameters, context)
        results = self._write_tour(
            parameters,
            context,
            problem,
            tour,
            (coverage, demand),
            (dwell, day_start, every_days, roads.crs),
            cancel,
        )
        counts = self._tradeoff_counts(parameters, context)
        if counts and self.OUTPUT_TRADEOFF in parameters and parameters[self.OUTPUT_TRADEOFF]:
            feedback.setProgressText(self.tr("Route time against people reached…"))
            rows = coverage_tradeoff(
                problem.matrix,
                0,
                problem.stop_nodes,
                coverage,
                demand.weights,
                route_minutes=work,
                vehicle_counts=counts,
                target_share=target,
                max_stops=max_stops,
                dwell_minutes=dwell,
                names=problem.points.names,
                time_limit=seconds,
                max_iterations=None if seconds else 30,
                seed=seed,
                cancel=cancel,
            )
            results.update(self._write_tradeoff(parameters, context, rows, feedback))
        results.update(
            {
                "STOPS": len(tour.stops),
                "MINUTES": tour.total_minutes,
                "PEOPLE_REACHED": tour.covered_weight,
                "PEOPLE": everyone,
            }
        )
        feedback.setProgress(100)
        return results

    # -- inputs --------------------------------------------------------------------------------
    def _candidates(self, parameters, context, feedback, roads, max_snap, depots):
        """Candidate points near a road joined to the depot's (the others are left out)."""
        source = self.parameterAsSource(parameters, self.CANDIDATES, context)
        if source is not None:
            pts = self.read_points(
                parameters,
                context,
                self.CANDIDATES,
                self.CANDIDATE_NAME_FIELD,
                roads.crs,
                "candidate",
            )
            x, y, names = pts.x, pts.y, list(pts.names)
        else:
            spacing = self.parameterAsDouble(parameters, self.SPACING, context)
            layer = read_road_layer(
                self.parameterAsSource(parameters, self.ROADS, context),
                roads.crs,
                context.transformContext(),
            )
            x, y, names = candidates_along_roads(layer.polylines, spacing)
            feedback.pushInfo(
                self.tr("{n} candidate stops every {s:,.0f} m along the roads.").format(
                    n=len(names), s=spacing
                )
            )
        snapped = roads.network.snap(x, y, names, None, what="Candidate")
        far = snapped.distance_m > max_snap if max_snap else np.zeros(len(names), bool)
        if far.any():
            listed = ", ".join(f"'{names[i]}'" for i in np.flatnonzero(far)[:5].tolist())
            feedback.pushWarning(
                self.tr(
                    "{n} candidate(s) are farther than {d:,.0f} m from a road and were left "
                    "out: {listed}."
                ).format(n=int(far.sum()), d=max_snap, listed=listed)
            )
        depot = roads.network.snap(depots.x[:1], depots.y[:1], depots.names[:1], max_snap, "Depot")
        comp = roads.router.node_component[roads.network.edge_u[snapped.edge]]
        home = roads.router.node_component[roads.network.edge_u[depot.edge[0]]]
        apart = ~far & (comp != home)
        if apart.any():
            listed = ", ".join(f"'{names[i]}'" for i in np.flatnonzero(apart)[:5].tolist())
            feedback.pushWarning(
                self.tr(
                    "{n} candidate(s) are on roads not joined to the depot's and were left "
                    "out: {listed}."
                ).format(n=int(apart.sum()), listed=listed)
            )
        keep = np.flatnonzero(~far & ~apart)
        if not keep.size:
            raise InputError(
                "No candidate stop is near a road joined to the depot; move them, join the "
                "roads, or raise the snapping distance."
            )
        return x[keep], y[keep], [names[i] for i in keep.tolist()]

    def _demand(self, parameters, context, access, crs):
        source = self.parameterAsSource(parameters, self.DEMAND, context)
        if source is not None:
            pts = self.read_points(
                parameters, context, self.DEMAND, self.DEMAND_NAME_FIELD, crs, "demand point"
            )
            weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
            weights = None
            if weight_field:
                values = point_attributes(source, pts, [weight_field])[weight_field]
                weights = [
                    number_or_none(v, "number of people", n) or 0.0
                    for v, n in zip(values, pts.names)
                ]
            return demand_points(access.grid, pts.x, pts.y, weights, pts.names)
        if access.people is None:
            raise InputError("Give demand points (settlements, camps) or a population raster.")
        return demand_cells(access.people, access.grid)

    def _tradeoff_counts(self, parameters, context) -> list[int]:
        text = self.parameterAsString(parameters, self.TRADEOFF, context)
        if not text or not text.strip():
            return []
        values = parse_thresholds(text)
        if any(v != int(v) for v in values):
            raise InputError("The trade-off numbers of routes must be whole numbers, e.g. 1, 2, 3.")
        return [int(v) for v in values]

    # -- outputs -------------------------------------------------------------------------------
    def _write_tour(self, parameters, context, problem, tour, cover, settings, cancel) -> dict:
        coverage, demand = cover
        dwell, day_start, every_days, crs = settings
        results = {}
        drawn = draw_along_roads(problem, [[0, *r, 0] for r in tour.routes], cancel)
        stops, routes = tour_features(
            problem, tour, drawn, coverage, demand.weights, dwell, day_start, every_days
        )
        for key, spec, kind, features, style in (
            (self.OUTPUT_STOPS, STOP_SPEC, QgsWkbTypes.Point, stops, style_plan_stops),
            (self.OUTPUT_ROUTES, ROUTE_SPEC, QgsWkbTypes.LineString, routes, style_routes),
        ):
            sink, dest = self.parameterAsSink(parameters, key, context, fields_of(spec), kind, crs)
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, key))
            if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
                raise QgsProcessingException(self.tr("Could not write {}.").format(key))
            style_output_on_load(context, dest, style)
            results[key] = dest
        return results

    def _write_tradeoff(self, parameters, context, rows, feedback) -> dict:
        fields = fields_of(TRADEOFF_SPEC)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_TRADEOFF, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            return {}
        sink.addFeatures(tradeoff_features(rows), QgsFeatureSink.FastInsert)
        for row in rows:
            target = (
                self.tr("cannot reach the target")
                if row.minutes_for_target is None
                else self.tr("{m:.0f} min for the target").format(m=row.minutes_for_target)
            )
            feedback.pushInfo(
                self.tr("{k} route(s): at most {p:,.0f} people ({s:.1f} %), {t}.").format(
                    k=row.vehicles, p=row.people_reached, s=100 * row.share_reached, t=target
                )
            )
        return {self.OUTPUT_TRADEOFF: dest}
