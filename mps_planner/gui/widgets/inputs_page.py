"""The panel's inputs: population (and season), travel model, sites and districts.

Built in code (small groups, one per kind of input). ``settings_into(settings)`` writes
the chosen layers into a ``PanelSettings``; ``show_settings(settings)`` selects them again
(after a project is opened). ``changed`` fires on any change.
"""

from __future__ import annotations

from dataclasses import replace

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..panel_settings import PanelSettings


def narrow(combo: QComboBox) -> QComboBox:
    """A combo box that fits a narrow dock (long layer names are elided, not widening it)."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


def layer_combo(parent, filters, tip: str, optional: bool) -> QgsMapLayerComboBox:
    """A layer chooser that starts empty (a required one says so in its tooltip)."""
    combo = QgsMapLayerComboBox(parent)
    narrow(combo)
    combo.setFilters(filters)
    combo.setAllowEmptyLayer(True)
    combo.setLayer(None)
    if not optional:
        tip += " " + QCoreApplication.translate("InputsPage", "(required)")
    combo.setToolTip(tip)
    return combo


def field_combo(parent, layer_combo_box: QgsMapLayerComboBox, tip: str) -> QgsFieldComboBox:
    combo = QgsFieldComboBox(parent)
    narrow(combo)
    combo.setAllowEmptyFieldName(True)
    combo.setToolTip(tip)
    layer_combo_box.layerChanged.connect(combo.setLayer)
    combo.setLayer(layer_combo_box.currentLayer())
    return combo


def layer_id(combo: QgsMapLayerComboBox) -> str:
    layer = combo.currentLayer()
    return layer.id() if layer is not None else ""


def select_layer(combo: QgsMapLayerComboBox, layer_id_: str) -> None:
    layer = QgsProject.instance().mapLayer(layer_id_) if layer_id_ else None
    combo.setLayer(layer)


class InputsPage(QWidget):
    changed = pyqtSignal()
    newStopsLayer = pyqtSignal()
    seasonChanged = pyqtSignal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._population_box())
        layout.addWidget(self._travel_box())
        layout.addWidget(self._sites_box())
        layout.addStretch(1)
        self._connect()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("InputsPage", text)

    # -- groups -------------------------------------------------------------------------------
    def _population_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Population"), self)
        form = QFormLayout(box)
        raster = QgsMapLayerProxyModel.RasterLayer
        self.summer = layer_combo(
            box, raster, self.tr("People per cell in summer (any CRS; WorldPop works)"), False
        )
        form.addRow(self.tr("Summer"), self.summer)
        self.winter = layer_combo(
            box, raster, self.tr("People per cell in winter (optional second season)"), True
        )
        form.addRow(self.tr("Winter"), self.winter)
        self.season = narrow(QComboBox(box))
        self.season.addItem(self.tr("Summer"), "summer")
        self.season.addItem(self.tr("Winter"), "winter")
        self.season.setToolTip(self.tr("Which season's people the numbers count"))
        form.addRow(self.tr("Season"), self.season)
        self.cell_size = QDoubleSpinBox(box)
        self.cell_size.setRange(10, 5000)
        self.cell_size.setDecimals(0)
        self.cell_size.setSuffix(" m")
        self.cell_size.setToolTip(
            self.tr("Cell size of the analysis grid when the population raster is in degrees")
        )
        form.addRow(self.tr("Cell size"), self.cell_size)
        return box

    def _travel_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Travel model"), self)
        layout = QVBoxLayout(box)
        self.model = narrow(QComboBox(box))
        self.model.addItem(self.tr("Speed surface from layers"), "layers")
        self.model.addItem(self.tr("Existing speed raster (km/h)"), "speed_raster")
        self.model.addItem(self.tr("Road network, then off road"), "network")
        self.model.addItem(self.tr("Straight line"), "straight")
        self.model.setToolTip(self.tr("How travel times are computed"))
        layout.addWidget(self.model)
        self.pages = QStackedWidget(box)
        layout.addWidget(self.pages)
        raster = QgsMapLayerProxyModel.RasterLayer
        line = QgsMapLayerProxyModel.LineLayer
        point = QgsMapLayerProxyModel.PointLayer

        layers_page = QWidget(box)
        form = QFormLayout(layers_page)
        self.landcover = layer_combo(
            layers_page, raster, self.tr("Land-cover classes (speeds per travel mode)"), False
        )
        form.addRow(self.tr("Land cover"), self.landcover)
        self.roads = layer_combo(
            layers_page, line, self.tr("Roads, burnt in with a speed per road class"), True
        )
        form.addRow(self.tr("Roads"), self.roads)
        self.road_field = field_combo(
            layers_page, self.roads, self.tr("The field holding the road class (paved, gravel, "
                                             "track, OSM highway tags…)")
        )  # fmt: skip
        form.addRow(self.tr("Road class field"), self.road_field)
        self.barriers = layer_combo(
            layers_page, line, self.tr("Rivers, fences, borders: impassable except at bridges"),
            True,
        )  # fmt: skip
        form.addRow(self.tr("Barriers"), self.barriers)
        self.bridges = layer_combo(
            layers_page, point, self.tr("Where roads cross the barriers (optional)"), True
        )
        form.addRow(self.tr("Bridges"), self.bridges)
        self.pages.addWidget(layers_page)

        raster_page = QWidget(box)
        form = QFormLayout(raster_page)
        self.speed_raster = layer_combo(
            raster_page, raster, self.tr("A raster of km/h, e.g. from the Speed surface tool"), True
        )
        form.addRow(self.tr("Speed raster"), self.speed_raster)
        self.pages.addWidget(raster_page)

        network_page = QWidget(box)
        form = QFormLayout(network_page)
        self.net_landcover = layer_combo(
            network_page, raster, self.tr("Land cover for the way to and from the road"), False
        )
        form.addRow(self.tr("Land cover"), self.net_landcover)
        self.net_roads = layer_combo(network_page, line, self.tr("The road network"), True)
        form.addRow(self.tr("Roads"), self.net_roads)
        self.net_road_field = field_combo(
            network_page, self.net_roads, self.tr("The field holding the road class")
        )
        form.addRow(self.tr("Road class field"), self.net_road_field)
        self.pages.addWidget(network_page)

        straight_page = QWidget(box)
        form = QFormLayout(straight_page)
        self.kmh = QDoubleSpinBox(straight_page)
        self.kmh.setRange(0.5, 200)
        self.kmh.setSuffix(" km/h")
        self.kmh.setToolTip(self.tr("Constant speed as the crow flies"))
        form.addRow(self.tr("Speed"), self.kmh)
        self.pages.addWidget(straight_page)
        self.model.currentIndexChanged.connect(self.pages.setCurrentIndex)
        return box

    def _sites_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sites and districts"), self)
        form = QFormLayout(box)
        point = QgsMapLayerProxyModel.PointLayer
        polygon = QgsMapLayerProxyModel.PolygonLayer
        self.facilities = layer_combo(
            box, point, self.tr("Existing facilities (hospitals, clinics, libraries…)"), True
        )
        form.addRow(self.tr("Fixed facilities"), self.facilities)
        self.service_field = field_combo(
            box, self.facilities, self.tr("The field naming each facility's service; empty: "
                                          "every facility counts")
        )  # fmt: skip
        form.addRow(self.tr("Service field"), self.service_field)
        row = QHBoxLayout()
        self.stops = layer_combo(
            box, point, self.tr("Where your mobile stops and candidates are saved"), True
        )
        row.addWidget(self.stops, 1)
        self.new_stops = QPushButton(self.tr("New"), box)
        self.new_stops.setToolTip(
            self.tr("Create a stops layer in the planner's GeoPackage beside the project")
        )
        row.addWidget(self.new_stops)
        form.addRow(self.tr("Stops layer"), row)
        self.count_candidates = QCheckBox(self.tr("Count candidate sites as if built"), box)
        self.count_candidates.setToolTip(
            self.tr("On: the numbers include the candidate facilities you placed; off: they "
                    "are only the pool that Propose stops chooses from")
        )  # fmt: skip
        form.addRow("", self.count_candidates)
        self.districts = layer_combo(
            box, polygon, self.tr("Districts to compare (townships, villages…)"), True
        )
        form.addRow(self.tr("Districts"), self.districts)
        self.district_field = field_combo(
            box, self.districts, self.tr("The field with the district names")
        )
        form.addRow(self.tr("District name field"), self.district_field)
        self.snap = QDoubleSpinBox(box)
        self.snap.setRange(0, 50000)
        self.snap.setDecimals(0)
        self.snap.setSuffix(" m")
        self.snap.setToolTip(
            self.tr("A site on water or off the grid moves to the nearest passable cell this "
                    "close; farther, it is not counted (you are told)")
        )  # fmt: skip
        form.addRow(self.tr("Snapping distance"), self.snap)
        return box

    # -- values -------------------------------------------------------------------------------
    def _connect(self) -> None:
        combos = (
            self.summer, self.winter, self.landcover, self.roads, self.barriers, self.bridges,
            self.speed_raster, self.net_landcover, self.net_roads, self.facilities, self.stops,
            self.districts,
        )  # fmt: skip
        for combo in combos:
            combo.layerChanged.connect(self._emit)
        for combo in (self.road_field, self.net_road_field, self.service_field,
                      self.district_field):  # fmt: skip
            combo.fieldChanged.connect(self._emit)
        self.model.currentIndexChanged.connect(self._emit)
        self.count_candidates.toggled.connect(self._emit)
        self.season.currentIndexChanged.connect(self._season)
        for spin in (self.cell_size, self.kmh, self.snap):
            spin.editingFinished.connect(self._emit)
        self.new_stops.clicked.connect(self.newStopsLayer.emit)

    def _emit(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def _season(self, *_args) -> None:
        if not self._loading:
            self.seasonChanged.emit(self.season.currentData())
            self.changed.emit()

    def settings_into(self, settings: PanelSettings) -> PanelSettings:
        model = self.model.currentData()
        network = model == "network"
        return replace(
            settings,
            population_summer=layer_id(self.summer),
            population_winter=layer_id(self.winter),
            season=self.season.currentData(),
            cell_size=float(self.cell_size.value()),
            travel_model=model,
            landcover=layer_id(self.net_landcover if network else self.landcover),
            roads=layer_id(self.net_roads if network else self.roads),
            road_field=(self.net_road_field if network else self.road_field).currentField(),
            barriers=layer_id(self.barriers),
            bridges=layer_id(self.bridges),
            speed_raster=layer_id(self.speed_raster),
            straight_kmh=float(self.kmh.value()),
            snap_m=float(self.snap.value()),
            facilities=layer_id(self.facilities),
            facility_service_field=self.service_field.currentField(),
            districts=layer_id(self.districts),
            district_name_field=self.district_field.currentField(),
            stops=layer_id(self.stops),
            count_candidates=self.count_candidates.isChecked(),
        )

    def show_settings(self, s: PanelSettings) -> None:
        self._loading = True
        try:
            select_layer(self.summer, s.population_summer)
            select_layer(self.winter, s.population_winter)
            self.season.setCurrentIndex(max(self.season.findData(s.season), 0))
            self.cell_size.setValue(s.cell_size)
            self.model.setCurrentIndex(max(self.model.findData(s.travel_model), 0))
            network = s.travel_model == "network"
            select_layer(self.net_landcover if network else self.landcover, s.landcover)
            select_layer(self.net_roads if network else self.roads, s.roads)
            (self.net_road_field if network else self.road_field).setField(s.road_field)
            select_layer(self.barriers, s.barriers)
            select_layer(self.bridges, s.bridges)
            select_layer(self.speed_raster, s.speed_raster)
            self.kmh.setValue(s.straight_kmh)
            self.snap.setValue(s.snap_m)
            select_layer(self.facilities, s.facilities)
            self.service_field.setField(s.facility_service_field)
            select_layer(self.stops, s.stops)
            self.count_candidates.setChecked(bool(s.count_candidates))
            select_layer(self.districts, s.districts)
            self.district_field.setField(s.district_name_field)
        finally:
            self._loading = False
