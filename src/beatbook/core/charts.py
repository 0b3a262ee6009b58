"""Server-side SVG charts (matplotlib): they work offline and print well.

Each chart is paired, in its template, with a table of the same numbers for screen readers.
Colours come from a palette that survives the common colour blindnesses (Okabe & Ito), and
every mark that carries meaning also differs in shape.
"""

from __future__ import annotations

import io
import re
import textwrap
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")
# Text stays text: drawing every glyph as a path is slow, bloats the SVG and hides it from search.
matplotlib.rcParams["svg.fonttype"] = "none"
from matplotlib.axes import Axes  # noqa: E402  (the backend must be chosen first)
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

_lock = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe
BAR_COLOUR = "#1d70b8"
HIGH_COLOUR = "#d55e00"  # Okabe-Ito vermilion
LOW_COLOUR = "#009e73"  # Okabe-Ito bluish green
FORECAST_COLOUR = "#505a5f"


#: Margins (left, bottom, right, top) as figure fractions: fixed, because matplotlib's tight layout
#: measures every label and doubles the drawing time.
MONTHLY_MARGINS = (0.08, 0.27, 0.98, 0.9)
SQUARE_MARGINS = (0.17, 0.13, 0.96, 0.9)
#: A chart for a phone: 4 inches wide, so that on a 390px screen its text reads at 10-12px (the 8-inch
#: chart, shrunk to that width, shows 5px text). Pages draw both and show one (site.css: .chart-narrow).
NARROW_SIZE = (4, 3.4)
NARROW_MARGINS = (0.17, 0.25, 0.97, 0.83)
NARROW_TITLE_CHARACTERS = 38


@contextmanager
def _svg_figure(
    title: str,
    size: tuple[float, float] = (8, 3),
    margins: tuple[float, float, float, float] = MONTHLY_MARGINS,
    title_characters: int = 0,
) -> Iterator[tuple[Axes, list[str]]]:
    """A figure's axes; on leaving, the SVG markup is appended to the yielded list. The title is wrapped
    at `title_characters` when given (a narrow chart's)."""
    out: list[str] = []
    with _lock:
        figure = Figure(figsize=size, dpi=96)
        axes = figure.add_subplot()
        axes.spines[["top", "right"]].set_visible(False)
        shown = textwrap.fill(title, title_characters) if title_characters else title
        axes.set_title(shown, fontsize=10, loc="left")
        yield axes, out
        left, bottom, right, top = margins
        figure.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    out.append(_inline(buffer.getvalue(), title))


def _inline(svg: str, title: str) -> str:
    svg = svg[svg.index("<svg") :]  # drop the XML prologue: this goes inline in HTML
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)  # the page's CSP allows no <style>
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)


def _month_ticks(axes: Axes, labels: Sequence[str], most: int = 18, fontsize: float = 8) -> None:
    step = max(1, len(labels) // most)
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right", fontsize=fontsize)


def monthly_bar_chart(labels: list[str], values: list[int], title: str, narrow: bool = False) -> str:
    """An SVG bar chart of one value per month, as inline SVG markup; `narrow`: drawn for a phone."""
    figure = _svg_figure(title, NARROW_SIZE, NARROW_MARGINS, NARROW_TITLE_CHARACTERS) if narrow else _svg_figure(title)
    with figure as (axes, out):
        axes.bar(range(len(values)), values, color=BAR_COLOUR)
        _month_ticks(axes, labels, most=6 if narrow else 18, fontsize=9 if narrow else 8)
        axes.set_ylabel("Count")
    return unique_ids(out[0], "narrow") if narrow else out[0]


def monthly_gaps_chart(labels: Sequence[str], counts: Sequence[int | None], title: str, ylabel: str) -> str:
    """Bars of one count per month; a month without published data (None) is a hatched band
    labelled as such, so that a gap never reads as a month with none."""
    with _svg_figure(title) as (axes, out):
        xs = [i for i, c in enumerate(counts) if c is not None]
        ys = [int(counts[i] or 0) for i in xs]
        axes.bar(xs, ys, color=BAR_COLOUR, label=ylabel)
        top = 1.1 * max(ys, default=1) or 1
        gaps = _runs([i for i, c in enumerate(counts) if c is None])
        for n, (first, last) in enumerate(gaps):  # one hatched band per run of missing months
            label = "No data published" if n == 0 else None
            axes.axvspan(
                first - 0.5, last + 0.5, facecolor="none", edgecolor=FORECAST_COLOUR, hatch="///", lw=0, label=label
            )
            if last - first >= 2:  # a long gap says what it is where it is
                axes.text(
                    (first + last) / 2, top / 2, "no data published", ha="center", fontsize=8, backgroundcolor="white"
                )
        _month_ticks(axes, labels)
        axes.set_xlim(-0.6, len(labels) - 0.4)
        axes.set_ylim(0, top)
        axes.set_ylabel(ylabel)
        # Above the plot, right of the title: never over a bar.
        axes.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=2)
    return out[0]


def counts_beside_chart(
    labels: Sequence[str], first: tuple[str, Sequence[int]], second: tuple[str, Sequence[int | None]], title: str
) -> str:
    """Two monthly counts side by side as lines with markers (blue circles, vermilion squares), e.g. bikes
    marked beside bicycle thefts. A month where the second is not published (None) breaks its line and is a
    hatched band labelled "no data published": never drawn as a zero."""
    (first_label, first_values), (second_label, second_values) = first, second
    with _svg_figure(title) as (axes, out):
        xs = range(len(labels))
        seconds = [float("nan") if v is None else v for v in second_values]
        axes.plot(xs, first_values, color="#0072b2", marker="o", markersize=4, label=first_label)
        axes.plot(xs, seconds, color=HIGH_COLOUR, marker="s", markersize=4, linestyle="--", label=second_label)
        for n, (start, end) in enumerate(_runs([i for i, v in enumerate(second_values) if v is None])):
            label = "No data published" if n == 0 else None
            axes.axvspan(
                start - 0.5, end + 0.5, facecolor="none", edgecolor=FORECAST_COLOUR, hatch="///", lw=0, label=label
            )
        _month_ticks(axes, labels)
        axes.set_xlim(-0.6, len(labels) - 0.4)
        axes.set_ylim(bottom=0, top=max([*first_values, *(v or 0 for v in second_values), 1]) * 1.1)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2 of a bike
        axes.set_ylabel("Count")
        axes.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=3)
    return out[0]


def _runs(indexes: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def trend_chart(
    labels: Sequence[str],
    counts: Sequence[int | None],
    high: Sequence[bool],
    low: Sequence[bool],
    forecast: tuple[Sequence[str], Sequence[float], Sequence[float], Sequence[float]] | None,
    title: str,
) -> str:
    """Monthly counts (None: not published, drawn as a gap), anomalous months marked (high ▲,
    low ▼) and a forecast with its interval after the last month."""
    future, mean, lower, upper = forecast or ((), (), (), ())
    every = list(labels) + list(future)
    with _svg_figure(title) as (axes, out):
        xs = [i for i, c in enumerate(counts) if c is not None]
        ys = [int(counts[i] or 0) for i in xs]
        axes.bar(xs, ys, color=BAR_COLOUR, label="Crimes")
        _marks(axes, xs, ys, high, "^", HIGH_COLOUR, "Higher than expected")
        _marks(axes, xs, ys, low, "v", LOW_COLOUR, "Lower than expected")
        if future:
            at = range(len(labels), len(every))
            axes.fill_between(at, lower, upper, color=FORECAST_COLOUR, alpha=0.2, label="Forecast interval")
            axes.plot(at, mean, color=FORECAST_COLOUR, linestyle="--", marker="o", label="Forecast")
        _month_ticks(axes, every)
        axes.set_ylabel("Crimes")
        axes.legend(fontsize=7, frameon=False, loc="upper left", ncols=3)
    return out[0]


def _marks(axes: Axes, xs: list[int], ys: list, flags: Sequence[bool], marker: str, colour: str, label: str) -> None:
    at = [(x, y) for x, y in zip(xs, ys) if flags[x]]
    if at:
        axes.scatter([x for x, _ in at], [y for _, y in at], marker=marker, color=colour, s=60, zorder=3, label=label)


def lorenz_chart(place_share: Sequence[float], crime_share: Sequence[float], title: str, places: str = "Places") -> str:
    """The concentration (Lorenz) curve: share of crimes at the top share of ``places`` (what is ranked)."""
    with _svg_figure(title, size=(4, 4), margins=SQUARE_MARGINS) as (axes, out):
        axes.plot([0, 100], [0, 100], color=FORECAST_COLOUR, linestyle=":", label="Equal spread")
        axes.plot([100 * p for p in place_share], [100 * c for c in crime_share], color=BAR_COLOUR, label="Crimes")
        axes.set_xlabel(f"{places}, busiest first (%)")
        axes.set_ylabel("Crimes (%)")
        axes.set_xlim(0, 100)
        axes.set_ylim(0, 100)
        axes.legend(fontsize=7, frameon=False, loc="lower right")
    return out[0]


def unique_ids(svg: str, prefix: str) -> str:
    """The SVG with its ids (and the references to them) prefixed: matplotlib numbers them from 1 in
    every figure, and a page holding several figures must not repeat an id."""
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r'(href="#|url\(#)([^")]+)', rf"\1{prefix}-\2", svg)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


#: Okabe-Ito colours and shapes of the assessment chart's series.
ASSESSMENT_STYLES = (
    ("#0072b2", "o", "-"),  # blue, circles
    ("#e69f00", "s", "-"),  # orange, squares
    ("#009e73", "^", "-"),  # bluish green, triangles
    ("#505a5f", "", "--"),  # grey dashes
)


def series_chart(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], split: int | None, title: str
) -> str:
    """Up to four monthly series as lines with markers (None: not published, a break in the line),
    and a dotted line before index ``split`` (e.g. where a response began)."""
    with _svg_figure(title) as (axes, out):
        for (label, values), (colour, marker, style) in zip(series, ASSESSMENT_STYLES):
            ys = [float("nan") if v is None else v for v in values]
            axes.plot(range(len(ys)), ys, color=colour, marker=marker, markersize=4, linestyle=style, label=label)
        if split is not None:
            axes.axvline(split - 0.5, color="#000000", linestyle=":", linewidth=1)
        _month_ticks(axes, labels)
        axes.set_ylabel("Crimes")
        axes.set_ylim(bottom=0)
        axes.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=4)
    return out[0]
