"""Step: generate the sample county, write it, load and style its layers."""

from __future__ import annotations

import time

from qgis.core import QgsRasterLayer

from mps_planner.core.planar_geometry import rasterize_polygon
from mps_planner.core.sample_region import (
    POPULATION_NODATA,
    SEASONS,
    generate_sample_region,
    population_raster,
    sample_grid,
)
from mps_planner.qgis_io.raster_io import write_raster
from mps_planner.qgis_io.sample_region_io import open_sample_layers, write_sample_region
from mps_planner.report.sample_styles import SAMPLE_LAYER_ORDER, style_sample_layer

from ..context import DemoContext

# On the planning map, top to bottom (the winter population and the herder camps stay in
# the GeoPackage and the project, hidden, so that the map reads at a glance).
MAP_LAYERS = [
    "facilities",
    "settlements",
    "bridges",
    "roads",
    "rivers",
    "lakes",
    "districts",
    "county",
    "population_summer_km2",
    "landcover",
]
LEGEND_LAYERS = [
    "facilities",
    "settlements",
    "roads",
    "rivers",
    "bridges",
    "districts",
    "population_summer_km2",
    "landcover",
]
SERVICES = {
    "hospital": "Hospitals",
    "clinic": "Clinics",
    "library": "Libraries",
    "police": "Police",
}


def run(ctx: DemoContext) -> None:
    started = time.perf_counter()
    region = generate_sample_region(seed=ctx.seed, cell_size=ctx.cell_size)
    generated = time.perf_counter() - started
    ctx.region = region
    ctx.files = write_sample_region(region, ctx.out / "sample_region.gpkg")
    ctx.outputs += [ctx.files.gpkg, *ctx.files.population_4326.values()]

    layers = open_sample_layers(ctx.files)
    layers.update(_density_layers(region, ctx.files.gpkg))
    root = ctx.project.layerTreeRoot()
    order = list(SAMPLE_LAYER_ORDER)
    order[order.index("population_summer") : order.index("population_summer")] = [
        "population_summer_km2",
        "population_winter_km2",
    ]
    for name in order:  # top to bottom
        layer = layers[name]
        style_sample_layer(layer, name)
        ctx.project.addMapLayer(layer, False)
        root.addLayer(layer)
        if name not in MAP_LAYERS:
            root.findLayer(layer.id()).setItemVisibilityChecked(False)
    ctx.project.setCrs(layers["county"].crs())
    ctx.layers.update(layers)
    ctx.map_layers += MAP_LAYERS
    ctx.legend_layers += LEGEND_LAYERS
    ctx.overview_layers += ["county", "roads", "landcover"]

    county = region.layer("county").records()[0]
    ctx.title = f"{county['name_zh']} {county['name']} — people and public services"
    ctx.subtitle = (
        f"Synthetic sample region (seed {region.seed}): people per km² in summer, roads, "
        f"existing facilities; UTM zone 49N (EPSG:32649)"
    )
    ctx.sources = "Data: mps_planner built-in sample region (synthetic), generated in code."

    districts = region.layer("districts").records()
    facilities = region.layer("facilities").records()
    key = [d["name"] for d in districts]
    ctx.summary.add_column("名称", {d["name"]: d["name_zh"] for d in districts})
    ctx.summary.add_column("Area km²", {d["name"]: d["area_km2"] for d in districts})
    for season in SEASONS:
        values = {d["name"]: d[f"pop_{season}"] for d in districts}
        ctx.summary.add_column(f"Pop. {season}", values)
    ctx.summary.add_column(
        "People/km² (winter)",
        {d["name"]: d["pop_winter"] / d["area_km2"] for d in districts},
        "{:,.1f}",
    )
    ctx.summary.add_column("Herder households", {d["name"]: d["households"] for d in districts})
    for service, title in SERVICES.items():
        counts = dict.fromkeys(key, 0)
        for f in facilities:
            if f["service"] == service:
                counts[f["district"]] += 1
        ctx.summary.add_column(title, counts)
    totals = {
        "名称": county["name_zh"],
        "Area km²": sum(d["area_km2"] for d in districts),
        "Pop. summer": region.total("summer"),
        "Pop. winter": region.total("winter"),
        "People/km² (winter)": region.total("winter") / sum(d["area_km2"] for d in districts),
        "Herder households": sum(d["households"] for d in districts),
    }
    for service, title in SERVICES.items():
        totals[title] = sum(f["service"] == service for f in facilities)
    for column, value in totals.items():
        fmt = "{:,.1f}" if column.startswith("People/") else "{:,.0f}"
        ctx.summary.add_column(column, {"Total": value}, fmt)

    ctx.sheet_tables.append(
        ctx.summary.table("Population by district", ["名称", "Pop. summer", "Pop. winter"])
    )
    grid = region.grid
    ctx.facts += [
        (
            "Sample region",
            f"{grid.cols} × {grid.rows} cells of {grid.cell_size:g} m, "
            f"generated in {generated:.1f} s",
        ),
        (
            "People (summer / winter)",
            f"{region.total('summer'):,.0f} / {region.total('winter'):,.0f}",
        ),
        (
            "Roads",
            f"{len(region.layer('roads'))} segments, "
            f"{sum(region.layer('roads').column('length_m')) / 1000:,.0f} km; "
            f"{len(region.layer('bridges'))} bridges",
        ),
        ("Facilities / candidate sites", f"{len(facilities)} / {len(region.layer('candidates'))}"),
    ]


def _density_layers(region, gpkg) -> dict[str, QgsRasterLayer]:
    """People per km² for the map: the same people binned onto 1 km cells.

    At 100 m a herder camp is a single pixel on an A3 sheet; per km² the pattern of
    summer and winter pastures reads at a glance. Written into the GeoPackage as well.
    """
    grid = sample_grid(1000.0)
    inside = rasterize_polygon(region.county_ring, grid)
    pts = region.points
    out = {}
    for season in SEASONS:
        table = f"population_{season}_km2"
        values = population_raster(grid, pts.x, pts.y, pts.people(season), inside)
        source = write_raster(gpkg, values, grid, POPULATION_NODATA, table=table)
        out[table] = QgsRasterLayer(source, table, "gdal")
    return out
