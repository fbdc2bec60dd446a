"""mps_planner:planningmap — the planning map as a print layout, exported to PDF and PNG."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
)

from ...core.errors import InputError
from ...core.scenario import Scenario
from ...qgis_io.coverage_table_io import results_from_table_layer
from ...report.planning_map import build_planning_map
from .base import MpsAlgorithm

PAPERS = [("A3", True), ("A3", False), ("A4", True), ("A4", False)]
LANGUAGES = [None, "en", "zh", "both"]


class PlanningMapAlgorithm(MpsAlgorithm):
    LAYERS = "LAYERS"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    SOURCES = "SOURCES"
    COVERAGE = "COVERAGE"
    SCENARIO = "SCENARIO"
    TARGET = "TARGET"
    PAPER = "PAPER"
    TEMPLATE = "TEMPLATE"
    LANGUAGE = "LANGUAGE"
    DPI = "DPI"
    OUTPUT_PDF = "OUTPUT_PDF"
    OUTPUT_PNG = "OUTPUT_PNG"
    OUTPUT_TABLES = "OUTPUT_TABLES"
    LAYOUT = "LAYOUT"

    def name(self) -> str:
        return "planningmap"

    def displayName(self) -> str:
        return self.tr("Planning map (print layout)")

    def group(self) -> str:
        return self.tr("Reports")

    def groupId(self) -> str:
        return "reports"

    def flags(self):
        # Layouts are built and rendered on the main thread.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self) -> str:
        return (
            self.tr(
                "Builds the planning map sheet as a print layout named after the title in the "
                "project's layout manager (editable in the layout designer) and exports it.\n"
                "Inputs: the layers to show, top to bottom (default: the project's visible "
                "layers); the coverage results, either the table written by Coverage and gaps "
                "(one row per district) or a scenario saved as JSON; the title; the paper size.\n"
                "Outputs: the sheet as PDF and, optionally, PNG; the tables it shows as CSV "
                "(UTF-8 with BOM) in a folder. The table lists per district the people, the "
                "share (%) within each travel-time threshold (minutes) and the people beyond "
                "the target threshold; the chart shows the people covered per threshold."
            )
            + "\n"
            + self.tr(
                "Layout template (optional): a .qpt file saved from the layout designer, e.g. a "
                "copy of the plugin's resources/templates/planning_map_A3_landscape.qpt. Its items "
                "are filled by their ids (main_map, which it must have, overview, legend, title, "
                "subtitle, table, chart, scale_bar, footer); everything else in it (a logo, the "
                "fonts, where things are) stays. It sets the paper size."
            )
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.LAYERS,
                self.tr("Layers to show (top to bottom)"),
                QgsProcessing.TypeMapLayer,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TITLE, self.tr("Title"), "Planning map")
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SUBTITLE, self.tr("Subtitle"), optional=True, multiLine=False
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.SOURCES, self.tr("Data sources"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.COVERAGE,
                self.tr("Coverage table (from Coverage and gaps)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.SCENARIO,
                self.tr("…or a scenario (JSON)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TARGET,
                self.tr("Target threshold (minutes; people beyond it are listed)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PAPER,
                self.tr("Paper"),
                ["A3 landscape", "A3 portrait", "A4 landscape", "A4 portrait"],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE,
                self.tr("Layout template (.qpt), optional"),
                extension="qpt",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE,
                self.tr("Language of the sheet"),
                ["as QGIS", "English", "中文", "English + 中文"],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DPI,
                self.tr("Resolution (dpi)"),
                QgsProcessingParameterNumber.Double,
                150.0,
                minValue=50.0,
                maxValue=600.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PDF, self.tr("Planning map (PDF)"), "PDF files (*.pdf)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PNG,
                self.tr("Planning map (PNG)"),
                "PNG files (*.png)",
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(
                self.OUTPUT_TABLES,
                self.tr("Folder for the tables (CSV)"),
                optional=True,
                createByDefault=False,
            )
        )

    def run(self, parameters, context, feedback):
        results = self._results(parameters, context)
        project = context.project()
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        if project is None:  # qgis_process without a project: a project of the given layers
            project = QgsProject()
            if not layers:
                raise InputError("Choose the layers to show on the planning map (LAYERS).")
        shown = []
        for layer in layers:
            if project.mapLayer(layer.id()) is None:  # a layer loaded from a file: keep a copy
                layer = project.addMapLayer(layer.clone(), False)
            shown.append(layer)
        layer_ids = [layer.id() for layer in shown] if shown else None
        if shown and not project.crs().isValid():
            project.setCrs(shown[0].crs())
        paper, landscape = PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)]
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        target = parameters.get(self.TARGET)
        title = self.parameterAsString(parameters, self.TITLE, context) or "Planning map"
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        png = self.parameterAsFileOutput(parameters, self.OUTPUT_PNG, context) or None
        tables = self.parameterAsString(parameters, self.OUTPUT_TABLES, context) or None
        template = self.parameterAsFile(parameters, self.TEMPLATE, context) or None
        made = build_planning_map(
            project,
            results,
            layer_ids=layer_ids,
            title=title,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context),
            sources=self.parameterAsString(parameters, self.SOURCES, context),
            target_minutes=None if target in (None, "") else float(target),
            paper=paper,
            landscape=landscape,
            layout_name=title,
            pdf_path=pdf,
            png_path=png,
            csv_dir=Path(tables) if tables else None,
            dpi=self.parameterAsDouble(parameters, self.DPI, context),
            language=language,
            template=template,
            progress=feedback.setProgress,
            cancel=feedback.isCanceled,
        )
        for message in made.messages:
            feedback.pushWarning(message)
        out = {self.OUTPUT_PDF: pdf, self.LAYOUT: made.layout.name()}
        if png:
            out[self.OUTPUT_PNG] = png
        if tables:
            out[self.OUTPUT_TABLES] = tables
        return out

    def _results(self, parameters, context):
        source = self.parameterAsSource(parameters, self.COVERAGE, context)
        scenario_file = self.parameterAsFile(parameters, self.SCENARIO, context)
        if source is not None:
            return results_from_table_layer(source)
        if scenario_file:
            try:
                text = Path(scenario_file).read_text(encoding="utf-8")
                return Scenario.from_json(text)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    f"Could not read the scenario {scenario_file}: {exc}. Save the scenario "
                    "again from the panel."
                ) from exc
        raise InputError(
            "There is no scenario yet: give the coverage table of Coverage and gaps (with "
            "districts) or a saved scenario, then build the planning map."
        )
