"""mps_planner:candidates — generate and filter candidate sites for new stops or facilities."""

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
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.candidates import (
    CandidateCells,
    filter_candidates,
    regular_candidates,
    road_candidates,
    settlement_candidates,
)
from ...core.errors import InputError
from ...qgis_io.population_io import population_on_grid
from ...qgis_io.speed_io import read_speed_surface
from ...qgis_io.vectors_io import burn_features, grid_crs, read_points
from ...qgis_io.zones_io import study_area_mask
from .base import MpsAlgorithm

METHODS = ("regular", "road", "settlement", "hotspot")


class CandidatesAlgorithm(MpsAlgorithm):
    SPEED = "SPEED"
    POPULATION = "POPULATION"
    METHODS = "METHODS"
    SPACING = "SPACING"
    ROADS = "ROADS"
    HOTSPOTS = "HOTSPOTS"
    USER_CANDIDATES = "USER_CANDIDATES"
    SETTLEMENT_RADIUS = "SETTLEMENT_RADIUS"
    MIN_PEOPLE = "MIN_PEOPLE"
    EXISTING = "EXISTING"
    BUFFER = "BUFFER"
    EXCLUSION = "EXCLUSION"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "candidates"

    def displayName(self) -> str:
        return self.tr("Candidate sites")

    def group(self) -> str:
        return self.tr("Site selection")

    def groupId(self) -> str:
        return "selection"

    def shortHelpString(self) -> str:
        return self.tr(
            "Candidate sites for new mobile stops or facilities, on the speed raster's grid.\n"
            "Methods: a regular spacing over populated cells (the most populated cell of each "
            "block of the spacing, in metres); along roads (a road cell per block, where most "
            "people live nearby: vehicles must reach a mobile stop); settlements (population "
            "peaks within the settlement radius holding at least the minimum people); gap "
            "hotspot centres (the Coverage algorithm's hotspots, fields centre_x/centre_y). "
            "Your own candidate points can be added.\n"
            "Filters: candidates on impassable cells, inside exclusion polygons or within the "
            "buffer (m) of an existing site are removed, and so are duplicates.\n"
            "Output: points with kind, name and people within half the spacing."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.SPEED, self.tr("Speed surface (km/h)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.POPULATION, self.tr("Population raster"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHODS,
                self.tr("Methods"),
                options=[
                    self.tr("Regular spacing over populated cells"),
                    self.tr("Along roads"),
                    self.tr("Settlements (population peaks)"),
                    self.tr("Gap hotspot centres"),
                ],
                allowMultiple=True,
                defaultValue=[0, 1],
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPACING,
                self.tr("Spacing, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=3000.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HOTSPOTS,
                self.tr("Gap hotspots (from Coverage)"),
                [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.USER_CANDIDATES,
                self.tr("Your own candidate points"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SETTLEMENT_RADIUS,
                self.tr("Settlement radius, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=1000.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_PEOPLE,
                self.tr("Minimum people at a settlement"),
                QgsProcessingParameterNumber.Double,
                defaultValue=20.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.EXISTING,
                self.tr("Existing sites"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUFFER,
                self.tr("No candidate within this distance of an existing site, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.EXCLUSION,
                self.tr("Exclusion areas"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Candidates"), QgsProcessing.TypeVectorPoint
            )
        )

    def _why(self, reason: str) -> str:
        """The core's reason for dropping candidates, in the language of the interface."""
        known = {
            "impassable": self.tr("on an impassable cell"),
            "in an exclusion area": self.tr("in an exclusion area"),
            "on the same cell as another": self.tr("on the same cell as another"),
        }
        if reason.startswith("within ") and reason.endswith(" of an existing site"):
            return self.tr("within {d} of an existing site").format(d=reason[7:-20])
        return known.get(reason, reason)

    def run(self, parameters, context, feedback):
        speed_layer = self.parameterAsRasterLayer(parameters, self.SPEED, context)
        if speed_layer is None:
            raise InputError("Choose a speed raster (km/h).")
        surface = read_speed_surface(speed_layer.source())
        grid = surface.grid
        methods = [METHODS[i] for i in self.parameterAsEnums(parameters, self.METHODS, context)]
        spacing = self.parameterAsDouble(parameters, self.SPACING, context)
        pop_layer = self.parameterAsRasterLayer(parameters, self.POPULATION, context)
        people = None
        if pop_layer is not None:
            people = population_on_grid(
                pop_layer.source(), grid=grid, cancel=feedback.isCanceled
            ).population.layer()
        needs_people = {"regular", "road", "settlement"} & set(methods)
        if needs_people and people is None:
            raise InputError(
                "Regular, road and settlement candidates need a population raster; give one, "
                "or use only hotspot centres and your own points."
            )
        parts = []
        if "regular" in methods:
            parts.append(regular_candidates(people, surface.passable, grid.cell_size, spacing))
        if "road" in methods:
            roads = self.parameterAsSource(parameters, self.ROADS, context)
            if roads is None:
                raise InputError("Candidates along roads need a road layer.")
            burnt = burn_features(roads, grid, context=context, what="road layer")
            parts.append(road_candidates(burnt.values > 0, people, grid.cell_size, spacing))
        if "settlement" in methods:
            radius = self.parameterAsDouble(parameters, self.SETTLEMENT_RADIUS, context)
            least = self.parameterAsDouble(parameters, self.MIN_PEOPLE, context)
            parts.append(
                settlement_candidates(people, surface.passable, grid.cell_size, radius, least)
            )
        if "hotspot" in methods:
            parts.append(self._hotspot_cells(parameters, context, grid))
        user = self.parameterAsSource(parameters, self.USER_CANDIDATES, context)
        if user is not None:
            pts = read_points(user, grid, context=context, what="candidate")
            r, c = grid.cell_of(pts.x, pts.y)
            parts.append(CandidateCells(r, c, ["user"] * len(pts), pts.names))
        candidates = CandidateCells.concat(parts)
        if not len(candidates):
            raise InputError("No candidate was generated: check the methods and their inputs.")
        existing = self.parameterAsSource(parameters, self.EXISTING, context)
        er = ec = None
        if existing is not None:
            ex = read_points(existing, grid, context=context, what="existing site")
            er, ec = grid.cell_of(ex.x, ex.y)
            inside = grid.contains(er, ec)
            er, ec = er[inside], ec[inside]
        exclusion = None
        excl_source = self.parameterAsSource(parameters, self.EXCLUSION, context)
        if excl_source is not None:
            exclusion = study_area_mask(excl_source, grid)
        kept, dropped = filter_candidates(
            candidates,
            surface.passable,
            grid.cell_size,
            exclusion,
            er,
            ec,
            self.parameterAsDouble(parameters, self.BUFFER, context),
        )
        for reason, count in dropped.items():
            feedback.pushInfo(
                self.tr("{n} candidates dropped: {why}.").format(n=count, why=self._why(reason))
            )
        if not len(kept):
            raise InputError("Every candidate was filtered out: relax the buffer or exclusions.")
        return self._write(parameters, context, grid, kept, people, spacing, feedback)

    def _hotspot_cells(self, parameters, context, grid) -> CandidateCells:
        source = self.parameterAsSource(parameters, self.HOTSPOTS, context)
        if source is None:
            raise InputError("Hotspot centres need the Coverage algorithm's hotspot layer.")
        names = source.fields().names()
        xs, ys = [], []
        for feature in source.getFeatures():
            if "centre_x" in names and "centre_y" in names and feature["centre_x"] is not None:
                xs.append(float(feature["centre_x"]))
                ys.append(float(feature["centre_y"]))
            elif not feature.geometry().isEmpty():
                point = feature.geometry().pointOnSurface().asPoint()
                xs.append(point.x())
                ys.append(point.y())
        r, c = grid.cell_of(np.array(xs), np.array(ys))
        return CandidateCells(
            r, c, ["hotspot"] * len(xs), [f"hotspot {i + 1}" for i in range(len(xs))]
        )

    def _write(self, parameters, context, grid, kept, people, spacing, feedback):
        fields = QgsFields()
        fields.append(QgsField("kind", QVariant.String))
        fields.append(QgsField("name", QVariant.String))
        fields.append(QgsField("people_near", QVariant.Double))
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Point, grid_crs(grid)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        near = None
        if people is not None:
            from scipy import ndimage

            size = max(1, 2 * round(spacing / 2 / grid.cell_size) + 1)
            near = ndimage.uniform_filter(people, size, mode="constant") * size * size
        xs, ys = grid.centre_of(kept.rows, kept.cols)
        for i in range(len(kept)):
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(xs[i]), float(ys[i]))))
            value = None if near is None else float(near[kept.rows[i], kept.cols[i]])
            feature.setAttributes([kept.kinds[i], kept.names[i], value])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.pushInfo(self.tr("{n} candidate sites.").format(n=len(kept)))
        return {self.OUTPUT: dest}
