"""The printed reports of `beatbook analyse`: what was analysed, how, and a short table.

Each function returns lines of text; undefined numbers print as "-".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from beatbook.crime.police_uk.categories import category_name
from beatbook.hub.analyses import (
    CLASS_NAMES,
    HotspotCells,
    NearRepeat,
    PlaceConcentration,
    PremisesRisk,
    Trends,
    month_lag_days,
    street_name,
)
from beatbook.hub.artefacts import CoverageNote, LocationArtefact
from beatbook.hub.selection import Selection, month_text

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value, digits: int = 2) -> str:
    """A number for a table: thousands separated, fixed decimals; "-" when undefined."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    return f"{value:,}" if isinstance(value, (int, np.integer)) else f"{value:,.{digits}f}"


def p_value(p) -> str:
    if p is None or not math.isfinite(p):
        return "-"
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


def p_is(p) -> str:
    """ "p = 0.0123" or "p < 0.0001"."""
    text = p_value(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def table(headers: Sequence[str], rows: Sequence[Sequence], align: str = "") -> list[str]:
    """A plain-text table; ``align`` has one "l" or "r" per column (default: first left, others right)."""
    cells = [[str(c) for c in row] for row in rows]
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) if a == "l" else v.rjust(w) for v, w, a in zip(values, widths, align)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in cells)]


FACT_WIDTH = 12


def facts(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Indented "name  value" lines, names in one column across a report."""
    return [f"  {k.ljust(FACT_WIDTH)}  {v}" for k, v in pairs]


def heading(title: str, selection: Selection, crimes: str, elsewhere: dict[str, int] | None) -> list[str]:
    """The title and what was analysed: area, categories, months, crimes."""
    pairs = [
        ("area", selection.area.describe()),
        ("categories", selection.describe_categories()),
        ("months", selection.describe_months()),
        ("crimes", crimes),
    ]
    if elsewhere and (elsewhere["outside"] or elsewhere["unlocated"]):
        pairs.append(
            (
                "not analysed",
                f"{elsewhere['outside']:,} of the force's crimes lie outside its wards "
                f"and {elsewhere['unlocated']:,} have no location",
            )
        )
    return [title, "=" * len(title), *facts(pairs)]


def data_notes(artefacts: Sequence[LocationArtefact], coverage: Sequence[CoverageNote]) -> list[str]:
    """police.uk artefacts among the analysed crimes, and wards the data cannot show."""
    lines = (
        ["  place types   crimes at map points police.uk names after a type of place, not a street:"]
        if artefacts
        else []
    )
    lines += [f"    {a.describe()}" for a in artefacts]
    lines += [f"  coverage      {note.describe()}" for note in coverage]
    return lines


# Hotspots -------------------------------------------------------------------------------------


def _cell_size(cells: HotspotCells) -> str:
    size = cells.grid.cell_size
    if not cells.automatic_size:
        return f"{size:g} m (--cell-size)"
    if size == cells.rule_size:
        return f"{size:.1f} m (automatic: sfhotspot's rule, 1/50 of the shorter side of the crimes' extent)"
    return (
        f"{size:g} m (automatic: sfhotspot's rule gives {cells.rule_size:.1f} m, less than the spacing of "
        "the map points, so the spacing rounded up to 10 m)"
    )


def _spacing(cells: HotspotCells) -> str:
    if not math.isfinite(cells.spacing):
        return "unknown (fewer than two map points)"
    return (
        f"police.uk map points lie a median {cells.spacing:.0f} m from their nearest neighbour "
        "(the force's crimes of these months); smaller cells are refused"
    )


def hotspots(cells: HotspotCells, top: int) -> list[str]:
    grid = cells.grid
    correction = "after Benjamini-Hochberg FDR correction" if cells.fdr else "without correction for multiple tests"
    with_points = int(np.sum(cells.map_points > 0))
    pairs = [
        (
            "grid",
            f"{grid.n_cells:,} cells of {_cell_size(cells)}, over the crimes' convex hull; {int(grid.counts.sum()):,} "
            f"crimes in them, at {with_points:,} cells holding a map point",
        ),
        ("map points", _spacing(cells)),
        ("statistic", "Getis-Ord Gi* (each cell with its 8 queen neighbours, itself included), two-sided p"),
        ("rule", f"hot or cold where p < {cells.alpha:g} {correction}"),
        ("result", f"{cells.n_class(1):,} hot cells, {cells.n_class(-1):,} cold cells, {cells.n_class(0):,} neither"),
    ]
    if cells.n_empty_hot():
        pairs.append(
            (
                "not listed",
                f"{cells.n_empty_hot():,} hot cells hold no map point (they border busy points): "
                "no crime is recorded in them",
            )
        )
    return [
        *facts(pairs),
        "",
        f"Top {top} cells holding a map point, by Gi* z-score (streets: police.uk locations, with their crimes):",
        *_hotspot_table(cells, top),
    ]


def _hotspot_table(cells: HotspotCells, top: int) -> list[str]:
    x, y = cells.grid.centres
    headers = [
        "rank",
        "centre E",
        "centre N",
        "crimes",
        "z",
        "p",
        *(["p (FDR)"] if cells.fdr else []),
        "class",
        "map points",
        "streets",
    ]
    rows = []
    for rank, i in enumerate(cells.listed()[:top], 1):
        adjusted = [p_value(cells.p_adjusted[i])] if cells.p_adjusted is not None else []
        rows.append(
            [
                rank,
                f"{x[i]:.0f}",
                f"{y[i]:.0f}",
                number(int(cells.grid.counts[i])),
                number(cells.z[i]),
                p_value(cells.p[i]),
                *adjusted,
                CLASS_NAMES[int(cells.classes[i])],
                number(int(cells.map_points[i])),
                cells.streets[i],
            ]
        )
    return table(headers, rows, "r" * (len(headers) - 3) + "lrl")


# Near repeats ---------------------------------------------------------------------------------


def near_repeat(result: NearRepeat) -> list[str]:
    knox = result.knox
    one_month = "{}-{} days".format(*month_lag_days(1))
    pairs = [
        (
            "times",
            "months only: police.uk publishes no dates, so each crime is dated the first day of its "
            f"month; the smallest sensible time band is about 30 days (one month apart is {one_month})",
        ),
        ("space", f"bands {', '.join(knox.space_labels)} m between police.uk map points ({knox.metric})"),
        ("time", f"bands {', '.join(knox.time_labels)} days"),
        (
            "test",
            f"Knox, {knox.n_permutations} permutations of the months among the crimes; "
            f"{knox.n_events:,} crimes, {knox.n_pairs:,} pairs",
        ),
    ]
    lines = facts(pairs)
    if result.split_edges:
        lines.append(
            "  warning: a time-band edge falls inside the lags of a whole number of months, so pairs "
            "that many months apart are split between two bands"
        )
    return [
        *lines,
        "",
        "Knox ratio, observed / expected pairs (* p < 0.05, ** p < 0.01):",
        *_knox_table(result, ratios=True),
        "",
        "Observed pairs:",
        *_knox_table(result, ratios=False),
    ]


def _stars(p: float) -> str:
    return "**" if p < 0.01 else "*" if p < 0.05 else ""


def _knox_table(result: NearRepeat, ratios: bool) -> list[str]:
    knox = result.knox
    headers = ["space (m) \\ time", *(f"{t} d: {m}" for t, m in zip(knox.time_labels, result.time_meanings))]
    rows = []
    for i, space in enumerate(knox.space_labels):
        if ratios:
            cells = [f"{number(knox.ratio[i, j])}{_stars(knox.p_value[i, j])}" for j in range(len(knox.time_labels))]
        else:
            cells = [number(int(v)) for v in knox.observed[i]]
        rows.append([space, *cells])
    return table(headers, rows)


# Concentration --------------------------------------------------------------------------------


def concentration(result: PlaceConcentration, top: int) -> list[str]:
    r = result.repeats
    crimes, places = int(result.counts.sum()), result.counts.size
    rule = (
        f"generalized Gini (Bernasco & Steenbeek 2017), as there are fewer crimes ({crimes:,}) than places ({places:,})"
        if result.generalized
        else f"Gini; crimes ({crimes:,}) are at least as many as places ({places:,}), so the generalized Gini "
        "is the same"
    )
    tops = "; ".join(f"{p:g}% of places: {percent(s)} of crimes" for p, s in zip(r.top_percent, r.top_share))
    pairs = [
        (
            "places",
            f"{places:,} police.uk map points with any crime in the area in these months (any category): "
            "the denominator",
        ),
        (
            "with crime",
            f"{r.places_with_crime:,} places ({percent(r.places_with_crime / places)}); "
            f"{r.repeat_places:,} repeat places (2 or more crimes), {percent(r.repeat_rate)} of them",
        ),
        ("gini", f"{result.gini:.3f}: {rule}"),
        (
            "repeats",
            f"{percent(r.repeat_share)} of crimes at repeat places; {percent(r.repeat_incident_share)} "
            "were not the first at their place",
        ),
        ("top places", tops),
    ]
    return [*facts(pairs), "", f"Top {top} places:", *_place_table(result, top)]


def _place_table(result: PlaceConcentration, top: int) -> list[str]:
    total, running, rows = result.counts.sum(), 0, []
    for rank, i in enumerate(result.ranked()[:top], 1):
        running += int(result.counts[i])
        rows.append(
            [
                rank,
                result.names[i],
                f"{result.xy[i, 0]:.0f}",
                f"{result.xy[i, 1]:.0f}",
                number(int(result.counts[i])),
                percent(result.counts[i] / total),
                percent(running / total),
            ]
        )
    return table(["rank", "location", "easting", "northing", "crimes", "share", "cumulative"], rows, "rlrrrrr")


# Trends ---------------------------------------------------------------------------------------


def trends(result: Trends) -> list[str]:
    lines = ["", "Crimes per month (- no data published):", *_month_grid(result), ""]
    lines += _year_on_year(result)
    lines += ["", *_anomalies(result), "", *_forecast(result)]
    return lines


def _month_grid(result: Trends) -> list[str]:
    cells: dict[int, list[str]] = {}
    for month, count, published in zip(result.months, result.counts.tolist(), result.published.tolist()):
        cells.setdefault(month.year, [""] * 12)[month.month - 1] = number(count) if published else "-"
    return table(["year", *MONTH_NAMES], [[year, *row] for year, row in cells.items()], "l" + "r" * 12)


def _year_on_year(result: Trends) -> list[str]:
    y = result.year_on_year
    if y is None:
        return [f"Year on year: {result.year_on_year_note}"]
    test_name = y.test.split(" (")[0].split(" of ")[0]
    head = (
        f"Year on year: {y.months[0]}..{y.months[-1]} {y.current:,} crimes against {y.previous:,} in "
        f"{y.previous_months[0]}..{y.previous_months[-1]}, {_change(y)}; {test_name} {p_is(y.p_value)}, "
        f"{'significant' if y.significant else 'not significant'} at {y.alpha:g}"
    )
    rows = [
        [category_name(c), number(c_y.current), number(c_y.previous), _change(c_y), p_value(c_y.p_value)]
        for c, c_y in result.by_category
    ]
    return [head, "", *table(["category", "latest 12", "previous 12", "change", "E-test p"], rows)]


def _change(y) -> str:
    pct = "" if y.percent_change is None else f" ({y.percent_change:+.1f}%)"
    return f"{y.change:+,}{pct}"


def _anomalies(result: Trends) -> list[str]:
    flags = result.anomalies
    if flags is None:
        return [f"Anomalies: {result.anomaly_note}"]
    flagged = [
        f"{month_text(m)} {'high' if h else 'low'} ({number(int(c))}{_expected(flags, i)})"
        for i, (m, c, h, lo) in enumerate(zip(flags.months, flags.counts.tolist(), flags.high, flags.low))
        if h or lo
    ]
    head = (
        f"Anomalies: {len(flagged)} of {flags.counts.size} published months flagged ({int(flags.high.sum())} high, "
        f"{int(flags.low.sum())} low)"
    )
    return [head, *facts([("rule", flags.rule), ("false alarms", flags.rate)]), *_wrap(flagged)]


def _expected(flags, i: int) -> str:
    return "" if flags.expected is None else f", expected {flags.expected[i]:,.0f}"


def _wrap(items: list[str], width: int = 100) -> list[str]:
    """Comma-separated ``items`` in indented lines of at most ``width`` characters, items unbroken."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(item) + 2 <= width:
            lines[-1] += f", {item}"
        else:
            lines[-1:] = [lines[-1] + ","] if lines else []
            lines.append(f"  {item}")
    return lines


def _forecast(result: Trends) -> list[str]:
    f = result.forecast
    if f is None:
        return ["Forecast: no published month to forecast from"]
    note = f"; {f.note}" if f.note else ""
    head = (
        f"Forecast ({f.method}, from the {f.n_observations} published months since the last gap{note}), "
        f"{100 * (1 - f.alpha):g}% prediction interval:"
    )
    rows = [
        [month_text(m), f"{mean:,.0f}", f"{lo:,.0f}-{up:,.0f}"]
        for m, mean, lo, up in zip(result.forecast_months, f.mean, f.lower, f.upper)
    ]
    return [head, *table(["month", "crimes", "interval"], rows)]


# Premises -------------------------------------------------------------------------------------


def premises(result: PremisesRisk, top: int) -> list[str]:
    p, r = result.premises, result.result
    share = percent(r.crimes_assigned / r.crimes_total) if r.crimes_total else "-"
    tops = "; ".join(f"{t:g}%: {percent(s)}" for t, s in zip(r.top_percent, r.top_share))
    pairs = [
        (
            "premises",
            f"{p.n:,} {p.business_type} premises of {p.source} in the area "
            f"({result.outside_area:,} outside it and {p.without_location:,} without coordinates left out)",
        ),
        ("radius", _radius(result)),
        ("map points", _sharing(result)),
        (
            "assigned",
            f"{r.crimes_assigned:,} of {r.crimes_total:,} located crimes ({share}) within {r.radius:g} m of a premises",
        ),
        ("with crime", f"{int(np.sum(r.counts > 0)):,} premises have at least one"),
        ("top premises", f"share of the premises' crimes at the top {tops}"),
    ]
    return [
        *facts(pairs),
        "",
        "Concentration curve (premises sorted from most to least crime):",
        *_curve(result),
        "",
        f"Top {top} premises:",
        *_premises_table(result, top),
    ]


def _radius(result: PremisesRisk) -> str:
    r = result.result
    why = (
        f"automatic: the median distance between neighbouring police.uk map points, {result.spacing:.0f} m, "
        "within which a premises' crimes are placed"
        if result.automatic_radius
        else "--radius"
    )
    return f"{r.radius:g} m ({why}): {r.assignment}"


def _sharing(result: PremisesRisk) -> str:
    shared = result.sharing > 1
    if not shared.any():
        return "no two premises share their nearest map point"
    most = int(np.argmax(result.sharing))
    return (
        f"{int(shared.sum()):,} of {result.premises.n:,} premises share their nearest map point with another "
        f"(their crimes are placed at one point and counted at the nearest premises); up to "
        f"{int(result.sharing[most])} at {street_name(result.map_point[most])}"
    )


def _curve(result: PremisesRisk) -> list[str]:
    steps = [10 * k for k in range(1, 11)]
    return table(["premises", *(f"{s}%" for s in steps)], [["crimes", *(percent(result.curve_at(s)) for s in steps)]])


def _premises_table(result: PremisesRisk, top: int) -> list[str]:
    p, counts = result.premises, result.result.counts
    total = counts.sum()
    rows = [
        [
            rank,
            p.names[i],
            p.addresses[i],
            p.postcodes[i],
            number(int(counts[i])),
            percent(counts[i] / total) if total else "-",
            street_name(result.map_point[i]) if result.map_point[i] else "-",
            number(int(result.sharing[i])),
        ]
        for rank, i in enumerate(result.ranked()[:top], 1)
    ]
    headers = ["rank", "premises", "address", "postcode", "crimes", "share", "map point", "premises there"]
    return table(headers, rows, "rlllrrlr")
