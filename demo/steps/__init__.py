"""The demo's steps, run in this order on one ``DemoContext``.

Each step is a function ``run(ctx)``. Later capabilities add a module here and insert
its ``run`` before ``planning_map.run`` (analysis steps add layers to ``ctx.layers`` and
``ctx.map_layers``, columns to ``ctx.summary``, tables to ``ctx.sheet_tables``).
"""

from __future__ import annotations

from . import coverage, mobile, planning_map, reports, sample, selection, summary

STEPS = [
    sample.run,
    coverage.run,
    selection.run,
    mobile.run,
    planning_map.run,
    reports.run,
    summary.run,
]
