"""mps_planner:selectsites — choose new sites from candidates, existing sites kept."""

from __future__ import annotations

import math

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
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.errors import InputError
from ...core.selection import maximal_covering, p_median, set_covering
from ...core.selection_grid import build_selection, covered_by_district
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.speed_io import read_speed_surface
from ...qgis_io.vectors_io import grid_crs
from ...qgis_io.zones_io import rasterize_zones
from ._inputs import sites_on_grid
from .base import MpsAlgorithm

PROBLEMS = ("mclp", "lscp", "pmedian")
METHODS = ("auto", "exact", "heuristic")


def _too_few_candidates(p: int, n: int) -> str:
    there = f"there is only {n} candidate" if n == 1 else f"there are only {n} candidates"
    return (
        f"{p} new sites were asked for, but {there}: ask for at most {n}, or add candidates "
        "(the Candidates tool makes them)."
    )


class SelectSitesAlgorithm(MpsAlgorithm):
    POPULATION = "POPULATION"
    SPEED = "SPEED"
    CANDIDATES = "CANDIDATES"
    NAME_FIELD = "NAME_FIELD"
    EXISTING = "EXISTING"
    PROBLEM = "PROBLEM"
    P = "P"
    TARGET = "TARGET"
    THRESHOLD = "THRESHOLD"
    MAX_MINUTES = "MAX_MINUTES"
    DISTRICTS = "DISTRICTS"
    DISTRICT_NAME_FIELD = "DISTRICT_NAME_FIELD"
    FLOOR = "FLOOR"
    METHOD = "METHOD"
    TIME_LIMIT = "TIME_LIMIT"
    SNAP_DISTANCE = "SNAP_DISTANCE"
    OUTPUT = "OUTPUT"
    OUTPUT_DISTRICTS = "OUTPUT_DISTRICTS"
    OUTPUT_CURVE = "OUTPUT_CURVE"
    OUTPUT_CHART = "OUTPUT_CHART"
    SOLVER = "SOLVER"
    OBJECTIVE = "OBJECTIVE"
    BOUND = "BOUND"
    GAP = "GAP"
    COVERED_SHARE = "COVERED_SHARE"

    def name(self) -> str:
        return "selectsites"

    def displayName(self) -> str:
        return self.tr("Select new sites")

    def group(self) -> str:
        return self.tr("Site selection")

    def groupId(self) -> str:
        return "selection"

    def shortHelpString(self) -> str:
        return self.tr(
            "Chooses where new mobile stops or facilities should go, from candidate points, "
            "with the existing sites kept. Travel times come from the speed raster (km/h); a "
            "person is covered when a site is within the threshold (minutes).\n"
            "Problems: maximal covering (P new sites covering the most people not yet "
            "covered); fewest sites for a target (the fewest new sites covering the target % "
            "of all people); p-median (P new sites minimising people × minutes to the nearest "
            "site, searched up to the maximum minutes). An equity floor (%) asks every "
            "district to reach that covered share; if one cannot, the error says which and "
            "why.\n"
            "Solving: exact (MILP, HiGHS) where the instance allows, within the time limit "
            "(s), with the optimality gap reported; a fast heuristic (greedy + swaps) "
            "otherwise, and as the fallback when the limit ends first.\n"
            "Outputs: the chosen sites (rank, people each adds, people covered after it), "
            "coverage before/after per district, the coverage curve (people covered against "
            "the number of new sites) as a table and an SVG chart."
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
                self.CANDIDATES, self.tr("Candidate sites"), [QgsProcessing.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Candidate name field"),
                parentLayerParameterName=self.CANDIDATES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.EXISTING,
                self.tr("Existing sites (kept)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PROBLEM,
                self.tr("Problem"),
                options=[
                    self.tr("Maximal covering: P new sites"),
                    self.tr("Fewest new sites for a target"),
                    self.tr("p-median: least travel time"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.P, self.tr("Number of new sites (P)"), defaultValue=3, minValue=1
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TARGET,
                self.tr("Target share of people covered, %"),
                QgsProcessingParameterNumber.Double,
                defaultValue=95.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.THRESHOLD,
                self.tr("Threshold, minutes"),
                QgsProcessingParameterNumber.Double,
                defaultValue=30.0,
                minValue=0.01,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_MINUTES,
                self.tr("p-median: search up to, minutes (0 = twice the threshold)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
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
                self.FLOOR,
                self.tr("Equity floor: covered share in every district, % (0 = none)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Solver"),
                options=[
                    self.tr("Automatic (exact where the instance allows)"),
                    self.tr("Exact (MILP)"),
                    self.tr("Heuristic"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TIME_LIMIT,
                self.tr("Time limit, s"),
                QgsProcessingParameterNumber.Double,
                defaultValue=60.0,
                minValue=1.0,
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
                self.OUTPUT, self.tr("Chosen sites"), QgsProcessing.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_DISTRICTS,
                self.tr("Coverage before and after, per district"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_CURVE,
                self.tr("Coverage curve"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_CHART,
                self.tr("Coverage curve chart"),
                self.tr("SVG files (*.svg)"),
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputString(self.SOLVER, self.tr("How it was solved")))
        self.addOutput(QgsProcessingOutputNumber(self.OBJECTIVE, self.tr("Objective")))
        self.addOutput(QgsProcessingOutputNumber(self.BOUND, self.tr("Best bound")))
        self.addOutput(QgsProcessingOutputNumber(self.GAP, self.tr("Optimality gap")))
        self.addOutput(QgsProcessingOutputNumber(self.COVERED_SHARE, self.tr("Covered share")))

    def run(self, parameters, context, feedback):
        speed_layer = self.parameterAsRasterLayer(parameters, self.SPEED, context)
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        if speed_layer is None or pop_layer is None:
            raise InputError("Choose a population raster and a speed raster (km/h).")
        surface = read_speed_surface(speed_layer.source())
        grid = surface.grid
        people = population_on_grid(
            pop_layer.source(), grid=grid, cancel=feedback.isCanceled
        ).population.layer()
        problem = PROBLEMS[self.parameterAsEnum(parameters, self.PROBLEM, context)]
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        p = self.parameterAsInt(parameters, self.P, context)
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        snap = self.parameterAsDouble(parameters, self.SNAP_DISTANCE, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context) or None
        points, cands = sites_on_grid(
            self.parameterAsSource(parameters, self.CANDIDATES, context),
            surface, name_field, snap, context, feedback, what="candidate",
        )  # fmt: skip
        existing_source = self.parameterAsSource(parameters, self.EXISTING, context)
        er = np.zeros(0, np.int64)
        ec = np.zeros(0, np.int64)
        if existing_source is not None:
            _, existing = sites_on_grid(
                existing_source, surface, None, snap, context, feedback, what="existing site"
            )
            er, ec = existing.rows, existing.cols
        zones = names = None
        districts = self.parameterAsSource(parameters, self.DISTRICTS, context)
        if districts is not None:
            dname = self.parameterAsString(parameters, self.DISTRICT_NAME_FIELD, context) or None
            raster = rasterize_zones(districts, grid, name_field=dname)
            zones, names = raster.labels, list(raster.names)
        floor = self.parameterAsDouble(parameters, self.FLOOR, context) / 100.0
        if floor > 0 and zones is None:
            raise InputError("An equity floor needs the district layer.")
        max_minutes = self.parameterAsDouble(parameters, self.MAX_MINUTES, context) or (
            2 * threshold
        )
        feedback.pushInfo(self.tr("Travel times of {n} candidates…").format(n=len(points)))
        selection = build_selection(
            surface.cost_grid(), people, cands.rows, cands.cols, threshold, er, ec, zones,
            with_costs=problem == "pmedian", cost_limit=max_minutes,
            progress=lambda v: feedback.setProgress(0.6 * v), cancel=feedback.isCanceled,
        )  # fmt: skip
        if not selection.coverage.nnz and problem != "pmedian":
            raise InputError(
                f"No candidate reaches anyone within {threshold:g} minutes: move the candidates "
                "nearer people, or raise the threshold."
            )
        options = {
            "method": method,
            "time_limit": self.parameterAsDouble(parameters, self.TIME_LIMIT, context),
            "progress": lambda v: feedback.setProgress(60 + 0.35 * v),
            "cancel": feedback.isCanceled,
        }
        district_options = {}
        if floor > 0:
            # Name the districts, so that an infeasible floor is explained by name.
            outside = "(outside the districts)"
            labels = np.array([*names, outside], dtype=object)[selection.districts]
            district_options = {"districts": labels, "floors": dict.fromkeys(names, floor)}
        if problem == "mclp":
            if p > len(points):
                raise InputError(_too_few_candidates(p, len(points)))
            result = maximal_covering(
                selection.coverage, selection.weights, p,
                already_covered=selection.already_covered, **district_options, **options,
            )  # fmt: skip
        elif problem == "lscp":
            target = self.parameterAsDouble(parameters, self.TARGET, context) / 100.0
            result = set_covering(
                selection.coverage, selection.weights, target=target,
                already_covered=selection.already_covered, **district_options, **options,
            )  # fmt: skip
        else:
            if p > len(points):
                raise InputError(_too_few_candidates(p, len(points)))
            result = p_median(
                selection.costs, selection.weights, p, fixed=selection.fixed,
                unserved_cost=max_minutes, floor_within=threshold if floor > 0 else None,
                **district_options, **options,
            )  # fmt: skip
        feedback.pushInfo(result.summary())
        if result.message:
            feedback.pushWarning(result.message)
        results = self._write_sites(parameters, context, grid, points, cands, selection, result)
        if zones is not None and self.OUTPUT_DISTRICTS in parameters:
            results.update(self._write_districts(parameters, context, selection, result, names))
        results.update(self._write_curve(parameters, context, selection, result))
        gap = result.gap
        results.update(
            {
                self.SOLVER: result.summary(),
                self.OBJECTIVE: float(result.objective),
                self.BOUND: float(result.bound) if math.isfinite(result.bound) else None,
                self.GAP: float(gap) if math.isfinite(gap) else None,
                self.COVERED_SHARE: float(result.covered_share),
            }
        )
        feedback.setProgress(100)
        return results

    # -- outputs ----------------------------------------------------------------------------
    def _covered_after(self, selection, chosen) -> list[float]:
        """People covered (existing + the first k chosen) for k = 0..len(chosen)."""
        covered = selection.already_covered.copy()
        w = selection.weights
        out = [float(w[covered].sum())]
        for j in chosen:
            covered |= np.asarray(selection.coverage[:, int(j)].todense()).ravel()
            out.append(float(w[covered].sum()))
        return out

    def _write_sites(self, parameters, context, grid, points, cands, selection, result):
        fields = QgsFields()
        for name, kind in (
            ("rank", QVariant.Int),
            ("name", QVariant.String),
            ("candidate_fid", QVariant.LongLong),
            ("people_added", QVariant.Double),
            ("people_covered", QVariant.Double),
            ("share_covered", QVariant.Double),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Point, grid_crs(grid)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        after = self._covered_after(selection, result.sites)
        total = float(selection.weights.sum())
        for rank, j in enumerate(result.sites.tolist(), start=1):
            x, y = grid.centre_of(cands.rows[j], cands.cols[j])
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
            feature.setAttributes(
                [
                    rank,
                    points.names[j],
                    int(points.fids[j]),
                    after[rank] - after[rank - 1],
                    after[rank],
                    after[rank] / total if total > 0 else None,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return {self.OUTPUT: dest}

    def _write_districts(self, parameters, context, selection, result, names):
        fields = QgsFields()
        for name, kind in (
            ("district", QVariant.String),
            ("people", QVariant.Double),
            ("covered_before", QVariant.Double),
            ("covered_after", QVariant.Double),
            ("share_before", QVariant.Double),
            ("share_after", QVariant.Double),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_DISTRICTS, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            return {}
        before, after, totals = covered_by_district(selection, result.sites, len(names))
        for z, name in enumerate(names):
            t = float(totals[z])
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    name,
                    t,
                    float(before[z]),
                    float(after[z]),
                    float(before[z]) / t if t > 0 else None,
                    float(after[z]) / t if t > 0 else None,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return {self.OUTPUT_DISTRICTS: dest}

    def _write_curve(self, parameters, context, selection, result):
        out = {}
        after = self._covered_after(selection, result.sites)
        total = float(selection.weights.sum())
        if self.OUTPUT_CURVE in parameters and parameters[self.OUTPUT_CURVE] is not None:
            fields = QgsFields()
            for name, kind in (
                ("new_sites", QVariant.Int),
                ("people_covered", QVariant.Double),
                ("share_covered", QVariant.Double),
                ("people_added", QVariant.Double),
            ):
                fields.append(QgsField(name, kind))
            sink, dest = self.parameterAsSink(
                parameters, self.OUTPUT_CURVE, context, fields, QgsWkbTypes.NoGeometry
            )
            if sink is not None:
                for k, value in enumerate(after):
                    feature = QgsFeature(fields)
                    added = value - after[k - 1] if k else 0.0
                    feature.setAttributes([k, value, value / total if total else None, added])
                    sink.addFeature(feature, QgsFeatureSink.FastInsert)
                out[self.OUTPUT_CURVE] = dest
        chart_path = self.parameterAsFileOutput(parameters, self.OUTPUT_CHART, context)
        if chart_path:
            from ...report.chart import write_chart
            from ...report.tables import coverage_curve_chart

            write_chart(coverage_curve_chart(after, total), chart_path, 160.0, 80.0)
            out[self.OUTPUT_CHART] = chart_path
        return out
