"""mps_planner:populationgrid — a population raster (any CRS) onto the analysis grid in metres."""

from __future__ import annotations

import contextlib
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBand,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsRasterLayer,
)

from ...core.errors import InputError
from ...qgis_io.population_io import DEFAULT_CELL_SIZE_M, population_on_grid, write_population
from ...qgis_io.zones_io import spatial_reference
from ...report.layer_styles import style_population
from .base import MpsAlgorithm

_WRITABLE = (".tif", ".tiff", ".gpkg")


class _StylePopulation(QgsProcessingLayerPostProcessorInterface):
    """Graduated people-per-cell style on the output when it is loaded."""

    def postProcessLayer(self, layer, context, feedback):
        if isinstance(layer, QgsRasterLayer):
            style_population(layer)


# QGIS runs a fresh copy of the algorithm and deletes it before the output is loaded, so a
# post-processor must be kept alive elsewhere: one per output path, replaced on the next run.
_KEEP_ALIVE: dict[str, _StylePopulation] = {}


class PopulationGridAlgorithm(MpsAlgorithm):
    INPUT = "INPUT"
    BAND = "BAND"
    STUDY_AREA = "STUDY_AREA"
    CRS = "CRS"
    CELL_SIZE = "CELL_SIZE"
    OUTPUT = "OUTPUT"
    TOTAL_IN = "TOTAL_IN"
    TOTAL_OUT = "TOTAL_OUT"
    OUTSIDE = "OUTSIDE"
    RELATIVE_DIFFERENCE = "RELATIVE_DIFFERENCE"
    CONSERVATION_ERROR = "CONSERVATION_ERROR"
    GRID_CRS = "GRID_CRS"
    ROWS = "ROWS"
    COLUMNS = "COLUMNS"

    def name(self) -> str:
        return "populationgrid"

    def displayName(self) -> str:
        return self.tr("Population on the analysis grid")

    def group(self) -> str:
        return self.tr("Population")

    def groupId(self) -> str:
        return "population"

    def shortHelpString(self) -> str:
        return self.tr(
            "Moves a population raster (people per cell: WorldPop, GHSL, HRSL, … in any CRS, "
            "usually degrees) onto a projected analysis grid in metres, without losing people: "
            "each source cell's people are split among the grid cells it overlaps, in "
            "proportion to the overlapping area (nearest-neighbour resampling would drop or "
            "duplicate cells).\n\n"
            "Inputs: the population raster and band; an optional study-area polygon layer "
            "(grid cells whose centre lies outside it get NoData); the CRS of the grid (empty: "
            "the UTM zone of the study area's, or else the raster's, centre; it must be "
            "projected in metres); the cell size in metres (default 100 m; the grid's corners "
            "are snapped to multiples of it).\n\n"
            "Output: a GeoTIFF of people per cell (Float64, NoData −99999). NoData, negative "
            "values and NaN in the source are never counted.\n\n"
            "Report (in the log and as outputs): TOTAL_IN people in the source cells read, "
            "TOTAL_OUT people on the grid, OUTSIDE people outside the study area, "
            "RELATIVE_DIFFERENCE (TOTAL_OUT − TOTAL_IN) / TOTAL_IN, CONSERVATION_ERROR "
            "(TOTAL_OUT + OUTSIDE − TOTAL_IN) / TOTAL_IN, GRID_CRS, ROWS, COLUMNS."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.INPUT, self.tr("Population raster (people per cell)")
            )
        )
        self.addParameter(
            QgsProcessingParameterBand(
                self.BAND, self.tr("Band (default 1)"), 1, self.INPUT, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STUDY_AREA,
                self.tr("Study area (optional)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CRS, self.tr("CRS of the analysis grid (empty = UTM zone)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size (metres)"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_CELL_SIZE_M,
                minValue=0.001,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT, self.tr("Population on the analysis grid")
            )
        )
        for key, label in (
            (self.TOTAL_IN, self.tr("People in the source raster")),
            (self.TOTAL_OUT, self.tr("People on the analysis grid")),
            (self.OUTSIDE, self.tr("People outside the study area")),
            (self.RELATIVE_DIFFERENCE, self.tr("Relative difference (out − in) / in")),
            (self.CONSERVATION_ERROR, self.tr("Conservation error (out + outside − in) / in")),
            (self.ROWS, self.tr("Grid rows")),
            (self.COLUMNS, self.tr("Grid columns")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputString(self.GRID_CRS, self.tr("CRS of the grid")))

    def run(self, parameters, context, feedback) -> dict:
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        if layer is None or not layer.isValid():
            raise QgsProcessingException(self.invalidRasterError(parameters, self.INPUT))
        if layer.providerType() != "gdal":
            raise InputError(
                f"The population raster '{layer.name()}' is not a file GDAL can read "
                f"(provider '{layer.providerType()}'). Save it as a GeoTIFF first."
            )
        band = self.parameterAsInt(parameters, self.BAND, context) or 1
        study_area = None
        if parameters.get(self.STUDY_AREA):
            study_area = self.parameterAsSource(parameters, self.STUDY_AREA, context)
            if study_area is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, self.STUDY_AREA))
        crs = self.parameterAsCrs(parameters, self.CRS, context)
        crs_text = crs.toWkt(crs.WKT_PREFERRED) if crs.isValid() else None
        cell_size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        dest = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if Path(dest).suffix.lower() not in _WRITABLE:
            raise InputError(
                f"Cannot write '{Path(dest).name}': save the output as GeoTIFF (.tif) or "
                "GeoPackage (.gpkg)."
            )
        raster_crs = layer.crs().toWkt(layer.crs().WKT_PREFERRED) if layer.crs().isValid() else None

        result = population_on_grid(
            layer.source().split("|")[0],
            band=band,
            raster_crs=raster_crs,
            study_area=study_area,
            crs=crs_text,
            cell_size=cell_size,
            progress=self.progress_callback(feedback),
            cancel=self.cancel_callback(feedback),
        )
        report = result.report
        grid = result.grid
        grid_srs = spatial_reference(grid.crs_wkt)
        grid_crs = _crs_label(grid_srs)
        how = "chosen automatically" if result.crs_chosen_automatically else "as given"
        feedback.pushInfo(
            self.tr(
                "Analysis grid: {crs} ({how}), {size:g} m cells, {rows:,} rows × {cols:,} columns"
            ).format(crs=grid_crs, how=how, size=grid.cell_size, rows=grid.rows, cols=grid.cols)
        )
        for line in report.lines():
            feedback.pushInfo(line)
        if report.total_in <= 0:
            feedback.reportError(
                self.tr("The population raster holds no people here (all cells are 0)."),
                False,
            )
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        write_population(dest, result.population)

        if context.willLoadLayerOnCompletion(dest):
            _KEEP_ALIVE[dest] = _StylePopulation()
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(_KEEP_ALIVE[dest])
        return {
            self.OUTPUT: dest,
            self.TOTAL_IN: report.total_in,
            self.TOTAL_OUT: report.total_out,
            self.OUTSIDE: report.outside,
            self.RELATIVE_DIFFERENCE: report.relative_difference,
            self.CONSERVATION_ERROR: report.conservation_error,
            self.GRID_CRS: grid_crs,
            self.ROWS: grid.rows,
            self.COLUMNS: grid.cols,
        }


def _crs_label(srs) -> str:
    """'EPSG:32650' when the CRS has an EPSG code, else its name."""
    srs = srs.Clone()
    with contextlib.suppress(RuntimeError):
        srs.AutoIdentifyEPSG()
    code = srs.GetAuthorityCode(None)
    name = srs.GetAuthorityName(None)
    return f"{name}:{code}" if code and name else (srs.GetName() or "custom CRS")
