"""An area's dashboard (ward, cluster, sector or force: one shape for all): counts by category
against the same months a year earlier, the monthly trend with anomalies and a forecast, the
top repeat locations and the concentration of crime at places, and the data notes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from beatbook.analysis.trends import YearOnYear, year_on_year
from beatbook.crime.police_uk.categories import category_name
from beatbook.hub import analyses, services
from beatbook.hub.analyses import PlaceConcentration, Trends
from beatbook.hub.artefacts import CoverageNote, LocationArtefact
from beatbook.hub.cache import cached
from beatbook.hub.selection import Selection

TOP_PLACES = 10
FORECAST_MONTHS = 3


@dataclass(frozen=True)
class CategoryChange:
    """Crimes of one category in the period, against the same months a year earlier."""

    slug: str
    name: str
    current: int
    change: YearOnYear | None  # None when a month of either window was not published


@dataclass(frozen=True)
class Dashboard:
    selection: Selection
    total: int
    located: int
    categories: list[CategoryChange]
    all_categories: YearOnYear | None
    comparison_note: str
    trend: Trends | None
    trend_note: str
    places: PlaceConcentration | None
    artefacts: list[LocationArtefact]
    coverage: list[CoverageNote]
    elsewhere: dict[str, int] | None


def _compare(counts: np.ndarray, history: Selection, selection: Selection) -> tuple[YearOnYear | None, str]:
    """The period against the same months a year earlier (E-test), or why it cannot be."""
    months = np.array([m.year * 12 + m.month - 1 for m in history.months])
    try:
        return year_on_year(
            counts, months, f"{selection.last:%Y-%m}", len(selection.months), history.published_mask
        ), ""
    except ValueError as exc:
        return None, f"No comparison with a year earlier: {exc}."


def _changes(series: dict[str, np.ndarray], history: Selection, selection: Selection) -> list[CategoryChange]:
    in_period = np.array([m >= selection.first for m in history.months])
    rows = [
        CategoryChange(slug, category_name(slug), int(counts[in_period].sum()), _compare(counts, history, selection)[0])
        for slug, counts in series.items()
    ]
    return sorted(
        (r for r in rows if r.current or (r.change and r.change.previous)), key=lambda r: (-r.current, r.name)
    )


def _trend(history: Selection, series: dict[str, np.ndarray], selection: Selection) -> tuple[Trends | None, str]:
    try:
        result = analyses.trends(
            history.months,
            history.published_mask,
            series,
            selection.first,
            analyses.SEASONAL,
            FORECAST_MONTHS,
            by_category=False,  # the dashboard compares each category over its own period (_changes)
        )
    except (analyses.AnalysisError, ValueError) as exc:
        return None, f"No trend: {exc}."
    return result, ""


def _places(selection: Selection) -> PlaceConcentration | None:
    """Crimes per map point, counted by the database (a force's year can be a million rows)."""
    at = services.crimes_per_map_point(selection)
    if not at:
        return None
    # The places at risk are the map points with any crime in the period's months, not every
    # point ever used: police.uk moves its points over the years, and old ones would inflate the Gini.
    place_xy, place_names = services.places(selection, in_months=True)
    counts = np.array([at.get(xy, 0) for xy in map(tuple, place_xy.tolist())], dtype=np.int64)
    return analyses.concentration_at_places(place_xy, place_names, counts)


def _compute(selection: Selection) -> Dashboard:
    history = services.with_history(selection)
    series = services.category_series(history)
    total_series = sum(series.values(), np.zeros(len(history.months), dtype=np.int64))
    overall, note = _compare(total_series, history, selection)
    trend, trend_note = _trend(history, series, selection)
    places = _places(selection)
    in_period = np.array([m >= selection.first for m in history.months])
    return Dashboard(
        selection=selection,
        total=int(total_series[in_period].sum()),
        located=int(places.counts.sum()) if places else 0,
        categories=_changes(series, history, selection),
        all_categories=overall,
        comparison_note=note,
        trend=trend,
        trend_note=trend_note,
        places=places,
        artefacts=services.location_artefacts(selection),
        coverage=services.coverage_notes(selection),
        elsewhere=services.crimes_elsewhere(selection) if selection.area.kind == "force" else None,
    )


def dashboard(selection: Selection) -> Dashboard:
    """The dashboard of the selection, cached by data version."""
    return cached("dashboard", selection, {}, lambda: _compute(selection))


def top_places(result: PlaceConcentration, n: int = TOP_PLACES) -> list[tuple[str, int, np.ndarray]]:
    """The ``n`` places with most crimes: name, count and British National Grid point."""
    order = [i for i in result.ranked()[:n] if result.counts[i] > 0]
    return [(str(result.names[i]), int(result.counts[i]), result.xy[i]) for i in order]
