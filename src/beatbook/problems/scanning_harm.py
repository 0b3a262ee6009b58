"""Harm-weighted scanning: where a harm table is loaded (BEATBOOK_HARM_WEIGHTS), each suggestion
carries the harm of its crimes and the suggestions are ordered by it, so that ten robberies come
before twenty shop thefts. Without a table nothing changes: crime counts alone."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np
from django.conf import settings

from beatbook.analysis.harm import HarmWeights, harm_from_counts, load_weights
from beatbook.crime.models import Crime
from beatbook.crime.police_uk.categories import category_name
from beatbook.geography.projection import to_bng
from beatbook.hub.selection import Selection
from beatbook.problems.scanning_types import Suggestion


def harm_table() -> HarmWeights | None:
    path = settings.BEATBOOK_HARM_WEIGHTS
    return load_weights(path) if path else None


def _categories(suggestion: Suggestion, selection: Selection) -> Counter[str]:
    """Crimes per category of the suggestion's place or area in the selection's months."""
    rows = Crime.objects.filter(month__in=selection.months, easting__isnull=False)
    if suggestion.categories:
        rows = rows.filter(category__in=suggestion.categories)
    if suggestion.centre is None:
        return Counter(rows.filter(ward_id__in=suggestion.ward_ids).values_list("category", flat=True))
    x, y = to_bng([suggestion.centre[1]], [suggestion.centre[0]])
    r = float(suggestion.radius_m or 0)
    cx, cy = float(x[0]), float(y[0])
    near = rows.filter(easting__range=(cx - r, cx + r), northing__range=(cy - r, cy + r)).order_by("pk")
    found = np.array(list(near.values_list("easting", "northing")), dtype=float).reshape(-1, 2)
    inside = np.hypot(found[:, 0] - cx, found[:, 1] - cy) <= r
    return Counter(c for c, keep in zip(near.values_list("category", flat=True), inside) if keep)


def harm_text(harm: dict[str, Any]) -> str:
    """One line of evidence: the harm, from how many crimes, what weighs most, and by which table."""
    heaviest = f"; most from {harm['heaviest'].lower()}" if harm["heaviest"] else ""
    return (f"Harm {harm['harm']:g} from {harm['crimes']} crimes ({harm['per_crime']:g} a crime{heaviest}), "
            f"weighted by {harm['label']}.")  # fmt: skip


def weigh(suggestion: Suggestion, selection: Selection, table: HarmWeights) -> dict[str, Any]:
    """The harm of the suggestion's crimes, what weighs most, and the table it was weighed by."""
    counts = _categories(suggestion, selection)
    harm = harm_from_counts(counts, table)
    heaviest = max(harm.harm.items(), key=lambda kv: kv[1], default=None)
    return {
        "label": table.label,
        "crimes": harm.total_count,
        "harm": round(harm.total_harm, 1),
        "per_crime": round(harm.total_harm / harm.total_count, 2) if harm.total_count else 0.0,
        "heaviest": category_name(heaviest[0]) if heaviest and heaviest[1] > 0 else "",
    }


def harm_weighted(found: list[Suggestion], selection: Selection) -> list[Suggestion]:
    """The suggestions with their harm, the most harmful first; unchanged without a harm table."""
    table = harm_table()
    if table is None:
        return found
    weighed = []
    for s in found:
        harm = weigh(s, selection, table)
        weighed.append(replace(s, extra={**s.extra, "harm": harm, "harm_text": harm_text(harm)}))
    return sorted(weighed, key=lambda s: -s.extra["harm"]["harm"])
