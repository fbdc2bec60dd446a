"""Service standards: who travels, how, within how many minutes, how often a stop is visited.

Presets follow the planning practice the plugin was made for: a township clinic within half
an hour by motorcycle or horse, the urban "10-minute walking circle" for a library or
cultural station, rural mobile-library stops visited monthly, a police response within half
an hour by vehicle, and a combined vehicle (police + first aid + fire) visiting weekly. Every
field can be changed and saved as a new standard.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .errors import InputError
from .landcover import TRAVEL_MODES

WHO_TRAVELS = ("residents", "unit")  # residents go to the site, or the unit goes to them


@dataclass(frozen=True)
class ServiceStandard:
    key: str
    name: str
    service: str  # hospital | clinic | library | police | combined
    who_travels: str
    mode: str  # one of TRAVEL_MODES
    thresholds: tuple[float, ...]
    target_minutes: float  # the standard itself (one of the thresholds)
    visit_every_days: float | None = None  # required visit interval of a mobile stop
    name_zh: str = ""
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.who_travels not in WHO_TRAVELS:
            raise InputError(f"'who travels' must be one of {WHO_TRAVELS}, not {self.who_travels}")
        if self.mode not in TRAVEL_MODES:
            raise InputError(f"Unknown travel mode '{self.mode}'; use one of {TRAVEL_MODES}.")
        values = tuple(sorted(float(t) for t in self.thresholds))
        if not values or values[0] <= 0:
            raise InputError("A standard needs thresholds of more than 0 minutes.")
        object.__setattr__(self, "thresholds", values)
        if float(self.target_minutes) not in values:
            object.__setattr__(self, "thresholds", tuple(sorted({*values, self.target_minutes})))
        if self.visit_every_days is not None and self.visit_every_days <= 0:
            raise InputError("The visit interval must be more than 0 days.")

    @property
    def visits_per_30_days(self) -> float | None:
        return None if self.visit_every_days is None else 30.0 / self.visit_every_days

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["thresholds"] = list(self.thresholds)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServiceStandard:
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["thresholds"] = tuple(values.get("thresholds", ()))
        return cls(**values)

    def edited(self, **changes) -> ServiceStandard:
        return replace(self, **changes)


PRESETS: dict[str, ServiceStandard] = {
    s.key: s
    for s in (
        ServiceStandard(
            key="clinic",
            name="Clinic (township health centre, mobile clinic)",
            name_zh="卫生院 / 流动医疗",
            service="clinic",
            who_travels="residents",
            mode="riding",
            thresholds=(15.0, 30.0, 60.0),
            target_minutes=30.0,
            visit_every_days=14.0,
            description="Residents reach a clinic or a mobile-clinic stop within 30 minutes "
            "by motorcycle or horse; a mobile clinic stops every two weeks.",
        ),
        ServiceStandard(
            key="library_urban",
            name="Library, urban 10-minute walking circle",
            name_zh="城市图书馆（10分钟步行圈）",
            service="library",
            who_travels="residents",
            mode="walking",
            thresholds=(5.0, 10.0, 15.0),
            target_minutes=10.0,
            description="Town residents walk to a library or cultural station within 10 min.",
        ),
        ServiceStandard(
            key="library_rural",
            name="Mobile library, rural stops",
            name_zh="流动图书馆（牧区站点）",
            service="library",
            who_travels="residents",
            mode="riding",
            thresholds=(15.0, 30.0, 60.0),
            target_minutes=30.0,
            visit_every_days=30.0,
            description="Herder families ride to a mobile-library stop within 30 minutes; "
            "each stop is visited once a month.",
        ),
        ServiceStandard(
            key="police",
            name="Police response",
            name_zh="警务出警",
            service="police",
            who_travels="unit",
            mode="vehicle",
            thresholds=(15.0, 30.0, 60.0),
            target_minutes=30.0,
            description="A police vehicle reaches any household within 30 minutes.",
        ),
        ServiceStandard(
            key="combined",
            name="Combined vehicle (police, first aid, fire)",
            name_zh="综合服务车（警务、急救、消防）",
            service="combined",
            who_travels="unit",
            mode="vehicle",
            thresholds=(30.0, 60.0, 90.0),
            target_minutes=60.0,
            visit_every_days=7.0,
            description='A combined vehicle ("Grassland 110") reaches households within an '
            "hour and stops at each settlement every week.",
        ),
    )
}


def preset(key: str) -> ServiceStandard:
    try:
        return PRESETS[key]
    except KeyError:
        raise InputError(f"Unknown service standard '{key}'; use one of {list(PRESETS)}.") from None
