"""Layer post-processors that style Processing outputs when QGIS loads them."""

from __future__ import annotations

from typing import Callable

from qgis.core import QgsProcessingLayerPostProcessorInterface


class StyleOnLoad(QgsProcessingLayerPostProcessorInterface):
    """Calls ``style(layer)`` once the output layer is loaded into the project."""

    def __init__(self, style: Callable[[object], None]):
        super().__init__()
        self._style = style

    def postProcessLayer(self, layer, context, feedback):
        if layer is not None and layer.isValid():
            self._style(layer)


# QGIS runs a copy of the algorithm and deletes it before the outputs are loaded, so the
# post-processors live here, one per output (replaced by the next run writing that output).
_KEEP_ALIVE: dict[str, StyleOnLoad] = {}


def style_output_on_load(context, layer_id_or_path: str, style: Callable[[object], None]) -> None:
    """Style an output with ``style(layer)`` when QGIS loads it on completion."""
    if not context.willLoadLayerOnCompletion(layer_id_or_path):
        return
    post = StyleOnLoad(style)
    _KEEP_ALIVE[layer_id_or_path] = post
    context.layerToLoadOnCompletionDetails(layer_id_or_path).setPostProcessor(post)
