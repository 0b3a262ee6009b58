"""`beatbook incidents synthesise`: a clearly labelled synthetic incident log, for the demo and the tests.

No force publishes its incident log, so beatbook makes one up: each incident is put on a real City map
point and month (a stored police.uk crime row, chosen at random), given a random day and time in that
month, and pseudonyms from a small pool so that some people recur (repeat victims, repeat ASB callers
who meet the ASB Case Review threshold, domestic abuse with children present). Every row says
synthetic=yes and every pseudonym starts with SYN-. Seeded: the same arguments give the same file.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from beatbook.crime.models import Crime
from beatbook.geography.models import Ward
from beatbook.safeguarding.rows import COLUMNS

ASB_TYPES = ("Noise nuisance", "Rowdy behaviour", "Street drinking", "Neighbour dispute")
OTHER_TYPES = ("Theft report", "Suspicious person", "Concern for welfare", "Criminal damage")
DA_TYPES = ("Domestic incident", "Domestic assault")
OUTCOMES = ("Advice given", "Officer attended", "Referred to partner agency", "No further action", "Crime recorded")
PER_MONTH = 40


@dataclass(frozen=True)
class MapPoint:
    month: date
    lat: float
    lng: float
    location: str
    ward: str


class NoMapPoints(Exception):
    """No located crime is stored to place synthetic incidents on."""


def map_points(months: int) -> list[MapPoint]:
    """Located crimes in a ward of the last `months` months held (police.uk's anonymous map points)."""
    held = sorted(set(Crime.objects.filter(ward__isnull=False).values_list("month", flat=True)))[-months:]
    if not held:
        raise NoMapPoints("no located crime is stored: run `beatbook ingest` (or `beatbook demo`) first")
    names = dict(Ward.objects.values_list("pk", "name"))
    rows = Crime.objects.filter(month__in=held, ward__isnull=False, lat__isnull=False).order_by("pk")
    return [
        MapPoint(month, float(lat or 0.0), float(lng or 0.0), location, names[ward_id])
        for month, lat, lng, location, ward_id in rows.values_list("month", "lat", "lng", "location", "ward_id")[
            :20_000
        ]
    ]


def synthesise(points: list[MapPoint], seed: int) -> list[dict[str, str]]:
    """The rows of a synthetic log on `points`, ordered by time; the same points and seed give the same rows."""
    rng = random.Random(seed)
    by_month: dict[date, list[MapPoint]] = {}
    for point in points:
        by_month.setdefault(point.month, []).append(point)
    rows: list[dict[str, str]] = []
    for month in sorted(by_month):
        rows += [_incident(rng, rng.choice(by_month[month])) for _ in range(PER_MONTH)]
    rows += _repeat_asb_caller(rng, by_month, seed)
    rows.append(_recent_domestic_abuse_with_children(rng, by_month))
    rows.sort(key=lambda row: row["occurred_at"])
    for n, row in enumerate(rows, start=1):
        row["incident_id"] = f"SYN-{seed}-{n:05d}"
    return rows


def _incident(rng: random.Random, point: MapPoint) -> dict[str, str]:
    kind = rng.choices(("asb", "da", "other"), weights=(5, 2, 3))[0]
    when = _moment(rng, point.month)
    return _row(
        point,
        when,
        rng.choice({"asb": ASB_TYPES, "da": DA_TYPES, "other": OTHER_TYPES}[kind]),
        asb=kind == "asb",
        hate=kind == "asb" and rng.random() < 0.05,
        domestic_abuse=kind == "da",
        children_present=kind == "da" and rng.random() < 0.4,
        caller=f"SYN-C{rng.randint(1, 120):03d}",
        victim=f"SYN-V{rng.randint(1, 150):03d}" if kind != "asb" or rng.random() < 0.5 else "",
        outcome=rng.choice(OUTCOMES),
        reported=when + timedelta(hours=rng.choice((0, 0, 0, 2, 30))),
    )


def _repeat_asb_caller(rng: random.Random, by_month: dict[date, list[MapPoint]], seed: int) -> list[dict[str, str]]:
    """One caller who complains of ASB three times in the last six months held: an ASB Case Review candidate."""
    months = sorted(by_month)[-6:]
    return [
        _row(
            point := rng.choice(by_month[month]),
            when := _moment(rng, point.month),
            "Noise nuisance",
            asb=True,
            caller=f"SYN-T{seed % 1000:03d}",
            victim=f"SYN-T{seed % 1000:03d}",
            outcome="Advice given",
            reported=when + timedelta(hours=1),
        )
        for month in months[-3:]
    ]


def _recent_domestic_abuse_with_children(rng: random.Random, by_month: dict[date, list[MapPoint]]) -> dict[str, str]:
    """An evening domestic-abuse incident with children present in the last days held, so that an import
    always opens a school-notification task (which look back only from the log's newest incident)."""
    point = rng.choice(by_month[max(by_month)])
    when = datetime(point.month.year, point.month.month, 28, 19, 30)
    return _row(
        point,
        when,
        "Domestic incident",
        domestic_abuse=True,
        children_present=True,
        caller=f"SYN-V{rng.randint(1, 150):03d}",
        victim=f"SYN-V{rng.randint(1, 150):03d}",
        outcome="Officer attended",
        reported=when,
    )


def _moment(rng: random.Random, month: date) -> datetime:
    return datetime(month.year, month.month, rng.randint(1, 28), rng.randint(0, 23), rng.choice((0, 15, 30, 45)))


def _row(point: MapPoint, when: datetime, kind: str, *, reported: datetime, **fields: object) -> dict[str, str]:
    flags = {
        name: "yes" if fields.get(name) else "no" for name in ("asb", "hate", "domestic_abuse", "children_present")
    }
    return {
        "incident_id": "",
        "occurred_at": f"{when:%Y-%m-%d %H:%M}",
        "reported_at": f"{reported:%Y-%m-%d %H:%M}",
        "type": kind,
        **flags,
        "location": point.location,
        "ward": point.ward,
        "lat": f"{point.lat:.6f}",
        "lng": f"{point.lng:.6f}",
        "caller": str(fields.get("caller", "")),
        "victim": str(fields.get("victim", "")),
        "outcome": str(fields.get("outcome", "")),
        "synthetic": "yes",
    }


def write_log(rows: list[dict[str, str]], out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
