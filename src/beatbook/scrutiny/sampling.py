"""Drawing the sample of stop-and-search records a scrutiny group reviews, reproducibly.

The period's searches of the force are put in a fixed order (month, then line in the published file),
and Python's ``random.Random(seed).sample`` picks positions in it: the same seed on the same data draws
the same records, whoever draws them and whenever. The seed is stored with the meeting.
"""

from __future__ import annotations

import random
import secrets
from datetime import date

from django.db.models import QuerySet

from beatbook.crime.models import StopSearch

HOW_DRAWN = (
    "beatbook drew the sample at random from every stop and search in the period that the force published "
    "to data.police.uk: the searches are put in a fixed order (by month, then by their line in the published "
    "file) and a pseudo-random generator started from the stored seed picks that many of them, each search "
    "as likely as any other. Anyone with the same data and seed draws the same searches."
)


class EmptyPeriod(ValueError):
    """No stop-and-search record of the force in the period: there is nothing to draw."""


def new_seed() -> int:
    return secrets.randbits(48)


def period_searches(force_slug: str, first: date, last: date) -> QuerySet[StopSearch]:
    """The force's searches of the months ``first`` to ``last``, in the fixed order of the draw."""
    return StopSearch.objects.filter(source_file__force_slug=force_slug, month__range=(first, last)).order_by(
        "month", "line"
    )


def draw(force_slug: str, first: date, last: date, size: int, seed: int) -> tuple[list[StopSearch], int]:
    """``size`` searches (all of them when the period holds fewer), in the order drawn, and how many
    searches the period holds."""
    ids = list(period_searches(force_slug, first, last).values_list("pk", flat=True))
    if not ids:
        raise EmptyPeriod(f"No stop and search of the force was published for {first:%B %Y} to {last:%B %Y}.")
    picked = random.Random(seed).sample(ids, min(size, len(ids)))  # noqa: S311  (a sample, not a secret)
    rows = StopSearch.objects.in_bulk(picked)
    return [rows[pk] for pk in picked], len(ids)
