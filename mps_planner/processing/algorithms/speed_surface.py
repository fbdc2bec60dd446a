"""mps_planner:speedsurface — land cover + roads + barriers → speed raster (km/h)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ...core.errors import InputError
from ...core.landcover import TRAVEL_MODES
from ...qgis_io.raster_io import write_raster
from ...qgis_io.speed_io import build_from_layers, speed_grid_for
from ...report.analysis_styles import style_speed
from ._styling import style_output_on_load
from .base import MpsAlgorithm


def _is_blank(value) -> bool:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    return isinstance(value, str) and not value.strip()


def matrix_pairs(values, what: str) -> dict:
    """A two-column Processing matrix (flat list) → {first: float(second)}."""
    values = [v for v in (values or []) if not _is_blank(v)]
    if len(values) % 2:
        raise InputError(f"The {what} table needs two columns (value, km/h) in every row.")
    pairs = {}
    for key, speed in zip(values[0::2], values[1::2]):
        try:
            kmh = float(speed)
        except (TypeError, ValueError) as exc:
            raise InputError(f"'{speed}' in the {what} table is not a speed in km/h.") from exc
        if kmh < 0:
            raise InputError(f"Speeds must be ≥ 0 km/h; the {what} table has {kmh} for {key}.")
        pairs[key] = kmh
    return pairs


class SpeedSurfaceAlgorithm(MpsAlgorithm):
    GRID = "GRID"
    LANDCOVER = "LANDCOVER"
    MODE = "MODE"
    CLASS_SPEEDS = "CLASS_SPEEDS"
    CONSTANT_SPEED = "CONSTANT_SPEED"
    ROADS = "ROADS"
    ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
    ROAD_SPEEDS = "ROAD_SPEEDS"
    BARRIERS = "BARRIERS"
    BRIDGES = "BRIDGES"
    BRIDGE_TOLERANCE = "BRIDGE_TOLERANCE"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "speedsurface"

    def displayName(self) -> str:
        return self.tr("Speed surface")

    def group(self) -> str:
        return self.tr("Travel time")

    def groupId(self) -> str:
        return "traveltime"

    def shortHelpString(self) -> str:
        return self.tr(
            "Builds a raster of travel speed (km/h) for one travel mode.\n"
            "Land cover: each class gets a speed from the table (empty table = defaults for "
            "the mode: grassland, sand, wetland, water, farmland, built-up, codes 1–6). "
            "Roads are burnt in with a speed per road class (field values paved/gravel/track, "
            "their Chinese names or OpenStreetMap highway tags; the table overrides them). "
            "Barriers (rivers, fences, borders; lines or polygons) are impassable except where "
            "a road crosses them, or only at the bridge points when a bridge layer is given. "
            "A constant speed (> 0) replaces the land cover (straight-line travel).\n"
            "The output is on the analysis grid: the grid raster if given (use the population "
            "grid), else the land-cover raster's grid; it must be in metres. 0 = impassable."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.GRID, self.tr("Analysis grid (e.g. the population grid)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.LANDCOVER, self.tr("Land-cover raster"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE, self.tr("Travel mode"), options=list(TRAVEL_MODES), defaultValue=2
            )
        )
        self.addParameter(
            QgsProcessingParameterMatrix(
                self.CLASS_SPEEDS,
                self.tr("Land-cover class → km/h (empty = defaults for the mode)"),
                headers=[self.tr("Class value"), self.tr("km/h")],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CONSTANT_SPEED,
                self.tr("Constant speed, km/h (0 = use the land cover)"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ROAD_CLASS_FIELD,
                self.tr("Road class field"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterMatrix(
                self.ROAD_SPEEDS,
                self.tr("Road class → km/h (empty = defaults for the mode)"),
                headers=[self.tr("Class value"), self.tr("km/h")],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BARRIERS,
                self.tr("Barriers (rivers, fences, borders)"),
                [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BRIDGES,
                self.tr("Bridges (only these road crossings are open)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BRIDGE_TOLERANCE,
                self.tr("Bridge snapping distance, m"),
                QgsProcessingParameterNumber.Double,
                defaultValue=150.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Speed (km/h)"))
        )

    def run(self, parameters, context, feedback):
        grid_layer = self.parameterAsRasterLayer(parameters, self.GRID, context)
        landcover = self.parameterAsRasterLayer(parameters, self.LANDCOVER, context)
        mode = TRAVEL_MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        constant = self.parameterAsDouble(parameters, self.CONSTANT_SPEED, context)
        class_table = matrix_pairs(
            self.parameterAsMatrix(parameters, self.CLASS_SPEEDS, context), "land-cover speed"
        )
        try:
            class_speeds = {int(float(k)): v for k, v in class_table.items()} or None
        except ValueError as exc:
            raise InputError("Land-cover class values must be whole numbers.") from exc
        road_table = matrix_pairs(
            self.parameterAsMatrix(parameters, self.ROAD_SPEEDS, context), "road speed"
        )
        roads = self.parameterAsSource(parameters, self.ROADS, context)
        road_field = self.parameterAsString(parameters, self.ROAD_CLASS_FIELD, context) or None
        barriers = self.parameterAsSource(parameters, self.BARRIERS, context)
        bridges = self.parameterAsSource(parameters, self.BRIDGES, context)
        tolerance = self.parameterAsDouble(parameters, self.BRIDGE_TOLERANCE, context)
        if constant <= 0 and landcover is None:
            raise InputError("Give a land-cover raster, or a constant speed above 0 km/h.")
        grid = speed_grid_for(
            grid_layer.source() if grid_layer else None,
            landcover.source() if landcover else None,
        )
        feedback.setProgress(10)
        surface, messages = build_from_layers(
            grid,
            mode,
            landcover_source=landcover.source() if landcover else None,
            class_speeds=class_speeds,
            constant_kmh=constant if constant > 0 else None,
            roads=roads,
            road_field=road_field,
            road_overrides=road_table or None,
            barriers=barriers,
            bridges=bridges,
            bridge_tolerance_m=tolerance,
            context=context,
        )
        for message in messages:
            feedback.pushWarning(message)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(80)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        write_raster(output, surface.kmh.astype("float32"), grid)
        passable = surface.passable.mean() * 100
        feedback.pushInfo(
            self.tr(
                "Speed surface for {mode}: {rows} × {cols} cells of {cell:g} m; "
                "{share:.1f} % passable."
            ).format(mode=mode, rows=grid.rows, cols=grid.cols, cell=grid.cell_size, share=passable)
        )
        style_output_on_load(context, output, style_speed)
        feedback.setProgress(100)
        return {self.OUTPUT: output}
