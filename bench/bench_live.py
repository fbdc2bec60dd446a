"""The panel's live loop on the sample region (100 m, 1.5M cells) with 100 stops.

Latency from a moved stop to updated numbers, two ways, for two service standards:

* engine — ``LiveSession.update`` with one stop moved (what the background task runs);
* panel — in a real QGIS (offscreen): ``PlannerController.move_site`` (edit command + commit
  to the GeoPackage) until ``coverageUpdated`` is emitted on the main thread, i.e. after the
  task ran and the live rasters' changed windows were written. This is the latency a user
  sees after the mouse release.

Against the peer way of doing it — recomputing everything after each change (travel times
of all sites to the largest threshold, then a coverage table), as a batch tool such as
AccessMod or our own Coverage algorithm does — in the same run; the ratio is printed.

Usage: .venv/bin/python bench/bench_live.py [--moves 40]
Timings are wall-clock on a shared machine: expect noise of ±20 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), "/usr/share/qgis/python/plugins"]

STOPS = 100


def ms(values) -> tuple[float, float]:
    arr = np.asarray(values) * 1000.0
    return float(np.median(arr)), float(np.percentile(arr, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()

    from qgis.core import QgsApplication, QgsPointXY, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, QTimer

    app = QgsApplication([], False)
    app.initQgis()

    from mps_planner.core.coverage import coverage_table
    from mps_planner.core.live_session import SiteRequest
    from mps_planner.core.sample_region import generate_sample_region
    from mps_planner.core.standards import PRESETS
    from mps_planner.core.traveltime import travel_times
    from mps_planner.gui.controller import PlannerController
    from mps_planner.gui.panel_settings import PanelSettings
    from mps_planner.qgis_io.sample_region_io import open_sample_layers, write_sample_region

    class Iface:  # the controller needs only a message bar and a canvas
        def messageBar(self):
            return None

        def mapCanvas(self):
            return None

    tmp = Path(tempfile.mkdtemp(prefix="bench_live_"))
    t0 = time.perf_counter()
    region = generate_sample_region(seed=1, cell_size=100.0)
    files = write_sample_region(region, tmp / "sample.gpkg")
    print(f"sample region: {region.grid.rows} × {region.grid.cols} cells of 100 m, "
          f"{time.perf_counter() - t0:.1f} s to generate and write")  # fmt: skip
    layers = open_sample_layers(
        files, ("population_summer", "landcover", "roads", "rivers", "bridges", "facilities",
                "districts")
    )  # fmt: skip
    project = QgsProject.instance()
    for layer in layers.values():
        project.addMapLayer(layer)
    project.setCrs(layers["districts"].crs())
    rng = np.random.default_rng(7)
    inside = np.argwhere(region.county_mask & (region.landcover != 4))

    def wait(controller, timeout=600.0):
        deadline = time.monotonic() + timeout
        while not controller.is_idle() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.001)

    rows = []
    for key in ("clinic", "combined"):
        std = PRESETS[key]
        project.writeEntry("mps_planner", "panel", "")
        controller = PlannerController(Iface())
        controller.files.default_gpkg = lambda k=key: tmp / f"plan_{k}.gpkg"
        controller.set_settings(
            PanelSettings(
                population_summer=layers["population_summer"].id(),
                landcover=layers["landcover"].id(),
                roads=layers["roads"].id(),
                road_field="road_class",
                barriers=layers["rivers"].id(),
                bridges=layers["bridges"].id(),
                facilities=layers["facilities"].id(),
                facility_service_field="service",
                districts=layers["districts"].id(),
                district_name_field="name",
                standard=std.to_dict(),
            )
        )
        t0 = time.perf_counter()
        controller.build_model()
        wait(controller)
        build_s = time.perf_counter() - t0
        session = controller.session
        grid = session.grid
        picks = inside[rng.choice(len(inside), STOPS, replace=False)]
        xs, ys = grid.centre_of(picks[:, 0], picks[:, 1])
        layer = controller.ensure_stops_layer()
        t0 = time.perf_counter()
        for x, y in zip(xs, ys):
            controller.add_site(QgsPointXY(float(x), float(y)))
        wait(controller)
        fill_s = time.perf_counter() - t0
        sites = controller.counted_sites()
        n_sites = len(sites)

        # engine: one stop moved, LiveSession.update
        engine = []
        targets = inside[rng.choice(len(inside), args.moves, replace=False)]
        current = list(sites)
        stop_index = [i for i, s in enumerate(current) if s.role == "mobile_stop"]
        for m, (r, c) in enumerate(targets):
            i = stop_index[m % len(stop_index)]
            x, y = grid.centre_of(r, c)
            current[i] = SiteRequest(current[i].key, float(x), float(y), "mobile_stop")
            t0 = time.perf_counter()
            session.update(current)
            engine.append(time.perf_counter() - t0)
        session.update(sites)  # back to the layer's state

        # panel: move_site → coverageUpdated (edit, commit, task, windows written)
        panel = []
        ids = [f["stop_id"] for f in layer.getFeatures()]
        loop = QEventLoop()
        controller.coverageUpdated.connect(lambda _u, lp=loop: lp.quit())
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        moves = inside[rng.choice(len(inside), args.moves, replace=False)]
        for m, (r, c) in enumerate(moves):
            x, y = grid.centre_of(r, c)
            t0 = time.perf_counter()
            controller.move_site(ids[m % len(ids)], QgsPointXY(float(x), float(y)))
            guard.start(30_000)
            loop.exec_()
            panel.append(time.perf_counter() - t0)
        wait(controller)

        # peer: recompute everything after a change
        peer = []
        placed = controller.session.placed
        cells = np.array([placed[s.key][:2] for s in controller.counted_sites()])
        people = session.people[session.season]
        for _ in range(5):
            t0 = time.perf_counter()
            tt = travel_times(session.cost, cells[:, 0], cells[:, 1], max(std.thresholds))
            table = coverage_table(people, tt, std.thresholds)
            peer.append(time.perf_counter() - t0)
        np.testing.assert_allclose(
            table.covered, controller.last_update.summary.covered, rtol=0, atol=1e-6
        )
        rows.append((key, std, n_sites, build_s, fill_s, ms(engine), ms(panel), ms(peer)))
        controller.unload()

    print()
    print(f"Live coverage, sample region 100 m ({grid.rows * grid.cols / 1e6:.1f}M cells), "
          f"{STOPS} stops + fixed facilities, {args.moves} moves each")  # fmt: skip
    head = (f"{'standard':<10} {'mode, max':<14} {'sites':>5} {'engine med':>10} {'p95':>7} "
            f"{'panel med':>10} {'p95':>7} {'full recompute':>15} {'ratio':>6}")  # fmt: skip
    print(head)
    print("-" * len(head))
    for key, std, n, _, _, (em, ep), (pm, pp), (fm, _) in rows:
        mode = f"{std.mode} {max(std.thresholds):g} min"
        print(f"{key:<10} {mode:<14} {n:>5} {em:>8.0f}ms {ep:>5.0f}ms {pm:>8.0f}ms "
              f"{pp:>5.0f}ms {fm:>13.0f}ms {fm / pm:>5.1f}×")  # fmt: skip
    print()
    for key, _, _, build_s, fill_s, *_ in rows:
        print(f"{key}: model built in {build_s:.1f} s; {STOPS} stops placed one by one "
              f"(each committed and counted) in {fill_s:.1f} s")  # fmt: skip
    print("ratio = full recompute (peer way) / panel latency; target: panel median < 300 ms")
    app.exitQgis()


if __name__ == "__main__":
    main()
