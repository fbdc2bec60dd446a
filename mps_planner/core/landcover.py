"""Land-cover and road classes the plugin knows by default, with travel speeds per mode.

These are the classes of the built-in sample region and the defaults of the speed
surface; a user's own land-cover raster comes with its own class → speed table.
Speeds are km/h; 0 means impassable. Codes are the raster values.
"""

from __future__ import annotations

from types import MappingProxyType

# Raster code -> class name (as used by layer styles and speed tables).
LANDCOVER_CLASSES = MappingProxyType(
    {
        1: "grassland",
        2: "sand",
        3: "wetland",
        4: "water",
        5: "farmland",
        6: "built-up",
    }
)
LANDCOVER_NODATA = 0

ROAD_CLASSES = ("paved", "gravel", "track")

TRAVEL_MODES = ("walking", "riding", "vehicle")  # riding = horse or motorcycle

# mode -> land-cover class name -> km/h off road.
OFFROAD_SPEEDS_KMH = MappingProxyType(
    {
        "walking": MappingProxyType(
            {
                "grassland": 4.5,
                "sand": 3.0,
                "wetland": 2.0,
                "water": 0.0,
                "farmland": 4.0,
                "built-up": 5.0,
            }
        ),
        "riding": MappingProxyType(
            {
                "grassland": 15.0,
                "sand": 8.0,
                "wetland": 5.0,
                "water": 0.0,
                "farmland": 10.0,
                "built-up": 15.0,
            }
        ),
        "vehicle": MappingProxyType(
            {
                "grassland": 15.0,
                "sand": 8.0,
                "wetland": 3.0,
                "water": 0.0,
                "farmland": 8.0,
                "built-up": 20.0,
            }
        ),
    }
)

# mode -> road class -> km/h on the road.
ROAD_SPEEDS_KMH = MappingProxyType(
    {
        "walking": MappingProxyType({"paved": 5.0, "gravel": 5.0, "track": 4.5}),
        "riding": MappingProxyType({"paved": 40.0, "gravel": 30.0, "track": 20.0}),
        "vehicle": MappingProxyType({"paved": 60.0, "gravel": 40.0, "track": 25.0}),
    }
)
