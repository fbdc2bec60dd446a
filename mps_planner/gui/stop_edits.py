"""Edits of the stops layer, each undoable and each saved at once.

Every action goes through the layer's edit buffer as one edit command
(``beginEditCommand`` … ``endEditCommand``) and is committed straight away, so a stop the
user placed is in the GeoPackage before the numbers update: nothing is lost on a crash.
QGIS clears a layer's undo stack when it commits, so the panel keeps its own
``QUndoStack`` of the commands below; undoing one is another committed edit. Stops are
found by their ``stop_id`` (kept through undo and redo), not by feature id.
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QUndoCommand

from ..core.errors import InputError


class StopsLayerError(InputError):
    """The stops layer refused an edit (read-only, locked, deleted …)."""


@dataclass
class StopRecord:
    """A stop as plain values: its attributes by field name and its point (layer CRS)."""

    stop_id: str
    x: float
    y: float
    attributes: dict

    @classmethod
    def from_feature(cls, feature: QgsFeature) -> StopRecord:
        point = feature.geometry().asPoint()
        names = feature.fields().names()
        attrs = {n: feature[n] for n in names if n != "fid"}
        return cls(str(feature["stop_id"]), point.x(), point.y(), attrs)


def find_feature(layer: QgsVectorLayer, stop_id: str) -> QgsFeature | None:
    escaped = stop_id.replace("'", "''")
    request = QgsFeatureRequest().setFilterExpression(f"\"stop_id\" = '{escaped}'")
    for feature in layer.getFeatures(request):
        return feature
    return None


class StopsEditor:
    """Add, move and delete stops by ``stop_id``, committing each change."""

    def __init__(self, layer: QgsVectorLayer):
        self.layer = layer

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("StopsEditor", text)

    def _begin(self, text: str) -> bool:
        layer = self.layer
        if layer is None or not layer.isValid():
            raise StopsLayerError(self.tr("The stops layer is missing: choose or create one."))
        was_editing = layer.isEditable()
        if not was_editing and not layer.startEditing():
            raise StopsLayerError(
                self.tr("The stops layer '{name}' cannot be edited (is it read-only?).").format(
                    name=layer.name()
                )
            )
        layer.beginEditCommand(text)
        return was_editing

    def _end(self, was_editing: bool, ok: bool) -> None:
        layer = self.layer
        if not ok:
            layer.destroyEditCommand()
            if not was_editing:
                layer.rollBack()
            raise StopsLayerError(self.tr("The stops layer refused the change."))
        layer.endEditCommand()
        if not layer.commitChanges(stopEditing=not was_editing):
            errors = "; ".join(layer.commitErrors())
            layer.rollBack(deleteBuffer=not was_editing)
            raise StopsLayerError(
                self.tr("The stops could not be saved: {errors}").format(errors=errors)
            )

    def apply(
        self,
        text: str,
        delete: list[str] = (),
        add: list[StopRecord] = (),
        move: tuple[str, float, float] | None = None,
    ) -> None:
        """One edit command, committed: delete stops, add stops, move one stop."""
        target = None
        if move is not None:
            target = find_feature(self.layer, move[0])
            if target is None:
                raise StopsLayerError(self.tr("That stop is no longer in the stops layer."))
        was_editing = self._begin(text)
        ok = True
        for stop_id in delete:
            feature = find_feature(self.layer, stop_id)
            if feature is not None:
                ok &= self.layer.deleteFeature(feature.id())
        fields = self.layer.fields()
        for record in add:
            feature = QgsFeature(fields)
            for name, value in record.attributes.items():
                if fields.indexOf(name) >= 0:
                    feature[name] = value
            feature["stop_id"] = record.stop_id
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(record.x, record.y)))
            ok &= self.layer.addFeature(feature)
        if target is not None:
            point = QgsGeometry.fromPointXY(QgsPointXY(move[1], move[2]))
            ok &= self.layer.changeGeometry(target.id(), point)
        self._end(was_editing, ok)

    def records(self) -> list[StopRecord]:
        return [
            StopRecord.from_feature(f)
            for f in self.layer.getFeatures()
            if f.hasGeometry() and f["stop_id"] not in (None, "")
        ]


class _StopCommand(QUndoCommand):
    """Runs ``redo`` when pushed; an error in it is kept (the controller reports it)."""

    def __init__(self, editor: StopsEditor, text: str):
        super().__init__(text)
        self.editor = editor
        self.error: str | None = None

    def redo(self) -> None:
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_it)

    def _guard(self, action) -> None:
        try:
            action()
            self.error = None
        except InputError as exc:
            self.error = str(exc)
            self.setObsolete(True)

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class AddStops(_StopCommand):
    def __init__(self, editor: StopsEditor, records: list[StopRecord], text: str):
        super().__init__(editor, text)
        self.records = records

    def do(self) -> None:
        self.editor.apply(self.text(), add=self.records)

    def undo_it(self) -> None:
        self.editor.apply(self.text(), delete=[r.stop_id for r in self.records])


class DeleteStops(_StopCommand):
    def __init__(self, editor: StopsEditor, records: list[StopRecord], text: str):
        super().__init__(editor, text)
        self.records = records

    def do(self) -> None:
        self.editor.apply(self.text(), delete=[r.stop_id for r in self.records])

    def undo_it(self) -> None:
        self.editor.apply(self.text(), add=self.records)


class MoveStop(_StopCommand):
    def __init__(self, editor: StopsEditor, stop_id: str, old, new, text: str):
        super().__init__(editor, text)
        self.stop_id = stop_id
        self.old = old
        self.new = new

    def do(self) -> None:
        self.editor.apply(self.text(), move=(self.stop_id, *self.new))

    def undo_it(self) -> None:
        self.editor.apply(self.text(), move=(self.stop_id, *self.old))


class ReplaceStops(_StopCommand):
    """Swap every stop for another set (switching to a scenario)."""

    def __init__(self, editor: StopsEditor, old: list[StopRecord], new: list[StopRecord], text):
        super().__init__(editor, text)
        self.old = old
        self.new = new

    def _swap(self, remove: list[StopRecord], add: list[StopRecord]) -> None:
        self.editor.apply(self.text(), delete=[r.stop_id for r in remove], add=add)

    def do(self) -> None:
        self._swap(self.old, self.new)

    def undo_it(self) -> None:
        self._swap(self.new, self.old)
