"""The only place that converts between QGIS/GDAL objects and core types."""
