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


def style_output_on_load(algorithm, context, layer_id_or_path: str, style) -> None:
    """Attach a styling post-processor to an output that will be loaded on completion.

    The post-processor is kept on the algorithm instance (one run), so that Python does not
    collect it before QGIS calls it.
    """
    if not context.willLoadLayerOnCompletion(layer_id_or_path):
        return
    post = StyleOnLoad(style)
    keep = getattr(algorithm, "_post_processors", None)
    if keep is None:
        keep = []
        algorithm._post_processors = keep
    keep.append(post)
    context.layerToLoadOnCompletionDetails(layer_id_or_path).setPostProcessor(post)
