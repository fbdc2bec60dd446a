"""Read the coverage table that ``mps_planner:coverage`` writes back into ScenarioResults.

The table has one row with ``level`` = "total", one per "district" and one per "site", and
for each threshold T the fields ``covered_T`` (T with "." as "_"), ``uncovered_T`` and
``share_T``; ``people`` per row.
"""

from __future__ import annotations

import re

from ..core.errors import InputError
from ..core.scenario import ScenarioResults

_COVERED = re.compile(r"^covered_(\d+(?:_\d+)?)$")


def results_from_table_layer(layer) -> ScenarioResults:
    """ScenarioResults from a coverage table layer (or feature source)."""
    names = layer.fields().names()
    thresholds = []
    for field in names:
        match = _COVERED.match(field)
        if match:
            thresholds.append((float(match.group(1).replace("_", ".")), field))
    missing = [f for f in ("level", "name", "people") if f not in names]
    if missing or not thresholds:
        raise InputError(
            "This is not a coverage table of mps_planner:coverage (it needs the fields level, "
            "name, people and covered_<minutes>); run Coverage and gaps with districts first."
        )
    thresholds.sort()
    total = None
    covered: list[float] = []
    zone_names, zone_totals, by_zone = [], [], []
    for feature in layer.getFeatures():
        level = feature["level"]
        values = [_number(feature[f]) for _, f in thresholds]
        if level == "total":
            total = _number(feature["people"])
            covered = values
        elif level == "district":
            zone_names.append(str(feature["name"]))
            zone_totals.append(_number(feature["people"]))
            by_zone.append(values)
    if total is None:
        raise InputError("The coverage table has no 'total' row.")
    return ScenarioResults(
        thresholds=[t for t, _ in thresholds],
        total=total,
        covered=covered,
        zone_names=zone_names,
        zone_totals=zone_totals,
        by_zone=by_zone,
    )


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
