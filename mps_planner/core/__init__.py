"""Pure computation: numpy/scipy only. Nothing here imports Qt or QGIS."""
