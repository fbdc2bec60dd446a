"""Scenarios: a named set of sites, a service standard and its results, for comparison.

Plain data: the panel saves scenarios in the project's GeoPackage, the report builds sheets
from them, and two scenarios can be compared without recomputing anything.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .errors import InputError
from .standards import ServiceStandard

SITE_ROLES = ("fixed", "candidate", "mobile_stop")


@dataclass
class Site:
    """A point with a role: ``fixed`` (exists), ``candidate``, ``mobile_stop``."""

    key: str
    x: float
    y: float
    role: str = "mobile_stop"
    service: str = "clinic"
    name: str = ""
    capacity: float | None = None
    visit_every_days: float | None = None

    def __post_init__(self) -> None:
        if self.role not in SITE_ROLES:
            raise InputError(f"A site's role must be one of {SITE_ROLES}, not '{self.role}'.")


@dataclass
class ScenarioResults:
    """Coverage per threshold and district, as computed when the scenario was saved."""

    thresholds: list[float]
    total: float
    covered: list[float]
    zone_names: list[str] = field(default_factory=list)
    zone_totals: list[float] = field(default_factory=list)
    by_zone: list[list[float]] = field(default_factory=list)  # [zone][threshold]

    @classmethod
    def from_table(cls, table) -> ScenarioResults:
        """From a ``CoverageTable`` or ``LiveSummary``."""
        return cls(
            thresholds=[float(t) for t in table.thresholds],
            total=float(table.total),
            covered=[float(v) for v in np.asarray(table.covered)],
            zone_names=list(table.zone_names),
            zone_totals=[float(v) for v in np.asarray(table.zone_totals)],
            by_zone=[[float(v) for v in row] for row in np.asarray(table.by_zone)],
        )


@dataclass
class Scenario:
    name: str
    standard: ServiceStandard
    sites: list[Site]
    results: ScenarioResults | None = None
    notes: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "name": self.name,
            "standard": self.standard.to_dict(),
            "sites": [asdict(s) for s in self.sites],
            "results": asdict(self.results) if self.results else None,
            "notes": self.notes,
            "parameters": self.parameters,
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        data = json.loads(text)
        return cls(
            name=data["name"],
            standard=ServiceStandard.from_dict(data["standard"]),
            sites=[Site(**s) for s in data.get("sites", [])],
            results=ScenarioResults(**data["results"]) if data.get("results") else None,
            notes=data.get("notes", ""),
            parameters=data.get("parameters", {}),
        )


@dataclass
class ScenarioComparison:
    """B minus A per threshold, in total and per district."""

    a: str
    b: str
    thresholds: list[float]
    covered_a: list[float]
    covered_b: list[float]
    zone_names: list[str]
    zone_a: list[list[float]]
    zone_b: list[list[float]]

    @property
    def difference(self) -> list[float]:
        return [b - a for a, b in zip(self.covered_a, self.covered_b)]

    @property
    def zone_difference(self) -> list[list[float]]:
        return [[b - a for a, b in zip(ra, rb)] for ra, rb in zip(self.zone_a, self.zone_b)]


def compare(a: Scenario, b: Scenario) -> ScenarioComparison:
    """Compare the saved results of two scenarios (same thresholds and districts)."""
    if a.results is None or b.results is None:
        raise InputError("Both scenarios need results: compute coverage, then save them.")
    ra, rb = a.results, b.results
    if ra.thresholds != rb.thresholds:
        raise InputError(
            f"'{a.name}' uses thresholds {ra.thresholds} and '{b.name}' {rb.thresholds}; "
            "compare scenarios made with the same service standard."
        )
    if ra.zone_names != rb.zone_names:
        raise InputError("The two scenarios were computed with different district layers.")
    return ScenarioComparison(
        a.name, b.name, ra.thresholds, ra.covered, rb.covered, ra.zone_names, ra.by_zone, rb.by_zone
    )
