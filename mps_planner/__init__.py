"""mps_planner: plan fixed and mobile public services (clinics, libraries, police posts) in QGIS."""


def classFactory(iface):
    """Entry point QGIS calls when it loads the plugin; imports the plugin class lazily."""
    from .plugin import MpsPlannerPlugin

    return MpsPlannerPlugin(iface)
