"""Processing algorithm ``mps_planner:sampleregion``: write the built-in sample county."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsProject,
    QgsRasterLayer,
)

from ...core.sample_region import (
    LAYER_NAMES,
    MAX_CELL_SIZE,
    MIN_CELL_SIZE,
    SEASONS,
    generate_sample_region,
)
from ...qgis_io.sample_region_io import RASTER_TABLES, write_sample_region
from ...report.sample_styles import sample_layer_title, sort_sample_layers, style_sample_layer
from .base import MpsAlgorithm

# Layers loaded into the project when the algorithm finishes (the herder camps, 13,000
# points, stay in the GeoPackage for those who want them).
LOADED = (
    "facilities",
    "settlements",
    "bridges",
    "candidates",
    "roads",
    "rivers",
    "lakes",
    "districts",
    "county",
    "population_summer",
    "population_winter",
    "landcover",
)


def output_name(layer: str) -> str:
    """The Processing output of a layer, e.g. ``population_summer`` → ``POPULATION_SUMMER``."""
    return layer.upper()


class SampleLayerStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles a loaded sample layer and keeps the sample's layers in a sensible stack.

    It holds nothing but the layer's name. QGIS keeps only a pointer to it, and runs the
    algorithm on a copy that is gone when the layers load, so a fresh styler per layer and
    run is kept alive here, in a bounded list, rather than on the algorithm.
    """

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def postProcessLayer(self, layer, context, feedback):
        style_sample_layer(layer, self.name)
        project = context.project() or QgsProject.instance()
        sort_sample_layers(project)


_LIVE_STYLERS: deque[SampleLayerStyler] = deque(maxlen=256)


def styler_for(name: str) -> SampleLayerStyler:
    styler = SampleLayerStyler(name)
    _LIVE_STYLERS.append(styler)
    return styler


class SampleRegionAlgorithm(MpsAlgorithm):
    SEED = "SEED"
    CELL_SIZE = "CELL_SIZE"
    OUTPUT = "OUTPUT"
    POPULATION_SUMMER_4326 = "POPULATION_SUMMER_4326"
    POPULATION_WINTER_4326 = "POPULATION_WINTER_4326"
    TOTAL_SUMMER = "TOTAL_SUMMER"
    TOTAL_WINTER = "TOTAL_WINTER"

    def name(self) -> str:
        return "sampleregion"

    def displayName(self) -> str:
        return self.tr("Create sample region")

    def group(self) -> str:
        return self.tr("Data")

    def groupId(self) -> str:
        return "data"

    def shortHelpString(self) -> str:
        return self.tr(
            "Generates the built-in sample region: a synthetic pastoral county (banner) in "
            "Inner Mongolia, about 150 km × 100 km in UTM zone 49N (EPSG:32649), with a county "
            "town, five townships, villages and herder households — about 150,000 people — and "
            "a summer and a winter population (herders move between pastures).\n\n"
            "Inputs: a random seed (the same seed always gives the same region) and the cell "
            "size of the rasters in metres (100 m is native; coarser cells are faster).\n\n"
            "Output: one GeoPackage with the layers county, districts (English and Chinese "
            "names), roads (paved, gravel, track), rivers, lakes, bridges, facilities "
            "(hospital, clinic, library, police, with capacity in people served), candidates, "
            "settlements and herder_camps, and the rasters population_summer and "
            "population_winter (people per cell, NoData −99999 outside the county) and "
            "landcover (class codes). Beside it, the population of each season as a GeoTIFF in "
            "EPSG:4326 on a 3″ grid, as WorldPop publishes it, with the same totals."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 1, False, 0
            )
        )
        cell = QgsProcessingParameterNumber(
            self.CELL_SIZE,
            self.tr("Cell size (metres)"),
            QgsProcessingParameterNumber.Double,
            100.0,
            False,
            MIN_CELL_SIZE,
            MAX_CELL_SIZE,
        )
        self.addParameter(cell)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Sample region GeoPackage"), self.tr("GeoPackage (*.gpkg)")
            )
        )
        for layer in LAYER_NAMES:
            self.addOutput(
                QgsProcessingOutputVectorLayer(output_name(layer), sample_layer_title(layer))
            )
        for table in RASTER_TABLES:
            self.addOutput(
                QgsProcessingOutputRasterLayer(output_name(table), sample_layer_title(table))
            )
        self.addOutput(
            QgsProcessingOutputFile(
                self.POPULATION_SUMMER_4326, self.tr("Population, summer (EPSG:4326, 3″)")
            )
        )
        self.addOutput(
            QgsProcessingOutputFile(
                self.POPULATION_WINTER_4326, self.tr("Population, winter (EPSG:4326, 3″)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_SUMMER, self.tr("People, summer")))
        self.addOutput(QgsProcessingOutputNumber(self.TOTAL_WINTER, self.tr("People, winter")))

    def run(self, parameters, context, feedback) -> dict:
        seed = self.parameterAsInt(parameters, self.SEED, context)
        cell_size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        destination = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        path = Path(destination)
        if path.suffix.lower() != ".gpkg":
            path = path.with_suffix(".gpkg")

        steps = QgsProcessingMultiStepFeedback(2, feedback)
        feedback.pushInfo(
            self.tr("Generating the sample county (seed {0}, {1:g} m)…").format(seed, cell_size)
        )
        region = generate_sample_region(
            seed, cell_size, progress=steps.setProgress, cancel=feedback.isCanceled
        )
        steps.setCurrentStep(1)
        feedback.pushInfo(self.tr("Writing {0}…").format(path))
        files = write_sample_region(
            region, path, progress=steps.setProgress, cancel=feedback.isCanceled
        )
        totals = {season: region.total(season) for season in SEASONS}
        feedback.pushInfo(
            self.tr("{0} × {1} cells; people: summer {2:,.0f}, winter {3:,.0f}.").format(
                region.grid.cols, region.grid.rows, totals["summer"], totals["winter"]
            )
        )

        results = {
            self.OUTPUT: str(files.gpkg),
            self.POPULATION_SUMMER_4326: str(files.population_4326["summer"]),
            self.POPULATION_WINTER_4326: str(files.population_4326["winter"]),
            self.TOTAL_SUMMER: totals["summer"],
            self.TOTAL_WINTER: totals["winter"],
        }
        for name in (*LAYER_NAMES, *RASTER_TABLES):
            results[output_name(name)] = files.source(name)
        for name in LOADED:
            details = QgsProcessingContext.LayerDetails(
                sample_layer_title(name), context.project(), output_name(name)
            )
            details.setPostProcessor(styler_for(name))
            if name in RASTER_TABLES:
                # Processing cannot open "GPKG:<file>:<table>" by itself: hand it the layer.
                details.layerTypeHint = QgsProcessingUtils.LayerHint.Raster
                layer = QgsRasterLayer(files.source(name), sample_layer_title(name), "gdal")
                context.temporaryLayerStore().addMapLayer(layer)
                context.addLayerToLoadOnCompletion(layer.id(), details)
            else:
                details.layerTypeHint = QgsProcessingUtils.LayerHint.Vector
                context.addLayerToLoadOnCompletion(files.source(name), details)
        return results
