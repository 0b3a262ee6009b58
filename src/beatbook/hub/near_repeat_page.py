"""The near-repeat page: the Knox test of the selection, cached by data version and bounded,
its table coloured by significance, and its reading in plain English."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from beatbook.hub import analyses, export, services
from beatbook.hub.analyses import NearRepeat
from beatbook.hub.analysis_forms import NearRepeatForm
from beatbook.hub.cache import cached
from beatbook.hub.downloads import CannotExport, download
from beatbook.hub.selection import Selection

#: The permutations tabulate every close pair once each: beyond this many pair-permutations a
#: page would take more than about ten seconds on a small server (measured: about 65 million a second).
MAX_PAIR_PERMUTATIONS = 500_000_000
LEVELS = (0.01, 0.05)


@dataclass(frozen=True)
class KnoxRun:
    result: NearRepeat | None
    error: str  # why there is no result
    n_crimes: int
    close_pairs: int
    too_large: bool = False  # refused for its size: a choice the person can change


@dataclass(frozen=True)
class KnoxOptions:
    space_bands: tuple[float, ...]
    time_bands: tuple[float, ...]
    permutations: int
    seed: int

    @classmethod
    def of(cls, form: NearRepeatForm) -> KnoxOptions:
        d = form.cleaned_data
        return cls(tuple(d["space_bands"]), tuple(d["time_bands"]), d["permutations"], d["seed"])


def _too_much(pairs: int, options: KnoxOptions) -> str:
    most = MAX_PAIR_PERMUTATIONS // max(pairs, 1) - 1
    fewer = f"choose at most {most} permutations, or " if most >= 19 else ""
    return (
        f"{pairs:,} pairs of crimes lie within {options.space_bands[-1]:g} m of each other: {options.permutations} "
        f"permutations of them would take minutes here. To run it, {fewer}narrow the selection (fewer months, "
        "one crime category, a smaller area) or the largest distance band."
    )


def _compute(selection: Selection, options: KnoxOptions) -> KnoxRun:
    points = services.crime_points(selection)
    pairs = analyses.close_pair_count(points.xy, options.space_bands[-1])
    if pairs * (options.permutations + 1) > MAX_PAIR_PERMUTATIONS:
        return KnoxRun(None, _too_much(pairs, options), points.n, pairs, too_large=True)
    try:
        result = analyses.near_repeat(
            points, list(options.space_bands), list(options.time_bands), options.permutations, options.seed
        )
    except analyses.AnalysisError as exc:
        return KnoxRun(None, f"{str(exc)[0].upper()}{str(exc)[1:]}.", points.n, pairs)
    return KnoxRun(result, "", points.n, pairs)


def knox_run(selection: Selection, options: KnoxOptions) -> KnoxRun:
    """The Knox test of the selection, or why it was not run; cached by data version."""
    key = {k: list(v) if isinstance(v, tuple) else v for k, v in options.__dict__.items()}
    return cached("near-repeat", selection, key, lambda: _compute(selection, options))


# Reading ------------------------------------------------------------------------------------------


def _edges(label: str) -> tuple[float, float]:
    """(lo, hi) of a band label such as "[0, 100)"."""
    low, high = (float(v) for v in label.strip("[()]").split(","))
    return low, high


def distance_label(label: str) -> str:
    """ "under 100 m" or "100–200 m", for a band label such as "[0, 100)"."""
    low, high = _edges(label)
    return f"under {high:g} m" if low == 0 else f"{low:g}–{high:g} m"


def _distance_words(low: float, high: float) -> str:
    return f"within {high:g} m of each other" if low == 0 else f"{low:g}–{high:g} m apart"


def _time_words(meaning: str) -> str:
    return "in the same month" if meaning == "same month" else meaning


def _p_words(p: float) -> str:
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def reading(result: NearRepeat, i: int, j: int) -> str:
    """One cell of the Knox table in plain English."""
    knox = result.knox
    space, time = knox.space_labels[i], result.time_meanings[j]
    low, high = _edges(space)
    ratio, p = float(knox.ratio[i, j]), float(knox.p_value[i, j])
    if not (math.isfinite(ratio) and math.isfinite(p)):
        return f"Too few pairs of crimes {_distance_words(low, high)} and {_time_words(time)} to compare with chance."
    sentence = (
        f"Crimes {_distance_words(low, high)} and {_time_words(time)} occur {ratio:.2f} times as often as "
        f"expected by chance ({_p_words(p)})"
    )
    return sentence + ("." if p < LEVELS[1] else ", which chance alone could give.")


def readings(result: NearRepeat) -> list[str]:
    """The significant cells (5% level) in plain English, the strongest first; else the closest cell."""
    knox = result.knox
    cells = [(i, j) for i in range(knox.p_value.shape[0]) for j in range(knox.p_value.shape[1])]
    significant = [(i, j) for i, j in cells if knox.p_value[i, j] < LEVELS[1] and np.isfinite(knox.ratio[i, j])]
    significant.sort(key=lambda ij: -abs(math.log(knox.ratio[ij])) if knox.ratio[ij] > 0 else 0)
    return [reading(result, i, j) for i, j in significant] or [reading(result, 0, 0)]


def cell_mark(ratio: float, p: float) -> dict[str, str]:
    """CSS class, symbol and words of a Knox cell: direction by arrow, strength by stars."""
    if not (np.isfinite(ratio) and np.isfinite(p)) or p >= LEVELS[1]:
        return {"css": "", "symbol": "", "words": "not significant"}
    stars = "**" if p < LEVELS[0] else "*"
    if ratio > 1:
        return {"css": f"nr-more{len(stars)}", "symbol": f"▲{stars}", "words": f"more than chance, {_p_words(p)}"}
    return {"css": "nr-less", "symbol": f"▼{stars}", "words": f"fewer than chance, {_p_words(p)}"}


def table_rows(result: NearRepeat) -> list[dict[str, Any]]:
    knox = result.knox
    rows = []
    for i, space in enumerate(knox.space_labels):
        cells = []
        for j in range(len(knox.time_labels)):
            ratio, p = float(knox.ratio[i, j]), float(knox.p_value[i, j])
            cells.append(
                {
                    "ratio": ratio if np.isfinite(ratio) else None,
                    "p": p,
                    "observed": int(knox.observed[i, j]),
                    "expected": float(knox.expected[i, j]),
                    **cell_mark(ratio, p),
                }
            )
        rows.append({"space": distance_label(space), "band": space, "cells": cells})
    return rows


@download(
    "near-repeat-knox",
    "Knox test of near repeats (space bands x month-aware time bands, Monte Carlo permutations of the months)",
    form_class=NearRepeatForm,
)
def _knox_download(selection: Selection, form: NearRepeatForm):
    run = knox_run(selection, KnoxOptions.of(form))
    if run.result is None:
        raise CannotExport(run.error or "no Knox table for this selection")
    return export.knox_records(run.result), None
