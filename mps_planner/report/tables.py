"""Report tables and charts built from the core's results (plain data in, plain data out).

Numbers are formatted here once, so the sheet, the CSV and the tests see the same text.
A district without people shows "–" for its shares, never a division by zero.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..core.errors import InputError
from ..core.routing.timetable import StopVisitRow
from ..core.scenario import Scenario, ScenarioComparison, ScenarioResults
from .model import ChartModel, ChartSeries, StopNotice, TableModel, Visit
from .wording import phrase, weekday

NONE = "–"
BAR_COLOURS = ["#1B7837", "#5AAE61", "#A6DBA0", "#D9F0D3", "#C2A5CF", "#9970AB"]
SCENARIO_COLOURS = ("#8C8C8C", "#2171B5")


def people(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else NONE


def percent(part: float, whole: float) -> str:
    return f"{100.0 * part / whole:.1f}" if whole > 0 else NONE


def signed(value: float) -> str:
    text = f"{value:+,.0f}"
    return "0" if text in ("+0", "-0") else text.replace("-", "−")


def as_results(source) -> ScenarioResults:
    """ScenarioResults from a Scenario, a CoverageTable, a LiveSummary or ScenarioResults."""
    if isinstance(source, ScenarioResults):
        return source
    if isinstance(source, Scenario):
        if source.results is None:
            raise InputError(
                f"Scenario '{source.name}' has no results yet: compute its coverage, save it, "
                "then build the map."
            )
        return source.results
    if source is None:
        raise InputError(
            "There is no scenario yet: place sites, compute coverage and save a scenario, "
            "then build the planning map."
        )
    return ScenarioResults.from_table(source)


def coverage_by_district(
    results: ScenarioResults,
    local_names: dict[str, str] | None = None,
    language: str = "en",
    target: float | None = None,
    total_local: str = "",
    title: str | None = None,
) -> TableModel:
    """District | (名称) | People | % within each threshold | people beyond the target.

    ``target`` (minutes) picks the threshold whose uncovered people are shown (default the
    first). A total row closes the table.
    """
    t_list = results.thresholds
    if not t_list:
        raise InputError("The coverage results have no travel-time thresholds.")
    k_target = t_list.index(target) if target in t_list else 0
    with_local = bool(local_names) and any(local_names.get(n) for n in results.zone_names)
    headers = [phrase("district", language)]
    if with_local:
        headers.append(phrase("name_local", "zh" if language != "en" else "both"))
    headers.append(phrase("people", language))
    headers += [phrase("within", language, t=f"{t:g}") + " %" for t in t_list]
    headers.append(phrase("beyond", language, t=f"{t_list[k_target]:g}"))
    rows = []
    for z, name in enumerate(results.zone_names):
        total = results.zone_totals[z]
        covered = results.by_zone[z]
        row = [name]
        if with_local:
            row.append(local_names.get(name, ""))
        row.append(people(total))
        row += [percent(c, total) for c in covered]
        row.append(people(total - covered[k_target]))
        rows.append(row)
    row = [phrase("total", language)]
    if with_local:
        row.append(total_local)
    row.append(people(results.total))
    row += [percent(c, results.total) for c in results.covered]
    row.append(people(results.total - results.covered[k_target]))
    rows.append(row)
    return TableModel(
        title if title is not None else phrase("coverage_by_district", language),
        headers,
        rows,
        bold_last_row=True,
        csv_name="coverage_by_district.csv",
    )


def coverage_chart(results: ScenarioResults, language: str = "en", title=None) -> ChartModel:
    """People covered per threshold, with the share of all people on each bar."""
    labels = [
        [f"{people(c)}\n{percent(c, results.total)} %" for c in results.covered]
    ]  # value, then share
    return ChartModel(
        title if title is not None else phrase("coverage_chart", language),
        [phrase("within", language, t=f"{t:g}") for t in results.thresholds],
        [ChartSeries(phrase("people_covered", language), list(results.covered), BAR_COLOURS[0])],
        value_axis=phrase("people_covered", language),
        value_labels=[[label.replace("\n", " · ") for label in labels[0]]],
    )


def district_coverage(results: ScenarioResults, zone: int, language: str = "en") -> TableModel:
    """One district, a row per threshold: covered, share, not covered."""
    total = results.zone_totals[zone]
    headers = [
        phrase("threshold", language),
        phrase("covered", language),
        phrase("share", language),
        phrase("uncovered", language),
    ]
    rows = []
    for k, t in enumerate(results.thresholds):
        covered = results.by_zone[zone][k]
        rows.append(
            [
                phrase("within", language, t=f"{t:g}"),
                people(covered),
                percent(covered, total),
                people(total - covered),
            ]
        )
    note = "" if total > 0 else phrase("no_people", language)
    return TableModel(
        f"{phrase('people', language)}: {people(total)}",
        headers,
        rows,
        note=note,
    )


def district_chart(results: ScenarioResults, zone: int, language: str = "en") -> ChartModel:
    total = results.zone_totals[zone]
    return ChartModel(
        phrase("coverage_chart", language),
        [phrase("within", language, t=f"{t:g}") for t in results.thresholds],
        [
            ChartSeries(
                phrase("people_covered", language), list(results.by_zone[zone]), BAR_COLOURS[0]
            )
        ],
        percent_of=total if total > 0 else None,
        value_labels=None if total > 0 else [[people(v) for v in results.by_zone[zone]]],
    )


def comparison_table(comparison: ScenarioComparison, language: str = "en") -> TableModel:
    """Per district and threshold: covered in A, in B and B − A; a total row closes it."""
    headers = [phrase("district", language)]
    for t in comparison.thresholds:
        w = phrase("within", language, t=f"{t:g}")
        headers += [f"{w} A", f"{w} B", f"{w} B − A"]
    rows = []
    for z, name in enumerate(comparison.zone_names):
        row = [name]
        for k in range(len(comparison.thresholds)):
            a, b = comparison.zone_a[z][k], comparison.zone_b[z][k]
            row += [people(a), people(b), signed(b - a)]
        rows.append(row)
    row = [phrase("total", language)]
    for k in range(len(comparison.thresholds)):
        a, b = comparison.covered_a[k], comparison.covered_b[k]
        row += [people(a), people(b), signed(b - a)]
    rows.append(row)
    return TableModel(
        f"{phrase('people_covered', language)}: A = {comparison.a}, B = {comparison.b}",
        headers,
        rows,
        bold_last_row=True,
        csv_name="scenario_difference.csv",
    )


def comparison_chart(comparison: ScenarioComparison, language: str = "en") -> ChartModel:
    return ChartModel(
        phrase("coverage_chart", language),
        [phrase("within", language, t=f"{t:g}") for t in comparison.thresholds],
        [
            ChartSeries(f"A: {comparison.a}", list(comparison.covered_a), SCENARIO_COLOURS[0]),
            ChartSeries(f"B: {comparison.b}", list(comparison.covered_b), SCENARIO_COLOURS[1]),
        ],
        value_axis=phrase("people_covered", language),
        value_labels=[
            [people(v) for v in comparison.covered_a],
            [people(v) for v in comparison.covered_b],
        ],
    )


def visits_of(rows: Sequence[StopVisitRow]) -> dict[int, list[Visit]]:
    """The visits per stop index, in time order."""
    out: dict[int, list[Visit]] = {}
    for r in sorted(rows, key=lambda r: (r.stop, r.day, r.arrival_minute)):
        out.setdefault(r.stop, []).append(
            Visit(r.date, r.weekday, r.arrival, r.departure, r.vehicle_name, r.day)
        )
    return out


def visit_date(visit: Visit, language: str = "en") -> str:
    if visit.date is not None:
        return visit.date.isoformat()
    return f"{phrase('day', language) if language == 'en' else '第'}{visit.day + 1}" + (
        "" if language == "en" else "天"
    )


def visits_table(notice: StopNotice, language: str = "en", limit: int | None = None) -> TableModel:
    """Date | Day | Time (arrival–departure) | Vehicle, the next ``limit`` visits."""
    visits = notice.visits[:limit] if limit else notice.visits
    headers = [
        phrase("date", language),
        phrase("day", language),
        phrase("time", language),
        phrase("vehicle", language),
    ]
    rows = [
        [
            visit_date(v, language),
            weekday(v.weekday, language),
            f"{v.arrival}–{v.departure}",
            v.vehicle,
        ]
        for v in visits
    ]
    return TableModel(phrase("next_visits", language), headers, rows)


def stops_timetable(
    notices: Sequence[StopNotice], language: str = "en", visits_per_stop: int = 4
) -> TableModel:
    """Stop | visits | the next visits (dates and times), one row per stop (atlas pages)."""
    headers = [
        phrase("stop", language),
        phrase("visits", language),
        phrase("next_visits", language),
    ]
    rows = []
    for n in notices:
        name = f"{n.name} {n.name_local}".strip() if n.name_local != n.name else n.name
        nxt = "; ".join(
            f"{visit_date(v, language)} {weekday(v.weekday, language)} {v.arrival}–{v.departure}"
            for v in n.visits[:visits_per_stop]
        )
        rows.append([name, str(len(n.visits)), nxt or phrase("no_visits", language)])
    return TableModel(
        phrase("stops_timetable", language), headers, rows, csv_name="stop_visits.csv"
    )


def all_visits_table(notices: Sequence[StopNotice], language: str = "en") -> TableModel:
    """Every visit of every stop (the CSV behind the notices and the atlas)."""
    headers = [
        phrase("stop", language),
        phrase("name_local", language),
        phrase("district", language),
        phrase("date", language),
        phrase("day", language),
        "arrival",
        "departure",
        phrase("vehicle", language),
    ]
    rows = [
        [
            n.name,
            n.name_local,
            n.district,
            visit_date(v, language),
            v.weekday,
            v.arrival,
            v.departure,
            v.vehicle,
        ]
        for n in notices
        for v in n.visits
    ]
    return TableModel(
        phrase("stops_timetable", language), headers, rows, csv_name="stop_visits.csv"
    )


def coverage_curve_chart(
    covered_after: Sequence[float], total: float, title: str = "", language: str = "en"
) -> ChartModel:
    """The coverage curve: people newly covered by k = 1..p new sites (bars), with the share
    of all people then covered above each bar — what a budget of k sites buys."""
    base = covered_after[0]
    categories = [str(k) for k in range(1, len(covered_after))]
    gains = [float(v - base) for v in covered_after[1:]]
    labels = [[f"{percent(v, total)} %" for v in covered_after[1:]]]
    return ChartModel(
        title or phrase("coverage_curve", language),
        categories,
        [ChartSeries(phrase("people_newly_covered", language), gains, BAR_COLOURS[0])],
        value_axis=phrase("people_newly_covered", language),
        value_labels=labels,
    )
